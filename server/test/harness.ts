// One database per test file (PGlite in memory, or TEST_DATABASE_URL's PostgreSQL with a fresh
// schema) and an app built on it, as main.ts builds it.
import { after, before } from 'node:test'
import type { CorpSetup } from '../../src/api/contract'
import { SMTP_CORP } from '../../test/kit/mail'
import { buildApp } from '../app'
import { Sessions } from '../auth/sessions'
import { dbTokenCache } from '../auth/tokenCache'
import { WecomClient } from '../auth/wecom'
import { createClock } from '../clock'
import { sqlCore } from '../core'
import { openDb, type Db, type Queryable } from '../db'
import { migrate } from '../db/migrate'
import { openPglite } from '../db/pglite'
import { openPostgres } from '../db/postgres'
import { sqlPort } from '../store/sqlPort'

// the corp on its own domain (test.com) the core's SMTP tests use too
export const CORP: CorpSetup = SMTP_CORP

/** this file's migrated database, handed to `take` before its tests and closed after them */
export function withMigratedDb(take: (db: Db) => void): void {
  let db: Db | undefined
  before(async () => {
    db = await testDb()
    await migrate(db)
    take(db)
  })
  after(async () => {
    await db?.close()
  })
}

/**
 * A data-access port over a transaction of the test's own: `make` gets the open call's
 * transaction (null outside one), `inCall` runs fn as one call.
 */
export function portInCall<P>(db: () => Db, make: (callTx: () => Queryable | null) => P) {
  let open: Queryable | null = null
  return {
    port: make(() => open),
    inCall: <T>(fn: () => Promise<T>): Promise<T> =>
      db().transaction(async (tx) => {
        open = tx
        try {
          return await fn()
        } finally {
          open = null
        }
      }),
  }
}

/** the SQL port whose next commit fails after `failNext()` (the call is undone, as on a lost disk) */
export function failingOnce(db: Db) {
  const port = sqlPort(db)
  let fail = false
  const failing = {
    ...port,
    commit: async (state: Parameters<typeof port.commit>[0]) => {
      if (fail) {
        fail = false
        await port.abort()
        throw new Error('disk full')
      }
      return port.commit(state)
    },
  } as typeof port
  return { port: failing, failNext: () => void (fail = true) }
}

export async function testDb(): Promise<Db> {
  const url = process.env.TEST_DATABASE_URL
  if (!url) return openPglite()
  const db = await openPostgres(url)
  await db.exec('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;')
  return db
}

export async function testApp(
  db: Db,
  options: { dev?: boolean; wecomBase?: string; corps?: CorpSetup[] } = {},
) {
  await migrate(db)
  await db.exec('TRUNCATE sessions, login_attempts, wecom_tokens')
  const clock = createClock()
  const core = await sqlCore(db, options.corps ?? [CORP], clock.now, { fresh: true })
  const wecom = options.wecomBase
    ? new WecomClient({
        base: options.wecomBase,
        corpid: 'wwtest',
        secret: 's3cret',
        now: clock.now,
        cache: dbTokenCache(db),
      })
    : null
  const app = buildApp({
    db,
    core,
    sessions: new Sessions(db, clock.now),
    wecom,
    clock,
    dev: options.dev ?? false,
  })
  app.addHook('onClose', () => core.close())
  await app.ready()
  return { app, clock, core }
}

export { openDb }
