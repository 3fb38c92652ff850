// `npm run test:e2e`: build H5, serve it, drive real headless Chromium through every journey.
// Journeys live in test/e2e/journeys/*.mjs and export `name` and `run({ page, url, shot })`.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { launchBrowser, phoneContext } from './browser.mjs'
import { serve } from './serve.mjs'

const SHOTS = 'test/e2e/screenshots'
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'))

if (!process.argv.includes('--no-build')) {
  const build = spawnSync('npx', ['taro', 'build', '--type', 'h5'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  })
  if (build.status !== 0) {
    console.error('H5 build failed')
    process.exit(1)
  }
}
fs.mkdirSync(SHOTS, { recursive: true })

const dir = 'test/e2e/journeys'
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.mjs'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort()

const { server, url } = await serve(process.env.BIZMAIL_DIST || 'dist/h5')
const browser = await launchBrowser()

let passed = 0
let failed = 0
for (const file of files) {
  const mod = await import(pathToFileURL(path.resolve(dir, file)).href)
  // A fresh context per journey: empty storage, so the demo data is seeded anew.
  const context = await phoneContext(browser, mod.colorScheme ?? 'light')
  const page = await context.newPage()
  const errors = []
  page.on('pageerror', (e) => errors.push(e.message))
  const shot = (name) => page.screenshot({ path: path.join(SHOTS, `${name}.png`) })
  const started = Date.now()
  try {
    await mod.run({ page, url, shot, context })
    if (errors.length) throw new Error(`page errors: ${errors.join(' | ')}`)
    passed++
    console.log(`✓ ${mod.name} (${Date.now() - started} ms)`)
  } catch (e) {
    failed++
    console.log(
      `✗ ${mod.name}\n  ${String(e?.stack ?? e)
        .split('\n')
        .slice(0, 6)
        .join('\n  ')}`,
    )
    await shot(`FAILED-${path.basename(file, '.mjs')}`).catch(() => {})
  }
  await context.close()
}
await browser.close()
server.close()
console.log(`e2e: ${passed} passed, ${failed} failed`)
process.exit(failed > 0 || passed === 0 ? 1 : 0)
