// Mail search (issue 17): 搜索 on the mail list opens the search page with the field focused;
// typing shows results as they come (debounced), the matches highlighted in subject and snippet;
// nothing found says so; the business mailbox in use is searched (a rule folder named on its
// rows); a result opens the read page. Light and dark, with contrast and tap-target audits.
import assert from 'node:assert/strict'
import { auditSchemes, settle, shotSchemes, visible } from '../audit.mjs'

export const name = '邮件搜索：输入即搜、匹配高亮、无结果、业务邮箱内搜索、打开结果（浅色与深色）'

const audit = auditSchemes
const shots = (page, shot, label) => shotSchemes(page, shot, `search-${label}`)

export async function run({ page, url, shot }) {
  const failures = []
  await page.goto(url)
  await visible(page.getByText('zhangsan@xinghe.com')).waitFor()
  await visible(page.getByTestId('message-row')).waitFor()

  // 搜索 in the list header opens the page, the field focused.
  await visible(page.getByTestId('mail-search')).click()
  const input = visible(page.getByTestId('search-input')).locator('input')
  await input.waitFor()
  await visible(page.getByText('中搜索发件人、收件人、主题和正文', { exact: false })).waitFor()
  await page.waitForFunction(() => document.activeElement?.closest('[data-testid="search-input"]'))
  await settle(page)
  await shots(page, shot, 'open')
  await audit(page, 'open', failures)

  // Typed as a person types: results appear without pressing anything, matches highlighted.
  await input.pressSequentially('例会', { delay: 60 })
  const rows = page.getByTestId('search-row')
  await visible(rows).waitFor()
  await visible(rows.filter({ hasText: '本周销售例会安排' })).waitFor()
  const marks = await page.locator('[data-testid="search-hit"]').allTextContents()
  assert.ok(marks.length >= 2, `matches are highlighted: ${JSON.stringify(marks)}`)
  assert.ok(
    marks.every((m) => m === '例会'),
    `only the term is highlighted: ${JSON.stringify(marks)}`,
  )
  // the highlight is really painted (a background, not only a class)
  const bg = await page
    .locator('[data-testid="search-hit"]')
    .first()
    .evaluate((el) => getComputedStyle(el).backgroundColor)
  assert.notEqual(bg, 'rgba(0, 0, 0, 0)', 'a highlight has a background')
  // sent replies are found too, named by their folder
  await visible(rows.filter({ hasText: '已发送' })).waitFor()
  await settle(page)
  await shots(page, shot, 'results')
  await audit(page, 'results', failures)

  // Nothing found.
  await input.fill('火星基地')
  await visible(page.getByTestId('search-empty')).waitFor()
  assert.match(await page.getByTestId('search-empty').textContent(), /没有找到与「火星基地」相关的邮件/)
  await settle(page)
  await shots(page, shot, 'empty')

  // Back to the list, into the sales mailbox: its search finds its mail, rule folder named.
  await visible(page.getByText('取消', { exact: true })).click()
  await visible(page.getByTestId('current-mailbox')).click()
  await visible(page.getByText('销售部公共邮箱')).click()
  await visible(page.getByTestId('message-row')).waitFor()
  await visible(page.getByTestId('mail-search')).click()
  await visible(page.getByText('「销售部公共邮箱」', { exact: false })).waitFor()
  const field = visible(page.getByTestId('search-input')).locator('input')
  await field.fill('')
  await field.pressSequentially('发票', { delay: 60 })
  await visible(rows.filter({ hasText: '财务票据' })).waitFor()
  await settle(page)
  await shots(page, shot, 'business')
  await audit(page, 'business', failures)

  // A result opens the read page.
  const first = visible(rows)
  const subject = (await first.locator('.search-row__subject').textContent()).trim()
  await first.click()
  await visible(page.locator('.read-page__subject').filter({ hasText: subject })).waitFor()
  await settle(page)
  await shots(page, shot, 'opened')

  if (failures.length) console.log(`    ${failures.join('\n    ')}`)
  assert.equal(failures.length, 0, `audits:\n${failures.join('\n')}`)
}
