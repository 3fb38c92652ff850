// Names made of invisible or control characters are refused the same way in every name field
// (src/policy/text.ts), through the real backend, and change nothing.
import { createMockBackend } from '../../../src/api/mock/index'

const CORP = 'c1'
const boss = { corpid: CORP, userid: 'boss' }

function backend() {
  return createMockBackend({
    now: () => Date.UTC(2025, 2, 3),
    corps: [
      {
        corpid: CORP,
        name: '测试企业',
        creator: 'boss',
        edition: 'basic',
        domain: { name: 'corp.com', kind: 'custom' },
      },
    ],
  })
}

const BAD: [string, string][] = [
  ['only zero-width spaces', '\u200b\u200b\u200b'],
  ['only ZWNJ / ZWJ / word joiner / BOM', '\u200c\u200d\u2060\ufeff'],
  ['an RTL override', '销售\u202e部'],
  ['an isolate', '\u2066张三\u2069'],
  ['NUL', '张\u0000三'],
  ['a C1 control', '张\u0085三'],
  ['a lone surrogate', '张\ud842'],
]

describe.each(BAD)('a name with %s', (_what, bad) => {
  test('member name: 40058 naming the field, on create and update; nothing changes', async () => {
    const b = backend()
    const create = await b.call('user/create', { userid: 'zs', name: bad, department: [1] }, boss)
    expect(create).toEqual({
      errcode: 40058,
      errmsg: expect.stringMatching(/^姓名不能.*(不可见|控制).*\(name\)$/),
    })
    expect((await b.call('user/get', { userid: 'zs' }, boss)).errcode).toBe(60111)
    expect((await b.call('user/create', { userid: 'zs', name: '张三', department: [1] }, boss)).errcode).toBe(
      0,
    )
    const update = await b.call('user/update', { userid: 'zs', name: bad }, boss)
    expect(update.errcode).toBe(40058)
    expect(update.errmsg).toContain('(name)')
    expect((await b.call('user/get', { userid: 'zs' }, boss)).name).toBe('张三')
  })

  test('department name: 40058 on create and update', async () => {
    const b = backend()
    const create = await b.call('department/create', { name: bad, parentid: 1 }, boss)
    expect(create).toEqual({ errcode: 40058, errmsg: expect.stringMatching(/^部门名称不能.*\(name\)$/) })
    expect((await b.call('department/list', {}, boss)).department).toHaveLength(1)
    const { id } = await b.call('department/create', { name: '销售部', parentid: 1 }, boss)
    const update = await b.call('department/update', { id, name: bad }, boss)
    expect(update.errcode).toBe(40058)
    const list = (await b.call('department/list', {}, boss)).department as { id: number; name: string }[]
    expect(list.find((d) => d.id === id)!.name).toBe('销售部')
  })

  test('tag name: 40058 naming tagname', async () => {
    const b = backend()
    const create = await b.call('tag/create', { tagname: bad }, boss)
    expect(create).toEqual({ errcode: 40058, errmsg: expect.stringMatching(/^标签名称不能.*\(tagname\)$/) })
    expect((await b.call('tag/list', {}, boss)).taglist).toEqual([])
  })

  test('business mailbox name: 680034 on create and update', async () => {
    const b = backend()
    const body = { email: 'sales@corp.com', name: bad, userid_list: { list: ['boss'] } }
    const create = await b.call('exmail/publicmail/create', body, boss)
    expect(create).toEqual({ errcode: 680034, errmsg: expect.stringMatching(/^业务邮箱名称不能.*\(name\)$/) })
    const { id } = await b.call('exmail/publicmail/create', { ...body, name: '销售' }, boss)
    const update = await b.call('exmail/publicmail/update', { id, name: bad }, boss)
    expect(update.errcode).toBe(680034)
    const got = await b.call('exmail/publicmail/get', { id_list: { list: [id] } }, boss)
    expect((got.list as { name: string }[])[0].name).toBe('销售')
  })

  test('client password remark: 40058 naming remark, for admins and members; no password made', async () => {
    const b = backend()
    const { id } = await b.call(
      'exmail/publicmail/create',
      { email: 'sales@corp.com', name: '销售', userid_list: { list: ['boss'] } },
      boss,
    )
    const admin = await b.call(
      'exmail/publicmail/update',
      { id, create_auth_code: 1, auth_code_info: { remark: bad } },
      boss,
    )
    expect(admin).toEqual({ errcode: 40058, errmsg: expect.stringMatching(/^备注不能.*\(remark\)$/) })
    const member = await b.call('mail/authcode/create', { mailbox: id, remark: bad }, boss)
    expect(member.errcode).toBe(40058)
    expect(member.errmsg).toContain('(remark)')
    expect((await b.call('exmail/publicmail/get_auth_code_list', { id }, boss)).auth_code_list).toEqual([])
  })
})

test('ordinary names with joiners inside visible text are still accepted', async () => {
  const b = backend()
  const family = '👨\u200d👩\u200d👧 家庭群'
  expect((await b.call('tag/create', { tagname: family }, boss)).errcode).toBe(0)
  expect(
    (await b.call('user/create', { userid: 'ow', name: 'O’Brien 欧', department: [1] }, boss)).errcode,
  ).toBe(0)
})
