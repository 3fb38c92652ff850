// Attachments in compose (issue 17): 添加附件 opens the browser's file chooser; each file shows a
// row (type, name, size) that moves from waiting / uploading (at most two at a time, a progress
// bar) to ready; a file over the demo backend's 2 MB is refused in words, with 重试 and ×; Send
// waits while a file uploads; the mail sent to a colleague lists its attachments in 已发送.
// Light and dark, with contrast and tap-target audits on the attachment rows.
import assert from 'node:assert/strict'
import { auditSchemes, settle, shotSchemes, visible } from '../audit.mjs'

export const name =
  '写邮件附件：选择文件、上传进度到完成、超过 2 MB 的拒绝说明、发给同事后在已发送中列出附件（浅色与深色）'

const audit = auditSchemes
const shots = (page, shot, label) => shotSchemes(page, shot, `compose-attachments-${label}`, 120)
const ME = { corpid: 'wwdemo', userid: 'zhangsan' }
const SUBJECT = 'E2E 附件：项目方案与预算'

/** 添加附件, then the files handed to the browser's file chooser */
async function attach(page, files) {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    visible(page.getByTestId('compose-attach')).click(),
  ])
  assert.ok(chooser.isMultiple(), 'several files can be chosen at once')
  await chooser.setFiles(files)
}

const file = (name, mimeType, bytes) => ({ name, mimeType, buffer: Buffer.alloc(bytes, 0x41) })
const rows = (page) => page.getByTestId('compose-attachment').filter({ visible: true })
const states = (page) =>
  page.$$eval('[data-testid="compose-attachment"]', (els) => els.map((e) => e.getAttribute('data-state')))

