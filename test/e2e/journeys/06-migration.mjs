// Migration: as 张伟 (creator of wwdemo and wwdemo2), move wwdemo's mailbox into 星河科技（集团）:
// pre-check, the impact in plain words, the typed confirmation, progress, the result; then the
// entry is gone.
import assert from 'node:assert/strict'

export const name = '邮箱迁移：创建者预检查、查看影响、输入企业名称确认、进度与结果'

const visible = (loc) => loc.filter({ visible: true }).first()
const TARGET = '星河科技（集团）'

export async function run({ page, url, shot }) {
  await page.goto(url)
  await visible(page.getByText('zhangsan@xinghe.com')).waitFor()
  await page.locator('.taro-tabbar__tabbar').getByText('我', { exact: true }).click()
  await page.locator('[data-testid="identity-wwdemo-zhangwei"]').click()
  await visible(page.getByText('管理后台')).click()
  await visible(page.getByText(/已用 \d+ \/ \d+/)).waitFor()

  await visible(page.getByTestId('migration-entry')).click()
  // The org of the same creator is offered; no CorpID to type.
  const candidate = visible(page.getByTestId('mig-target-wwdemo2'))
  await candidate.waitFor()
  assert.match(await candidate.textContent(), new RegExp(TARGET.replace(/[()（）]/g, '.')))
  await shot('migration-target')
  await candidate.click()

  // The impact, in plain words, before anything can start.
  await visible(page.getByTestId('mig-impact')).waitFor()
  const lost = await visible(page.getByTestId('mig-lost')).textContent()
  assert.match(lost, new RegExp(`「${TARGET}」现有的 \\d+ 个邮箱、\\d+ 封邮件将被永久删除`))
  const impact = await visible(page.getByTestId('mig-impact')).textContent()
  assert.match(impact, /邮箱域名 @xinghe\.com/)
  assert.match(impact, /日历不会迁移/)
  assert.match(impact, /业务邮箱「销售部公共邮箱」\(sales@xinghe\.com\) 的可用部门「销售部」/)
  assert.match(impact, new RegExp(`通讯录以「${TARGET}」为准`))
  await shot('migration-impact')
  await visible(page.getByTestId('mig-lost')).scrollIntoViewIfNeeded()
  await shot('migration-impact-lost')

  // 开始迁移 stays disabled until the exact name is typed.
  const start = visible(page.getByTestId('mig-start'))
  const confirm = visible(page.getByTestId('mig-confirm')).locator('input')
  await confirm.fill('星河科技')
  await visible(page.getByText(`与「${TARGET}」不一致：少了「（集团）」`)).waitFor()
  assert.ok(await start.evaluate((el) => el.hasAttribute('disabled')), 'start is disabled for a wrong name')
  await confirm.fill(TARGET)
  await start.scrollIntoViewIfNeeded()
  await shot('migration-confirm')
  await start.click()

  // The last warning: cannot be cancelled or undone.
  await visible(page.getByText('确认开始迁移？')).waitFor()
  await visible(page.getByText(/不能取消，也不能撤销/)).waitFor()
  await page.waitForTimeout(400) // let the modal finish fading in
  await shot('migration-final-confirm')
  await page.getByText('开始迁移', { exact: true }).filter({ visible: true }).last().click()

  await visible(page.getByTestId('mig-progress')).waitFor()
  await shot('migration-progress')
  await visible(page.getByTestId('mig-result')).waitFor({ timeout: 20000 })
  assert.match(await visible(page.getByTestId('mig-progress')).textContent(), /迁移已完成/)
  await shot('migration-result')

  // Back in the admin home: the entry is gone (once only), wwdemo now has a fresh experience domain.
  await visible(page.getByTestId('mig-back')).click()
  await visible(page.getByText(/已用 \d+ \/ \d+/)).waitFor()
  await visible(page.getByTestId('blocked-reason')).waitFor()
  assert.equal(await page.getByTestId('migration-entry').filter({ visible: true }).count(), 0)
  await shot('migration-after-home')
}
