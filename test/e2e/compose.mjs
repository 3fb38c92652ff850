// Compose (issue 17), shared by journeys 14 (light) and 14-dark: recipient chips from the directory
// (names, 外部地址, a red invalid chip with its reason, a 44 px ×), an empty subject asks first,
// an untouched compose (new or reply) leaves no draft, and a send from a deep link lands on the list
// with its draft gone from 草稿箱 at once.
import assert from 'node:assert/strict'

const visible = (loc) => loc.filter({ visible: true }).first()
const ME = { corpid: 'wwdemo', userid: 'zhangsan' }

async function drafts(page) {
  return page.evaluate(async (me) => {
    const r = await window.__bizmail.backend.call(
      'mail/message/list',
      { mailbox: 'personal', folder: 'drafts', limit: 100 },
      me,
    )
    return r.items.map((i) => i.subject)
  }, ME)
}

async function sentSubjects(page) {
  return page.evaluate(async (me) => {
    const r = await window.__bizmail.backend.call(
      'mail/message/list',
      { mailbox: 'personal', folder: 'sent', limit: 100 },
      me,
    )
    return r.items.map((i) => i.subject)
  }, ME)
}

const chips = (page, field = 'to') =>
  page.locator(`[data-testid="compose-${field}-chip"]`).filter({ visible: true })
const input = (page, field = 'to') => visible(page.getByTestId(`compose-${field}`)).locator('input')

export async function composeJourney({ page, url, shot }, suffix = '') {
  await page.goto(url)
  await visible(page.getByText('zhangsan@xinghe.com')).waitFor()
  await page.evaluate(async () => {
    await window.__bizmail.backend.deliver('wwdemo', 'zhangsan@xinghe.com', {
      from: '陈经理 <chen@customer.cn>',
      to: ['zhangsan@xinghe.com'],
      subject: 'E2E 合同条款确认',
      content: '张三您好，请确认附件中的合同条款。',
      message_id: '<e2e-compose-1@customer.cn>',
    })
  })
  const before = (await drafts(page)).length

  // 1. An untouched new mail and an untouched reply leave no draft.
  await visible(page.getByText('写邮件', { exact: true })).click()
  await input(page).waitFor()
  await page.goBack()
  await visible(page.getByTestId('current-mailbox')).waitFor()
  await visible(page.getByText('E2E 合同条款确认')).click()
  await visible(page.getByText('回复', { exact: true })).click()
  await chips(page).first().waitFor()
  assert.deepEqual(
    (await chips(page).allTextContents()).map((t) => t.replace('×', '')),
    ['陈经理外部地址'],
    'the sender is a chip by name, marked as outside',
  )
  await shot(`compose-reply${suffix}`)
  await page.goBack()
  await visible(page.getByText('回复全部', { exact: true })).waitFor()
  await page.waitForTimeout(300)
  assert.equal((await drafts(page)).length, before, 'no junk draft from an untouched compose')
  await page.goBack()

  // 2. Chips: a colleague picked from the suggestions, an outsider, an invalid address.
  await visible(page.getByText('写邮件', { exact: true })).click()
  await input(page).click()
  await input(page).pressSequentially('lina')
  const suggestion = visible(page.locator('.compose__suggest-item').filter({ hasText: 'lina@xinghe.com' }))
  await suggestion.waitFor()
  await shot(`compose-suggestions${suffix}`)
  await suggestion.click()
  await input(page).pressSequentially('chen@customer.cn,')
  await input(page).pressSequentially('bob@')
  await input(page).press('Enter')
  await page.waitForFunction(
    () => document.querySelectorAll('[data-testid="compose-to-chip"]').length === 3,
    null,
    { timeout: 5000 },
  )
  const texts = (await chips(page).allTextContents()).map((t) => t.replace('×', ''))
  assert.deepEqual(texts, ['李娜', 'chen@customer.cn外部地址', 'bob@'])
  assert.match(await chips(page).nth(2).getAttribute('class'), /chip--invalid/)
  await visible(page.getByText('邮件地址格式不正确：bob@')).waitFor()
  const x = await chips(page).nth(2).locator('[data-testid="compose-to-remove"]').boundingBox()
  assert.ok(x.width >= 44 && x.height >= 44, `× is a 44 px target (${x.width}×${x.height})`)
  await shot(`compose-chips${suffix}`)
  await chips(page).nth(2).locator('[data-testid="compose-to-remove"]').click()
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="compose-to-chip"]').length === 2)
  assert.equal(await page.getByText('邮件地址格式不正确：bob@').filter({ visible: true }).count(), 0)

  // 3. An empty subject asks first; 返回编辑 stays, nothing is sent.
  await visible(page.getByTestId('compose-body')).locator('textarea').fill('李娜、陈经理：合同已确认。')
  const send = visible(page.getByTestId('compose-send'))
  const label = await send.evaluate((el) => ({ color: getComputedStyle(el).color, text: el.textContent }))
  assert.equal(label.text, '发送')
  assert.equal(label.color, 'rgb(255, 255, 255)', 'the enabled Send label is not dimmed')
  await send.click()
  await visible(page.locator('.taro-modal__title').filter({ hasText: '邮件没有主题，仍然发送？' })).waitFor()
  await page.waitForTimeout(400) // the dialog fades in
  await shot(`compose-empty-subject${suffix}`)
  await visible(page.locator('.taro-model__btn').filter({ hasText: '返回编辑' })).click()
  await visible(page.getByTestId('compose-subject')).locator('input').fill('E2E 合同已确认')
  // Leave it as a draft for now: the written mail is kept (a server draft).
  await page.goBack()
  await visible(page.getByTestId('current-mailbox')).waitFor()
  await page.waitForFunction(
    async (me) => {
      const r = await window.__bizmail.backend.call(
        'mail/message/list',
        { mailbox: 'personal', folder: 'drafts', limit: 100 },
        me,
      )
      return r.items.some((i) => i.subject === 'E2E 合同已确认')
    },
    ME,
    { timeout: 5000 },
  )

  // 4. Deep link into the draft (a one-page stack), send: the list shows, the draft is gone.
  const draftId = await page.evaluate(async (me) => {
    const r = await window.__bizmail.backend.call(
      'mail/message/list',
      { mailbox: 'personal', folder: 'drafts', limit: 100 },
      me,
    )
    return r.items.find((i) => i.subject === 'E2E 合同已确认').draft_id
  }, ME)
  await page.goto(`${url}#/mail/pages/compose/index?mode=draft&id=${encodeURIComponent(draftId)}`)
  await page.reload()
  await visible(page.getByTestId('compose-send')).waitFor()
  assert.equal(await chips(page).count(), 2, 'the draft comes back with its chips')
  await visible(page.getByTestId('compose-send')).click()
  await visible(page.getByTestId('current-mailbox')).waitFor({ timeout: 10000 })
  assert.match(page.url(), /pages\/mail\/index/, 'the send landed on the mail list')
  assert.ok((await sentSubjects(page)).includes('E2E 合同已确认'), 'in 已发送')
  assert.ok(!(await drafts(page)).includes('E2E 合同已确认'), 'the draft left 草稿箱 with the send')
  await shot(`compose-sent-lands-on-list${suffix}`)
}
