import Taro from '@tarojs/taro'
import TestUtils from '@tarojs/test-utils-react'
import { backend, callAs, zhangsan } from '../../../../test/kit/app'
import { bodyText, click, typeInto, until } from '../../../../test/pages/helpers'
import { enterSales } from '../../../../test/pages/settingsHelpers'
import BindingPage from './index'

const testUtils = new TestUtils()

describe('Mailbox binding page', () => {
  beforeEach(() => {
    jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'ok' })
    jest.spyOn(Taro, 'setClipboardData').mockResolvedValue({ errMsg: 'ok' } as never)
    jest.spyOn(Taro, 'hideToast').mockResolvedValue({ errMsg: 'ok' } as never)
    jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'ok' } as never)
  })
  afterEach(() => {
    jest.restoreAllMocks()
    testUtils.unmout()
  })

  it('creates a password shown once with a copy button, lists it, and it logs a client in', async () => {
    await enterSales(testUtils)
    await testUtils.mount(BindingPage, {})
    await until(testUtils, () => bodyText().includes('还没有生成过客户端专用密码'), 'the empty list')
    // the client settings for Foxmail / Outlook
    const servers = document.querySelector('[data-testid="client-servers"]')!.textContent!
    expect(servers).toContain('sales@xinghe.com')
    expect(servers).toContain('imap.xinghe.com')
    expect(servers).toContain('993')
    expect(servers).toContain('pop.xinghe.com')
    expect(servers).toContain('995')
    expect(servers).toContain('smtp.xinghe.com')
    expect(servers).toContain('465')

    await typeInto(testUtils, document.querySelector('[data-testid="authcode-remark"]'), '家里笔记本')
    await click(testUtils, document.querySelector('[data-testid="authcode-create"]'), 'create')
    await until(testUtils, () => !!document.querySelector('[data-testid="authcode-secret"]'), 'the secret')
    expect(bodyText()).toContain('关闭后将无法再次查看')
    // Shown grouped by four, from an alphabet without look-alikes (0 o 1 l, capitals).
    const shown = document.querySelector('[data-testid="authcode-secret"]')!.textContent!.trim()
    expect(shown).toMatch(/^[a-km-np-z2-9]{4}( [a-km-np-z2-9]{4}){3}$/)
    const secret = shown.replace(/ /g, '')

    // Copied without the spaces; the confirmation is inside the dialog, not a toast over it.
    expect(document.querySelector('[data-testid="authcode-copied"]')!.textContent).toBe('')
    await click(testUtils, document.querySelector('[data-testid="authcode-copy"]'), 'copy')
    expect(Taro.setClipboardData).toHaveBeenCalledWith({ data: secret })
    await until(
      testUtils,
      () => document.querySelector('[data-testid="authcode-copied"]')!.textContent === '✓ 已复制到剪贴板',
      'the copy confirmation',
    )
    expect(Taro.hideToast).toHaveBeenCalled()
    expect(Taro.showToast).not.toHaveBeenCalled()

    // A client logs in with it as shown or as copied.
    expect((await backend().clientLogin('sales@xinghe.com', shown, 'imap')).errcode).toBe(0)
    const ok = await backend().clientLogin('sales@xinghe.com', secret, 'imap')
    expect(ok.errcode).toBe(0)
    const wrong = await backend().clientLogin('sales@xinghe.com', 'abcdefghijklmnop', 'imap')
    expect(wrong.errcode).not.toBe(0)

    await click(testUtils, document.querySelector('[data-testid="authcode-close"]'), 'close')
    await until(
      testUtils,
      () => !document.querySelector('[data-testid="authcode-secret"]'),
      'the secret to go',
    )
    await until(testUtils, () => bodyText().includes('家里笔记本'), 'the list')
    expect(bodyText()).not.toContain(shown)
    expect(bodyText()).not.toContain(secret)
  })

  it('explains an over-long remark before sending it', async () => {
    await enterSales(testUtils)
    await testUtils.mount(BindingPage, {})
    await until(testUtils, () => bodyText().includes('生成新密码'), 'the page')
    await typeInto(testUtils, document.querySelector('[data-testid="authcode-remark"]'), '长'.repeat(43))
    await until(testUtils, () => bodyText().includes('备注过长'), 'the reason')
    expect(bodyText()).toContain('最多 128 字节')
  })

  it('deletes a password after confirming', async () => {
    const mailbox = await enterSales(testUtils)
    const made = await callAs(zhangsan, 'mail/authcode/create', { mailbox, remark: '旧电脑' })
    expect((await backend().clientLogin('sales@xinghe.com', String(made.auth_code), 'imap')).errcode).toBe(0)
    await testUtils.mount(BindingPage, {})
    await until(
      testUtils,
      () => document.querySelectorAll('[data-testid="authcode-item"]').length === 1,
      'the list',
    )
    expect(bodyText()).toContain('最近使用') // the client login above used it
    const del = Array.from(document.querySelectorAll('[data-testid="authcode-item"] *')).find(
      (e) => e.textContent === '删除' && e.children.length === 0,
    )
    await click(testUtils, del ?? null, 'delete')
    await until(testUtils, () => bodyText().includes('还没有生成过客户端专用密码'), 'the empty list')
  })
})
