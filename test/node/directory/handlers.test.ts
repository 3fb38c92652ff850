// Directory APIs through the public backend: every rule and error code of api.md "Directory".
import { CORP, DOMAIN, corpSetup, harness, smallOrg, type Harness } from './helpers'

let h: Harness
beforeEach(async () => {
  h = harness()
  await smallOrg(h)
})

const ids = (list: Array<{ userid: string }>) => list.map((u) => u.userid)

describe('department/*', () => {
  test('create allocates an id, or takes the given one', async () => {
    const r = await h.ok('department/create', { name: '市场部', parentid: 1 })
    expect(r.id).toBe(8)
    const list = await h.ok('department/list', {})
    expect(list.department).toContainEqual({ id: 8, name: '市场部', parentid: 1, order: 0 })
    expect((await h.ok('department/create', { name: '法务部', parentid: 1, id: 100, order: 3 })).id).toBe(100)
  })

  test.each([
    [{ parentid: 1 }, 40058, 'name'],
    [{ name: '', parentid: 1 }, 40058, 'name'],
    [{ name: 'x'.repeat(65), parentid: 1 }, 40058, 'name'],
    [{ name: '研发|部', parentid: 1 }, 40058, 'name'],
    [{ name: '新部门' }, 40058, 'parentid'],
    [{ name: '新部门', parentid: '1' }, 40058, 'parentid'],
    [{ name: '新部门', parentid: 999 }, 60003, 'parentid'],
    [{ name: '销售部', parentid: 1 }, 40058, 'name'],
    [{ name: '新部门', parentid: 1, id: 2 }, 40058, 'id'],
    [{ name: '新部门', parentid: 1, id: 1.5 }, 40058, 'id'],
    [{ name: '新部门', parentid: 1, order: -1 }, 40058, 'order'],
  ])('create %j is refused with %i naming %s', async (body, code, field) => {
    const r = await h.call('department/create', body)
    expect(r.errcode).toBe(code)
    expect(r.errmsg).toContain(`(${field})`)
  })

  test('a 64-character name is accepted, the same name under another parent too', async () => {
    await h.ok('department/create', { name: '部'.repeat(64), parentid: 1 })
    await h.ok('department/create', { name: '上海组', parentid: 5 })
  })

  test('at most 15 levels', async () => {
    let parent = 4 // already level 4
    for (let level = 5; level <= 15; level++)
      parent = (await h.ok('department/create', { name: `L${level}`, parentid: parent })).id
    const r = await h.call('department/create', { name: 'L16', parentid: parent })
    expect(r.errcode).toBe(40058)
  })

  test('only admins write', async () => {
    expect((await h.call('department/create', { name: '新部门', parentid: 1 }, 'zhangsan')).errcode).toBe(
      48002,
    )
    expect((await h.call('department/update', { id: 2, name: '新名' }, 'zhangsan')).errcode).toBe(48002)
    expect((await h.call('department/delete', { id: 7 }, 'zhangsan')).errcode).toBe(48002)
    await h.ok('department/create', { name: '新部门', parentid: 1 }, 'admin2')
  })

  test('update renames and moves; no cycles, no root move, unique sibling names', async () => {
    await h.ok('department/update', { id: 6, name: '大前端', parentid: 1, order: 9 })
    expect((await h.ok('department/list', {})).department).toContainEqual({
      id: 6,
      name: '大前端',
      parentid: 1,
      order: 9,
    })
    expect((await h.call('department/update', { id: 2, parentid: 4 })).errcode).toBe(40058) // own descendant
    expect((await h.call('department/update', { id: 2, parentid: 2 })).errcode).toBe(40058)
    expect((await h.call('department/update', { id: 1, parentid: 2 })).errcode).toBe(40058)
    expect((await h.call('department/update', { id: 5, name: '销售部' })).errcode).toBe(40058)
    expect((await h.call('department/update', { id: 99, name: 'x' })).errcode).toBe(60003)
    expect((await h.call('department/update', { id: 5, parentid: 99 })).errcode).toBe(60003)
    expect((await h.call('department/update', { id: 5, name: 'x'.repeat(65) })).errcode).toBe(40058)
  })

  test('delete refuses a department with members or children, and the root', async () => {
    expect((await h.call('department/delete', { id: 4 })).errmsg).toContain('成员')
    expect((await h.call('department/delete', { id: 2 })).errmsg).toContain('子部门')
    expect((await h.call('department/delete', { id: 1 })).errcode).toBe(40058)
    expect((await h.call('department/delete', { id: 99 })).errcode).toBe(60003)
    expect((await h.call('department/delete', { id: 'x' })).errcode).toBe(40058)
    const { id } = await h.ok('department/create', { name: '临时', parentid: 1 })
    const tag = await h.ok('tag/create', { tagname: '临时标签' })
    await h.ok('tag/addtagusers', { tagid: tag.tagid, partylist: [id] })
    await h.ok('department/delete', { id })
    expect((await h.ok('department/list', {})).department.map((d: { id: number }) => d.id)).not.toContain(id)
    // no dangling reference a later department with the same id could inherit
    expect((await h.ok('tag/get', { tagid: tag.tagid })).partylist).toEqual([])
  })

  test('list is pre-order (parents first) and can start at a subtree', async () => {
    const all = (await h.ok('department/list', {})).department as Array<{ id: number; parentid: number }>
    expect(all.map((d) => d.id)).toEqual([1, 2, 3, 4, 5, 6, 7])
    const sub = (await h.ok('department/list', { id: 2 })).department as Array<{ id: number }>
    expect(sub.map((d) => d.id)).toEqual([2, 3, 4])
    expect((await h.call('department/list', { id: 99 })).errcode).toBe(60003)
    expect((await h.call('department/list', { id: 'x' })).errcode).toBe(40058)
  })
})

