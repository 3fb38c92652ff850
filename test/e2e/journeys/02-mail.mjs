// Member mail: switch to a business mailbox, read, reply from the alias the mail came to, see it in
// Sent; then send while the network loses answers and find exactly one copy.
import assert from 'node:assert/strict'

export const name = '邮件：切换到业务邮箱、阅读、用别名回复、已发送；故障下只发一封'

const visible = (loc) => loc.filter({ visible: true }).first()

export async function run({ page, url, shot }) {
  await page.goto(url)
  await visible(page.getByText('zhangsan@xinghe.com')).waitFor()

  // Admin adds an alias to sales@, and a customer writes to that alias (demo backend, as the server would).
  await page.evaluate(async () => {
    const { backend } = window.__bizmail
    const admin = { corpid: 'wwdemo', userid: 'zhangwei' }
    const got = await backend.call('exmail/publicmail/search', { fuzzy: 1, email: 'sales@' }, admin)
    const id = got.list[0].id
    const r = await backend.call(
      'exmail/publicmail/update',
      { id, alias_list: { list: ['sales-cn@xinghe.com'] } },
      admin,
    )
    if (r.errcode !== 0) throw new Error(JSON.stringify(r))
    await backend.deliver('wwdemo', 'sales-cn@xinghe.com', {
      from: '陈经理 <chen@customer.cn>',
      to: ['sales-cn@xinghe.com'],
      subject: 'E2E 询价：500 台 X300',
      content: '您好，请报 500 台 X300 的含税价格。',
      message_id: '<e2e-1@customer.cn>',
    })
  })

  // One tap switches; the business mailbox's list renders.
  await page.getByTestId('current-mailbox').click()
  await page.getByText('切换邮箱').waitFor()
  await shot('mail-switcher')
  const started = await page.evaluate(() => performance.now())
  await page.getByText('销售部公共邮箱').click()
  await visible(page.getByText('E2E 询价：500 台 X300')).waitFor()
  const switchMs = (await page.evaluate(() => performance.now())) - started
  console.log(`    switch → list rendered: ${switchMs.toFixed(0)} ms`)
  assert.ok((await page.getByTestId('current-mailbox').textContent()).includes('sales@xinghe.com'))
  await shot('mail-business-inbox')

  // Read and reply: From defaults to the alias the mail was sent to.
  await visible(page.getByText('E2E 询价：500 台 X300')).click()
  await visible(page.getByText('您好，请报 500 台 X300 的含税价格。')).waitFor()
  await shot('mail-read')
  await visible(page.getByText('回复', { exact: true })).click()
  await visible(page.getByTestId('compose-from')).waitFor()
  assert.equal(
    (await visible(page.getByTestId('compose-from')).textContent()).trim().replace(/\s*▾$/, ''),
    'sales-cn@xinghe.com',
  )
  const body = visible(page.getByTestId('compose-body')).locator('textarea')
  await body.click()
  await body.press('Control+Home')
  await body.pressSequentially('陈经理您好，含税单价 2,980 元。')
  await shot('mail-reply')
  await visible(page.getByText('发送', { exact: true })).click()
  // Sent: compose closes and the original message is shown again; back to the list from there.
  await visible(page.getByText('回复全部', { exact: true })).waitFor()
  await page.goBack()

  await visible(page.getByText('已发送', { exact: true })).click()
  await visible(page.getByText('回复：E2E 询价：500 台 X300')).waitFor()
  await shot('mail-sent')

  // A half-written mail survives leaving the page: it is back, marked as restored.
  await visible(page.getByText('写邮件', { exact: true })).click()
  await visible(page.getByTestId('compose-subject')).locator('input').fill('E2E 未写完')
  await page.goBack()
  await visible(page.getByText('写邮件', { exact: true })).click()
  await visible(page.getByText('已恢复上次未发送的草稿')).waitFor()
  assert.equal(await visible(page.getByTestId('compose-subject')).locator('input').inputValue(), 'E2E 未写完')
  await page.goBack()

  // Send a new mail while the first two answers to send are lost after the backend acted.
  await page.evaluate(() => {
    window.__bizmail.faults.plan = { mode: 'after', count: 2, apis: ['mail/message/send'] }
  })
  await visible(page.getByText('写邮件', { exact: true })).click()
  await visible(page.getByTestId('compose-to')).locator('input').fill('chen@customer.cn')
  await visible(page.getByTestId('compose-subject')).locator('input').fill('E2E 故障重试只发一次')
  await visible(page.getByTestId('compose-body')).locator('textarea').fill('正文')
  await visible(page.getByText('发送', { exact: true })).click()
  await visible(page.getByText('E2E 故障重试只发一次')).waitFor({ timeout: 15000 })
  const copies = await page.evaluate(async () => {
    const { backend, faults } = window.__bizmail
    const me = { corpid: 'wwdemo', userid: 'zhangsan' }
    const list = await backend.call('mail/message/list', { mailbox: 1, folder: 'sent', limit: 100 }, me)
    return {
      injected: faults.injected,
      n: list.items.filter((i) => i.subject === 'E2E 故障重试只发一次').length,
    }
  })
  assert.equal(copies.injected, 2, 'both faults were injected')
  assert.equal(copies.n, 1, 'exactly one copy in Sent')
  assert.equal(await page.getByText('E2E 故障重试只发一次').filter({ visible: true }).count(), 1)
  await shot('mail-sent-after-faults')
}
