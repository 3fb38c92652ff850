// The app shell: tabs, the signed-in member, the dev identity switcher and the admin entry.
import assert from 'node:assert/strict'

export const name = '应用外壳：三个标签页、演示身份切换、管理后台入口'

export async function run({ page, url, shot }) {
  await page.goto(url)
  await page.getByText('zhangsan@xinghe.com').first().waitFor()
  await page.getByText('收件箱', { exact: false }).first().waitFor()
  await shot('shell-mail')

  await page.locator('.taro-tabbar__tabbar').getByText('通讯录', { exact: true }).click()
  await page.getByText('组织架构').waitFor()

  await page.locator('.taro-tabbar__tabbar').getByText('我', { exact: true }).click()
  await page.getByText('演示身份（开发用，正式版由企业微信登录）').waitFor()
  assert.equal(await page.getByText('管理后台').count(), 0, 'a plain member must not see the admin entry')

  await page.locator('[data-testid="identity-wwdemo-lina"]').click()
  await page.getByText('管理后台').waitFor()
  await shot('shell-me-admin')
  await page.getByText('管理后台').click()
  await page.getByText(/已用 \d+ \/ \d+/).waitFor()
  await shot('shell-admin-home')

  // The identity is remembered across a reload.
  await page.goto(url)
  await page.reload()
  await page.locator('.taro-tabbar__tabbar').getByText('我', { exact: true }).click()
  await page.getByText('lina@xinghe.com').filter({ visible: true }).first().waitFor()
}