describe('user/create', () => {
  test('stores the member with defaults; biz_mail defaults to userid@domain lowercased', async () => {
    await h.ok('user/create', { userid: 'Alice.W', name: 'Alice', department: [4, 5] })
    const r = await h.ok('user/get', { userid: 'Alice.W' })
    expect(r).toMatchObject({
      userid: 'Alice.W',
      name: 'Alice',
      department: [4, 5],
      position: '',
      mobile: '',
      gender: '0',
      status: 1,
      biz_mail: `alice.w@${DOMAIN}`,
      alias: [],
      advanced: 0,
    })
  })

  test.each([
    [{ name: '甲', department: [1] }, 40058, 'userid'],
    [{ userid: 42, name: '甲', department: [1] }, 40058, 'userid'],
    [{ userid: '_abc', name: '甲', department: [1] }, 40003, 'userid'],
    [{ userid: '.abc', name: '甲', department: [1] }, 40003, 'userid'],
    [{ userid: 'a b', name: '甲', department: [1] }, 40003, 'userid'],
    [{ userid: 'a#b', name: '甲', department: [1] }, 40003, 'userid'],
    [{ userid: '张三', name: '甲', department: [1] }, 40003, 'userid'],
    [{ userid: 'a'.repeat(65), name: '甲', department: [1] }, 40003, 'userid'],
    [{ userid: 'ZhangSan', name: '甲', department: [1] }, 60145, 'userid'],
    [{ userid: 'jia', department: [1] }, 40058, 'name'],
    [{ userid: 'jia', name: '  ', department: [1] }, 40058, 'name'],
    [{ userid: 'jia', name: '甲'.repeat(65), department: [1] }, 40058, 'name'],
    [{ userid: 'jia', name: '甲' }, 40066, 'department'],
    [{ userid: 'jia', name: '甲', department: [] }, 40066, 'department'],
    [{ userid: 'jia', name: '甲', department: 1 }, 40066, 'department'],
    [{ userid: 'jia', name: '甲', department: ['1'] }, 40066, 'department'],
    [{ userid: 'jia', name: '甲', department: [1, 1] }, 40066, 'department'],
    [
      { userid: 'jia', name: '甲', department: Array.from({ length: 101 }, (_, i) => i + 1) },
      40066,
      'department',
    ],
    [{ userid: 'jia', name: '甲', department: [999] }, 60003, 'department'],
    [{ userid: 'jia', name: '甲', department: [1], position: 'p'.repeat(129) }, 40058, 'position'],
    [{ userid: 'jia', name: '甲', department: [1], position: 5 }, 40058, 'position'],
    [{ userid: 'jia', name: '甲', department: [1], mobile: 'abc' }, 40058, 'mobile'],
    [{ userid: 'jia', name: '甲', department: [1], gender: 3 }, 40058, 'gender'],
    [{ userid: 'jia', name: '甲', department: [1], biz_mail: 'jia@other.com' }, 40058, 'biz_mail'],
    [{ userid: 'jia', name: '甲', department: [1], biz_mail: 'not an address' }, 40058, 'biz_mail'],
    [{ userid: 'jia', name: '甲', department: [1], biz_mail: `ZhangSan@${DOMAIN}` }, 60145, 'biz_mail'],
    [{ userid: 'jia', name: '甲', department: [1], alias: ['x@other.com'] }, 40058, 'alias'],
    [{ userid: 'jia', name: '甲', department: [1], alias: [`lisi@${DOMAIN}`] }, 60145, 'alias'],
  ])('%j is refused with %i naming %s, and creates nothing', async (body, code, field) => {
    const r = await h.call('user/create', body)
    expect(r.errcode).toBe(code)
    expect(r.errmsg).toContain(`(${field})`)
    expect((await h.call('user/get', { userid: 'jia' })).errcode).toBe(60111)
  })

  test('limits accept their maximum', async () => {
    const userid = 'a' + '1'.repeat(63)
    await h.ok('user/create', {
      userid,
      name: '名'.repeat(64),
      department: Array.from({ length: 7 }, (_, i) => i + 1),
      position: '职'.repeat(128),
      gender: '2',
      mobile: '+86 138-0000-0000',
      biz_mail: `Custom.Box@${DOMAIN.toUpperCase()}`,
    })
    expect((await h.ok('user/get', { userid })).biz_mail).toBe(`custom.box@${DOMAIN}`)
    await h.ok('user/create', { userid: 'a-b_c.d@e', name: '符号', department: [1] })
  })

  test('the default address must be free: an address taken by a deleted member (recycle bin) blocks it', async () => {
    await h.ok('user/delete', { userid: 'lisi' })
    const r = await h.call('user/create', { userid: 'LiSi', name: '新李四', department: [1] })
    expect(r.errcode).toBe(60145)
    await h.ok('user/create', {
      userid: 'LiSi',
      name: '新李四',
      department: [1],
      biz_mail: `lisi2@${DOMAIN}`,
    })
  })

  test('only admins create (48002)', async () => {
    const r = await h.call('user/create', { userid: 'jia', name: '甲', department: [1] }, 'zhangsan')
    expect(r.errcode).toBe(48002)
  })
})

