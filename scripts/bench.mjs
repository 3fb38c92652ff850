// `npm run bench`: runs every bench/*.bench.ts in plain Node (via tsx) and prints their figures.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'

const only = process.argv.slice(2)
const files = fs
  .readdirSync('bench')
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort()
let failed = 0
for (const f of files) {
  console.log(`\n### ${f}`)
  const r = spawnSync('npx', ['tsx', `bench/${f}`], { stdio: 'inherit' })
  if (r.status !== 0) failed++
}
process.exit(failed ? 1 : 0)
