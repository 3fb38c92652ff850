// `npm run bench [name…]`: runs bench/*.bench.ts in plain Node (via tsx) and bench/*.browser.mjs in
// headless Chromium against the H5 build (built first when missing), printing their figures.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'

const only = process.argv.slice(2)
const files = fs
  .readdirSync('bench')
  .filter((f) => f.endsWith('.bench.ts') || f.endsWith('.browser.mjs'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort()
const dist = process.env.BIZMAIL_DIST || 'dist/h5'
let failed = 0
for (const f of files) {
  console.log(`\n### ${f}`)
  if (f.endsWith('.browser.mjs') && !fs.existsSync(`${dist}/index.html`)) {
    const b = spawnSync('npx', ['taro', 'build', '--type', 'h5'], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, NODE_ENV: 'production' },
    })
    if (b.status !== 0) process.exit(1)
  }
  const cmd = f.endsWith('.bench.ts') ? ['tsx', `bench/${f}`] : ['node', `bench/${f}`]
  const r = spawnSync('npx', cmd, { stdio: 'inherit' })
  if (r.status !== 0) failed++
}
process.exit(failed ? 1 : 0)
