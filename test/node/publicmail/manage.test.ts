import { ErrCode } from '../../../src/policy/codes'
import { RECYCLE_RETENTION_MS } from '../../../src/policy/recycle'
import { recycleMemberMailbox } from '../../../src/api/mock/publicmail/recycle'
import { setup } from './harness'

const DAY = 86400000

describe('delete, recycle bin, restore', () => {
  test('delete moves to the bin for 60 days; the address and aliases stay occupied', async () => {
    const h = setup()
    const id = await h.create('old', { name: '旧邮箱' })
    await h.call('exmail/publicmail/update', { id, alias_list: { list: ['old.alias@corp.com'] } })
    expect((await h.call('exmail/publicmail/delete', { id })).errcode).toBe(0)
    expect(h.corp.publicmails[id]).toBeUndefined()
    expect(RECYCLE_RETENTION_MS).toBe(60 * DAY)
    expect((await h.call('exmail/recycle/list')).list).toEqual([
      {
        id,
        email: 'old@corp.com',
        name: '旧邮箱',
        kind: 'business',
        // unix seconds, as WeCom's exmail/* answers
        deleted_time: Math.floor(h.now() / 1000),
        expire_time: Math.floor((h.now() + 60 * DAY) / 1000),
      },
    ])
    expect((await h.call('exmail/publicmail/quota')).used).toBe(0)
    for (const email of ['old@corp.com', 'old.alias@corp.com']) {
      expect(
        (await h.call('exmail/publicmail/create', { email, name: email, userid_list: { list: ['boss'] } }))
          .errcode,
      ).toBe(ErrCode.ADDRESS_OCCUPIED)
    }
    expect((await h.call('exmail/publicmail/delete', { id })).errcode).toBe(ErrCode.MAILBOX_NOT_FOUND)
  })

  test('restore keeps the id, store and client passwords, within the quota', async () => {
    const h = setup({ edition: 'basic' })
    const id = await h.create('old')
    const code = (await h.call('exmail/publicmail/update', { id, create_auth_code: 1 })).auth_code as string
    const storeId = h.corp.publicmails[id].storeId
    await h.call('exmail/publicmail/delete', { id })
    expect((await h.login('old@corp.com', code)).result.errcode).toBe(ErrCode.CLIENT_LOGIN_REFUSED)
    await h.create('a1')
    await h.create('a2')
    await h.create('a3')
    expect((await h.call('exmail/recycle/restore', { id })).errcode).toBe(ErrCode.QUOTA_REACHED)
    await h.call('exmail/publicmail/delete', {
      id: h.corp.publicmails[Number(Object.keys(h.corp.publicmails)[0])].id,
    })
    expect(await h.call('exmail/recycle/restore', { id })).toMatchObject({ errcode: 0, id })
    expect(h.corp.publicmails[id]).toMatchObject({ id, email: 'old@corp.com', storeId })
    expect((await h.login('old@corp.com', code)).result.errcode).toBe(0)
    expect((await h.call('exmail/recycle/restore', { id })).errcode).toBe(ErrCode.MAILBOX_NOT_FOUND)
  })

  test('restore is refused when the name was taken meanwhile (680040)', async () => {
    const h = setup()
    const id = await h.create('old', { name: '同名' })
    await h.call('exmail/publicmail/delete', { id })
    await h.create('new', { name: '同名' })
    expect((await h.call('exmail/recycle/restore', { id })).errcode).toBe(ErrCode.MAILBOX_NAME_USED)
  })

  test('restore drops members, departments and tags deleted meanwhile', async () => {
    const h = setup({ members: ['a', 'b'] })
    h.addDept(2)
    const id = await h.create('old', { userid_list: { list: ['a', 'b'] }, department_list: { list: [2] } })
    await h.call('exmail/publicmail/delete', { id })
    delete h.corp.users.b
    delete h.corp.departments[2]
    await h.directoryChanged()
    await h.call('exmail/recycle/restore', { id })
    expect(h.corp.publicmails[id]).toMatchObject({ userid_list: ['a'], department_list: [] })
  })

  test('expired entries are purged lazily and free their address', async () => {
    const h = setup()
    const id = await h.create('old')
    const storeId = h.corp.publicmails[id].storeId
    await h.call('exmail/publicmail/delete', { id })
    h.advance(60 * DAY) // exactly at expire_time: still there
    expect(((await h.call('exmail/recycle/list')).list as unknown[]).length).toBe(1)
    h.advance(1)
    expect((await h.call('exmail/recycle/list')).list).toEqual([])
    expect(h.corp.stores[storeId]).toBeUndefined()
    expect((await h.call('exmail/recycle/restore', { id })).errcode).toBe(ErrCode.MAILBOX_NOT_FOUND)
    expect(await h.create('old')).toBeGreaterThan(id)
  })

  test('a member mailbox in the bin goes back to that member once re-added', async () => {
    const h = setup({ members: ['zhangsan'] })
    const m = h.corp.users.zhangsan
    const entry = recycleMemberMailbox(h.corp, m, h.now())!
    delete h.corp.users.zhangsan
    await h.directoryChanged()
    expect((await h.call('exmail/recycle/list')).list).toMatchObject([
      { id: entry.id, kind: 'member', email: 'zhangsan@corp.com' },
    ])
    expect((await h.call('exmail/recycle/restore', { id: entry.id })).errcode).toBe(ErrCode.USER_NOT_FOUND)
    h.addMember('zhangsan', { biz_mail: '', storeId: null })
    expect((await h.call('exmail/recycle/restore', { id: entry.id })).errcode).toBe(0)
    expect(h.corp.users.zhangsan).toMatchObject({ biz_mail: 'zhangsan@corp.com', storeId: m.storeId })
  })
})

