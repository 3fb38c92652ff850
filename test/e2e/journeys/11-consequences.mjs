// Consequences before actions, and messages people read: the new-mail notice opens that mailbox;
// losing access names the mailbox; disabling a business mailbox asks first and says what happens;
// a blank receive rule is not an error until 确定, then says once, inline and in words, what is
// missing; no field key (email), rules[0]… reaches the screen. In both colour schemes.
import assert from 'node:assert/strict'

export const name = '操作后果与文案：新邮件提示可点开、失去权限说出邮箱名、停用先确认、错误说人话且只说一次'

const visible = (loc) => loc.filter({ visible: true }).first()
const LEAK = /\((?:[a-z][a-z0-9_]*)(?:\[\d+\])?(?:\.[a-z_]+(?:\[\d+\])?)*\)|\b[a-z_]+\[\d+\]/

async function noLeak(page, where) {
  const text = await page.evaluate(() => document.body.innerText)
  const m = LEAK.exec(text)
  assert.equal(m, null, `${where}: a field key reached the screen: ${m?.[0]}`)
}

async function bothSchemes(page, shot, label) {
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme })
    await page.waitForTimeout(80)
    await shot(`${label}-${scheme}`)
  }
  await page.emulateMedia({ colorScheme: 'light' })
}

const call = (page, api, body, who) =>
  page.evaluate(([api, body, who]) => window.__bizmail.backend.call(api, body, who), [api, body, who])

async function tab(page, label) {
  await page.locator('.taro-tabbar__tabbar').getByText(label, { exact: true }).click()
  const shown = {
    邮件: page.getByTestId('current-mailbox'),
    通讯录: page.getByText('组织架构', { exact: true }),
  }
  if (shown[label]) await visible(shown[label]).waitFor()
}