describe('user/update and user/delete', () => {
  test('update changes only the given fields', async () => {
    await h.ok('user/update', { userid: 'zhangsan', position: '销售经理', department: [3, 4] })
    const r = await h.ok('user/get', { userid: 'zhangsan' })
    expect(r).toMatchObject({ name: '张三', position: '销售经理', department: [3, 4], mobile: '13800000002' })
    await h.ok('user/update', { userid: 'ZHANGSAN', name: '张三丰', alias: [`sanfeng@${DOMAIN}`] })
    expect((await h.ok('user/search', { query: 'zsf' })).userlist[0].userid).toBe('zhangsan')
    expect((await h.ok('user/get', { userid: 'zhangsan' })).alias).toEqual([`sanfeng@${DOMAIN}`])
  })

  test.each([
    [{ userid: 'nobody', name: 'x' }, 60111],
    [{ name: 'x' }, 40058],
    [{ userid: 'zhangsan', name: '' }, 40058],
    [{ userid: 'zhangsan', name: '新名', department: [999] }, 60003],
    [{ userid: 'zhangsan', name: '新名', department: [] }, 40066],
    [{ userid: 'zhangsan', name: '新名', position: 'p'.repeat(129) }, 40058],
    [{ userid: 'zhangsan', name: '新名', biz_mail: `lisi@${DOMAIN}` }, 60145],
    [{ userid: 'zhangsan', name: '新名', biz_mail: 'zs@other.com' }, 40058],
    [
      { userid: 'zhangsan', name: '新名', alias: Array.from({ length: 6 }, (_, i) => `a${i}@${DOMAIN}`) },
      40058,
    ],
    [{ userid: 'zhangsan', name: '新名', alias: [`zhangsan@${DOMAIN}`] }, 40058],
    [{ userid: 'zhangsan', name: '新名', gender: 'x' }, 40058],
  ])('update %j is refused with %i and changes no field', async (body, code) => {
    const before = await h.ok('user/get', { userid: 'zhangsan' })
    expect((await h.call('user/update', body)).errcode).toBe(code)
    expect(await h.ok('user/get', { userid: 'zhangsan' })).toEqual(before)
  })

  test('delete: the mailbox goes to the recycle bin for 60 days, its address stays taken', async () => {
    await h.ok('tag/create', { tagname: '销售', tagid: 5 })
    await h.ok('tag/addtagusers', { tagid: 5, userlist: ['zhangsan', 'lisi'] })
    await h.ok('user/delete', { userid: 'zhangsan' })
    expect((await h.call('user/get', { userid: 'zhangsan' })).errcode).toBe(60111)
    expect((await h.ok('user/search', { query: '张三' })).userlist).toEqual([])
    expect((await h.ok('tag/get', { tagid: 5 })).userlist).toEqual([{ userid: 'lisi', name: '李四' }])
    const recreate = await h.call('user/create', { userid: 'zhangsan', name: '张三', department: [1] })
    expect(recreate.errcode).toBe(60145)
    expect(recreate.errmsg).toContain('(biz_mail)')
  })

  test('delete: unknown 60111, the creator cannot be deleted, non-admins 48002', async () => {
    expect((await h.call('user/delete', { userid: 'nobody' })).errcode).toBe(60111)
    expect((await h.call('user/delete', { userid: 'boss' })).errcode).toBe(40058)
    expect((await h.call('user/delete', { userid: 'lisi' }, 'zhangsan')).errcode).toBe(48002)
    expect((await h.call('user/update', { userid: 'lisi', name: 'x' }, 'zhangsan')).errcode).toBe(48002)
  })
})

