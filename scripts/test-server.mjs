// `npm run test:server`: the server suites (server/test/*.test.ts) in Node's test runner through
// tsx (PGlite and light-my-request are ES modules, which jest's module system cannot load).
// TEST_DATABASE_URL=postgres://… runs them on that PostgreSQL instead of an in-memory PGlite.
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import path from 'node:path'

const dir = path.join(import.meta.dirname, '..', 'server', 'test')
const only = process.argv.slice(2)
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.test.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .map((f) => path.join(dir, f))
if (files.length === 0) {
  console.error('no server test files matched')
  process.exit(1)
}
// One file at a time: each opens its own database, and the machine has two cores.
const r = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...files],
  {
    stdio: 'inherit',
  },
)
process.exit(r.status ?? 1)
