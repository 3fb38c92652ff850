// Browser benchmark: H5 cold start on a throttled phone (4G: 9 Mbit/s down, 1.5 up, 170 ms RTT;
// CPU 4× slower), nothing cached. First paint (the browser's first contentful paint), app paint (the
// first page's own content, after the scripts ran) and first mail list (a message row on screen), as
// served by `npm start` (compressed, boot skeleton) against the same build sent uncompressed and
// without the skeleton (serve()'s flags) — both in this run, so the ratio compares like with like.
// Also counts the JavaScript transferred before the list shows.
// Run: npm run bench -- coldstart   (builds H5 first if dist/h5 is missing); ROUNDS=… for more.
import { chromium } from 'playwright-core'
import { serve } from '../scripts/serve.mjs'

const ROUNDS = Number(process.env.ROUNDS ?? 5)
const dist = process.env.BIZMAIL_DIST || 'dist/h5'
const PROFILE = { latency: 170, downloadThroughput: (9e6 / 8) | 0, uploadThroughput: (1.5e6 / 8) | 0 }
const CPU_SLOWDOWN = 4

const variants = {
  before: await serve(dist, 0, '127.0.0.1', { compress: false, skeleton: false }),
  after: await serve(dist, 0, '127.0.0.1', { compress: true, skeleton: true }),
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
})

/** one cold load: a fresh context (empty storage and cache), throttled before the first request */
async function load(url) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' })
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
  await cdp.send('Network.emulateNetworkConditions', { offline: false, ...PROFILE })
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN })
  let jsBytes = 0
  let jsFiles = 0
  cdp.on('Network.loadingFinished', (e) => {
    const r = requests.get(e.requestId)
    if (r && r.endsWith('.js')) {
      jsBytes += e.encodedDataLength
      jsFiles++
    }
  })
  const requests = new Map()
  cdp.on('Network.requestWillBeSent', (e) => requests.set(e.requestId, new URL(e.request.url).pathname))
  // Marks taken inside the page, on its own clock (ms since navigation start).
  await page.addInitScript(() => {
    const marks = (window.__coldstart = {})
    const check = () => {
      if (!marks.app && document.querySelector('#app .taro_page > *')) marks.app = performance.now()
      if (!marks.list && document.querySelector('[data-testid="message-row"]')) marks.list = performance.now()
      if (!marks.skeletonGone && marks.app && !document.getElementById('boot-skeleton'))
        marks.skeletonGone = performance.now()
      return marks.app && marks.list
    }
    new MutationObserver(check).observe(document, { childList: true, subtree: true })
  })
  await page.goto(url)
  await page.waitForFunction(() => window.__coldstart.list !== undefined, null, { timeout: 120_000 })
  const m = await page.evaluate(() => ({
    ...window.__coldstart,
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
  }))
  await context.close()
  return { ...m, jsBytes, jsFiles }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const results = { before: [], after: [] }
for (let i = 0; i < ROUNDS; i++) {
  // alternate, so drift on a shared machine hits both alike
  for (const name of i % 2 ? ['after', 'before'] : ['before', 'after'])
    results[name].push(await load(variants[name].url))
}
await browser.close()
for (const v of Object.values(variants)) v.server.close()

const row = (name) => {
  const r = results[name]
  const f = (k) => median(r.map((x) => x[k]))
  return {
    fcp: f('fcp'),
    app: f('app'),
    list: f('list'),
    kb: f('jsBytes') / 1024,
    files: f('jsFiles'),
  }
}
const b = row('before')
const a = row('after')
const ms = (x) => `${x.toFixed(0).padStart(6)} ms`
console.log(
  `H5 cold start, 4G (9 / 1.5 Mbit/s, 170 ms RTT) + CPU ${CPU_SLOWDOWN}× slower, median of ${ROUNDS} (${dist})`,
)
console.log('                      before            after         after / before')
console.log('                      (uncompressed,    (br / gzip,')
console.log('                      no skeleton)      skeleton)')
console.log(`  first paint        ${ms(b.fcp)}       ${ms(a.fcp)}       ${(a.fcp / b.fcp).toFixed(2)}×`)
console.log(`  app on screen      ${ms(b.app)}       ${ms(a.app)}       ${(a.app / b.app).toFixed(2)}×`)
console.log(`  first mail list    ${ms(b.list)}       ${ms(a.list)}       ${(a.list / b.list).toFixed(2)}×`)
console.log(
  `  JS transferred     ${b.kb.toFixed(0).padStart(6)} KB       ${a.kb.toFixed(0).padStart(6)} KB       ${(a.kb / b.kb).toFixed(2)}×   (${a.files} files)`,
)