export async function run({ page, url, shot }) {
  const failures = []
  await page.goto(url)
  await visible(page.getByText('zhangsan@xinghe.com')).waitFor()
  await visible(page.getByTestId('message-row')).waitFor()

  // Uploads are held for a moment in the embedded backend, so the rows are seen on their way.
  await page.evaluate(() => {
    const b = window.__bizmail.backend
    const call = b.call.bind(b)
    window.__uploadDelay = 1500
    b.call = async (api, body, ctx) => {
      if (api === 'mail/attachment/upload') await new Promise((r) => setTimeout(r, window.__uploadDelay))
      return call(api, body, ctx)
    }
  })

  await visible(page.getByText('写邮件', { exact: true })).click()
  const to = visible(page.getByTestId('compose-to')).locator('input')
  await to.waitFor()
  await to.pressSequentially('lina@xinghe.com,')
  await visible(page.getByTestId('compose-subject')).locator('input').fill(SUBJECT)
  await visible(page.getByTestId('compose-body')).locator('textarea').fill('李娜：方案和预算见附件。')

  // 添加附件 is a 44 px target with its paperclip.
  const add = await visible(page.getByTestId('compose-attach')).boundingBox()
  assert.ok(add.height >= 44, `添加附件 is 44 px tall (${add.height})`)

  // Three files at once: two upload, the third waits its turn.
  await attach(page, [
    file('项目方案.pdf', 'application/pdf', 600 * 1024),
    file('预算.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 180 * 1024),
    file('现场照片.jpg', 'image/jpeg', 900 * 1024),
  ])
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll('[data-testid="compose-attachment"]')].filter(
        (e) => e.getAttribute('data-state') === 'uploading',
      ).length === 2,
    null,
    { timeout: 5000 },
  )
  assert.deepEqual(
    await states(page),
    ['uploading', 'uploading', 'reading'],
    'two at a time, the third waits',
  )
  await visible(rows(page).nth(2).getByText('等待中', { exact: false })).waitFor()
  assert.equal(await page.getByTestId('compose-attachment-progress').filter({ visible: true }).count(), 3)
  const send = visible(page.getByTestId('compose-send'))
  assert.equal(await send.textContent(), '附件上传中…')
  assert.ok(await send.evaluate((el) => el.hasAttribute('disabled')), 'Send waits while a file uploads')
  await shots(page, shot, 'uploading')

  await page.waitForFunction(
    () =>
      [...document.querySelectorAll('[data-testid="compose-attachment"]')].every(
        (e) => e.getAttribute('data-state') === 'ready',
      ),
    null,
    { timeout: 15000 },
  )
  assert.equal(await page.getByTestId('compose-attachment-progress').filter({ visible: true }).count(), 0)
  assert.deepEqual(await page.locator('.attachment__badge').filter({ visible: true }).allTextContents(), [
    'PDF',
    'XLS',
    '图片',
  ])
  assert.match(
    await visible(page.getByTestId('compose-attachments-total')).textContent(),
    /^3 个附件，共 1\.7 MB$/,
  )
  assert.equal(await send.textContent(), '发送')

  // A file over the demo backend's 2 MB: refused, said in words, 重试 and × offered.
  await page.evaluate(() => (window.__uploadDelay = 0))
  await attach(page, [file('扫描件.pdf', 'application/pdf', 2 * 1024 * 1024 + 10 * 1024)])
  const refused = visible(page.getByTestId('compose-attachment-error'))
  await refused.waitFor({ timeout: 10000 })
  const words = await refused.textContent()
  assert.match(words, /扫描件\.pdf.*超过 2 MB/, `the backend's refusal in words: ${words}`)
  assert.doesNotMatch(words, /\([a-z_]+\)/, 'no field key')
  await visible(page.getByTestId('compose-attachment-retry')).waitFor()
  for (const id of ['compose-attachment-remove', 'compose-attachment-retry']) {
    const box = await visible(page.getByTestId(id)).boundingBox()
    assert.ok(box.width >= 44 && box.height >= 44, `${id} is a 44 px target (${box.width}×${box.height})`)
  }
  await page.getByTestId('compose-attachment-retry').scrollIntoViewIfNeeded()
  await settle(page)
  await shots(page, shot, 'refused')
  await audit(page, 'attachments', failures)
  assert.deepEqual(failures, [], failures.join('\n'))

  // Until the refused file goes, Send says why.
  await send.click()
  await visible(page.getByText('有附件未能添加，请重试或移除')).waitFor()
  await rows(page).nth(3).getByTestId('compose-attachment-remove').click()
  await page.waitForFunction(
    () => document.querySelectorAll('[data-testid="compose-attachment"]').length === 3,
  )
  await settle(page)

  // Sent to a colleague: 已发送 lists the mail, and the mail its attachments.
  await send.click()
  await visible(page.getByTestId('current-mailbox')).waitFor({ timeout: 10000 })
  const sent = await page.evaluate(
    async ([me, subject]) => {
      const list = await window.__bizmail.backend.call(
        'mail/message/list',
        { mailbox: 'personal', folder: 'sent', limit: 100 },
        me,
      )
      const item = list.items.find((i) => i.subject === subject)
      const read = await window.__bizmail.backend.call(
        'mail/message/read',
        { mailbox: 'personal', mail_id: item.mail_id },
        me,
      )
      return { count: item.attachments, names: read.message.attachments.map((a) => `${a.name} ${a.size}`) }
    },
    [ME, SUBJECT],
  )
  assert.deepEqual(sent, {
    count: 3,
    names: [`项目方案.pdf ${600 * 1024}`, `预算.xlsx ${180 * 1024}`, `现场照片.jpg ${900 * 1024}`],
  })
  await visible(page.locator('.mail-page__folder').filter({ hasText: '已发送' })).click()
  await visible(page.getByText(SUBJECT)).click()
  await visible(page.getByText('李娜：方案和预算见附件。', { exact: false })).waitFor()
  for (const n of ['项目方案.pdf', '预算.xlsx', '现场照片.jpg']) await visible(page.getByText(n)).waitFor()
  await settle(page)
  await shots(page, shot, 'sent')
}
