// Admin: as 李娜, create business mailboxes (address, live name width, member picker) until the
// quota blocks, and see the blocking reason with n / quota on the list and on the form.
import assert from 'node:assert/strict'

export const name = '管理后台：新建业务邮箱直到配额用尽，看到 n / 配额 与原因'

const visible = (loc) => loc.filter({ visible: true }).first()

async function createMailbox(page, shot, local, title, member, memberName) {
  await visible(page.getByTestId('create-mailbox')).click()
  await visible(page.getByTestId('form-local')).waitFor()
  await visible(page.getByTestId('form-local')).locator('input').fill(local)
  await visible(page.getByTestId('form-name')).locator('input').fill(title)
  await visible(page.getByTestId('form-users')).click()
  // The picker: search a member by pinyin and tick them.
  await visible(page.getByTestId('picker-search')).locator('input').fill(member)
  await visible(page.getByTestId(`pick-user-${member}`)).click()
  if (shot) await shot('admin-picker')
  await visible(page.getByTestId('picker-done')).click()
  await visible(page.getByText(memberName, { exact: true })).waitFor()
  if (shot) await shot('admin-create-form')
  await visible(page.getByTestId('form-save')).click()
  await visible(page.getByText(`${local}@xinghe.com`)).waitFor()
}

export async function run({ page, url, shot }) {
  await page.goto(url)
  await visible(page.getByText('zhangsan@xinghe.com')).waitFor()
  await page.locator('.taro-tabbar__tabbar').getByText('我', { exact: true }).click()
  await page.locator('[data-testid="identity-wwdemo-lina"]').click()
  await visible(page.getByText('管理后台')).click()
  await visible(page.getByText(/已用 4 \/ 6/)).waitFor()
  await visible(page.getByText('销售部公共邮箱')).waitFor()
  await shot('admin-home')

  // The live width count: CJK counts 2.
  await visible(page.getByTestId('create-mailbox')).click()
  await visible(page.getByTestId('form-name')).locator('input').fill('大客户部')
  assert.equal((await visible(page.getByTestId('name-count')).textContent()).trim(), '8/64')
  await visible(page.getByTestId('form-local')).locator('input').fill('-bad')
  await visible(page.getByText(/邮箱地址格式不正确/)).waitFor()
  await shot('admin-form-invalid')
  await page.goBack()
  await visible(page.getByText(/已用 4 \/ 6/)).waitFor()

  await createMailbox(page, shot, 'vip', '大客户部', 'lisi', '李四')
  await visible(page.getByText(/已用 5 \/ 6/)).waitFor()
  await createMailbox(page, null, 'bids', '投标专用', 'wangwu', '王五')
  await visible(page.getByText(/已用 6 \/ 6/)).waitFor()

  const reason = visible(page.getByTestId('blocked-reason'))
  await reason.waitFor()
  const text = await reason.textContent()
  assert.match(text, /已达到业务邮箱配额/)
  assert.match(text, /6 \/ 6/)
  assert.match(text, /高级版/)
  await shot('admin-quota-blocked')

  // Tapping 新建 explains instead of opening an empty form.
  await visible(page.getByTestId('create-mailbox')).click()
  await visible(page.getByText('暂时无法新建业务邮箱')).waitFor()
  await shot('admin-quota-modal')
}
