// Business mailbox settings: change the shared signature and find it in the Sent copy; add a
// receive rule and watch a mail delivered through the demo tools land in its folder; create a
// client-specific password in the UI and log a client in with it.
import assert from 'node:assert/strict'

export const name = '邮箱设置：签名进入已发送、收信规则归档、客户端专用密码登录'

const visible = (loc) => loc.filter({ visible: true }).first()
const SIGNATURE = 'E2E 签名 · 张三 · 分机 8123'
const RULE_WORD = 'E2E-季度对账'
const RULE_FOLDER = 'E2E对账归档'

export async function run({ page, url, shot }) {
  await page.goto(url)
  await visible(page.getByText('zhangsan@xinghe.com')).waitFor()

  // Into 销售部公共邮箱, then its settings from the mail header.
  await page.getByTestId('current-mailbox').click()
  await page.getByText('切换邮箱').waitFor()
  await page.getByText('销售部公共邮箱').click()
  await visible(page.getByTestId('current-mailbox').getByText('sales@xinghe.com')).waitFor()
  await visible(page.getByTestId('mailbox-settings')).click()
  await visible(page.getByText('所有可使用该邮箱的成员共享，修改后对大家立即生效')).waitFor()
  await visible(page.getByText('IMAP 服务')).waitFor()
  await shot('settings-home')

  // 1. Signature: edit with a live preview, save.
  await visible(page.getByTestId('open-signature')).click()
  const editor = visible(page.getByTestId('signature-input')).locator('textarea')
  await editor.waitFor()
  await editor.fill(`${SIGNATURE}<script>alert(1)</script>`)
  await visible(page.getByTestId('signature-preview').getByText(SIGNATURE)).waitFor()
  assert.ok(!(await visible(page.getByTestId('signature-preview')).textContent()).includes('alert'))
  await shot('settings-signature')
  await visible(page.getByTestId('signature-save')).click()
  // The script was removed, and saving says so before going back.
  await visible(page.getByText(/已移除：脚本 1 处/)).waitFor()
  await visible(page.getByText('知道了', { exact: true })).click()
  // Saved: back on the settings page, which shows the new signature.
  await visible(page.getByTestId('open-signature').getByText(SIGNATURE)).waitFor()

  // Send a mail from the mailbox; the Sent copy carries the signature.
  await page.goBack()
  await visible(page.getByText('写邮件', { exact: true })).click()
  await visible(page.getByTestId('compose-to')).locator('input').fill('chen@customer.cn')
  await visible(page.getByTestId('compose-subject')).locator('input').fill('E2E 带签名的邮件')
  await visible(page.getByTestId('compose-body')).locator('textarea').fill('陈经理您好，报价单见附件。')
  await visible(page.getByText(SIGNATURE)).waitFor() // compose shows the signature it will append
  await visible(page.getByText('发送', { exact: true })).click()
  // Sent: compose closes by itself (its toast also says 已发送, so aim at the folder tab).
  await visible(page.getByTestId('current-mailbox')).waitFor()
  await visible(page.locator('.mail-page__folder').filter({ hasText: '已发送' })).click()
  await visible(page.getByText('E2E 带签名的邮件')).click()
  await visible(page.getByText('陈经理您好，报价单见附件。', { exact: false })).waitFor()
  await visible(page.getByText(SIGNATURE, { exact: false })).waitFor()
  await shot('settings-sent-with-signature')
  await page.goBack()

  // 2. A receive rule: subject contains RULE_WORD → move to RULE_FOLDER.
  await visible(page.getByTestId('mailbox-settings')).click()
  await visible(page.getByTestId('open-rules')).click()
  await visible(page.getByTestId('rule-add')).click()
  await visible(page.getByTestId('rule-value-0')).locator('input').fill(RULE_WORD)
  await visible(page.getByTestId('rule-folder')).locator('input').fill(RULE_FOLDER)
  await shot('settings-rule-editor')
  await visible(page.getByTestId('rule-done')).click()
  await visible(page.getByText(`如果 主题包含「${RULE_WORD}」`)).waitFor()
  await visible(page.getByTestId('rules-save')).click()
  await visible(page.getByTestId('rules-save').getByText('已保存')).waitFor()
  await shot('settings-rules')

  // Deliver a matching mail through the demo tools (我 → 演示工具).
  await page.goBack()
  await page.goBack()
  await visible(page.locator('.weui-tabbar__item').filter({ hasText: '我' })).click()
  await visible(page.getByTestId('open-demo-tools')).click()
  await visible(page.getByTestId('demo-to').getByText('sales@xinghe.com', { exact: false })).waitFor()
  await visible(page.getByTestId('demo-subject')).locator('input').fill(`${RULE_WORD}：三季度`)
  await visible(page.getByTestId('demo-body')).locator('textarea').fill('请核对三季度往来账。')
  await visible(page.getByTestId('demo-deliver')).click()
  await visible(page.getByText('已投递到 sales@xinghe.com', { exact: false })).waitFor()
  await shot('settings-demo-tools')
  await page.goBack()
  await visible(page.locator('.weui-tabbar__item').filter({ hasText: '邮件' })).click()
  await visible(page.locator('.mail-page__folder').filter({ hasText: RULE_FOLDER })).click()
  await visible(page.getByText(`${RULE_WORD}：三季度`)).waitFor()
  await shot('settings-rule-folder')
  // …and not in the inbox
  await visible(page.locator('.mail-page__folder').filter({ hasText: '收件箱' })).click()
  await visible(page.getByText('门店系统报价请求')).waitFor()
  assert.equal(await page.getByText(`${RULE_WORD}：三季度`).filter({ visible: true }).count(), 0)

  // 3. A client-specific password, created in the UI and used by a client.
  await visible(page.getByTestId('mailbox-settings')).click()
  await visible(page.getByTestId('open-binding')).click()
  await visible(page.getByText('imap.xinghe.com')).waitFor()
  await visible(page.getByTestId('authcode-remark')).locator('input').fill('E2E 的 Foxmail')
  await visible(page.getByTestId('authcode-create')).click()
  const secretEl = visible(page.getByTestId('authcode-secret'))
  await secretEl.waitFor()
  await visible(page.getByText('关闭后将无法再次查看', { exact: false })).waitFor()
  // Shown in groups of four, from an alphabet without 0 / o / 1 / l; a client takes it either way.
  const code = (await secretEl.textContent()).trim()
  assert.match(code, /^[a-km-np-z2-9]{4}( [a-km-np-z2-9]{4}){3}$/)
  await shot('settings-authcode-once')
  const logins = await page.evaluate(async (secret) => {
    const { backend } = window.__bizmail
    return {
      right: await backend.clientLogin('sales@xinghe.com', secret, 'imap'),
      unspaced: await backend.clientLogin('sales@xinghe.com', secret.replace(/ /g, ''), 'imap'),
      wrong: await backend.clientLogin('sales@xinghe.com', `${secret.slice(0, 15)}x`, 'imap'),
    }
  }, code)
  assert.equal(logins.right.errcode, 0, JSON.stringify(logins.right))
  assert.equal(logins.unspaced.errcode, 0, JSON.stringify(logins.unspaced))
  assert.notEqual(logins.wrong.errcode, 0)
  await visible(page.getByTestId('authcode-close')).click()
  await visible(page.getByText('已记下', { exact: true })).click()
  await visible(page.getByText('E2E 的 Foxmail')).waitFor()
  assert.equal(await page.getByText(code).count(), 0, 'the secret is not shown again')
  await shot('settings-binding')
}
