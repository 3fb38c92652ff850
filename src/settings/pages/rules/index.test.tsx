import { settings } from '../../store'
import Taro from '@tarojs/taro'
import TestUtils from '@tarojs/test-utils-react'
import { backend } from '../../../../test/kit/app'
import type { ReceiveRule } from '../../../policy/receiveRules'
import { bodyText, click, typeInto, until } from '../../../../test/pages/helpers'
import { enterSales, otherMemberSaves, zhangsan } from '../../../../test/pages/settingsHelpers'
import DemoToolsPage from '../demo/index'
import RulePage from '../rule/index'
import RulesPage from './index'

const testUtils = new TestUtils()
const serverRules = async (mailbox: string) =>
  ((await backend().call('mail/settings/get', { mailbox }, zhangsan)).shared as { rules: ReceiveRule[] })
    .rules
const byText = (text: string) =>
  Array.from(document.querySelectorAll('*')).find((e) => e.textContent === text && e.children.length === 0) ??
  null

describe('Receive rules pages', () => {
  let mailbox = ''
  beforeEach(async () => {
    mailbox = await enterSales(testUtils)
  })
  beforeEach(() => {
    jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'ok' })
    jest.spyOn(Taro, 'navigateBack').mockResolvedValue({ errMsg: 'ok' })
    jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' } as never)
  })
  afterEach(() => {
    jest.restoreAllMocks()
    testUtils.unmout()
  })

  it('lists the rules in words, reorders and saves them', async () => {
    await testUtils.mount(RulesPage, {})
    await until(
      testUtils,
      () => document.querySelectorAll('[data-testid="rule-item"]').length === 2,
      'the rules',
    )
    expect(bodyText()).toContain('如果 主题包含「发票」')
    expect(bodyText()).toContain('则 移动到「财务票据」')
    expect(bodyText()).toContain('则 标为已读，不再处理后面的规则')
    await click(testUtils, document.querySelectorAll('[aria-label="下移"]')[0], 'move down')
    await until(
      testUtils,
      () => document.querySelector('[data-testid="rule-item"]')!.textContent!.includes('noreply'),
      'the new order',
    )
    await click(testUtils, document.querySelector('[data-testid="rules-save"]'), 'save')
    await until(testUtils, () => !settings.of(mailbox).rulesDirty, 'the save')
    const rules = await serverRules(mailbox)
    expect(rules[0].conditions[0].value).toBe('noreply')
    expect(rules[1].conditions[0].value).toBe('发票')
  })

  it('adds a rule in the editor (explaining what is missing), then mail delivered from the demo tools lands in its folder', async () => {
    await testUtils.mount(RulePage, {})
    await until(testUtils, () => bodyText().includes('当收到的邮件满足'), 'the editor')
    // Nothing typed yet is not an error; 确定 says what is missing, once, inline and in words.
    expect(document.querySelector('[data-testid="rule-problem"]')).toBeNull()
    await click(testUtils, document.querySelector('[data-testid="rule-done"]'), 'done on a blank rule')
    await until(testUtils, () => !!document.querySelector('[data-testid="rule-problem"]'), 'the problem')
    const said = document.querySelector('[data-testid="rule-problem"]')!.textContent!
    expect(said).toContain('第 1 个条件内容不能为空')
    expect(said).not.toMatch(/rules\[|\(|收信规则的/)
    expect(document.querySelector('.taro-modal__title')).toBeNull()
    await typeInto(testUtils, document.querySelector('[data-testid="rule-value-0"]'), '周报')
    await until(testUtils, () => bodyText().includes('目标文件夹名称需为'), 'the folder reason')
    await typeInto(testUtils, document.querySelector('[data-testid="rule-folder"]'), '周报归档')
    await until(testUtils, () => !document.querySelector('[data-testid="rule-problem"]'), 'a valid rule')
    await click(testUtils, document.querySelector('[data-testid="rule-done"]'), 'done')
    testUtils.unmout()

    await testUtils.mount(RulesPage, {})
    await until(testUtils, () => bodyText().includes('如果 主题包含「周报」'), 'the new rule in the list')
    await click(testUtils, document.querySelector('[data-testid="rules-save"]'), 'save')
    await until(testUtils, () => !settings.of(mailbox).rulesDirty, 'the save')
    testUtils.unmout()

    await testUtils.mount(DemoToolsPage, {})
    await until(testUtils, () => bodyText().includes('sales@xinghe.com'), 'the demo tools')
    await typeInto(testUtils, document.querySelector('[data-testid="demo-subject"]'), '第 12 周周报')
    await typeInto(testUtils, document.querySelector('[data-testid="demo-body"]'), '本周签约 3 家')
    await click(testUtils, document.querySelector('[data-testid="demo-deliver"]'), 'deliver')
    await until(testUtils, () => bodyText().includes('已投递到 sales@xinghe.com'), 'the delivery')

    const folders = await backend().call('mail/folder/list', { mailbox }, zhangsan)
    const folder = (folders.folders as { id: string; name: string }[]).find((f) => f.name === '周报归档')!
    const list = await backend().call('mail/message/list', { mailbox, folder: folder.id }, zhangsan)
    expect((list.items as { subject: string }[]).map((i) => i.subject)).toEqual(['第 12 周周报'])
  })

  it('a stale rules save keeps my list and shows theirs', async () => {
    await testUtils.mount(RulesPage, {})
    await until(
      testUtils,
      () => document.querySelectorAll('[data-testid="rule-item"]').length === 2,
      'the rules',
    )
    await click(testUtils, byText('删除'), 'delete the first rule')
    await until(
      testUtils,
      () => document.querySelectorAll('[data-testid="rule-item"]').length === 1,
      'the removal',
    )
    await otherMemberSaves(mailbox, {
      rules: [
        {
          match: 'all',
          conditions: [{ field: 'from', op: 'contains', value: 'boss' }],
          actions: [{ type: 'star' }],
        },
      ],
    })
    await click(testUtils, document.querySelector('[data-testid="rules-save"]'), 'save')
    await until(testUtils, () => bodyText().includes('其他成员已修改了收信规则'), 'the conflict')
    expect(document.querySelector('[data-testid="conflict"]')!.textContent).toContain('发件人包含「boss」')
    // my unsaved list (one rule left) stays on screen; the server keeps theirs
    expect(document.querySelectorAll('[data-testid="rule-item"]')).toHaveLength(1)
    expect(document.querySelector('[data-testid="rule-item"]')!.textContent).not.toContain('boss')
    expect(await serverRules(mailbox)).toHaveLength(1)
  })
})
