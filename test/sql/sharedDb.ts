// One database per test process: PGlite in memory, or TEST_DATABASE_URL (PostgreSQL 15 in CI).
import { openDb, type Db } from '../../server/db'

let db: Promise<Db> | null = null

export function sharedDb(): Promise<Db> {
  db ??= openDb({ databaseUrl: process.env.TEST_DATABASE_URL, dataDir: '' })
  return db
}

export async function closeSharedDb(): Promise<void> {
  if (db) await (await db).close()
  db = null
}