describe('user/get, user/list', () => {
  test('mobile only for admins, self and same-department viewers', async () => {
    await h.ok('user/create', { userid: 'shanghai2', name: '上海二', department: [4], mobile: '13900000000' })
    expect((await h.ok('user/get', { userid: 'zhangsan' }, 'boss')).mobile).toBe('13800000002')
    expect((await h.ok('user/get', { userid: 'zhangsan' }, 'admin2')).mobile).toBe('13800000002')
    expect((await h.ok('user/get', { userid: 'zhangsan' }, 'zhangsan')).mobile).toBe('13800000002')
    expect((await h.ok('user/get', { userid: 'zhangsan' }, 'shanghai2')).mobile).toBe('13800000002')
    // lisi is in 华东区, the parent department: not the same department
    const other = await h.ok('user/get', { userid: 'zhangsan' }, 'lisi')
    expect(other.mobile).toBe('')
    expect(other).toMatchObject({ name: '张三', biz_mail: `zhangsan@${DOMAIN}`, department: [4] })
    expect((await h.ok('user/list', { department_id: 4 }, 'wangwu')).userlist[0].mobile).toBe('')
  })

  test('get: 60111 for an absent member; bad userid 40058', async () => {
    expect((await h.call('user/get', { userid: 'ghost' })).errcode).toBe(60111)
    expect((await h.call('user/get', { userid: ['zhangsan'] })).errcode).toBe(40058)
    expect((await h.call('user/get', {})).errcode).toBe(40058)
  })

  test('list: direct members, or the whole subtree with fetch_child', async () => {
    expect(ids((await h.ok('user/list', { department_id: 2 })).userlist)).toEqual([])
    expect(ids((await h.ok('user/list', { department_id: 2, fetch_child: 1 })).userlist)).toEqual([
      'lisi',
      'zhangsan',
    ])
    expect(ids((await h.ok('user/list', { department_id: 1, fetch_child: 1 })).userlist)).toHaveLength(8)
  })

  test('list pages with cursor and limit', async () => {
    const seen: string[] = []
    let cursor = ''
    for (let page = 0; page < 10; page++) {
      const r = await h.ok('user/list', { department_id: 1, fetch_child: 1, limit: 3, cursor })
      seen.push(...ids(r.userlist))
      expect(r.userlist.length).toBeLessThanOrEqual(3)
      cursor = r.next_cursor
      if (!cursor) break
    }
    expect(seen).toEqual([...seen].sort())
    expect(new Set(seen).size).toBe(8)
  })

  test.each([
    [{}, 40058],
    [{ department_id: 0 }, 40058],
    [{ department_id: 99 }, 60003],
    [{ department_id: 1, fetch_child: 2 }, 40058],
    [{ department_id: 1, limit: 1001 }, 40058],
    [{ department_id: 1, limit: 0 }, 40058],
    [{ department_id: 1, cursor: 5 }, 40058],
  ])('list %j -> %i', async (body, code) => {
    expect((await h.call('user/list', body)).errcode).toBe(code)
  })

  test('list accepts limit 1000', async () => {
    await h.ok('user/list', { department_id: 1, limit: 1000 })
  })
})

