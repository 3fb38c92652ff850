// DATABASE_URL → PostgreSQL; otherwise embedded PGlite in BIZMAIL_DATA_DIR (memory when '').
import { openPglite } from './pglite'
import { openPostgres } from './postgres'
import type { Db } from './types'

export type { Db, Queryable } from './types'

export function openDb(options: { databaseUrl?: string; dataDir?: string }): Promise<Db> {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openPglite(options.dataDir || undefined)
}
