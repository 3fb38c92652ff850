// 彻底删除 / 清空 (issue 17): in 已删除 the list shows how many with 清空; a mail opened there offers
// 彻底删除 instead of 删除, asks first (red, 无法恢复), goes for good and lands back on the list
// with no 撤销; 清空 asks naming how many and leaves the empty state; 垃圾箱 keeps its mail. Light
// and dark, with contrast and tap-target audits.
import assert from 'node:assert/strict'
import { auditSchemes as audit, shotSchemes, visible } from '../audit.mjs'

export const name = '彻底删除与清空：已删除中的计数与清空、阅读页彻底删除回到列表、无撤销（浅色与深色）'

const me = { corpid: 'wwdemo', userid: 'zhangsan' }

/** calls the embedded backend as zhangsan */
const call = (page, api, body) =>
  page.evaluate(({ api, body, me }) => window.__bizmail.backend.call(api, body, me), { api, body, me })

const subjectsIn = async (page, folder) =>
  (await call(page, 'mail/message/list', { mailbox: 'personal', folder, limit: 100 })).items.map(
    (i) => i.subject,
  )

const shots = (page, shot, label) => shotSchemes(page, shot, `purge-${label}`)

export async function run({ page, url, shot }) {
  const failures = []
  await page.goto(url)
  await visible(page.getByText('zhangsan@xinghe.com')).waitFor()
  // Three demo mails to 已删除 and one to 垃圾箱, as the member's own 删除 would put them there.
  await call(page, 'mail/settings/update', { mailbox: 'personal', personal: { conversation_mode: false } })
  const inbox = (await call(page, 'mail/message/list', { mailbox: 'personal', folder: 'inbox', limit: 100 }))
    .items
  assert.ok(inbox.length >= 4, `the demo inbox has mail: ${inbox.length}`)
  for (const [i, item] of inbox.slice(0, 4).entries()) {
    const folder = i < 3 ? 'trash' : 'spam'
    const r = await call(page, 'mail/message/update', { mailbox: 'personal', mail_id: item.mail_id, folder })
    assert.equal(r.errcode, 0, JSON.stringify(r))
  }
  const spamSubject = inbox[3].subject
  const inTrash = (await subjectsIn(page, 'trash')).length
  assert.ok(inTrash >= 3)

  await visible(page.locator('#folder-tab-trash')).click()
  const bar = visible(page.locator('.mail-page__purge'))
  await bar.waitFor()
  assert.match(await bar.textContent(), new RegExp(`共 ${inTrash} 封`))
  await page.waitForTimeout(300)
  await shots(page, shot, 'trash')
  await audit(page, 'trash list', failures)

  // Open one: 彻底删除 in red instead of 删除; 取消 keeps it.
  const first = visible(page.getByTestId('message-row'))
  const subject = (await first.locator('.msg-row__subject').textContent()).trim()
  await first.click()
  const purge = visible(page.locator('.read-page__tool').getByText('彻底删除', { exact: true }))
  await purge.waitFor()
  assert.equal(await page.locator('.read-page__tool').getByText('删除', { exact: true }).count(), 0)
  await page.waitForTimeout(300)
  await shots(page, shot, 'read')
  await audit(page, 'read in trash', failures)
  await purge.click()
  await visible(page.locator('.taro-modal__title').getByText('彻底删除？')).waitFor()
  assert.match(await visible(page.locator('.taro-modal__text')).textContent(), /无法恢复/)
  await page.waitForTimeout(400)
  await shots(page, shot, 'confirm')
  await visible(page.locator('.taro-model__cancel')).click()
  await page.waitForTimeout(300)
  assert.ok((await subjectsIn(page, 'trash')).includes(subject), '取消 keeps the mail')

  // 彻底删除: gone for good, back on the list, no 撤销.
  await purge.click()
  await visible(page.locator('.taro-modal__title').getByText('彻底删除？')).waitFor()
  await visible(page.locator('.taro-model__confirm')).click()
  await visible(page.getByTestId('current-mailbox')).waitFor()
  await page.waitForFunction(
    (n) => (document.querySelector('.mail-page__purge')?.textContent ?? '').includes(`共 ${n} 封`),
    inTrash - 1,
  )
  assert.equal(await page.getByTestId('snackbar').filter({ visible: true }).count(), 0, 'no 撤销')
  assert.ok(!(await subjectsIn(page, 'trash')).includes(subject))

  // 清空: asks naming how many, then the empty state; 垃圾箱 keeps its mail.
  await visible(page.getByTestId('empty-folder')).click()
  await visible(page.locator('.taro-modal__title').getByText('清空「已删除」？')).waitFor()
  assert.match(
    await visible(page.locator('.taro-modal__text')).textContent(),
    new RegExp(`将彻底删除 ${inTrash - 1} 封邮件，无法恢复`),
  )
  await page.waitForTimeout(400)
  await shots(page, shot, 'empty-confirm')
  await visible(page.locator('.taro-model__confirm')).click()
  await visible(page.getByText('这里还没有邮件')).waitFor()
  assert.equal(await page.locator('.mail-page__purge').filter({ visible: true }).count(), 0)
  assert.deepEqual(await subjectsIn(page, 'trash'), [])
  assert.ok((await subjectsIn(page, 'spam')).includes(spamSubject), '垃圾箱 keeps its mail')
  await page.waitForTimeout(300)
  await shots(page, shot, 'emptied')

  if (failures.length) console.log(`    ${failures.join('\n    ')}`)
  assert.equal(failures.length, 0, `audits:\n${failures.join('\n')}`)
}