describe('user/search', () => {
  test('zs and zhangs find 张三; the matching field is reported', async () => {
    for (const [query, match] of [
      ['zs', 'initials'],
      ['zhangs', 'pinyin'],
      ['zhangsan', 'pinyin'],
      ['张三', 'name'],
      ['张', 'name'],
      ['ZhangSan', 'pinyin'],
      ['zhang san', 'pinyin'],
      [`zhangsan@${DOMAIN}`, 'email'],
      ['销售代表', 'position'],
    ]) {
      const r = await h.ok('user/search', { query })
      expect(r.userlist[0]).toMatchObject({ userid: 'zhangsan', match })
    }
  })

  test('userid and mail address matches', async () => {
    await h.ok('user/create', { userid: 'xq007', name: 'Q', department: [1], biz_mail: `agent@${DOMAIN}` })
    expect((await h.ok('user/search', { query: 'xq0' })).userlist[0]).toMatchObject({
      userid: 'xq007',
      match: 'userid',
    })
    expect((await h.ok('user/search', { query: 'agent@' })).userlist[0]).toMatchObject({
      userid: 'xq007',
      match: 'email',
    })
  })

  test('ranked exact > prefix > substring', async () => {
    await h.ok('user/create', { userid: 'u1', name: '王小五', department: [1] })
    await h.ok('user/create', { userid: 'u2', name: '五月', department: [1] })
    const r = await h.ok('user/search', { query: '五' })
    // 五月 starts with 五 (prefix), 王五 and 王小五 contain it (substring)
    expect(ids(r.userlist)).toEqual(['u2', 'wangwu', 'u1'])
    const exact = await h.ok('user/search', { query: '王五' })
    expect(ids(exact.userlist)[0]).toBe('wangwu')
  })

  test('a single Latin letter matches by prefix only; a single Chinese character also inside names', async () => {
    const s = await h.ok('user/search', { query: 's' })
    expect(ids(s.userlist)).not.toContain('zhangsan') // zhangsan only contains "s"
    expect(ids((await h.ok('user/search', { query: '三' })).userlist)).toEqual(['zhangsan'])
  })

  test('limit: default 20, at most 100', async () => {
    for (let i = 0; i < 30; i++)
      await h.ok('user/create', { userid: `zz${i}`, name: `测试${i}`, department: [1] })
    expect((await h.ok('user/search', { query: 'zz' })).userlist).toHaveLength(20)
    expect((await h.ok('user/search', { query: 'zz', limit: 25 })).userlist).toHaveLength(25)
    expect((await h.ok('user/search', { query: 'zz', limit: 100 })).userlist).toHaveLength(30)
    expect((await h.call('user/search', { query: 'zz', limit: 101 })).errcode).toBe(40058)
    expect((await h.call('user/search', { query: 'zz', limit: 0 })).errcode).toBe(40058)
    expect((await h.call('user/search', { query: 'zz', limit: '5' })).errcode).toBe(40058)
  })

  test('bad queries', async () => {
    expect((await h.call('user/search', {})).errcode).toBe(40058)
    expect((await h.call('user/search', { query: 5 })).errcode).toBe(40058)
    expect((await h.call('user/search', { query: 'x'.repeat(129) })).errcode).toBe(40058)
    expect((await h.ok('user/search', { query: '   ' })).userlist).toEqual([])
  })

  test('polyphonic surnames are read as surnames', async () => {
    await h.ok('user/create', { userid: 's1', name: '单雄信', department: [1] })
    await h.ok('user/create', { userid: 's2', name: '曾国藩', department: [1] })
    await h.ok('user/create', { userid: 's3', name: '解缙', department: [1] })
    expect(ids((await h.ok('user/search', { query: 'shanxiongxin' })).userlist)).toEqual(['s1'])
    expect(ids((await h.ok('user/search', { query: 'zgf' })).userlist)).toEqual(['s2'])
    expect(ids((await h.ok('user/search', { query: 'xiej' })).userlist)).toEqual(['s3'])
    expect((await h.ok('user/search', { query: 'danxiong' })).userlist).toEqual([])
  })
})

