// user/search beyond members (departments, business mailboxes), paging with a cursor and the true
// total, and contactrule/preview (what one member would see, asked by an admin).
import { DOMAIN, harness, smallOrg, type Harness } from './helpers'

let h: Harness
beforeEach(async () => {
  h = harness()
  await smallOrg(h)
})

const ids = (list: Array<{ userid: string }>) => list.map((u) => u.userid)

/** 30 members whose position holds 销售, in the 销售部 subtree */
async function manySales(): Promise<void> {
  for (let i = 0; i < 30; i++) {
    const n = String(i).padStart(2, '0')
    await h.ok('user/create', { userid: `sales${n}`, name: `销售员${n}`, department: [4], position: '销售' })
  }
}

describe('user/search paging', () => {
  test('total counts every visible match; pages follow next_cursor without gaps or repeats', async () => {
    await manySales()
    const first = await h.ok('user/search', { query: '销售', limit: 10 })
    // 30 销售员, 张三 (销售代表)
    expect(first.total).toBe(31)
    expect(first.userlist).toHaveLength(10)
    expect(first.next_cursor).toBe('10')
    const seen = ids(first.userlist)
    let cursor = first.next_cursor
    while (cursor) {
      const page = await h.ok('user/search', { query: '销售', limit: 10, cursor })
      expect(page.total).toBe(31)
      seen.push(...ids(page.userlist))
      cursor = page.next_cursor
    }
    expect(seen).toHaveLength(31)
    expect(new Set(seen).size).toBe(31)
    // the pages together are the one ranked list
    const all = await h.ok('user/search', { query: '销售', limit: 100 })
    expect(ids(all.userlist)).toEqual(seen)
    expect(all.next_cursor).toBe('')
  })

  test('the total leaves out what the caller may not see', async () => {
    await manySales()
    // hide 上海组 (every 销售员 and 张三) from everyone but the creator
    await h.ok('contactrule/create', {
      rule_type: 1,
      range: { partyid: [4] },
      whitelist: { userid: ['boss'] },
    })
    const boss = await h.ok('user/search', { query: '销售', limit: 5 })
    expect(boss.total).toBe(31)
    const wangwu = await h.ok('user/search', { query: '销售', limit: 5 }, 'wangwu')
    expect(wangwu.total).toBe(0)
    expect(wangwu.userlist).toEqual([])
    expect(wangwu.next_cursor).toBe('')
  })

  test('a cursor past the end answers an empty page; a malformed one is refused', async () => {
    const r = await h.ok('user/search', { query: '张', cursor: '50' })
    expect(r.userlist).toEqual([])
    expect(r.next_cursor).toBe('')
    expect(r.total).toBe(1)
    for (const cursor of ['-1', 'abc', '1.5', 12]) {
      const bad = await h.call('user/search', { query: '张', cursor })
      expect(bad.errcode).toBe(40058)
    }
  })
})

