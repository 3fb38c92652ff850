// Browser benchmark: a 10,000-member department in the directory, real headless Chromium on an
// already built H5 app (BIZMAIL_DIST or dist/h5; this script builds nothing).
//   1. time from tapping the department to its first member rows on screen;
//   2. DOM size while scrolled to the middle of the fully loaded list (all 10,000 rows paged in);
//   3. time for a jump to an arbitrary position to show the right rows;
// against a baseline in the same page: the same 10,000 rows as plain DOM (no virtualisation),
// cloned from the app's own row markup — a lower bound for what a non-virtual list would cost.
// Run: node bench/directory.browser.mjs   (or npm run bench -- directory)
import { chromium } from 'playwright-core'
import { serve } from '../scripts/serve.mjs'

const N = Number(process.env.MEMBERS ?? 10_000)
const dist = process.env.BIZMAIL_DIST || 'dist/h5'
const { server, url } = await serve(dist)
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
})
const page = await browser.newPage({
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
})
const errors = []
page.on('pageerror', (e) => errors.push(e.message))
page.on('crash', () => console.log('page crashed'))
page.on('console', (m) => process.env.TRACE && console.log('console:', m.text()))
const trace = (...a) => process.env.TRACE && console.log(...a)

await page.goto(url)
await page.getByText('zhangsan@xinghe.com').first().waitFor()

// Generate the department through the admin API, as an admin would (the app's own mock backend).
const gen = await page.evaluate(async (n) => {
  const { backend } = window.__bizmail
  const admin = { corpid: 'wwdemo', userid: 'zhangwei' }
  const t0 = performance.now()
  // order 0 puts it first under the root, so it is on screen without scrolling the tree
  const d = await backend.call('department/create', { name: '万人事业部', parentid: 1, order: 0 }, admin)
  if (d.errcode !== 0) throw new Error(JSON.stringify(d))
  const surnames = '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜'
  const given = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红'
  const BATCH = 200
  for (let i = 0; i < n; i += BATCH) {
    const calls = []
    for (let k = i; k < Math.min(n, i + BATCH); k++) {
      const name =
        surnames[k % surnames.length] + given[(k * 7) % given.length] + given[(k * 13) % given.length]
      calls.push(
        backend.call(
          'user/create',
          {
            userid: `bench${String(k).padStart(5, '0')}`,
            name,
            department: [d.id],
            position: ['销售代表', '工程师', '客服专员', '产品经理'][k % 4],
          },
          admin,
        ),
      )
    }
    const rs = await Promise.all(calls)
    const bad = rs.find((r) => r.errcode !== 0)
    if (bad) throw new Error(JSON.stringify(bad))
  }
  await backend.settle()
  return { id: d.id, ms: performance.now() - t0 }
}, N)
console.log(
  `generated a ${N.toLocaleString('en')}-member department in ${(gen.ms / 1000).toFixed(1)} s (admin user/create)`,
)

// Open the directory tab (the tree now has the new department), then tap it.
await page.locator('.taro-tabbar__tabbar').getByText('通讯录', { exact: true }).click()
const deptRow = page
  .getByTestId('dept-row')
  .filter({ hasText: '万人事业部' })
  .filter({ visible: true })
  .first()
await deptRow.waitFor()
const countText = (await deptRow.textContent()).replace(/\s+/g, ' ')

const firstRowsMs = await page.evaluate(
  () =>
    new Promise((resolve) => {
      const row = [...document.querySelectorAll('[data-testid="dept-row"]')].find(
        (r) => r.textContent.includes('万人事业部') && r.getBoundingClientRect().width > 0,
      )
      const t0 = performance.now()
      row.click()
      const check = () => {
        const lists = document.querySelectorAll('.dir-vlist')
        const last = lists[lists.length - 1]
        const shown = last && last.querySelector('[data-testid="member-row"][data-userid^="bench"]')
        if (shown && shown.getBoundingClientRect().width > 0) resolve(performance.now() - t0)
        else requestAnimationFrame(check)
      }
      check()
    }),
)

trace('first rows', firstRowsMs)
/** the department page's scroller (the VirtualList's ScrollView) */
const scroller = 'document.querySelectorAll(".dir-vlist")[document.querySelectorAll(".dir-vlist").length - 1]'

// Page everything in by scrolling to the end repeatedly (pages of user/list load as the list nears its end).
const load = await page.evaluate(
  async ({ n, scroller }) => {
    const el = eval(scroller)
    const t0 = performance.now()
    const frame = () => new Promise((r) => requestAnimationFrame(() => r()))
    let last = -1
    let still = 0
    while (performance.now() - t0 < 120_000) {
      el.scrollTop = el.scrollHeight
      await frame()
      await new Promise((r) => setTimeout(r, 30))
      const lastRow = [...el.querySelectorAll('[data-testid="member-row"]')].pop()
      const id = lastRow?.getAttribute('data-userid') ?? ''
      if (id === `bench${String(n - 1).padStart(5, '0')}`) break
      if (el.scrollHeight === last) still++
      else still = 0
      if (still > 100) break
      last = el.scrollHeight
    }
    return { ms: performance.now() - t0, scrollHeight: el.scrollHeight, clientHeight: el.clientHeight }
  },
  { n: N, scroller },
)

