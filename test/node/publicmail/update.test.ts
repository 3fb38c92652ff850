import { ErrCode } from '../../../src/policy/codes'
import { setup } from './harness'

describe('exmail/publicmail/update', () => {
  const prepared = async () => {
    const h = setup({ members: ['zhangsan', 'lisi'] })
    h.addDept(2)
    h.addTag(7, ['lisi'])
    const id = await h.create('sales', {
      name: '销售',
      userid_list: { list: ['zhangsan'] },
      department_list: { list: [2] },
    })
    const other = await h.create('pr', { name: '公关' })
    await h.call('exmail/publicmail/update', { id: other, alias_list: { list: ['media@corp.com'] } })
    return { h, id, other }
  }

  test('omitted lists stay, given lists replace, empty lists clear', async () => {
    const { h, id } = await prepared()
    expect(
      (await h.call('exmail/publicmail/update', { id, tag_list: { list: [7] }, userid_list: { list: [] } }))
        .errcode,
    ).toBe(0)
    expect(h.corp.publicmails[id]).toMatchObject({ userid_list: [], department_list: [2], tag_list: [7] })
  })

  test('clearing all three is refused with 690004', async () => {
    const { h, id } = await prepared()
    const r = await h.call('exmail/publicmail/update', {
      id,
      userid_list: { list: [] },
      department_list: { list: [] },
    })
    expect(r.errcode).toBe(ErrCode.USER_LISTS_EMPTY)
  })

  test('rename: 680034 invalid, 680040 taken by another, keeping its own name is fine', async () => {
    const { h, id } = await prepared()
    expect((await h.call('exmail/publicmail/update', { id, name: '' })).errcode).toBe(
      ErrCode.MAILBOX_NAME_INVALID,
    )
    expect((await h.call('exmail/publicmail/update', { id, name: '公关' })).errcode).toBe(
      ErrCode.MAILBOX_NAME_USED,
    )
    expect((await h.call('exmail/publicmail/update', { id, name: '销售' })).errcode).toBe(0)
    expect((await h.call('exmail/publicmail/update', { id, name: '销售中心' })).errcode).toBe(0)
    expect(h.corp.publicmails[id].name).toBe('销售中心')
  })

  test('aliases: replace-all, at most 5, unique in the corp', async () => {
    const { h, id } = await prepared()
    const up = (list: unknown[]) => h.call('exmail/publicmail/update', { id, alias_list: { list } })
    expect((await up(['s1@corp.com', 's2@corp.com'])).errcode).toBe(0)
    expect((await up(['s2@corp.com', 's3@corp.com'])).errcode).toBe(0) // own aliases can be kept
    expect(h.corp.publicmails[id].alias_list).toEqual(['s2@corp.com', 's3@corp.com'])
    expect(
      (await up(['a1@corp.com', 'a2@corp.com', 'a3@corp.com', 'a4@corp.com', 'a5@corp.com', 'a6@corp.com']))
        .errcode,
    ).toBe(ErrCode.ALIAS_INVALID)
    expect((await up(['x@other.com'])).errcode).toBe(ErrCode.ALIAS_INVALID)
    expect((await up(['sales@corp.com'])).errcode).toBe(ErrCode.ALIAS_INVALID)
    expect((await up(['MEDIA@corp.com'])).errcode).toBe(ErrCode.ADDRESS_OCCUPIED) // other mailbox's alias
    expect((await up(['zhangsan@corp.com'])).errcode).toBe(ErrCode.ADDRESS_OCCUPIED) // a member
    expect((await up(['pr@corp.com'])).errcode).toBe(ErrCode.ADDRESS_OCCUPIED)
    expect((await up([])).errcode).toBe(0)
    expect(h.corp.publicmails[id].alias_list).toEqual([])
    // an alias given up is free for others
    expect(
      (
        await h.call('exmail/publicmail/update', {
          id: (await prepared()).other,
          alias_list: { list: ['s3@corp.com'] },
        })
      ).errcode,
    ).toBe(0)
  })

  test('a rejected multi-field update changes no field', async () => {
    const { h, id } = await prepared()
    const before = h.snapshot()
    const bad: Record<string, unknown>[] = [
      { name: '新名字', userid_list: { list: ['lisi'] }, alias_list: { list: ['bad address'] } },
      { name: '新名字', alias_list: { list: ['ok1@corp.com'] }, tag_list: { list: [404] } },
      {
        name: '新名字',
        alias_list: { list: ['ok1@corp.com'] },
        create_auth_code: 1,
        auth_code_info: { remark: 'x'.repeat(129) },
      },
      { name: '公关', userid_list: { list: ['lisi'] } },
      { name: '新名字', userid_list: { list: [] }, department_list: { list: [] } },
      { name: '新名字', create_auth_code: 'please' },
    ]
    for (const patch of bad) {
      expect((await h.call('exmail/publicmail/update', { id, ...patch })).errcode).not.toBe(0)
      expect(h.snapshot()).toBe(before)
    }
  })

  test('unknown id → 680035, malformed id → 40058', async () => {
    const { h } = await prepared()
    expect((await h.call('exmail/publicmail/update', { id: 999, name: 'x' })).errcode).toBe(
      ErrCode.MAILBOX_NOT_FOUND,
    )
    expect((await h.call('exmail/publicmail/update', { id: 'abc', name: 'x' })).errcode).toBe(
      ErrCode.INVALID_PARAM,
    )
    expect((await h.call('exmail/publicmail/update', { name: 'x' })).errcode).toBe(ErrCode.INVALID_PARAM)
  })

  test('create_auth_code with a remark', async () => {
    const { h, id } = await prepared()
    const r = await h.call('exmail/publicmail/update', {
      id,
      create_auth_code: 1,
      auth_code_info: { remark: 'Foxmail' },
    })
    expect(r.errcode).toBe(0)
    expect((await h.login('sales@corp.com', r.auth_code as string)).result.errcode).toBe(0)
    expect(
      (
        (await h.call('exmail/publicmail/get_auth_code_list', { id })).auth_code_list as { remark: string }[]
      )[0].remark,
    ).toBe('Foxmail')
  })
})
