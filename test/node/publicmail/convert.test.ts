import { ErrCode } from '../../../src/policy/codes'
import { setup } from './harness'

function withMail(h: ReturnType<typeof setup>, userid: string) {
  const m = h.corp.users[userid]
  const store = h.corp.stores[m.storeId as string]
  store.messages.m1 = {
    mail_id: 'm1',
    folder: 'inbox',
    from: 'x@y.com',
    to: [m.biz_mail],
    cc: [],
    bcc: [],
    subject: 'kept',
    content: 'hello',
    time: 1,
    read: false,
    starred: false,
    message_id: '<m1@y.com>',
    in_reply_to: '',
    thread: '<m1@y.com>',
    delivered_to: m.biz_mail,
  }
  return store.id
}

describe('conversion (from_userid)', () => {
  test('basic: any member; mail kept, member left without a mailbox, lists may be empty', async () => {
    const h = setup({ edition: 'basic', members: ['zhangsan'] })
    const storeId = withMail(h, 'zhangsan')
    const r = await h.call('exmail/publicmail/create', { from_userid: 'zhangsan', name: '张三的邮箱' })
    expect(r.errcode).toBe(0)
    const mb = h.corp.publicmails[r.id as number]
    expect(mb.email).toBe('zhangsan@corp.com')
    expect(mb.storeId).toBe(storeId)
    expect(h.corp.stores[storeId].messages.m1.subject).toBe('kept')
    expect(mb.bindings).toEqual({ wechat: false, mobile: false, wecom: false })
    expect(mb.userid_list).toEqual([])
    expect(h.corp.users.zhangsan).toMatchObject({ biz_mail: '', storeId: null, alias: [] })
    const got = await h.call('exmail/publicmail/get', { id_list: { list: [r.id] } })
    expect((got.list as { no_users: boolean }[])[0].no_users).toBe(true)
  })

  test('trial / advanced: a member without a seat is refused (690003); with a seat, the seat is released', async () => {
    for (const edition of ['trial', 'advanced'] as const) {
      const h = setup({ edition, seats: 2, members: ['a', 'b'] })
      const before = h.snapshot()
      expect((await h.call('exmail/publicmail/create', { from_userid: 'a', name: 'A' })).errcode).toBe(
        ErrCode.CONVERT_NEEDS_SEAT,
      )
      expect(h.snapshot()).toBe(before)
      expect((await h.call('exmail/vip/batch_add', { userid_list: ['b'] })).errcode).toBe(0)
      const r = await h.call('exmail/publicmail/create', {
        from_userid: 'b',
        name: 'B',
        userid_list: { list: ['a'] },
      })
      expect(r.errcode).toBe(0)
      expect(h.corp.users.b.advanced).toBe(0)
      expect((await h.call('exmail/publicmail/quota')).seats).toEqual({ purchased: 2, assigned: 0 })
    }
  })

  test('conversion fits when the quota is full, because the seat it releases pays for it', async () => {
    const h = setup({ seats: 1, members: ['a'] })
    expect((await h.call('exmail/vip/batch_add', { userid_list: ['a'] })).errcode).toBe(0) // quota 3
    await h.create('x1')
    await h.create('x2')
    await h.create('x3')
    expect((await h.call('exmail/publicmail/create', { from_userid: 'a', name: 'A' })).errcode).toBe(0)
    expect(await h.call('exmail/publicmail/quota')).toMatchObject({ used: 4, quota: 4 })
  })

  test('basic conversion still respects the quota of 3', async () => {
    const h = setup({ edition: 'basic', members: ['a'] })
    await h.create('x1')
    await h.create('x2')
    await h.create('x3')
    expect((await h.call('exmail/publicmail/create', { from_userid: 'a', name: 'A' })).errcode).toBe(
      ErrCode.QUOTA_REACHED,
    )
  })

  test('an experience-domain corp cannot convert', async () => {
    const h = setup({ edition: 'basic', domainKind: 'experience', members: ['a'] })
    expect((await h.call('exmail/publicmail/create', { from_userid: 'a', name: 'A' })).errcode).toBe(
      ErrCode.EXPERIENCE_DOMAIN,
    )
  })

  test('the email, if given, must be the member address; a member without a mailbox cannot be converted twice', async () => {
    const h = setup({ edition: 'basic', members: ['a'] })
    expect(
      (await h.call('exmail/publicmail/create', { from_userid: 'a', name: 'A', email: 'b@corp.com' }))
        .errcode,
    ).toBe(ErrCode.MAILBOX_ADDRESS_INVALID)
    expect(
      (await h.call('exmail/publicmail/create', { from_userid: 'a', name: 'A', email: 'A@corp.com' }))
        .errcode,
    ).toBe(0)
    expect((await h.call('exmail/publicmail/create', { from_userid: 'a', name: 'A2' })).errcode).toBe(
      ErrCode.INVALID_PARAM,
    )
    expect((await h.call('exmail/publicmail/create', { from_userid: 'ghost', name: 'G' })).errcode).toBe(
      ErrCode.USER_NOT_FOUND,
    )
  })

  test('valid member aliases move to the business mailbox; others are dropped and freed', async () => {
    const h = setup({ edition: 'basic' })
    h.addMember('a', { alias: ['a.alias@corp.com', 'a@legacy.com'] })
    const r = await h.call('exmail/publicmail/create', { from_userid: 'a', name: 'A' })
    expect(h.corp.publicmails[r.id as number].alias_list).toEqual(['a.alias@corp.com'])
    expect(r.dropped_alias_list).toEqual(['a@legacy.com'])
    // the kept alias stays occupied; the dropped one is free again
    h.addMember('b')
    h.corp.users.b.alias = []
    expect(
      (
        await h.call('exmail/publicmail/update', {
          id: await h.create('x1'),
          alias_list: { list: ['a.alias@corp.com'] },
        })
      ).errcode,
    ).toBe(ErrCode.ADDRESS_OCCUPIED)
  })

  test('empty user lists are allowed only on conversion; a later edit may not clear them again', async () => {
    const h = setup({ edition: 'basic', members: ['a'] })
    const id = (await h.call('exmail/publicmail/create', { from_userid: 'a', name: 'A' })).id
    expect((await h.call('exmail/publicmail/update', { id, name: 'A 改名' })).errcode).toBe(0)
    expect((await h.call('exmail/publicmail/update', { id, userid_list: { list: [] } })).errcode).toBe(
      ErrCode.USER_LISTS_EMPTY,
    )
    expect((await h.call('exmail/publicmail/update', { id, userid_list: { list: ['boss'] } })).errcode).toBe(
      0,
    )
  })
})
