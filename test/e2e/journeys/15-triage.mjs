// Triage (issue 17): the folder drawer lists every folder, the rule folder 财务票据 with its unread
// count; a move from the list says where and 撤销 puts the mail back exactly; 删除 on a deep-linked
// read page (a reload: one page on the stack) lands on the mail list with 已删除 · 撤销; people by
// name with the address on demand. Light and dark, with contrast and tap-target audits of the views.
import assert from 'node:assert/strict'
import { auditSchemes, settle, shotSchemes, visible } from '../audit.mjs'

export const name =
  '分拣：文件夹抽屉（含规则文件夹未读）、移动与撤销、深链接删除回到列表、显示姓名（浅色与深色）'

const audit = auditSchemes
const shots = (page, shot, label) => shotSchemes(page, shot, `triage-${label}`)
const me = { corpid: 'wwdemo', userid: 'zhangsan' }

/** the sales mailbox's id and its folders, straight from the embedded backend */
async function salesFolders(page) {
  return page.evaluate(async (me) => {
    const { backend } = window.__bizmail
    const boxes = await backend.call('mail/mailbox/list', {}, me)
    const id = boxes.mailboxes.find((m) => m.email === 'sales@xinghe.com').id
    const r = await backend.call('mail/folder/list', { mailbox: id }, me)
    return { id, folders: r.folders }
  }, me)
}

async function where(page, mailbox, subject) {
  return page.evaluate(
    async ({ me, mailbox, subject }) => {
      const { backend } = window.__bizmail
      const r = await backend.call('mail/settings/get', { mailbox }, me)
      if (r.errcode !== 0) throw new Error(JSON.stringify(r))
      const folders = (await backend.call('mail/folder/list', { mailbox }, me)).folders
      for (const f of folders) {
        if (f.id === 'drafts') continue
        const list = await backend.call('mail/message/list', { mailbox, folder: f.id, limit: 100 }, me)
        const hit = list.items.find((i) => i.subject === subject)
        if (hit) return { folder: f.id, read: hit.read, starred: hit.starred, mail_id: hit.mail_id }
      }
      return null
    },
    { me, mailbox, subject },
  )
}

