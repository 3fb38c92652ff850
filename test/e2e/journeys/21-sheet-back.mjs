// Back closes an open sheet before it leaves the page (issue 17): the folder drawer and the mailbox
// switcher on the mail list, the people and person sheets on a mail. The browser's back closes the
// sheet; the page and its URL stay, not re-mounted (a mark on its DOM survives); after a sheet
// closed by 关闭 / a choice the next back leaves the page, exactly once. A sheet closed as the app
// navigates on (写邮件) leaves no extra back on the way home. Light and dark.
import assert from 'node:assert/strict'
import { shotSchemes, visible } from '../audit.mjs'

export const name =
  '返回键先关闭抽屉：文件夹、切换邮箱、收件人与联系人卡片，页面不重载，下一次返回才离开（浅色与深色）'

const settle = (page) => page.waitForTimeout(400)

/** marks the shown page's DOM: a re-mounted page would lose the mark */
const mark = (page, selector) =>
  page.evaluate((s) => {
    const el = [...document.querySelectorAll(s)].find((e) => e.offsetParent !== null)
    el.dataset.sheetBack = 'kept'
  }, selector)
const marked = (page, selector) =>
  page.evaluate(
    (s) =>
      [...document.querySelectorAll(s)].some(
        (e) => e.dataset.sheetBack === 'kept' && e.offsetParent !== null,
      ),
    selector,
  )

async function shots(page, shot, key) {
  await settle(page)
  await shotSchemes(page, shot, `sheet-back-${key}`, 400)
}

/** the browser's back with `sheet` open: the sheet goes, the page (same URL, same DOM) stays */
async function backCloses(page, sheet, pageSelector) {
  const before = page.url()
  await page.goBack({ waitUntil: 'commit' }).catch(() => {})
  await sheet.waitFor({ state: 'detached' })
  await settle(page)
  assert.equal(page.url(), before, 'the URL stays')
  assert.equal(await marked(page, pageSelector), true, 'the page was not re-mounted')
}

export async function run({ page, url, shot }) {
  await page.goto(url)
  await visible(page.getByTestId('message-row')).waitFor()
  const list = '.mail-page'
  await mark(page, list)

  // the folder drawer
  await visible(page.getByTestId('folder-button')).click()
  const folders = page.locator('.folder-sheet')
  await visible(folders).waitFor()
  await shots(page, shot, 'folders')
  await backCloses(page, folders, list)
  await shots(page, shot, 'folders-closed')

  // the mailbox switcher: back closes it, and so does 取消, leaving no entry behind
  await visible(page.locator('.mail-page__header')).click()
  const switcher = page.locator('.switcher')
  await visible(switcher).waitFor()
  await shots(page, shot, 'switcher')
  await backCloses(page, switcher, list)
  await visible(page.locator('.mail-page__header')).click()
  await visible(switcher.getByText('取消', { exact: true })).click()
  await switcher.waitFor({ state: 'detached' })
  await settle(page)
  assert.equal(
    await page.evaluate(() => '__bizmailSheet' in (history.state ?? {})),
    false,
    '取消 took its entry away',
  )

  // a mail: the people sheet, then a person from it (one sheet replacing another)
  await visible(page.getByTestId('message-row')).click()
  await page.waitForURL(/mail\/pages\/read/)
  const read = '.read-page'
  await visible(page.getByTestId('read-recipients')).waitFor()
  await mark(page, read)
  const readUrl = page.url()
  await visible(page.getByTestId('read-recipients')).click()
  const people = page.locator('.people-sheet')
  await visible(people).waitFor()
  await backCloses(page, people, read)

  await visible(page.getByTestId('read-recipients')).click()
  await visible(people).waitFor()
  // someone who is not a member (a member opens their page instead): the business mailbox or outside
  await visible(
    people.locator('.people-sheet__item').filter({ has: page.locator('.people-sheet__tag') }),
  ).click()
  const person = page.locator('.person-sheet')
  await visible(person).waitFor()
  await shots(page, shot, 'person')
  await backCloses(page, person, read)
  await shots(page, shot, 'person-closed')

  // closed by 关闭: the next back leaves the mail, once, to the list (not re-mounted either)
  await visible(page.getByTestId('read-recipients')).click()
  await visible(people.getByText('关闭', { exact: true })).click()
  await people.waitFor({ state: 'detached' })
  await settle(page)
  await page.goBack()
  await visible(page.getByTestId('message-row')).waitFor()
  await settle(page)
  assert.match(page.url(), /pages\/mail\/index/)
  assert.equal(await marked(page, list), true, 'the list was kept, not re-mounted')

  // 写邮件 from a person closes the sheet as it opens compose: back from compose is the mail, then the list
  await page.goForward().catch(() => {})
  await page.waitForURL(/mail\/pages\/read/)
  assert.equal(page.url(), readUrl)
  await visible(page.getByTestId('read-recipients')).click()
  await visible(
    people.locator('.people-sheet__item').filter({ has: page.locator('.people-sheet__tag') }),
  ).click()
  await visible(person.getByText('写邮件', { exact: true })).click()
  await page.waitForURL(/mail\/pages\/compose/)
  await settle(page)
  await page.goBack()
  await page.waitForURL(/mail\/pages\/read/)
  await visible(page.getByTestId('read-recipients')).waitFor()
  assert.equal(await page.locator('.person-sheet').count(), 0, 'no sheet came back')
  await page.goBack()
  await visible(page.getByTestId('message-row')).waitFor()
  assert.match(page.url(), /pages\/mail\/index/)
}
