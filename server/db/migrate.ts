// Applies server/migrations/*.sql in name order, each once. Safe with several instances starting
// together: the advisory lock is taken before any DDL (a CREATE … IF NOT EXISTS outside it races).
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { Db } from './types'

const MIGRATIONS_DIR = path.join(__dirname, '..', 'migrations')
/** any constant: every instance of this server takes the same lock */
const LOCK_KEY = 782_160_001

export interface Migration {
  name: string
  sql: string
}

export function bundledMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((name) => ({ name, sql: readFileSync(path.join(dir, name), 'utf8') }))
}

/** the names applied by this call (empty when the database was current) */
export async function migrate(db: Db, migrations = bundledMigrations()): Promise<string[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY])
    await tx.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    )
    const done = new Set(
      (await tx.query<{ name: string }>('SELECT name FROM schema_migrations')).rows.map((r) => r.name),
    )
    const applied: string[] = []
    for (const m of migrations) {
      if (done.has(m.name)) continue
      await tx.exec(m.sql)
      await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [m.name])
      applied.push(m.name)
    }
    return applied
  })
}