export async function run({ page, url, shot }) {
  const failures = []
  await page.goto(url)
  await visible(page.getByText('zhangsan@xinghe.com')).waitFor()

  // Into the sales mailbox: its receive rule files invoices into 财务票据.
  await page.getByTestId('current-mailbox').click()
  await visible(page.getByText('销售部公共邮箱')).click()
  await visible(page.getByTestId('message-row')).waitFor()
  const { id: sales, folders } = await salesFolders(page)
  const rule = folders.find((f) => f.name === '财务票据')
  assert.ok(rule && rule.unread > 0, `财务票据 has unread mail in the demo: ${JSON.stringify(rule)}`)
  const folderButton = page.getByTestId('folder-button')
  const currentTab = () => visible(page.locator('.mail-page__folder--on')).textContent()
  assert.match(await currentTab(), /收件箱/)
  // unread waits in another folder: the button hints at it
  await visible(folderButton.locator('.mail-page__all-dot')).waitFor()
  await settle(page)
  await audit(page, 'list', failures)

  // The drawer: every folder, the rule folder with its unread count.
  await folderButton.click()
  const drawer = visible(page.locator('.folder-sheet'))
  await drawer.waitFor()
  for (const n of ['收件箱', '已发送', '草稿箱', '已删除', '垃圾箱', '规则文件夹']) {
    await visible(drawer.getByText(n, { exact: true })).waitFor()
  }
  const ruleRow = drawer.getByTestId(`folder-${rule.id}`)
  assert.equal((await ruleRow.locator('.folder-sheet__count').textContent()).trim(), String(rule.unread))
  await settle(page)
  await shots(page, shot, 'folders')
  await audit(page, 'folders', failures, { taps: false }) // the audit's tap layers know only Taro's sheets
  await ruleRow.click()
  await visible(page.getByText('发票', { exact: false })).waitFor()
  assert.match(await currentTab(), /财务票据/)
  // the current folder is in view in the bar, even a rule folder at its far end
  const inView = await page.evaluate(() => {
    const tab = document.querySelector('.mail-page__folder--on').getBoundingClientRect()
    const bar = document.querySelector('.mail-page__all').getBoundingClientRect()
    return tab.left >= 0 && tab.right <= bar.left + 1
  })
  assert.ok(inView, 'the current rule folder tab is scrolled into view')
  await shot('triage-rule-folder-light')

  // Back to the inbox; move the first mail to 垃圾箱 from ⋯, then 撤销.
  await folderButton.click()
  await visible(page.locator('.folder-sheet').getByTestId('folder-inbox')).click()
  await visible(page.getByTestId('message-row')).waitFor()
  const firstRow = visible(page.getByTestId('message-row'))
  const subject = (await firstRow.locator('.msg-row__subject').textContent()).trim()
  const before = await where(page, sales, subject)
  assert.equal(before.folder, 'inbox')
  await firstRow.locator('.msg-row__more').click()
  await visible(page.locator('.taro-actionsheet__cell').getByText('移动到…')).click()
  const moveSheet = visible(page.locator('.folder-sheet'))
  await moveSheet.waitFor()
  assert.equal(await moveSheet.getByTestId('folder-inbox').getAttribute('aria-disabled'), 'true')
  assert.equal(await moveSheet.getByTestId('folder-drafts').count(), 0)
  await settle(page)
  await shot('triage-move-sheet-light')
  await moveSheet.getByTestId('folder-spam').click()
  const snack = visible(page.getByTestId('snackbar'))
  await snack.waitFor()
  assert.match(await snack.textContent(), /已移至垃圾箱/)
  assert.equal((await where(page, sales, subject)).folder, 'spam')
  await shots(page, shot, 'moved')
  await audit(page, 'list-snackbar', failures)
  await snack.getByText('撤销').click()
  await visible(page.getByTestId('message-row').filter({ hasText: subject })).waitFor()
  const after = await where(page, sales, subject)
  assert.deepEqual(after, before, 'undo restores folder, read and star exactly')

  // A deep link (a reload: one page on the stack) to a sales mail, then 删除: the list, never the
  // deleted mail, with 已删除 · 撤销.
  await page.goto(`${url}#/mail/pages/read/index?id=${encodeURIComponent(before.mail_id)}`)
  await page.reload()
  await visible(page.locator('.read-page__tool').getByText('删除', { exact: true })).waitFor()
  await settle(page)
  await shots(page, shot, 'read')
  await audit(page, 'read', failures)

  // people by name (the business mailbox the mail came to), each address on demand
  await visible(page.getByTestId('read-recipients')).click()
  const peopleSheet = visible(page.locator('.people-sheet'))
  await peopleSheet.waitFor()
  await visible(peopleSheet.getByText('sales@xinghe.com', { exact: false })).waitFor()
  await visible(peopleSheet.getByText('销售部公共邮箱', { exact: false })).waitFor()
  await settle(page)
  await shots(page, shot, 'people')
  await peopleSheet.getByText('关闭', { exact: true }).click()

  await visible(page.locator('.read-page__tool').getByText('删除', { exact: true })).click()
  await visible(page.getByTestId('current-mailbox')).waitFor()
  assert.match(page.url(), /pages\/mail\/index|#\/?$/, `landed on the list, not ${page.url()}`)
  assert.equal(await page.locator('.read-page').filter({ visible: true }).count(), 0)
  const deleted = visible(page.getByTestId('snackbar'))
  await deleted.waitFor()
  assert.match(await deleted.textContent(), /已删除/)
  assert.equal((await where(page, sales, subject)).folder, 'trash')
  await shots(page, shot, 'deleted')
  await deleted.getByText('撤销').click()
  await visible(page.getByTestId('message-row').filter({ hasText: subject })).waitFor()
  assert.equal((await where(page, sales, subject)).folder, 'inbox')

  // the run prints only the head of an error: list every offender first
  if (failures.length) console.log(`    ${failures.join('\n    ')}`)
  assert.equal(failures.length, 0, `audits:\n${failures.join('\n')}`)
}
