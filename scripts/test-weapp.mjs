// `npm run test:weapp`: the real weapp build (BIZMAIL_DIST or dist/weapp) in a model of WeChat's
// logic layer, driven through journeys (test/weapp/*.test.mjs, node's test runner). Builds the weapp
// only when the folder is absent. Extra arguments are name filters for the test files.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const dist = process.env.BIZMAIL_DIST || 'dist/weapp'
if (!fs.existsSync(path.join(dist, 'app.json'))) {
  console.log(`no weapp build at ${dist}: building it (taro build --type weapp)`)
  const build = spawnSync('npx', ['taro', 'build', '--type', 'weapp'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production', BIZMAIL_DIST: dist },
  })
  if (build.status !== 0) {
    console.error('weapp build failed')
    process.exit(1)
  }
}

const only = process.argv.slice(2).filter((a) => !a.startsWith('--'))
const dir = 'test/weapp'
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.test.mjs'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort()
  .map((f) => path.join(dir, f))

// One file at a time: the machine is small and each file boots the app several times.
const run = spawnSync(
  process.execPath,
  ['--test', '--test-concurrency=1', '--test-reporter=spec', ...files],
  {
    stdio: 'inherit',
    env: { ...process.env, BIZMAIL_DIST: dist },
  },
)
process.exit(run.status ?? 1)
