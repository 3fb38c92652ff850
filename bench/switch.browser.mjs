// Browser benchmark: tap a mailbox in the switcher → its list rendered, in real headless Chromium on
// the H5 build with zero backend latency. Cold = first visit after a reload (nothing cached);
// warm = switching back to a mailbox visited before (rendered from cache, refreshed behind).
// Run: npm run bench -- switch   (builds H5 first if dist/h5 is missing)
import { chromium } from 'playwright-core'
import { serve } from '../scripts/serve.mjs'

const ROUNDS = Number(process.env.ROUNDS ?? 15)
const dist = process.env.BIZMAIL_DIST || 'dist/h5'
const { server, url } = await serve(dist)
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
})
const page = await browser.newPage({ viewport: { width: 390, height: 844 } })

/** open the switcher, tap `id`, resolve when a row of `subject` is rendered under that mailbox */
async function tapAndWait(id, email, subject) {
  await page.getByTestId('current-mailbox').filter({ visible: true }).click()
  await page.getByTestId(`mailbox-${id}`).waitFor()
  return page.evaluate(
    ({ id, email, subject }) =>
      new Promise((resolve) => {
        const target = document.querySelector(`[data-testid="mailbox-${id}"]`)
        const t0 = performance.now()
        target.click()
        const done = () => {
          const header = [...document.querySelectorAll('[data-testid="current-mailbox"]')].some((h) =>
            h.textContent.includes(email),
          )
          const row = [...document.querySelectorAll('[data-testid="message-row"]')].some((r) =>
            r.textContent.includes(subject),
          )
          if (header && row) resolve(performance.now() - t0)
          else requestAnimationFrame(done)
        }
        done()
      }),
    { id, email, subject },
  )
}

const pct = (xs, p) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]

await page.goto(url)
await page.getByText('zhangsan@xinghe.com').first().waitFor()
const boxes = await page.evaluate(async () => {
  const me = { corpid: 'wwdemo', userid: 'zhangsan' }
  const { backend } = window.__bizmail
  const list = (await backend.call('mail/mailbox/list', {}, me)).mailboxes
  const out = []
  for (const m of list) {
    const items = (await backend.call('mail/message/list', { mailbox: m.id, folder: 'inbox', limit: 1 }, me))
      .items
    if (items.length) out.push({ id: String(m.id), email: m.email, subject: items[0].subject })
  }
  return out
})
const [home, biz] = [boxes.find((b) => b.id === 'personal'), boxes.find((b) => b.id !== 'personal')]

const cold = []
const warm = []
for (let i = 0; i < ROUNDS; i++) {
  await page.reload()
  await page.getByText(home.subject).first().waitFor()
  cold.push(await tapAndWait(biz.id, biz.email, biz.subject))
  await tapAndWait(home.id, home.email, home.subject)
  warm.push(await tapAndWait(biz.id, biz.email, biz.subject))
  await tapAndWait(home.id, home.email, home.subject) // the remembered mailbox is personal again
}
await browser.close()
server.close()

const fmt = (xs) => `p50 ${pct(xs, 50).toFixed(1)} ms, p95 ${pct(xs, 95).toFixed(1)} ms`
console.log(`mailbox switch → list rendered (${ROUNDS} rounds, 0 ms backend latency)`)
console.log(`  cold (first visit, nothing cached): ${fmt(cold)}`)
console.log(`  warm (rendered from cache):         ${fmt(warm)}`)
console.log(`  cold / warm p50 ratio: ${(pct(cold, 50) / pct(warm, 50)).toFixed(2)}×   target: ≤ 100 ms`)
