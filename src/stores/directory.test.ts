// DirectoryStore against the real mock backend with the demo company (星河科技).
import { createApiClient } from '../api/client'
import type { CallContext } from '../api/contract'
import { createMockBackend } from '../api/mock'
import { DirectoryStore, FIRST_PAGE, NEXT_PAGE, SEARCH_LIMIT } from './directory'
import { memoryStorage } from '../../test/node/stores/harness'

const zhangsan = { corpid: 'wwdemo', userid: 'zhangsan' }
const lina = { corpid: 'wwdemo', userid: 'lina' }
const admin = { corpid: 'wwdemo', userid: 'zhangwei' }

function setup(who: CallContext = zhangsan) {
  const backend = createMockBackend()
  const identity = { current: who }
  const api = createApiClient(
    { call: (name, body, ctx) => backend.call(name, body as object, ctx) },
    () => identity.current,
  )
  const storage = memoryStorage()
  const store = new DirectoryStore({ api, storage, identity: () => identity.current, debounceMs: 0 })
  return { backend, identity, storage, store }
}

const settle = () => new Promise((r) => setTimeout(r, 5))

describe('DirectoryStore', () => {
  it('builds the visible tree with breadcrumbs and subtree member counts', async () => {
    const { store } = setup()
    await store.loadTree()
    expect(store.treeState).toBe('ready')
    const root = store.root!
    expect(root.id).toBe(1)
    const names = store.children(root.id).map((d) => d.name)
    expect(names).toContain('销售部')
    expect(names).not.toContain('董事会') // hidden from zhangsan
    const shanghai = store.departments!.find((d) => d.name === '上海组')!
    expect(store.path(shanghai.id).map((d) => d.name)).toEqual([root.name, '销售部', '华东区', '上海组'])
    const east = store.departments!.find((d) => d.name === '华东区')!
    const kids = store.children(east.id)
    // members of sub-departments are counted in the parent, each member once
    expect(east.member_count).toBeGreaterThanOrEqual(kids.reduce((n, k) => n + k.member_count, 0))
    expect(store.departmentNames([shanghai.id, 99999])).toEqual(['上海组'])
  })

  it('pages a department’s members with the cursor and stops at the end', async () => {
    const { backend, store } = setup()
    await store.loadTree()
    const dept = (await backend.call('department/create', { name: '大部门', parentid: 1 }, admin))
      .id as number
    const n = FIRST_PAGE + NEXT_PAGE + 7
    for (let i = 0; i < n; i++) {
      const r = await backend.call(
        'user/create',
        { userid: `bulk${String(i).padStart(4, '0')}`, name: `批量${i}`, department: [dept] },
        admin,
      )
      expect(r.errcode).toBe(0)
    }
    const list = store.members(dept)
    expect(store.members(dept)).toBe(list) // cached per department
    await list.refresh()
    expect(list.items).toHaveLength(FIRST_PAGE)
    expect(list.hasMore).toBe(true)
    await Promise.all([list.loadMore(), list.loadMore()]) // a second call while loading is ignored
    expect(list.items).toHaveLength(FIRST_PAGE + NEXT_PAGE)
    await list.loadMore()
    expect(list.items).toHaveLength(n)
    expect(list.hasMore).toBe(false)
    expect(new Set(list.items.map((m) => m.userid)).size).toBe(n)
  })

  it('searches by initials after the pause and keeps only the latest answer', async () => {
    const { store } = setup()
    store.setQuery('z')
    store.setQuery('zs')
    expect(store.searchState).toBe('loading')
    await settle()
    expect(store.searchState).toBe('ready')
    expect(store.resultsFor).toBe('zs')
    const first = store.results[0]
    expect(first.name).toBe('张三')
    expect(first.match).toBe('initials')
    store.setQuery('  ')
    expect(store.results).toEqual([])
    expect(store.searchState).toBe('idle')
  })

  it('never shows a member hidden from the viewer, in search, lists or cards', async () => {
    const { store } = setup()
    store.setQuery('王建国')
    await settle()
    expect(store.searchState).toBe('ready')
    expect(store.results.map((m) => m.name)).not.toContain('王建国')
    await store.loadCard('wangjianguo')
    expect(store.card('wangjianguo').state).toBe('error')
    expect(store.card('wangjianguo').member).toBeNull()
    expect(store.card('wangjianguo').errcode).toBe(60111)
  })

  it('shows a mobile only when the backend returns it', async () => {
    const { store } = setup()
    await store.loadCard('lisi') // same department as zhangsan
    expect(store.card('lisi').member?.mobile).toMatch(/^1\d{10}$/)
    await store.loadCard('wangwu') // another department
    expect(store.card('wangwu').member?.mobile).toBe('')
    expect(store.card('wangwu').member?.biz_mail).toBe('wangwu@xinghe.com')
  })

  it('keeps recent searches per identity and clears them', async () => {
    const { store, storage, identity } = setup()
    await store.loadRecent()
    store.addRecent('zs')
    store.addRecent('李')
    store.addRecent('zs')
    expect(store.recent).toEqual(['zs', '李'])
    expect(storage.data.get('bizmail.directory.recent.wwdemo.zhangsan')).toBe('["zs","李"]')

    identity.current = lina
    store.clear()
    expect(store.recent).toEqual([])
    await store.loadRecent()
    expect(store.recent).toEqual([])
    store.addRecent('wang')
    identity.current = zhangsan
    store.clear()
    await store.loadRecent()
    expect(store.recent).toEqual(['zs', '李'])
    store.clearRecent()
    expect(store.recent).toEqual([])
    expect(storage.data.has('bizmail.directory.recent.wwdemo.zhangsan')).toBe(false)
    expect(storage.data.get('bizmail.directory.recent.wwdemo.lina')).toBe('["wang"]')
  })

  it('lists the enabled business mailboxes to a member', async () => {
    const { store } = setup()
    await store.loadMailboxes()
    expect(store.mailboxesState).toBe('ready')
    expect(store.mailboxes!.map((m) => m.email)).toContain('sales@xinghe.com')
  })

  it('forgets everything on clear(), and drops answers to requests made before it', async () => {
    const { store, identity } = setup(lina)
    await Promise.all([store.loadTree(), store.loadMailboxes(), store.loadCard('wangjianguo')])
    // lina is 管理层: she may see the board
    expect(store.card('wangjianguo').member?.name).toBe('王建国')
    expect(store.departments!.some((d) => d.name === '董事会')).toBe(true)
    await store.members(1).refresh()

    const pending = store.loadTree()
    const pendingCard = store.loadCard('lisi')
    identity.current = zhangsan
    store.clear()
    await Promise.all([pending, pendingCard])
    expect(store.departments).toBeNull()
    expect(store.treeState).toBe('idle')
    expect(store.cards.size).toBe(0)
    expect(store.lists.size).toBe(0)
    expect(store.mailboxes).toBeNull()
    expect(store.results).toEqual([])

    await store.loadTree()
    expect(store.departments!.some((d) => d.name === '董事会')).toBe(false)
  })

  it('search pages: the true total, more pages on demand, none twice, and a retry after a failure', async () => {
    const { store, backend } = setup()
    store.setQuery('销售')
    await settle()
    expect(store.searchState).toBe('ready')
    const total = store.resultsTotal
    // the demo company has more 销售 than one page
    expect(total).toBeGreaterThan(SEARCH_LIMIT)
    expect(store.results).toHaveLength(SEARCH_LIMIT)
    expect(store.hasMoreResults).toBe(true)
    const all = await backend.call('user/search', { query: '销售', limit: 100 }, zhangsan)
    expect(all.total).toBe(total)

    // a failing page keeps what is shown and says why
    const real = backend.call.bind(backend)
    let fail = true
    backend.call = (async (name: string, body: object, ctx: CallContext) =>
      fail && name === 'user/search'
        ? { errcode: -1, errmsg: '系统繁忙' }
        : real(name, body, ctx)) as typeof backend.call
    await store.loadMoreResults()
    expect(store.results).toHaveLength(SEARCH_LIMIT)
    expect(store.resultsMoreError).not.toBe('')
    fail = false
    await store.loadMoreResults()
    expect(store.resultsMoreError).toBe('')
    expect(store.results.map((m) => m.userid)).toEqual(
      (all.userlist as Array<{ userid: string }>).map((m) => m.userid),
    )
    expect(store.hasMoreResults).toBe(false)
    await store.loadMoreResults() // at the end: nothing more is asked
    expect(store.results).toHaveLength(total)
  })

  it('finds business mailboxes and departments as their own sections ("sales", "xiaoshou")', async () => {
    const { store } = setup()
    store.setQuery('sales')
    await settle()
    expect(store.results).toEqual([])
    expect(store.resultMailboxes.map((m) => m.email)).toEqual(['sales@xinghe.com'])
    expect(store.resultsEmpty).toBe(false)
    store.setQuery('xiaoshou')
    await settle()
    expect(store.resultDepartments.map((d) => d.name)).toEqual(['销售部'])
    expect(store.resultDepartments[0].member_count).toBeGreaterThan(0)
    store.setQuery('')
    expect(store.resultDepartments).toEqual([])
    expect(store.resultMailboxes).toEqual([])
    expect(store.resultsTotal).toBe(0)
  })

  it('a page asked for before a new query is dropped', async () => {
    const { store, backend } = setup()
    store.setQuery('销售')
    await settle()
    const more = store.loadMoreResults()
    store.setQuery('zs')
    await more
    await settle()
    const want = await backend.call('user/search', { query: 'zs', limit: SEARCH_LIMIT }, zhangsan)
    expect(store.resultsFor).toBe('zs')
    expect(store.results.map((m) => m.userid)).toEqual(
      (want.userlist as Array<{ userid: string }>).map((m) => m.userid),
    )
    expect(store.resultsTotal).toBe(want.total)
  })

  it('an auditor who sees nobody finds only themselves', async () => {
    const { store } = setup({ corpid: 'wwdemo', userid: 'auditor' })
    store.setQuery('张')
    await settle()
    expect(store.results).toEqual([])
    await store.loadTree()
    expect(store.root?.member_count).toBe(1)
  })
})
