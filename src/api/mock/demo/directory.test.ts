// The demo directory: deterministic, realistic, and usable for the demos (zhangsan / lina unrestricted).
import { createMockBackend } from '../index'
import { orgIndex } from '../orgIndex'
import { stateFromSetups } from '../seed'
import { DEMO_CORPS } from './index'
import { seedDirectoryDemo } from './directory'
import { largeOrgCalls } from './largeOrg'
import { testSecureBytes } from '../../../../test/kit/mail'

const env = { now: () => 0, random: Math.random, secureBytes: testSecureBytes(), schedule: () => undefined }
const demo = () => {
  const state = stateFromSetups(DEMO_CORPS)
  seedDirectoryDemo(state, env)
  return state
}

test('deterministic regardless of env.random', () => {
  const a = demo()
  const b = stateFromSetups(DEMO_CORPS)
  seedDirectoryDemo(b, { ...env, random: () => 0.99 })
  expect(JSON.stringify(a)).toBe(JSON.stringify(b))
})

test('星河科技: ~300 members, a 4-level tree, tags, rules; the second org shares some userids', () => {
  const { wwdemo, wwdemo2 } = demo().corps
  const members = Object.values(wwdemo.users)
  expect(members.length).toBeGreaterThanOrEqual(280)
  expect(members.length).toBeLessThanOrEqual(330)
  expect(wwdemo.users.zhangsan.name).toBe('张三')
  expect(wwdemo.users.lina.name).toBe('李娜')
  expect(wwdemo.users.zhangwei.name).toBe('张伟')
  const org = orgIndex(wwdemo)
  const depth = Math.max(...Object.keys(wwdemo.departments).map((d) => org.ancestors(Number(d)).length))
  expect(depth).toBeGreaterThanOrEqual(4)
  expect(Object.values(wwdemo.tags).map((t) => t.tagname)).toEqual(
    expect.arrayContaining(['客服', '管理层', '实习生']),
  )
  expect(Object.values(wwdemo.tags).find((t) => t.tagname === '客服')!.partylist.length).toBeGreaterThan(0)
  expect(new Set(Object.values(wwdemo.contactRules).map((r) => r.rule_type))).toEqual(new Set([1, 2, 3]))
  const second = Object.keys(wwdemo2.users)
  expect(second.length).toBeGreaterThanOrEqual(25)
  expect(wwdemo2.creator).toBe(wwdemo.creator)
  // the same person by account, which is what the migration checks (userids are corp-local)
  expect(wwdemo2.creatorAccount).toBeTruthy()
  expect(wwdemo2.creatorAccount).toBe(wwdemo.creatorAccount)
  expect(second.filter((u) => wwdemo.users[u]).length).toBeGreaterThanOrEqual(5)
  expect(second.filter((u) => !wwdemo.users[u]).length).toBeGreaterThanOrEqual(5)
  // every userid is unique case-insensitively and every address is distinct
  const folded = members.map((m) => m.userid.toLowerCase())
  expect(new Set(folded).size).toBe(folded.length)
  expect(new Set(members.map((m) => m.biz_mail)).size).toBe(members.length)
})

test('the demo works for zhangsan and lina: search finds people, the board stays hidden', async () => {
  const b = createMockBackend()
  const as = (userid: string) => ({ corpid: 'wwdemo', userid })
  for (const userid of ['zhangsan', 'lina']) {
    const r = await b.call('user/search', { query: 'zs' }, as(userid))
    expect((r.userlist as unknown[])[0]).toMatchObject({ userid: 'zhangsan', match: 'initials' })
    expect((await b.call('user/search', { query: 'shanxiongfei' }, as(userid))).userlist).toHaveLength(1)
  }
  expect((await b.call('user/get', { userid: 'wangjianguo' }, as('zhangsan'))).errcode).toBe(60111)
  expect((await b.call('user/get', { userid: 'wangjianguo' }, as('lina'))).errcode).toBe(0) // 管理层
  expect(
    (await b.call('user/list', { department_id: 1, fetch_child: 1 }, as('auditor'))).userlist,
  ).toHaveLength(1)
})

test('large org generator: N members in D departments, valid through the API', async () => {
  const plan = largeOrgCalls(500, 20)
  expect(plan.departments).toHaveLength(20)
  expect(plan.members).toHaveLength(500)
  expect(largeOrgCalls(500, 20)).toEqual(plan)
  const b = createMockBackend({
    corps: [
      {
        corpid: 'big',
        name: '大',
        creator: 'admin',
        edition: 'basic',
        domain: { name: 'big.com', kind: 'custom' },
      },
    ],
  })
  for (const c of [...plan.departments, ...plan.members]) {
    expect((await b.call(c.api, c.body, { corpid: 'big', userid: 'admin' })).errcode).toBe(0)
  }
  const all = await b.call(
    'user/list',
    { department_id: 1, fetch_child: 1 },
    { corpid: 'big', userid: 'admin' },
  )
  expect(all.userlist).toHaveLength(501)
  const g = plan.generated[7]
  const found = await b.call(
    'user/search',
    { query: g.pinyin, limit: 100 },
    { corpid: 'big', userid: 'admin' },
  )
  expect((found.userlist as Array<{ userid: string }>).map((u) => u.userid)).toContain(g.userid)
})