describe('get, search, enable / disable, quota', () => {
  test('get returns the requested mailboxes; an unknown id is 680035', async () => {
    const h = setup()
    const a = await h.create('a1', { name: 'A' })
    const b = await h.create('b1', { name: 'B' })
    const r = await h.call('exmail/publicmail/get', { id_list: { list: [b, a] } })
    expect(
      (r.list as { id: number; email: string; enabled: boolean }[]).map((m) => [m.id, m.email, m.enabled]),
    ).toEqual([
      [b, 'b1@corp.com', true],
      [a, 'a1@corp.com', true],
    ])
    expect((await h.call('exmail/publicmail/get', { id_list: { list: [a, 999] } })).errcode).toBe(
      ErrCode.MAILBOX_NOT_FOUND,
    )
    expect((await h.call('exmail/publicmail/get', {})).errcode).toBe(ErrCode.INVALID_PARAM)
  })

  test('search: fuzzy 0 lists all, 1 matches name or address, anything else is 680015', async () => {
    const h = setup()
    await h.create('sales', { name: '销售部' })
    await h.create('pr', { name: '市场公关' })
    expect(((await h.call('exmail/publicmail/search', { fuzzy: 0 })).list as unknown[]).length).toBe(2)
    expect((await h.call('exmail/publicmail/search', { fuzzy: 1, email: 'SAL' })).list).toEqual([
      expect.objectContaining({ email: 'sales@corp.com', name: '销售部' }),
    ])
    expect((await h.call('exmail/publicmail/search', { fuzzy: 1, email: '公关' })).list).toEqual([
      expect.objectContaining({ email: 'pr@corp.com' }),
    ])
    for (const fuzzy of [2, '1', undefined, null]) {
      expect((await h.call('exmail/publicmail/search', { fuzzy, email: 'a' })).errcode).toBe(
        ErrCode.INVALID_FUZZY,
      )
    }
  })

  test('act_email disables and enables; bad type 40058; unknown 680035', async () => {
    const h = setup()
    const id = await h.create('a1')
    expect((await h.call('exmail/account/act_email', { publicemail_id: id, type: 2 })).errcode).toBe(0)
    expect(h.corp.publicmails[id].enabled).toBe(false)
    expect((await h.call('exmail/account/act_email', { publicemail_id: id, type: 1 })).errcode).toBe(0)
    expect(h.corp.publicmails[id].enabled).toBe(true)
    expect((await h.call('exmail/account/act_email', { publicemail_id: id, type: 3 })).errcode).toBe(
      ErrCode.INVALID_PARAM,
    )
    expect((await h.call('exmail/account/act_email', { publicemail_id: 77, type: 1 })).errcode).toBe(
      ErrCode.MAILBOX_NOT_FOUND,
    )
  })

  test('quota explains the figure and why creation is blocked', async () => {
    const h = setup({ seats: 5, members: ['a', 'b', 'c'] })
    await h.call('exmail/vip/batch_add', { userid_list: ['a', 'b', 'c'] })
    await h.create('x1')
    await h.create('x2')
    await h.create('x3')
    expect(await h.call('exmail/publicmail/quota')).toMatchObject({
      errcode: 0,
      used: 3,
      quota: 5,
      edition: 'advanced',
      seats: { purchased: 5, assigned: 3 },
    })
    expect((await h.call('exmail/publicmail/quota')).blocked_reason).toBeUndefined()
    await h.create('x4')
    await h.create('x5')
    const q = await h.call('exmail/publicmail/quota')
    expect(q.blocked_reason).toContain('5 / 5')
  })
})