trace('loaded', load)
// Scrolled to the middle: count what is in the DOM.
const middle = await page.evaluate(
  async ({ scroller }) => {
    const el = eval(scroller)
    el.scrollTop = Math.round(el.scrollHeight / 2 - el.clientHeight / 2)
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))
    await new Promise((r) => setTimeout(r, 300))
    const rows = [...el.querySelectorAll('[data-testid="member-row"]')]
    const box = el.getBoundingClientRect()
    const onScreen = rows.filter((r) => {
      const b = r.getBoundingClientRect()
      return b.bottom > box.top && b.top < box.bottom
    })
    return {
      nodes: document.querySelectorAll('*').length,
      listNodes: el.querySelectorAll('*').length,
      rows: rows.length,
      onScreen: onScreen.length,
      firstShown: onScreen[0]?.getAttribute('data-userid'),
      rowHeight: rows[0]?.getBoundingClientRect().height ?? 0,
    }
  },
  { scroller },
)

trace('middle', middle)
// Jumps: scroll to arbitrary offsets, time until the member expected there is rendered.
const jumps = await page.evaluate(
  async ({ scroller, n }) => {
    const el = eval(scroller)
    const anchor = el.querySelector('[data-testid="member-row"][data-userid^="bench"]')
    const rowH = anchor.getBoundingClientRect().height
    let wrapper = anchor.parentElement // up to the VirtualList item wrapper (absolutely positioned)
    while (wrapper && !wrapper.style.top) wrapper = wrapper.parentElement
    const idx = Number(anchor.getAttribute('data-userid').slice(5))
    const base = parseFloat(wrapper.style.top) - idx * rowH // offset of bench00000
    const out = []
    for (let j = 0; j < 20; j++) {
      const i = Math.floor(((j * 7919) % 97) * (n / 97))
      const want = `bench${String(i).padStart(5, '0')}`
      const t0 = performance.now()
      el.scrollTop = base + i * rowH
      await new Promise((resolve) => {
        const check = () => {
          const row = el.querySelector(`[data-userid="${want}"]`)
          if (row) resolve()
          else requestAnimationFrame(check)
        }
        check()
      })
      out.push(performance.now() - t0)
    }
    return out
  },
  { scroller, n: N },
)

// Baseline: the same N rows as plain DOM, cloned from the app's rendered row, in the same page.
const baseline = await page.evaluate(
  async ({ n, scroller }) => {
    const el = eval(scroller)
    let sample = el.querySelector('[data-testid="member-row"]') // up to the item wrapper
    while (sample && !sample.style.top) sample = sample.parentElement
    const before = document.querySelectorAll('*').length
    const t0 = performance.now()
    const host = document.createElement('div')
    host.style.cssText = 'position:fixed;left:0;top:0;width:390px;height:600px;overflow:auto;z-index:-1'
    const inner = document.createElement('div')
    for (let i = 0; i < n; i++) {
      const row = sample.cloneNode(true)
      row.style.cssText = 'position:static;height:' + sample.style.height
      inner.appendChild(row)
    }
    host.appendChild(inner)
    document.body.appendChild(host)
    host.scrollTop = inner.scrollHeight / 2
    void host.getBoundingClientRect().height // force style + layout
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))
    const ms = performance.now() - t0
    const after = document.querySelectorAll('*').length
    host.remove()
    return { ms, nodes: after, added: after - before, perRow: sample.querySelectorAll('*').length + 1 }
  },
  { n: N, scroller },
)

await browser.close()
server.close()

const pct = (xs, p) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]
console.log(`department row shows: "${countText}"`)
console.log(
  `tap department → first member rows rendered: ${firstRowsMs.toFixed(0)} ms (first page of 100 via user/list)`,
)
console.log(
  `paging in all ${N.toLocaleString('en')} rows by scrolling to the end: ${(load.ms / 1000).toFixed(1)} s`,
)
console.log(`scrolled to the middle (first row on screen ${middle.firstShown}):`)
console.log(`  document nodes: ${middle.nodes}   list nodes: ${middle.listNodes}`)
console.log(
  `  member rows in the DOM: ${middle.rows} (${middle.onScreen} on screen), row height ${middle.rowHeight.toFixed(1)} px`,
)
console.log(
  `jump to an arbitrary row → rendered: p50 ${pct(jumps, 50).toFixed(1)} ms, p95 ${pct(jumps, 95).toFixed(1)} ms`,
)
console.log(
  `baseline, same ${N.toLocaleString('en')} rows without virtualisation (plain DOM clones of the app's row):`,
)
console.log(
  `  document nodes: ${baseline.nodes} (+${baseline.added}, ${baseline.perRow} per row), build + layout ${baseline.ms.toFixed(0)} ms`,
)
console.log(
  `virtual / plain: ${(middle.nodes / baseline.nodes).toFixed(3)} of the document nodes, ${middle.rows} vs ${N} rows`,
)
if (errors.length) {
  console.log(`page errors: ${errors.join(' | ')}`)
  process.exitCode = 1
}