describe('user/search sections', () => {
  beforeEach(async () => {
    await h.ok('exmail/publicmail/create', {
      email: `sales@${DOMAIN}`,
      name: '销售部公共邮箱',
      userid_list: { list: ['zhangsan'] },
    })
    const pr = await h.ok('exmail/publicmail/create', {
      email: `pr@${DOMAIN}`,
      name: '市场公关',
      userid_list: { list: ['zhangsan'] },
    })
    await h.ok('exmail/publicmail/update', { id: pr.id, alias_list: { list: [`press@${DOMAIN}`] } })
  })

  test('"sales" finds the business mailbox by its address, "xiaoshou" the department by pinyin', async () => {
    const sales = await h.ok('user/search', { query: 'sales', fetch_department: 1, fetch_publicmail: 1 })
    expect(sales.userlist).toEqual([])
    expect(sales.publicmail).toEqual([
      { id: expect.any(Number), email: `sales@${DOMAIN}`, name: '销售部公共邮箱', match: 'email' },
    ])
    const py = await h.ok('user/search', { query: 'xiaoshou', fetch_department: 1, fetch_publicmail: 1 })
    expect(py.department).toEqual([{ id: 2, name: '销售部', parentid: 1, member_count: 2, match: 'pinyin' }])
    expect(py.publicmail.map((m: { name: string }) => m.name)).toEqual(['销售部公共邮箱'])
  })

  test('departments rank exact > prefix > substring, with visible member counts', async () => {
    await h.ok('department/create', { id: 8, name: '销售', parentid: 7 })
    await h.ok('department/create', { id: 9, name: '海外销售部', parentid: 1 })
    const r = await h.ok('user/search', { query: '销售', fetch_department: 1 })
    expect(r.department.map((d: { id: number }) => d.id)).toEqual([8, 2, 9])
    expect(r.department[1].member_count).toBe(2)
    expect(r.publicmail).toBeUndefined()
  })

  test('hidden departments and disabled or aliased mailboxes are not found', async () => {
    await h.ok('contactrule/create', {
      rule_type: 1,
      range: { partyid: [2] },
      whitelist: { userid: ['boss'] },
    })
    const r = await h.ok('user/search', { query: '销售', fetch_department: 1 }, 'wangwu')
    expect(r.department).toEqual([])
    // an alias is not shown to members anywhere, so it does not find the mailbox either
    const alias = await h.ok('user/search', { query: 'press', fetch_publicmail: 1 }, 'wangwu')
    expect(alias.publicmail).toEqual([])
    const list = await h.ok('mail/publicmail/directory', {})
    const pr = list.list.find((m: { email: string }) => m.email.startsWith('pr@'))
    await h.ok('exmail/account/act_email', { publicemail_id: pr.id, type: 2 })
    const off = await h.ok('user/search', { query: 'pr', fetch_publicmail: 1 }, 'wangwu')
    expect(off.publicmail).toEqual([])
  })

  test('sections come with the first page only, and only when asked', async () => {
    await manySales()
    const first = await h.ok('user/search', {
      query: '销售',
      limit: 10,
      fetch_department: 1,
      fetch_publicmail: 1,
    })
    expect(first.department).toHaveLength(1)
    expect(first.publicmail).toHaveLength(1)
    const next = await h.ok('user/search', {
      query: '销售',
      limit: 10,
      cursor: first.next_cursor,
      fetch_department: 1,
      fetch_publicmail: 1,
    })
    expect(next.department).toEqual([])
    expect(next.publicmail).toEqual([])
    const plain = await h.ok('user/search', { query: '销售' })
    expect(plain.department).toBeUndefined()
    expect((await h.call('user/search', { query: '销售', fetch_department: 2 })).errcode).toBe(40058)
  })
})

describe('contactrule/preview', () => {
  beforeEach(async () => {
    // 王五 (前端组) sees only their own department tree
    await h.ok('contactrule/create', { rule_type: 2, range: { userid: ['wangwu'] } })
  })

  test('the departments, members and total that member sees, not the admin', async () => {
    const r = await h.ok('contactrule/preview', { userid: 'wangwu' })
    // own department and the path up to it, each counting only what TA sees
    expect(r.department).toEqual([
      { id: 1, name: '测试公司', parentid: 0, member_count: 2 },
      { id: 5, name: '研发部', parentid: 1, member_count: 2 },
      { id: 6, name: '前端组', parentid: 5, member_count: 2 },
    ])
    expect(ids(r.userlist).sort()).toEqual(['intern', 'wangwu'])
    expect(r.total).toBe(2)
    const all = await h.ok('contactrule/preview', { userid: 'zhangsan' })
    expect(all.total).toBe(8)
    expect(all.department.map((d: { id: number }) => d.id)).toEqual([1, 2, 3, 4, 5, 6, 7])
  })

  test("with a query: that member's search answers and their count", async () => {
    const r = await h.ok('contactrule/preview', { userid: 'wangwu', query: 'z' })
    expect(ids(r.userlist)).toEqual(['intern'])
    expect(r.total).toBe(1)
    const open = await h.ok('contactrule/preview', { userid: 'lisi', query: 'z' })
    expect(ids(open.userlist)).toEqual(['zhangsan', 'zhaoliu', 'intern'])
    expect(open.total).toBe(3)
  })

  test('cards carry what that member may see: mobile only within their department', async () => {
    const r = await h.ok('contactrule/preview', { userid: 'lisi' })
    const card = (u: string) => r.userlist.find((m: { userid: string }) => m.userid === u)
    expect(card('wangwu').mobile).toBe('')
    expect(card('lisi').mobile).toBe('13800000003')
  })

  test('admins only; an unknown member is refused with 60111', async () => {
    expect((await h.call('contactrule/preview', { userid: 'wangwu' }, 'zhangsan')).errcode).toBe(48002)
    expect((await h.call('contactrule/preview', { userid: 'nobody' })).errcode).toBe(60111)
    expect((await h.call('contactrule/preview', {})).errcode).toBe(40058)
    expect((await h.call('contactrule/preview', { userid: 'wangwu', query: 5 })).errcode).toBe(40058)
  })
})