export async function run({ page, url, shot }) {
  await page.goto(url)
  await visible(page.getByText('zhangsan@xinghe.com')).waitFor()
  const lina = { corpid: 'wwdemo', userid: 'lina' }
  const found = await call(page, 'exmail/publicmail/search', { fuzzy: 1, email: 'sales@' }, lina)
  const salesId = found.list[0].id

  // 1. New mail in 销售部公共邮箱 while I read my own: the notice opens it, at its inbox.
  await page.evaluate(() =>
    window.__bizmail.backend.deliver('wwdemo', 'sales@xinghe.com', {
      from: 'chen@customer.cn',
      subject: 'E2E 新询价：门店扩容',
      content: '请报价。',
    }),
  )
  await tab(page, '通讯录')
  await tab(page, '邮件') // showing the tab again refreshes the mailbox list
  const notice = visible(page.locator('.notice-bar--tap'))
  await notice.getByText('「销售部公共邮箱」有 1 封新邮件', { exact: false }).waitFor()
  await bothSchemes(page, shot, 'consequence-arrival')
  await notice.locator('.notice-bar__text').click()
  await visible(page.getByTestId('current-mailbox').getByText('sales@xinghe.com')).waitFor()
  await visible(page.locator('.mail-page__folder--on').getByText('收件箱', { exact: false })).waitFor()
  await visible(page.getByText('E2E 新询价：门店扩容')).waitFor()
  assert.equal(await page.locator('.notice-bar--tap').filter({ visible: true }).count(), 0)

  // 2. My access is taken away while I am in it: the notice names the mailbox.
  const removed = await call(
    page,
    'exmail/publicmail/update',
    { id: salesId, userid_list: { list: ['lina'] }, department_list: { list: [] }, tag_list: { list: [] } },
    lina,
  )
  assert.equal(removed.errcode, 0, JSON.stringify(removed))
  await tab(page, '通讯录')
  await tab(page, '邮件')
  await visible(page.getByText('zhangsan@xinghe.com')).waitFor()
  const lost = await visible(page.locator('.notice-bar').filter({ hasText: '无权使用' })).textContent()
  assert.match(lost, /「销售部公共邮箱」/)
  assert.doesNotMatch(lost, /之前的业务邮箱/)
  await bothSchemes(page, shot, 'consequence-lost-access')
  await noLeak(page, 'mail page')

  // 3. A blank receive rule (as 张三 in his own mailbox): no error before anything was typed;
  //    确定 says what is missing once, inline, in words, with no dialog over the form.
  await visible(page.getByTestId('mailbox-settings')).click()
  await visible(page.getByTestId('open-rules')).click()
  await visible(page.getByTestId('rule-add')).click()
  await visible(page.getByTestId('rule-value-0')).waitFor()
  assert.equal(await page.getByTestId('rule-problem').filter({ visible: true }).count(), 0)
  await visible(page.getByTestId('rule-done')).click()
  const problem = visible(page.getByTestId('rule-problem'))
  await problem.waitFor()
  assert.equal(await page.getByTestId('rule-problem').filter({ visible: true }).count(), 1)
  assert.match(await problem.textContent(), /第 1 个条件内容不能为空/)
  await page.waitForTimeout(400)
  assert.equal(await page.locator('.taro-modal__title').filter({ visible: true }).count(), 0)
  assert.equal(await page.locator('.taro__toast').filter({ visible: true }).count(), 0)
  await noLeak(page, 'rule editor')
  await bothSchemes(page, shot, 'copy-rule-blank')
  await page.goBack()
  if (await page.locator('.taro-model__confirm').filter({ visible: true }).count()) {
    await visible(page.locator('.taro-model__confirm')).click()
  }

  // 4. As 李娜 (admin): a wrong address says so without "(email)"; 创建 with the name missing
  //    says it at the name field, no toast.
  await page.goto(url)
  await visible(page.getByTestId('current-mailbox')).waitFor()
  await tab(page, '我')
  await page.locator('[data-testid="identity-wwdemo-lina"]').click()
  await visible(page.getByText('管理后台')).click()
  await visible(page.getByText(/已用 \d+ \/ \d+/)).waitFor()
  await visible(page.getByTestId('create-mailbox')).click()
  await visible(page.getByTestId('form-local')).locator('input').fill('-bad')
  await visible(page.getByText(/邮箱地址格式不正确/)).waitFor()
  await noLeak(page, 'mailbox form')
  await visible(page.getByTestId('form-local')).locator('input').fill('e2e-ok')
  await visible(page.getByTestId('form-save')).click()
  await visible(page.locator('.adm-error').getByText('请填写名称')).waitFor()
  assert.equal(await page.locator('.taro__toast').filter({ visible: true }).count(), 0)
  await bothSchemes(page, shot, 'copy-form-missing-name')
  await page.goBack()

  // 5. Disabling a business mailbox asks first and says what happens; cancel changes nothing.
  await visible(page.locator('[data-testid^="admin-mailbox-"]').filter({ hasText: '市场公关' })).click()
  const enabled = visible(page.getByTestId('enabled'))
  await enabled.waitFor()
  assert.equal(await enabled.getAttribute('aria-checked'), 'true')
  await enabled.getByText('启用', { exact: true }).click() // the label toggles: the row is the switch
  const title = visible(page.locator('.taro-modal__title'))
  await title.getByText('停用「市场公关」？').waitFor()
  const text = await visible(page.locator('.taro-modal__text')).textContent()
  assert.match(text, /成员将无法进入/)
  assert.match(text, /客户端.*登录也会失效/)
  await page.waitForTimeout(400)
  await bothSchemes(page, shot, 'consequence-disable-confirm')
  await visible(page.locator('.taro-model__cancel')).click()
  await page.waitForTimeout(300)
  assert.equal(await enabled.getAttribute('aria-checked'), 'true', 'cancel keeps it enabled')
  const pr = (await call(page, 'exmail/publicmail/search', { fuzzy: 1, email: 'pr@' }, lina)).list[0].id
  const enabledOnServer = async () =>
    (await call(page, 'exmail/publicmail/get', { id_list: [pr] }, lina)).list[0].enabled
  assert.equal(await enabledOnServer(), true, 'cancel changed nothing on the server')

  await enabled.click()
  await visible(page.locator('.taro-modal__title').getByText('停用「市场公关」？')).waitFor()
  await visible(page.locator('.taro-model__confirm')).click()
  await visible(page.locator('.adm-tag').getByText('已停用')).waitFor()
  assert.equal(await enabled.getAttribute('aria-checked'), 'false')
  assert.equal(await enabledOnServer(), false)
  // enabling again takes one tap: nothing is lost by it
  await enabled.click()
  await page.waitForFunction(
    () => document.querySelector('[data-testid="enabled"]')?.getAttribute('aria-checked') === 'true',
  )
  assert.equal(await page.locator('.taro-modal__title').filter({ visible: true }).count(), 0)
  await shot('consequence-enabled-again')
}
