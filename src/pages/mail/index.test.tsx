import Taro from '@tarojs/taro'
import TestUtils from '@tarojs/test-utils-react'
import { stores } from '../../stores'
import { asAdmin, mailboxId, signIn } from '../../../test/kit/app'
import { bodyText, click, until } from '../../../test/pages/helpers'
import MailPage from './index'

const testUtils = new TestUtils()

/** zhangsan inside the sales mailbox, as the switcher leaves him */
async function inSales(): Promise<number> {
  const id = await mailboxId('sales')
  await testUtils.act(async () => {
    await stores.mailboxes.refresh()
    expect(stores.mailboxes.select(String(id))).toBeNull()
  })
  return id
}

describe('Mail page', () => {
  beforeEach(async () => {
    await signIn()
  })

  it('shows the personal inbox, switches to a business mailbox in one tap, and says why I may use it', async () => {
    await testUtils.mount(MailPage, {})
    await until(testUtils, () => bodyText().includes('zhangsan@xinghe.com'), 'the personal mailbox')
    await until(
      testUtils,
      () => document.querySelectorAll('[data-testid="message-row"]').length > 0,
      'inbox rows',
    )

    await click(testUtils, document.querySelector('[data-testid="current-mailbox"]'), 'header')
    await until(testUtils, () => bodyText().includes('切换邮箱'), 'the switcher')
    expect(bodyText()).toContain('通过部门「销售部」')
    expect(bodyText()).toContain('通过标签「客服」')

    const id = await mailboxId('sales')
    await click(testUtils, document.querySelector(`[data-testid="mailbox-${id}"]`), 'sales')
    await until(testUtils, () => !bodyText().includes('切换邮箱'), 'the sheet to close')
    expect(document.querySelector('[data-testid="current-mailbox"]')?.textContent).toContain(
      'sales@xinghe.com',
    )
    await until(testUtils, () => bodyText().includes('门店系统报价请求'), 'the sales inbox')
    expect(stores.mailboxes.currentId).toBe(String(id))
    expect(Taro.getStorageSync('bizmail.current.wwdemo.zhangsan')).toBe(String(id))
  })

  it('returns me to the personal mailbox with a notice when my access is taken away', async () => {
    const id = await inSales()
    await testUtils.mount(MailPage, {})
    await until(testUtils, () => bodyText().includes('sales@xinghe.com'), 'the sales mailbox')
    // The admin hands the mailbox to someone else only.
    await asAdmin('exmail/publicmail/update', {
      id,
      userid_list: { list: ['lina'] },
      department_list: { list: [] },
      tag_list: { list: [] },
    })
    await testUtils.act(async () => {
      await stores.mailboxes.refresh()
    })
    await until(testUtils, () => bodyText().includes('已返回个人邮箱'), 'the lost-access notice')
    expect(stores.mailboxes.currentId).toBe('personal')
    expect(stores.mailboxes.list.some((m) => m.id === String(id))).toBe(false)
  })
})
