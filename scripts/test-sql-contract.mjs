// `npm run test:contract:sql`: the backend's jest suites (every test that goes through the core's
// dispatcher) again, with each backend on the server's SQL adapter: embedded PGlite, or
// TEST_DATABASE_URL (PostgreSQL 15 in CI). Jest's globals come from test/sql/jestShim.ts.
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import path from 'node:path'

const root = path.join(import.meta.dirname, '..')
// Suites that inspect the in-device storage itself (its keys, its quota, its broken writes) or
// replace a module's function, which the SQL adapter does not go through.
const NOT_SQL = ['src/api/mock/persist/', 'test/node/core/durability.test.ts', 'test/node/core/mapStorage.ts']
const DIRS = ['src/api/mock', 'test/node']

function walk(dir) {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(`${dir}/${e.name}`) : [`${dir}/${e.name}`],
  )
}
const only = process.argv.slice(2)
const files = DIRS.flatMap(walk)
  .filter((f) => f.endsWith('.test.ts'))
  .filter((f) => !NOT_SQL.some((x) => f.startsWith(x)))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort()
if (files.length === 0) {
  console.error('no suites matched')
  process.exit(1)
}
const r = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--import',
    './test/sql/setup.ts',
    '--test',
    '--test-concurrency=2',
    process.env.REPORTER ? `--test-reporter=${process.env.REPORTER}` : '--test-reporter=dot',
    ...files,
  ],
  { stdio: 'inherit', cwd: root },
)
process.exit(r.status ?? 1)
