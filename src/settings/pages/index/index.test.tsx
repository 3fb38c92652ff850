import { settings } from '../../store'
import Taro from '@tarojs/taro'
import TestUtils from '@tarojs/test-utils-react'
import { backend } from '../../../../test/kit/app'
import { stores } from '../../../stores'
import { bodyText, click, until } from '../../../../test/pages/helpers'
import { enterSales, zhangsan } from '../../../../test/pages/settingsHelpers'
import SettingsHome from './index'

const testUtils = new TestUtils()

describe('Mailbox settings page', () => {
  afterEach(() => testUtils.unmout())

  it('shows the shared settings of a business mailbox, who shares them, and the client-login services', async () => {
    const mailbox = await enterSales(testUtils)
    await testUtils.mount(SettingsHome, {})
    await until(testUtils, () => bodyText().includes('共享设置'), 'the shared section')
    const text = bodyText()
    expect(text).toContain('销售部公共邮箱')
    expect(text).toContain('sales@xinghe.com')
    expect(text).toContain('所有可使用该邮箱的成员共享')
    expect(text).toContain('星河科技 · 销售部') // the signature, as text
    expect(text).toContain('2 条规则')
    expect(text).toContain('IMAP 服务')
    expect(text).toContain('SMTP 发信需至少开启其中一个')
    expect(text).toContain('会话模式')
    expect(text).toContain('新邮件提醒')
    expect(text).toContain('客户端专用密码')

    // personal switches are saved at once
    await testUtils.act(async () => {
      expect(await settings.of(mailbox).setPersonal('notify', false)).toBe('')
    })
    const server = await backend().call('mail/settings/get', { mailbox }, zhangsan)
    expect(server.personal).toMatchObject({ notify: false })
  })

  it('marks a signature with unsaved edits', async () => {
    const mailbox = await enterSales(testUtils)
    settings.of(mailbox).editSignature('还没保存')
    await testUtils.mount(SettingsHome, {})
    await until(testUtils, () => bodyText().includes('未保存的修改'), 'the draft marker')
    settings.of(mailbox).discardSignature()
  })

  it('the personal mailbox has its own settings, without sharing or client passwords', async () => {
    await enterSales(testUtils)
    stores.mailboxes.select('personal')
    await testUtils.mount(SettingsHome, {})
    await until(testUtils, () => bodyText().includes('个人设置'), 'the page')
    const text = bodyText()
    expect(text).toContain('个人邮箱')
    expect(text).toContain('zhangsan@xinghe.com')
    expect(text).not.toContain('所有可使用该邮箱的成员共享')
    expect(text).not.toContain('客户端专用密码')
    expect(text).not.toContain('IMAP 服务')
    const nav = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' } as never)
    await click(testUtils, document.querySelector('[data-testid="open-signature"]'), 'signature cell')
    expect(nav).toHaveBeenCalledWith({ url: '/settings/pages/signature/index?mailbox=personal' })
    nav.mockRestore()
  })
})
