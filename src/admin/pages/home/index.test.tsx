import Taro from '@tarojs/taro'
import TestUtils from '@tarojs/test-utils-react'
import { asAdmin, backend } from '../../../../test/kit/app'
import { stores } from '../../../stores'
import { bodyText, click, until } from '../../../../test/pages/helpers'
import { adminStores } from '../../stores'
import AdminHome from './index'

const testUtils = new TestUtils()
const admin = { corpid: 'wwdemo', userid: 'zhangwei' }

describe('Admin home', () => {
  beforeEach(async () => {
    await stores.session.switchTo({ corpid: 'wwdemo', userid: 'lina' })
  })

  it('shows usage as n / quota, each mailbox with its users, and the blocking reason once full', async () => {
    await testUtils.mount(AdminHome, {})
    await until(testUtils, () => bodyText().includes('4 / 6'), 'the quota')
    expect(bodyText()).toContain('高级版')
    expect(bodyText()).toContain('销售部公共邮箱')
    expect(bodyText()).toContain('已停用')
    expect(document.querySelector('[data-testid="blocked-reason"]')).toBeNull()
    // Not the creator: no migration entry.
    await until(testUtils, () => adminStores.migration.available === false, 'the creator probe')
    expect(document.querySelector('[data-testid="migration-entry"]')).toBeNull()

    // Fill the quota behind the page's back, plus a converted mailbox nobody may use yet.
    const b = backend()
    const seats = await b.call('exmail/vip/list', {}, admin)
    const holder = (seats.userid_list as string[]).find((u) => u !== 'lina')
    expect(
      (await b.call('exmail/publicmail/create', { from_userid: holder, name: '移入的邮箱' }, admin)).errcode,
    ).toBe(0)
    for (const local of ['full1', 'full2']) {
      const r = await b.call(
        'exmail/publicmail/create',
        { email: `${local}@xinghe.com`, name: local, userid_list: { list: ['lina'] } },
        admin,
      )
      expect(r.errcode).toBe(0)
    }
    await testUtils.act(async () => {
      await adminStores.mailboxes.load()
    })
    await until(testUtils, () => bodyText().includes('7 / 7'), 'the new usage')
    expect(bodyText()).toContain('暂无使用成员')
    const reason = document.querySelector('[data-testid="blocked-reason"]')?.textContent ?? ''
    expect(reason).toContain('已达到业务邮箱配额')
    expect(reason).toContain('7 / 7')
  })

  it('shows the lock instead of a broken list while a migration runs', async () => {
    await stores.session.switchTo({ corpid: 'wwdemo', userid: 'zhangwei' })
    const r = await backend().call(
      'exmail/migration/start',
      { target_corpid: 'wwdemo2', confirm_name: '星河科技（集团）' },
      admin,
    )
    expect(r.errcode).toBe(0)
    await testUtils.mount(AdminHome, {})
    await until(testUtils, () => !!document.querySelector('[data-testid="migration-lock"]'), 'the lock')
    expect(bodyText()).toContain('邮箱迁移进行中')
    await backend().settle()
  })

  it('after the migration (experience domain): no 点「新建业务邮箱」, 移入成员邮箱 disabled with the reason', async () => {
    const modal = jest
      .spyOn(Taro, 'showModal')
      .mockResolvedValue({ confirm: true, cancel: false, errMsg: 'ok' })
    const nav = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' } as never)
    // A migration run to its end: wwdemo now has a fresh experience domain.
    await stores.session.switchTo({ corpid: 'wwdemo', userid: 'zhangwei' })
    await asAdmin('exmail/migration/start', { target_corpid: 'wwdemo2', confirm_name: '星河科技（集团）' })
    await backend().settle()
    await testUtils.act(async () => {
      await adminStores.mailboxes.load()
    })
    await testUtils.mount(AdminHome, {})
    await until(testUtils, () => !!document.querySelector('[data-testid="blocked-reason"]'), 'the reason')
    expect(bodyText()).toContain('体验域名')
    expect(bodyText()).toContain('还没有业务邮箱')
    expect(bodyText()).not.toContain('点「新建业务邮箱」')
    expect(bodyText()).not.toContain('(domain)')
    const convert = document.querySelector('[data-testid="convert-mailbox"]')!
    expect(convert.className).toContain('adm-btn-disabled')
    await click(testUtils, convert, '移入成员邮箱')
    expect(nav).not.toHaveBeenCalled()
    expect(modal).toHaveBeenCalledWith(
      expect.objectContaining({
        title: '暂时无法移入成员邮箱',
        content: expect.stringContaining('体验域名'),
      }),
    )
    jest.restoreAllMocks()
  })
})
