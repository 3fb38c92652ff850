// PostgreSQL (15 or newer) through node-postgres: a pool; a transaction holds one client throughout.
import pg from 'pg'
import type { Db, Queryable } from './types'

export async function openPostgres(url: string): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: 10 })
  // An idle client's error (the server restarted) must not take the process down.
  pool.on('error', (e) => console.error(JSON.stringify({ level: 'error', msg: 'pg pool', err: e.message })))
  await pool.query('SELECT 1')
  const wrap = (c: pg.Pool | pg.PoolClient): Queryable => ({
    async query<R>(sql: string, params: unknown[] = []) {
      const r = await c.query(sql, params)
      return { rows: r.rows as R[] }
    },
    async exec(sql: string) {
      await c.query(sql)
    },
  })
  return {
    kind: 'postgres',
    query: wrap(pool).query,
    async transaction(fn) {
      const client = await pool.connect()
      try {
        await client.query('BEGIN')
        const out = await fn(wrap(client))
        await client.query('COMMIT')
        return out
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined)
        throw e
      } finally {
        client.release()
      }
    },
    exec: wrap(pool).exec,
    close: () => pool.end(),
  }
}