describe('tag/*', () => {
  test('create, add members and departments, get, list, remove, delete', async () => {
    const { tagid } = await h.ok('tag/create', { tagname: '客服' })
    expect(tagid).toBe(1)
    await h.ok('tag/addtagusers', { tagid, userlist: ['zhangsan'], partylist: [5] })
    expect(await h.ok('tag/get', { tagid }, 'zhangsan')).toMatchObject({
      tagname: '客服',
      userlist: [{ userid: 'zhangsan', name: '张三' }],
      partylist: [5],
    })
    expect((await h.ok('tag/list', {}, 'zhangsan')).taglist).toEqual([{ tagid, tagname: '客服' }])
    await h.ok('tag/deltagusers', { tagid, partylist: [5] })
    expect((await h.ok('tag/get', { tagid })).partylist).toEqual([])
    await h.ok('tag/delete', { tagid })
    expect((await h.ok('tag/list', {})).taglist).toEqual([])
    expect((await h.call('tag/get', { tagid })).errcode).toBe(40068)
  })

  test.each([
    [{}, 40058],
    [{ tagname: 't'.repeat(33) }, 40058],
    [{ tagname: '重复' }, 40058],
    [{ tagname: 'x', tagid: 7 }, 40068],
    [{ tagname: 'x', tagid: -1 }, 40068],
    [{ tagname: 'x', tagid: '9' }, 40068],
  ])('create %j -> %i', async (body, code) => {
    await h.ok('tag/create', { tagname: '重复', tagid: 7 })
    expect((await h.call('tag/create', body)).errcode).toBe(code)
  })

  test('a 32-character name is fine; at most 3000 tags', async () => {
    await h.ok('tag/create', { tagname: '标'.repeat(32) })
    for (let i = 1; i < 3000; i++) await h.ok('tag/create', { tagname: `t${i}` })
    const r = await h.call('tag/create', { tagname: 'one too many' })
    expect(r.errcode).toBe(40058)
    expect(r.errmsg).toContain('3000')
  })

  test.each([
    [{ tagid: 99, userlist: ['zhangsan'] }, 40068],
    [{ tagid: 1 }, 40058],
    [{ tagid: 1, userlist: [], partylist: [] }, 40058],
    [{ tagid: 1, userlist: ['ghost'] }, 60111],
    [{ tagid: 1, userlist: 'zhangsan' }, 40058],
    [{ tagid: 1, partylist: [99] }, 60003],
    [{ tagid: 1, partylist: ['a'] }, 40066],
    [{ tagid: 1, userlist: ['zhangsan', 'ghost'] }, 60111],
  ])('addtagusers / deltagusers %j -> %i, nothing changes', async (body, code) => {
    await h.ok('tag/create', { tagname: '客服', tagid: 1 })
    await h.ok('tag/addtagusers', { tagid: 1, userlist: ['lisi'] })
    expect((await h.call('tag/addtagusers', body)).errcode).toBe(code)
    expect((await h.call('tag/deltagusers', body)).errcode).toBe(code)
    expect((await h.ok('tag/get', { tagid: 1 })).userlist).toEqual([{ userid: 'lisi', name: '李四' }])
  })

  test('writes are admin-only', async () => {
    expect((await h.call('tag/create', { tagname: 'x' }, 'zhangsan')).errcode).toBe(48002)
    await h.ok('tag/create', { tagname: 'x', tagid: 1 })
    expect((await h.call('tag/delete', { tagid: 1 }, 'zhangsan')).errcode).toBe(48002)
    expect((await h.call('tag/addtagusers', { tagid: 1, userlist: ['lisi'] }, 'zhangsan')).errcode).toBe(
      48002,
    )
    expect((await h.call('tag/deltagusers', { tagid: 1, userlist: ['lisi'] }, 'zhangsan')).errcode).toBe(
      48002,
    )
  })
})