describe('advanced seats (exmail/vip/*)', () => {
  test('basic corps have no seats (751001)', async () => {
    const h = setup({ edition: 'basic', members: ['a'] })
    expect((await h.call('exmail/vip/batch_add', { userid_list: ['a'] })).errcode).toBe(
      ErrCode.NO_ADVANCED_FEATURES,
    )
    expect((await h.call('exmail/vip/batch_del', { userid_list: ['a'] })).errcode).toBe(
      ErrCode.NO_ADVANCED_FEATURES,
    )
    expect((await h.call('exmail/vip/list')).errcode).toBe(ErrCode.NO_ADVANCED_FEATURES)
  })

  test('assigning beyond the purchased seats is refused whole (751002)', async () => {
    const h = setup({ seats: 2, members: ['a', 'b', 'c'] })
    const r = await h.call('exmail/vip/batch_add', { userid_list: ['a', 'b', 'c'] })
    expect(r.errcode).toBe(ErrCode.NOT_ENOUGH_SEATS)
    expect(['a', 'b', 'c'].map((u) => h.corp.users[u].advanced)).toEqual([0, 0, 0])
    expect(await h.call('exmail/vip/batch_add', { userid_list: ['a', 'ghost'] })).toMatchObject({
      errcode: 0,
      succ_userid_list: ['a'],
      fail_userid_list: ['ghost'],
    })
  })

  test('assigning a seat that backs a business mailbox is refused (751002)', async () => {
    const h = setup({ seats: 2, members: ['a'] })
    for (const l of ['x1', 'x2', 'x3', 'x4', 'x5']) await h.create(l) // 5 = 3 + 2 free seats
    const r = await h.call('exmail/vip/batch_add', { userid_list: ['a'] })
    expect(r.errcode).toBe(ErrCode.NOT_ENOUGH_SEATS)
    expect(r.errmsg).toContain('业务邮箱')
    await h.call('exmail/publicmail/delete', { id: Number(Object.keys(h.corp.publicmails)[0]) })
    expect((await h.call('exmail/vip/batch_add', { userid_list: ['a'] })).errcode).toBe(0)
  })

  test('batch_del releases; list pages by cursor with has_more; limit ≤ 200', async () => {
    const h = setup({ seats: 10, members: ['u1', 'u2', 'u3', 'u4', 'u5'] })
    await h.call('exmail/vip/batch_add', { userid_list: ['u5', 'u3', 'u1', 'u2', 'u4'] })
    const p1 = await h.call('exmail/vip/list', { limit: 2 })
    expect(p1).toMatchObject({ userid_list: ['u1', 'u2'], has_more: true })
    const p2 = await h.call('exmail/vip/list', { limit: 2, cursor: p1.next_cursor })
    expect(p2).toMatchObject({ userid_list: ['u3', 'u4'], has_more: true })
    const p3 = await h.call('exmail/vip/list', { limit: 2, cursor: p2.next_cursor })
    expect(p3).toMatchObject({ userid_list: ['u5'], has_more: false, next_cursor: '' })
    expect((await h.call('exmail/vip/list', { limit: 201 })).errcode).toBe(ErrCode.INVALID_PARAM)
    expect((await h.call('exmail/vip/batch_del', { userid_list: ['u1', 'u2'] })).errcode).toBe(0)
    expect((await h.call('exmail/vip/list')).userid_list).toEqual(['u3', 'u4', 'u5'])
    expect((await h.call('exmail/vip/batch_add', { userid_list: Array(101).fill('u1') })).errcode).toBe(
      ErrCode.INVALID_PARAM,
    )
    expect((await h.call('exmail/vip/batch_add', {})).errcode).toBe(ErrCode.INVALID_PARAM)
  })
})
