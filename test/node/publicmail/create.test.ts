import { ErrCode } from '../../../src/policy/codes'
import { DOMAIN, setup } from './harness'

describe('exmail/publicmail/create', () => {
  test('creates a business mailbox with its own empty store, enabled, no bindings', async () => {
    const h = setup({ members: ['zhangsan'] })
    const r = await h.call('exmail/publicmail/create', {
      email: 'Sales@Corp.com',
      name: '销售部',
      userid_list: { list: ['zhangsan'] },
    })
    expect(r).toMatchObject({ errcode: 0 })
    const m = h.corp.publicmails[r.id as number]
    expect(m).toMatchObject({
      email: 'sales@corp.com',
      name: '销售部',
      userid_list: ['zhangsan'],
      enabled: true,
      bindings: { wechat: false, mobile: false, wecom: false },
    })
    expect(Object.keys(h.corp.stores[m.storeId].messages)).toHaveLength(0)
    expect(r.auth_code).toBeUndefined()
  })

  test('an experience-domain corp cannot create (690002, bind your own domain)', async () => {
    const h = setup({ domainKind: 'experience' })
    const r = await h.call('exmail/publicmail/create', {
      email: `a1@${DOMAIN}`,
      name: 'a',
      userid_list: { list: ['boss'] },
    })
    expect(r.errcode).toBe(ErrCode.EXPERIENCE_DOMAIN)
    expect(r.errmsg).toContain('域名')
    expect(Object.keys(h.corp.publicmails)).toHaveLength(0)
  })

  test('basic: the fourth mailbox is refused with 690001 stating 3 / 3', async () => {
    const h = setup({ edition: 'basic' })
    await h.create('a1')
    await h.create('a2')
    await h.create('a3')
    const r = await h.call('exmail/publicmail/create', {
      email: `a4@${DOMAIN}`,
      name: 'a4',
      userid_list: { list: ['boss'] },
    })
    expect(r.errcode).toBe(ErrCode.QUOTA_REACHED)
    expect(r.errmsg).toContain('3 / 3')
  })

  test('advanced: quota is 3 + unassigned seats', async () => {
    const h = setup({ seats: 2, members: ['u1'] })
    h.corp.users.u1.advanced = 1 // 1 of 2 assigned → quota 4
    for (const l of ['a1', 'a2', 'a3', 'a4']) await h.create(l)
    const r = await h.call('exmail/publicmail/create', {
      email: `a5@${DOMAIN}`,
      name: 'a5',
      userid_list: { list: ['boss'] },
    })
    expect(r.errcode).toBe(ErrCode.QUOTA_REACHED)
    expect(r.errmsg).toContain('4 / 4')
  })

  test('name rules: 680034 for bad names, 680040 for a duplicate', async () => {
    const h = setup()
    await h.create('sales', { name: '销售部' })
    const base = { email: `x1@${DOMAIN}`, userid_list: { list: ['boss'] } }
    expect((await h.call('exmail/publicmail/create', { ...base, name: '' })).errcode).toBe(
      ErrCode.MAILBOX_NAME_INVALID,
    )
    expect((await h.call('exmail/publicmail/create', { ...base })).errcode).toBe(ErrCode.MAILBOX_NAME_INVALID)
    expect((await h.call('exmail/publicmail/create', { ...base, name: '长'.repeat(33) })).errcode).toBe(
      ErrCode.MAILBOX_NAME_INVALID,
    )
    expect((await h.call('exmail/publicmail/create', { ...base, name: '销售部' })).errcode).toBe(
      ErrCode.MAILBOX_NAME_USED,
    )
  })

  test('address rules: 680032 for a bad format or another domain', async () => {
    const h = setup()
    const base = { name: 'n', userid_list: { list: ['boss'] } }
    for (const email of ['sales', 'sales@other.com', '', 42, null, 'a b@corp.com']) {
      expect((await h.call('exmail/publicmail/create', { ...base, email })).errcode).toBe(
        ErrCode.MAILBOX_ADDRESS_INVALID,
      )
    }
  })

  test('an occupied address is refused (680033) whoever holds it, case-insensitively', async () => {
    const h = setup()
    h.addMember('zhangsan', { alias: ['zs.alias@corp.com'] })
    await h.create('sales')
    await h.call('exmail/publicmail/update', {
      id: await h.create('pr'),
      alias_list: { list: ['media@corp.com'] },
    })
    h.corp.mailGroups.push('All@corp.com')
    await h.call('exmail/publicmail/delete', { id: await h.create('old') })
    for (const email of [
      'ZhangSan@corp.com', // member
      'zs.alias@CORP.com', // member alias
      'SALES@corp.com', // business mailbox
      'media@corp.com', // business alias
      'all@corp.com', // mail group
      'old@corp.com', // recycle bin
    ]) {
      const r = await h.call('exmail/publicmail/create', {
        email,
        name: email,
        userid_list: { list: ['boss'] },
      })
      expect([email, r.errcode]).toEqual([email, ErrCode.ADDRESS_OCCUPIED])
    }
  })

  test('user lists: never all empty (690004), unknown entries refused', async () => {
    const h = setup()
    const base = { email: `x1@${DOMAIN}`, name: 'x' }
    expect((await h.call('exmail/publicmail/create', base)).errcode).toBe(ErrCode.USER_LISTS_EMPTY)
    expect(
      (
        await h.call('exmail/publicmail/create', {
          ...base,
          userid_list: { list: [] },
          department_list: { list: [] },
        })
      ).errcode,
    ).toBe(ErrCode.USER_LISTS_EMPTY)
    expect(
      (await h.call('exmail/publicmail/create', { ...base, userid_list: { list: ['ghost'] } })).errcode,
    ).toBe(ErrCode.USER_NOT_FOUND)
    expect(
      (await h.call('exmail/publicmail/create', { ...base, department_list: { list: [99] } })).errcode,
    ).toBe(ErrCode.INVALID_DEPARTMENT_LIST)
    expect((await h.call('exmail/publicmail/create', { ...base, tag_list: { list: [5] } })).errcode).toBe(
      ErrCode.INVALID_TAG,
    )
    expect(
      (await h.call('exmail/publicmail/create', { ...base, department_list: { list: [1] } })).errcode,
    ).toBe(0)
  })

  test('create_auth_code returns a secret once, with the default remark', async () => {
    const h = setup()
    const r = await h.call('exmail/publicmail/create', {
      email: `x1@${DOMAIN}`,
      name: 'x',
      userid_list: { list: ['boss'] },
      create_auth_code: 1,
    })
    expect(r.errcode).toBe(0)
    expect(typeof r.auth_code).toBe('string')
    expect((r.auth_code as string).length).toBeGreaterThanOrEqual(16)
    const list = await h.call('exmail/publicmail/get_auth_code_list', { id: r.id })
    expect(list.auth_code_list).toEqual([
      {
        auth_code_id: r.auth_code_id,
        create_time: Math.floor(h.now() / 1000),
        last_use_time: 0,
        remark: '办公PC',
        creator: 'boss',
      },
    ])
    expect(h.snapshot()).not.toContain(r.auth_code as string)
  })

  test('a rejected create changes nothing, for any bad field', async () => {
    const h = setup({ edition: 'basic' })
    await h.create('sales')
    const before = h.snapshot()
    const good = { email: `x1@${DOMAIN}`, name: 'x', userid_list: { list: ['boss'] } }
    const bad: Record<string, unknown>[] = [
      { create_auth_code: 'yes' },
      { create_auth_code: 1, auth_code_info: { remark: 'r'.repeat(200) } },
      { auth_code_info: 'x' },
      { userid_list: 'boss' },
      { alias_list: 5, email: 'sales@corp.com' },
      { from_userid: 'ghost' },
      { from_userid: 7 },
    ]
    for (const patch of bad) {
      const r = await h.call('exmail/publicmail/create', { ...good, ...patch })
      expect(r.errcode).not.toBe(0)
      expect(h.snapshot()).toBe(before)
    }
  })

  test('never throws on hostile bodies', async () => {
    const h = setup()
    const hostile: unknown[] = [
      {},
      { email: {}, name: [] },
      { email: 'a'.repeat(1e6), name: 'b'.repeat(1e6) },
      { userid_list: { list: [null, {}, []] } },
      { department_list: { list: ['1e9999'] } },
      { from_userid: '__proto__' },
      { from_userid: 'constructor' },
      { tag_list: { list: [Infinity] } },
    ]
    for (const body of hostile) {
      const r = await h.call('exmail/publicmail/create', body as Record<string, unknown>)
      expect(r.errcode).toBeGreaterThan(0)
    }
  })
})
