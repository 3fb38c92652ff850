import TestUtils from '@tarojs/test-utils-react'
import { mockBackend } from '../../api'
import { taroStorage } from '../../api/taroStorage'
import { stores } from '../../stores'
import { bodyText, click, until } from '../../../test/pages/helpers'
import MailPage from './index'

const testUtils = new TestUtils()
const admin = { corpid: 'wwdemo', userid: 'zhangwei' }

async function salesId(): Promise<number> {
  const r = await mockBackend()!.call('exmail/publicmail/search', { fuzzy: 1, email: 'sales@' }, admin)
  return (r.list as { id: number }[])[0].id
}

describe('Mail page', () => {
  beforeAll(async () => {
    await stores.session.switchTo({ corpid: 'wwdemo', userid: 'zhangsan' })
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

    const id = await salesId()
    await click(testUtils, document.querySelector(`[data-testid="mailbox-${id}"]`), 'sales')
    await until(testUtils, () => !bodyText().includes('切换邮箱'), 'the sheet to close')
    expect(document.querySelector('[data-testid="current-mailbox"]')?.textContent).toContain(
      'sales@xinghe.com',
    )
    await until(testUtils, () => bodyText().includes('门店系统报价请求'), 'the sales inbox')
    expect(stores.mailboxes.currentId).toBe(String(id))
    expect(taroStorage.get('bizmail.current.wwdemo.zhangsan')).toBe(String(id))
  })

  it('returns me to the personal mailbox with a notice when my access is taken away', async () => {
    const id = await salesId()
    expect(stores.mailboxes.currentId).toBe(String(id))
    // The admin hands the mailbox to someone else only.
    const r = await mockBackend()!.call(
      'exmail/publicmail/update',
      { id, userid_list: { list: ['lina'] }, department_list: { list: [] }, tag_list: { list: [] } },
      admin,
    )
    expect(r.errcode).toBe(0)
    await testUtils.act(async () => {
      await stores.mailboxes.refresh()
    })
    await until(testUtils, () => bodyText().includes('已返回个人邮箱'), 'the lost-access notice')
    expect(stores.mailboxes.currentId).toBe('personal')
    expect(stores.mailboxes.list.some((m) => m.id === String(id))).toBe(false)
  })
})
