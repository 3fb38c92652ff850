// Embedded PostgreSQL (PGlite, a PostgreSQL 18 build in WASM) in a data folder: `npm run server`
// needs no set-up. PGlite is one session; its transaction() queues other queries behind it.
import { mkdirSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import type { Db, Queryable } from './types'

export async function openPglite(dataDir?: string): Promise<Db> {
  if (dataDir) mkdirSync(dataDir, { recursive: true })
  const pg = dataDir ? new PGlite(dataDir) : new PGlite()
  await pg.waitReady
  const wrap = (q: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    async query<R>(sql: string, params: unknown[] = []) {
      const r = await q.query<R>(sql, params)
      return { rows: r.rows }
    },
    async exec(sql: string) {
      await q.exec(sql)
    },
  })
  const base = wrap(pg)
  return {
    kind: 'pglite',
    query: base.query,
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    exec: base.exec,
    close: () => pg.close(),
  }
}
