// Directory: the tree with counts and breadcrumbs, pinyin-initials search with highlighting, the
// member card, writing to a colleague from it; hidden members stay hidden (the board, an auditor).
import assert from 'node:assert/strict'

export const name = '通讯录：部门树与人数、拼音首字母搜索高亮、成员名片、写信；隐藏成员不可见'

const visible = (loc) => loc.filter({ visible: true }).first()
const searchBox = (page) => visible(page.getByTestId('dir-search')).locator('input')
const resultRow = (page, userid) =>
  visible(page.locator(`[data-testid="search-results"] [data-testid="member-row"][data-userid="${userid}"]`))

async function search(page, text) {
  await searchBox(page).click()
  await searchBox(page).fill(text)
}

export async function run({ page, url, shot }) {
  await page.goto(url)
  await visible(page.getByText('zhangsan@xinghe.com')).waitFor()
  await page.locator('.taro-tabbar__tabbar').getByText('通讯录', { exact: true }).click()
  await visible(page.getByText('组织架构', { exact: true })).waitFor()

  // The tree: counts per department, the board hidden from a plain member, business mailboxes listed.
  const sales = visible(page.getByTestId('dept-row').filter({ hasText: '销售部' }))
  await sales.waitFor()
  assert.match(await sales.textContent(), /销售部\s*\d+ 人/)
  assert.equal(await page.getByTestId('dept-row').filter({ hasText: '董事会' }).count(), 0)
  await visible(page.getByText('sales@xinghe.com')).waitFor()
  await shot('directory-root')

  // Drill down: 销售部 → 华东区 → 上海组, with breadcrumbs back up.
  await sales.click()
  await visible(page.getByTestId('dept-row').filter({ hasText: '华东区' })).click()
  await visible(page.getByTestId('dept-row').filter({ hasText: '上海组' })).click()
  const crumbs = visible(page.getByTestId('breadcrumbs'))
  await crumbs.getByText('上海组').waitFor()
  assert.match(await crumbs.textContent(), /星河科技.*销售部.*华东区.*上海组/)
  await visible(page.locator('[data-testid="member-row"]')).waitFor()
  await shot('directory-department')
  await crumbs.getByText('销售部').click()
  await page.waitForFunction(() =>
    [...document.querySelectorAll('[data-testid="breadcrumbs"]')].some(
      (c) => c.getBoundingClientRect().width > 0 && /销售部$/.test(c.textContent.trim()),
    ),
  )
  await visible(page.getByTestId('breadcrumbs')).getByText('星河科技').click()
  await visible(page.getByText('组织架构', { exact: true })).waitFor()

  // Search `zs`: 张三 found by pinyin initials, the name highlighted.
  const started = await page.evaluate(() => performance.now())
  await search(page, 'zs')
  const zs = resultRow(page, 'zhangsan')
  await zs.waitFor()
  const searchMs = (await page.evaluate(() => performance.now())) - started
  console.log(`    typed "zs" → 张三 shown: ${searchMs.toFixed(0)} ms (150 ms debounce included)`)
  assert.equal((await zs.locator('[data-testid="highlight"]').allTextContents()).join(''), '张三')
  await shot('directory-search')

  // The card, then write to them from the current mailbox.
  await zs.click()
  await visible(page.getByTestId('card-name')).waitFor()
  assert.match(await visible(page.getByTestId('card-name')).textContent(), /张三/)
  assert.equal((await visible(page.getByTestId('card-status')).textContent()).trim(), '在职')
  await shot('directory-card')
  await visible(page.getByTestId('card-mail')).click()
  // compose opens with them as a recipient chip, by their directory name
  const to = visible(page.locator('[data-testid="compose-to-chip"][data-address="zhangsan@xinghe.com"]'))
  await to.waitFor({ timeout: 10000 })
  assert.match(await to.textContent(), /张三/)
  await shot('directory-compose')

  // A hidden member: 王建国 (董事会) is hidden from 张三 — not found, not on a card.
  await page.goBack()
  await page.goBack()
  // back on the tab, still searching ("zs"): the results cover the tree
  await visible(page.getByTestId('search-results')).waitFor()
  await search(page, '王建国')
  await visible(page.getByTestId('search-empty')).waitFor()
  assert.equal(await page.locator('[data-userid="wangjianguo"]').count(), 0)
  await search(page, 'wangjianguo')
  await visible(page.getByTestId('search-empty')).waitFor()
  await shot('directory-hidden')

  // An outside auditor sees nobody but themselves: no colleague in search or lists.
  await page.evaluate(() => {
    localStorage.setItem(
      'bizmail.identity',
      JSON.stringify({ data: JSON.stringify({ corpid: 'wwdemo', userid: 'auditor' }) }),
    )
  })
  await page.goto(url)
  await visible(page.getByText('auditor@xinghe.com')).waitFor()
  await page.locator('.taro-tabbar__tabbar').getByText('通讯录', { exact: true }).click()
  await visible(page.getByTestId('dir-search')).waitFor()
  await search(page, '张')
  await visible(page.getByTestId('search-empty')).waitFor()
  assert.equal(await page.locator('[data-testid="search-results"] [data-testid="member-row"]').count(), 0)
  await visible(page.getByText('取消', { exact: true })).click()
  await visible(page.getByTestId('dept-row').filter({ hasText: '财务部' })).click()
  await visible(page.locator('[data-testid="member-row"]')).waitFor()
  const rows = await page
    .locator('[data-testid="member-row"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-userid')))
  assert.ok(
    rows.every((u) => u === 'auditor'),
    `the auditor sees only themselves, got ${rows}`,
  )
  await shot('directory-auditor')
}
