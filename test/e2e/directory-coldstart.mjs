// Shared by journeys 13 (light) and 13-dark: cold start (compressed assets, the skeleton until the
// app mounts, admin and settings code not loaded), directory search with sections, true count and
// paging, the admin picker's A–Z order and tag members, the visibility preview's tree, and the mail
// folder reset on a mailbox or identity switch.
import assert from 'node:assert/strict'
import { contrastOffenders, describe, tapOffenders } from './audit.mjs'

const visible = (loc) => loc.filter({ visible: true }).first()
const searchBox = (page) => visible(page.getByTestId('dir-search')).locator('input')

export async function coldStartAndDirectory({ page, url, shot: save }, suffix) {
  // every view shot here also passes the contrast (WCAG AA) and 44×44 px tap-target audits
  const shot = async (name) => {
    await save(name)
    const dim = await contrastOffenders(page)
    assert.equal(dim.length, 0, `${name}: text under WCAG AA contrast:\n${describe(dim)}`)
    const small = await tapOffenders(page)
    assert.equal(small.length, 0, `${name}: tap targets under 44×44 px:\n${describe(small)}`)
  }
  // ---- cold start -------------------------------------------------------------------------
  const js = []
  page.on('response', async (r) => {
    const path = new URL(r.url()).pathname
    if (path.endsWith('.js')) js.push({ path, encoding: (await r.allHeaders())['content-encoding'] ?? '' })
  })
  // the skeleton's colours, read the moment the parser puts it in the page (it may be gone soon after)
  await page.addInitScript(() => {
    const seen = new MutationObserver(() => {
      const el = document.getElementById('boot-skeleton')
      if (!el || window.__skeleton) return
      window.__skeleton = { bg: getComputedStyle(el).backgroundColor, at: performance.now() }
      seen.disconnect()
    })
    seen.observe(document, { childList: true, subtree: true })
  })
  await page.goto(url)
  await visible(page.getByText('zhangsan@xinghe.com')).waitFor()
  assert.equal(await page.locator('#boot-skeleton').count(), 0, 'the skeleton is gone once the app shows')
  const skeleton = await page.evaluate(() => window.__skeleton)
  assert.ok(skeleton, 'the skeleton was on the page first')
  const skeletonBg = skeleton.bg
  const pageBg = await page.evaluate(() => {
    const el = [...document.querySelectorAll('.page')].find((e) => e.offsetParent !== null)
    return getComputedStyle(el).backgroundColor
  })
  // same background as the page that replaces it: no flash between them
  assert.equal(skeletonBg, pageBg)
  await page.waitForLoadState('networkidle')
  assert.ok(js.length > 0)
  for (const f of js)
    assert.match(f.encoding, /^(br|gzip)$/, `${f.path} sent ${f.encoding || 'uncompressed'}`)
  const firstLoad = js.map((f) => f.path)
  console.log(`    first load: ${firstLoad.length} JS files, all ${[...new Set(js.map((f) => f.encoding))]}`)

  // ---- the open folder does not follow a mailbox switch -----------------------------------
  await visible(page.locator('.mail-page__folder').filter({ hasText: '已发送' })).click()
  await visible(page.locator('.mail-page__folder--on').filter({ hasText: '已发送' })).waitFor()
  await visible(page.getByTestId('current-mailbox')).click()
  await visible(page.getByText('销售部公共邮箱').last()).click()
  await visible(page.locator('.mail-page__folder--on').filter({ hasText: '收件箱' })).waitFor()

  // ---- directory search: sections, true count, paging --------------------------------------
  await page.locator('.taro-tabbar__tabbar').getByText('通讯录', { exact: true }).click()
  await visible(page.getByText('组织架构', { exact: true })).waitFor()
  await searchBox(page).click()
  await searchBox(page).fill('sales')
  const box = visible(page.getByTestId('search-mailbox'))
  await box.waitFor()
  assert.match(await box.textContent(), /销售部公共邮箱.*sales@xinghe\.com/)
  await shot(`directory-search-mailbox${suffix}`)
  await searchBox(page).fill('xiaoshou')
  await visible(page.getByTestId('search-department').filter({ hasText: '销售部' })).waitFor()
  await searchBox(page).fill('销售')
  const count = visible(page.getByTestId('search-member-count'))
  await count.waitFor()
  const total = await page.evaluate(
    async () =>
      (
        await window.__bizmail.backend.call(
          'user/search',
          { query: '销售', limit: 100 },
          { corpid: 'wwdemo', userid: 'zhangsan' },
        )
      ).total,
  )
  assert.ok(total > 50, `the demo has more than a page of 销售 (${total})`)
  assert.equal((await count.textContent()).trim(), `成员（${total}）`)
  await shot(`directory-search-sections${suffix}`)
  const rows = page.locator('[data-testid="search-results"] [data-testid="member-row"]')
  const before = await rows.count()
  assert.ok(before < total)
  // scroll to the end: the next page comes in
  await visible(page.getByTestId('search-foot')).scrollIntoViewIfNeeded()
  await page.waitForFunction(
    (n) =>
      document.querySelectorAll('[data-testid="search-results"] [data-testid="member-row"]').length === n,
    total,
  )
  await visible(page.getByTestId('search-foot').filter({ hasText: `共 ${total} 位成员` })).waitFor()
  await shot(`directory-search-paged${suffix}`)

  // ---- admin: the picker in 拼音 order, tags with their members; the preview's tree ---------
  await page.locator('.taro-tabbar__tabbar').getByText('我', { exact: true }).click()
  await page.locator('[data-testid="identity-wwdemo-lina"]').click()
  // another identity: its mail opens at the inbox
  await page.locator('.taro-tabbar__tabbar').getByText('邮件', { exact: true }).click()
  await visible(page.locator('.mail-page__folder--on').filter({ hasText: '收件箱' })).waitFor()
  await page.locator('.taro-tabbar__tabbar').getByText('我', { exact: true }).click()
  await visible(page.getByText('管理后台')).click()
  await visible(page.getByText('通讯录查看权限', { exact: true })).click()
  await visible(page.getByText('新建规则')).click()
  await visible(page.getByTestId('rule-range')).click()
  await visible(page.getByTestId('picker-letters')).waitFor()
  const letters = await page
    .getByTestId('picker-letters')
    .filter({ visible: true })
    .locator('span, taro-text-core, [data-testid^="picker-letter-"]')
    .allTextContents()
  const shown = letters.map((l) => l.trim()).filter((l) => /^[A-Z#]$/.test(l))
  assert.deepEqual([...shown].sort(), shown, 'letters in order')
  const firstRow = visible(page.locator('[data-testid^="pick-user-"]'))
  assert.notEqual(await firstRow.getAttribute('data-testid'), 'pick-user-auditor')
  await shot(`admin-picker-az${suffix}`)
  await visible(page.getByTestId('picker-letter-W')).click()
  await visible(page.getByTestId('pick-user-auditor')).waitFor()
  await visible(page.getByTestId('picker-tab-tag')).click()
  const tag = visible(page.locator('[data-testid^="pick-tag-"]').filter({ hasText: '客服' }))
  await tag.waitFor()
  await page.waitForFunction(() =>
    [...document.querySelectorAll('[data-testid="tag-members"]')].every(
      (e) => !e.textContent.includes('正在读取'),
    ),
  )
  assert.match(await tag.textContent(), /客服.*(、|人)/)
  await shot(`admin-picker-tags${suffix}`)
  await page.goBack()
  await page.goBack()
  await visible(page.getByTestId('preview-as')).click()
  await visible(page.getByTestId('preview-search')).locator('input').fill('张三')
  await visible(page.getByTestId('preview-as-zhangsan')).click()
  await visible(page.getByTestId('preview-tree')).waitFor()
  const depth = (name) =>
    visible(page.getByTestId('preview-dept').filter({ hasText: name })).getAttribute('data-depth')
  assert.equal(await depth('星河科技'), '0')
  assert.equal(await depth('销售部'), '1')
  assert.equal(await depth('上海组'), '3')
  assert.equal(await page.getByTestId('preview-dept').filter({ hasText: '董事会' }).count(), 0)
  await shot(`admin-preview-tree${suffix}`)
  // admin code came when an admin page opened, not with the first load
  const adminNow = js.map((f) => f.path).filter((p) => !firstLoad.includes(p))
  assert.ok(adminNow.length > 0, 'the admin pages loaded their own code')
}
