import TestUtils from '@tarojs/test-utils-react'
import { backend } from '../../../../test/kit/app'
import { stores } from '../../../stores'
import { bodyText, click, until } from '../../../../test/pages/helpers'
import { adminStores } from '../../stores'
import MailboxFormPage from './index'

const testUtils = new TestUtils()
const admin = { corpid: 'wwdemo', userid: 'zhangwei' }
const save = () => document.querySelector('[data-testid="form-save"]')

describe('Create a business mailbox', () => {
  beforeEach(async () => {
    await stores.session.switchTo({ corpid: 'wwdemo', userid: 'lina' })
  })

  it('counts the name width live, pre-validates, creates, and shows the quota refusal', async () => {
    await testUtils.mount(MailboxFormPage, {})
    await until(testUtils, () => bodyText().includes('@xinghe.com'), 'the form with the corp domain')
    const form = adminStores.mailboxes.form('new')

    await testUtils.act(async () => {
      form.setLocalPart('-bad')
      form.setName('华东区大客户')
    })
    expect(bodyText()).toContain('邮箱地址格式不正确')
    expect(document.querySelector('[data-testid="name-count"]')?.textContent).toBe('12/64')
    await testUtils.act(async () => form.setName('客'.repeat(33)))
    expect(document.querySelector('[data-testid="name-count"]')?.textContent).toBe('66/64')
    expect(bodyText()).toContain('最多 64 个字符')
    await testUtils.act(async () => form.setName('销售部公共邮箱'))
    expect(bodyText()).toContain('已被另一个业务邮箱使用')

    // Valid address and name but no users: nothing is sent.
    await testUtils.act(async () => {
      form.setLocalPart('vip')
      form.setName('大客户')
    })
    await click(testUtils, save(), 'save')
    expect(adminStores.mailboxes.mailboxes.some((m) => m.email === 'vip@xinghe.com')).toBe(false)

    await testUtils.act(async () => {
      form.users.partyid.push(1)
    })
    expect(bodyText()).toContain('部门「星河科技」')
    await click(testUtils, save(), 'save')
    await until(
      testUtils,
      () => adminStores.mailboxes.mailboxes.some((m) => m.email === 'vip@xinghe.com'),
      'the created mailbox',
    )
  })

  it('explains the quota block with the backend reason', async () => {
    // The demo corp uses 4 of 6: two more fill it.
    for (const [local, name] of [
      ['next', '倒数第二个'],
      ['last', '最后一个'],
    ]) {
      const r = await backend().call(
        'exmail/publicmail/create',
        { email: `${local}@xinghe.com`, name, userid_list: { list: ['lina'] } },
        admin,
      )
      expect(r.errcode).toBe(0)
    }
    await testUtils.act(async () => {
      await adminStores.mailboxes.load()
    })
    await testUtils.mount(MailboxFormPage, {})
    await until(testUtils, () => bodyText().includes('已达到业务邮箱配额'), 'the blocking reason')
    expect(bodyText()).toContain('6 / 6')
    const form = adminStores.mailboxes.form('new')
    await testUtils.act(async () => {
      form.setLocalPart('more')
      form.setName('再来一个')
      form.users.userid.push('lina')
    })
    await click(testUtils, save(), 'save')
    await until(testUtils, () => !!document.querySelector('[data-testid="form-refusal"]'), 'the refusal')
    expect(adminStores.mailboxes.mailboxes.some((m) => m.email === 'more@xinghe.com')).toBe(false)
    // What was typed is still there.
    expect(form.localPart).toBe('more')
  })
})