describe('contactrule/* and visibility', () => {
  const none = { userid: [], partyid: [], tagid: [] }

  test.each([
    [{ rule_type: 4, range: { userid: ['zhangsan'] } }, 40058, 'rule_type'],
    [{ rule_type: '1', range: { userid: ['zhangsan'] } }, 40058, 'rule_type'],
    [{ rule_type: 1 }, 40058, 'range'],
    [{ rule_type: 1, range: none }, 40058, 'range'],
    [{ rule_type: 1, range: [] }, 40058, 'range'],
    [{ rule_type: 1, range: { userid: ['ghost'] } }, 60111, 'range.userid'],
    [{ rule_type: 1, range: { partyid: [99] } }, 60003, 'range.partyid'],
    [{ rule_type: 1, range: { tagid: [99] } }, 40068, 'range.tagid'],
    [
      { rule_type: 1, range: { userid: ['lisi'] }, whitelist: { userid: ['ghost'] } },
      60111,
      'whitelist.userid',
    ],
    [
      { rule_type: 1, range: { userid: ['lisi'] }, extra_visible: { userid: ['zhangsan'] } },
      40058,
      'extra_visible',
    ],
    [
      { rule_type: 3, range: { userid: ['lisi'] }, extra_visible: { userid: ['zhangsan'] } },
      40058,
      'extra_visible',
    ],
  ])('create %j -> %i naming %s', async (body, code, field) => {
    const r = await h.call('contactrule/create', body)
    expect(r.errcode).toBe(code)
    expect(r.errmsg).toContain(`(${field})`)
    expect((await h.ok('contactrule/list', {})).rules).toEqual([])
  })

  test('create, list (admins only), delete', async () => {
    const { rule_id } = await h.ok('contactrule/create', { rule_type: 3, range: { userid: ['intern'] } })
    const list = await h.ok('contactrule/list', {})
    expect(list.rules).toEqual([
      {
        rule_id,
        rule_type: 3,
        range: { userid: ['intern'], partyid: [], tagid: [] },
        whitelist: none,
        extra_visible: none,
      },
    ])
    expect((await h.call('contactrule/list', {}, 'zhangsan')).errcode).toBe(48002)
    expect(
      (await h.call('contactrule/create', { rule_type: 3, range: { userid: ['lisi'] } }, 'zhangsan')).errcode,
    ).toBe(48002)
    expect((await h.call('contactrule/delete', { rule_id }, 'zhangsan')).errcode).toBe(48002)
    expect((await h.call('contactrule/delete', { rule_id: 99 })).errcode).toBe(40058)
    await h.ok('contactrule/delete', { rule_id })
    expect((await h.ok('contactrule/list', {})).rules).toEqual([])
  })

  test('hide: the range is invisible to everyone but the whitelist (admins included), like an absent member', async () => {
    await h.ok('tag/create', { tagname: '管理层', tagid: 1 })
    await h.ok('tag/addtagusers', { tagid: 1, userlist: ['zhaoliu'] })
    await h.ok('contactrule/create', { rule_type: 1, range: { partyid: [7] }, whitelist: { tagid: [1] } })
    for (const viewer of ['zhangsan', 'admin2', 'boss']) {
      const absent = await h.call('user/get', { userid: 'ghost' }, viewer)
      const hidden = await h.call('user/get', { userid: 'chairman' }, viewer)
      expect(hidden.errcode).toBe(60111)
      expect(hidden.errmsg).toBe(absent.errmsg.replace('ghost', 'chairman'))
      expect(ids((await h.ok('user/search', { query: '陈董' }, viewer)).userlist)).toEqual([])
      expect(
        ids((await h.ok('user/list', { department_id: 1, fetch_child: 1 }, viewer)).userlist),
      ).not.toContain('chairman')
      expect(
        (await h.ok('department/list', {}, viewer)).department.map((d: { id: number }) => d.id),
      ).not.toContain(7)
      expect((await h.call('user/list', { department_id: 7 }, viewer)).errcode).toBe(60003)
    }
    expect((await h.ok('user/get', { userid: 'chairman' }, 'zhaoliu')).name).toBe('陈董')
    expect((await h.ok('user/get', { userid: 'chairman' }, 'chairman')).name).toBe('陈董') // self
  })

  test('own department: the range sees its departments (with sub-departments) and extra_visible', async () => {
    await h.ok('contactrule/create', {
      rule_type: 2,
      range: { userid: ['zhaoliu', 'intern'] },
      extra_visible: { userid: ['boss'], partyid: [4] },
    })
    const seen = ids((await h.ok('user/list', { department_id: 1, fetch_child: 1 }, 'zhaoliu')).userlist)
    expect(seen).toEqual(['boss', 'intern', 'wangwu', 'zhangsan', 'zhaoliu'])
    // intern is in 前端组 (6): sees 前端组 only, plus extra
    const internSees = ids((await h.ok('user/list', { department_id: 1, fetch_child: 1 }, 'intern')).userlist)
    expect(internSees).toEqual(['boss', 'intern', 'wangwu', 'zhangsan'])
    expect((await h.call('user/get', { userid: 'lisi' }, 'intern')).errcode).toBe(60111)
    const depts = (await h.ok('department/list', {}, 'intern')).department.map((d: { id: number }) => d.id)
    // own subtree and extra departments, plus the ancestors on their path
    expect(depts).toEqual([1, 2, 3, 4, 5, 6])
    const zl = (await h.ok('department/list', {}, 'zhaoliu')).department.map((d: { id: number }) => d.id)
    expect(zl).toEqual([1, 2, 3, 4, 5, 6])
  })

  test('see nobody: the range sees only itself; several rules intersect', async () => {
    await h.ok('contactrule/create', { rule_type: 3, range: { userid: ['wangwu'] } })
    expect(ids((await h.ok('user/list', { department_id: 1, fetch_child: 1 }, 'wangwu')).userlist)).toEqual([
      'wangwu',
    ])
    expect(ids((await h.ok('user/search', { query: 'z' }, 'wangwu')).userlist)).toEqual([])
    expect((await h.ok('department/list', {}, 'wangwu')).department.map((d: { id: number }) => d.id)).toEqual(
      [1, 5, 6],
    )

    await h.ok('contactrule/create', {
      rule_type: 2,
      range: { partyid: [5] },
      extra_visible: { userid: ['boss'] },
    })
    await h.ok('contactrule/create', {
      rule_type: 2,
      range: { partyid: [6] },
      extra_visible: { userid: ['zhangsan'] },
    })
    // intern (dept 6) is under both: boss only via rule A, zhangsan only via rule B -> neither;
    // wangwu shares dept 6 (both rules allow him: a see-nobody rule on him limits what *he* sees)
    const sees = ids((await h.ok('user/list', { department_id: 1, fetch_child: 1 }, 'intern')).userlist)
    expect(sees).toEqual(['intern', 'wangwu'])
    // zhaoliu (dept 5) is only under rule A: sees 5's subtree and boss
    const zl = ids((await h.ok('user/list', { department_id: 1, fetch_child: 1 }, 'zhaoliu')).userlist)
    expect(zl).toEqual(['boss', 'intern', 'wangwu', 'zhaoliu'])
  })

  test('whitelisted viewers are not restricted; tag ranges include tag departments', async () => {
    await h.ok('tag/create', { tagname: '研发', tagid: 2 })
    await h.ok('tag/addtagusers', { tagid: 2, partylist: [5] })
    await h.ok('contactrule/create', {
      rule_type: 3,
      range: { tagid: [2] },
      whitelist: { userid: ['zhaoliu'] },
    })
    expect(ids((await h.ok('user/list', { department_id: 1, fetch_child: 1 }, 'wangwu')).userlist)).toEqual([
      'wangwu',
    ])
    expect(
      ids((await h.ok('user/list', { department_id: 1, fetch_child: 1 }, 'zhaoliu')).userlist),
    ).toHaveLength(8)
  })

  test('tag/get lists only visible members', async () => {
    await h.ok('tag/create', { tagname: '混合', tagid: 3 })
    await h.ok('tag/addtagusers', { tagid: 3, userlist: ['chairman', 'zhangsan'], partylist: [7] })
    await h.ok('contactrule/create', { rule_type: 1, range: { userid: ['chairman'], partyid: [7] } })
    const r = await h.ok('tag/get', { tagid: 3 }, 'lisi')
    expect(r.userlist).toEqual([{ userid: 'zhangsan', name: '张三' }])
    expect(r.partylist).toEqual([])
  })

  test('deleting a rule restores visibility', async () => {
    const { rule_id } = await h.ok('contactrule/create', { rule_type: 1, range: { userid: ['lisi'] } })
    expect((await h.call('user/get', { userid: 'lisi' }, 'zhangsan')).errcode).toBe(60111)
    await h.ok('contactrule/delete', { rule_id })
    expect((await h.ok('user/get', { userid: 'lisi' }, 'zhangsan')).name).toBe('李四')
  })
})

test('another corp is separate: same userid allowed, no cross-corp reads', async () => {
  const h2 = harness([
    corpSetup(),
    corpSetup({ corpid: 'other', domain: { name: 'other.com', kind: 'custom' } }),
  ])
  await h2.ok('user/create', { userid: 'zhangsan', name: '张三', department: [1] })
  const r = await h2.backend.call(
    'user/create',
    { userid: 'zhangsan', name: '张三', department: [1] },
    { corpid: 'other', userid: 'boss' },
  )
  expect(r.errcode).toBe(0)
  const get = await h2.backend.call('user/get', { userid: 'zhangsan' }, { corpid: 'other', userid: 'boss' })
  expect(get.biz_mail).toBe('zhangsan@other.com')
  expect(
    (await h2.backend.call('user/get', { userid: 'boss' }, { corpid: CORP, userid: 'zhangsan' })).errcode,
  ).toBe(0)
})
