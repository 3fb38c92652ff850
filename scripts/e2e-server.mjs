// `npm run test:e2e:server`: the H5 app built for the server (http transport, dev login) and served
// by the server itself (BIZMAIL_STATIC, same origin), on an embedded PGlite with the demo
// organisations; journeys in test/e2e/server/*.mjs drive several members' phones at once.
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { launchBrowser, phoneContext } from './browser.mjs'

const DIST = 'dist/h5-server'
const SHOTS = 'test/e2e/screenshots'
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'))

if (!process.argv.includes('--no-build')) {
  const build = spawnSync('npx', ['taro', 'build', '--type', 'h5'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      TARO_APP_API_TRANSPORT: 'http',
      TARO_APP_API_LOGIN: 'dev',
      TARO_APP_API_BASE: '',
      BIZMAIL_DIST: DIST,
    },
  })
  if (build.status !== 0) {
    console.error('H5 build (http transport) failed')
    process.exit(1)
  }
}
fs.mkdirSync(SHOTS, { recursive: true })

const port = await freePort()
const base = `http://127.0.0.1:${port}`
const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
  env: {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    BIZMAIL_DEV: '1',
    BIZMAIL_DATA_DIR: '',
    BIZMAIL_STATIC: DIST,
  },
  stdio: ['ignore', 'ignore', 'inherit'],
})
const stop = () => server.kill('SIGTERM')
process.on('exit', stop)
await waitForHealth(`${base}/healthz`)

const dir = 'test/e2e/server'
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.mjs'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort()
const browser = await launchBrowser()
let passed = 0
let failed = 0
for (const file of files) {
  const mod = await import(pathToFileURL(path.resolve(dir, file)).href)
  const contexts = []
  const errors = []
  // Each phone is its own browser context: its own storage, its own session with the server.
  const phone = async (colorScheme = mod.colorScheme ?? 'light') => {
    const context = await phoneContext(browser, colorScheme)
    contexts.push(context)
    const page = await context.newPage()
    page.on('pageerror', (e) => errors.push(e.message))
    page.on('console', (m) => m.type() === 'error' && console.log(`    [console] ${m.text().slice(0, 300)}`))
    return page
  }
  const shot = (page, name) => page.screenshot({ path: path.join(SHOTS, `server-${name}.png`) })
  const started = Date.now()
  try {
    await fetch(`${base}/dev/reset`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ corps: mod.corps ?? null }),
    }).catch(() => undefined)
    await mod.run({ phone, url: `${base}/`, base, shot })
    if (errors.length) throw new Error(`page errors: ${errors.join(' | ')}`)
    passed++
    console.log(`✓ ${mod.name} (${Date.now() - started} ms)`)
  } catch (e) {
    failed++
    for (const [i, c] of contexts.entries()) {
      for (const p of c.pages())
        await p.screenshot({ path: path.join(SHOTS, `server-FAILED-${i}.png`) }).catch(() => {})
    }
    console.log(
      `✗ ${mod.name}\n  ${String(e?.stack ?? e)
        .split('\n')
        .slice(0, 6)
        .join('\n  ')}`,
    )
  }
  for (const c of contexts) await c.close()
}
await browser.close()
stop()
console.log(`e2e over the server: ${passed} passed, ${failed} failed`)
process.exit(failed > 0 || passed === 0 ? 1 : 0)

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port: p } = s.address()
      s.close(() => resolve(p))
    })
  })
}

async function waitForHealth(url) {
  for (let i = 0; i < 240; i++) {
    const ok = await fetch(url)
      .then((r) => r.ok)
      .catch(() => false)
    if (ok) return
    if (server.exitCode !== null) throw new Error('the server exited before it was ready')
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error('the server did not become healthy within 2 minutes')
}
