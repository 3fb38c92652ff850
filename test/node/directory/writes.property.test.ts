// Properties of directory writes: a rejected write changes nothing (state compared serialized before and
// after), no input makes a handler throw, and after any sequence of writes the search index answers
// exactly what a scan over the current members would.
import fc from 'fast-check'
import { memberKeys, normalizeQuery, scanSearch } from '../../../src/policy/search'
import { visibleTo } from '../../../src/api/mock/handlers/directory'
import { CORP, DOMAIN } from './helpers'
import { freshState, localCall, mustCall } from './local'

const WRITE_APIS = [
  'department/create',
  'department/update',
  'department/delete',
  'user/create',
  'user/update',
  'user/delete',
  'tag/create',
  'tag/delete',
  'tag/addtagusers',
  'tag/deltagusers',
  'contactrule/create',
  'contactrule/delete',
]

async function seeded() {
  const state = freshState()
  await mustCall(state, 'department/create', { id: 2, name: '销售部', parentid: 1 })
  await mustCall(state, 'department/create', { id: 3, name: '上海组', parentid: 2 })
  await mustCall(state, 'department/create', { id: 4, name: '空部门', parentid: 1 })
  await mustCall(state, 'user/create', {
    userid: 'zhangsan',
    name: '张三',
    department: [3],
    mobile: '13800000000',
  })
  await mustCall(state, 'user/create', { userid: 'lisi', name: '李四', department: [2] })
  await mustCall(state, 'user/create', { userid: 'admin2', name: '管理员', department: [1] })
  await mustCall(state, 'tag/create', { tagname: '客服', tagid: 1 })
  await mustCall(state, 'tag/addtagusers', { tagid: 1, userlist: ['lisi'], partylist: [3] })
  await mustCall(state, 'contactrule/create', {
    rule_type: 1,
    range: { userid: ['lisi'] },
    whitelist: { tagid: [1] },
  })
  return state
}

// Field values that are wrong in some way, mixed with plausible ones so that validation runs deep.
const value = fc.oneof(
  fc.anything(),
  fc.constantFrom(
    '',
    ' ',
    null,
    0,
    -1,
    1.5,
    '1',
    2 ** 53,
    NaN,
    [],
    {},
    [1, 1],
    [999],
    ['1'],
    ['ghost'],
    [1, 2, 3],
    'zhangsan',
    'ZhangSan',
    'lisi',
    '_bad',
    'a b',
    'x'.repeat(70),
    '名'.repeat(65),
    '\u0000',
    '<script>',
    `lisi@${DOMAIN}`,
    `new@${DOMAIN}`,
    'new@other.com',
    1,
    2,
    3,
    4,
    99,
    '销售部',
    '客服',
    { userid: ['ghost'] },
    { partyid: [99] },
    { tagid: [99] },
    { userid: [] },
    { userid: ['zhangsan'] },
  ),
)
const FIELDS = [
  'id',
  'name',
  'parentid',
  'order',
  'userid',
  'department',
  'position',
  'mobile',
  'gender',
  'biz_mail',
  'alias',
  'tagid',
  'tagname',
  'userlist',
  'partylist',
  'rule_type',
  'range',
  'whitelist',
  'extra_visible',
  'rule_id',
]
const body = fc.oneof(fc.anything(), fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 6 }))

test('a rejected directory write changes nothing, and no input throws', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...WRITE_APIS),
      body,
      fc.constantFrom('boss', 'zhangsan'),
      async (api, b, caller) => {
        const state = await seeded()
        const before = JSON.stringify(state)
        const r = await localCall(state, api, b, caller)
        expect(typeof r.errcode).toBe('number')
        expect(typeof r.errmsg).toBe('string')
        if (r.errcode !== 0) expect(JSON.stringify(state)).toBe(before)
      },
    ),
    { numRuns: 3000 },
  )
})

test('a rejected write leaves the derived indexes as they were (search, visibility, uniqueness)', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.tuple(fc.constantFrom(...WRITE_APIS), body), { maxLength: 8 }),
      async (calls) => {
        const state = await seeded()
        for (const [api, b] of calls) await localCall(state, api, b)
        // whatever happened, the members the backend answers for are the ones in the state
        const corp = state.corps[CORP]
        // visibility itself is checked against a reference in visibility.property.test.ts
        const sees = visibleTo(corp, 'boss')
        for (const u of Object.keys(corp.users)) {
          expect((await localCall(state, 'user/get', { userid: u })).errcode).toBe(sees(u) ? 0 : 60111)
          expect(
            (await localCall(state, 'user/create', { userid: u.toUpperCase(), name: 'x', department: [1] }))
              .errcode,
          ).toBe(60145)
        }
        const keys = Object.values(corp.users).map((m) => ({ userid: m.userid, keys: memberKeys(m) }))
        for (const q of ['张', 'zhang', 'zs', 'li', 'a', '管理', DOMAIN]) {
          const got = (await localCall(state, 'user/search', { query: q, limit: 100 }, 'boss')).userlist.map(
            (m: any) => m.userid,
          )
          const want = scanSearch(keys, normalizeQuery(q), 100, sees)
          expect(got).toEqual(want.map((h) => h.userid))
        }
      },
    ),
    { numRuns: 300 },
  )
})

const NAMES = ['张三', '张伟', '张小三', '李娜', '单雄信', '曾国藩', 'Anna', '王五', '赵 六', '三张']
const op = fc.oneof(
  fc.record({
    kind: fc.constant('create' as const),
    n: fc.integer({ min: 0, max: 30 }),
    name: fc.constantFrom(...NAMES),
    position: fc.constantFrom('', '销售', '工程师', '销售经理'),
  }),
  fc.record({
    kind: fc.constant('update' as const),
    n: fc.integer({ min: 0, max: 30 }),
    name: fc.constantFrom(...NAMES),
  }),
  fc.record({
    kind: fc.constant('alias' as const),
    n: fc.integer({ min: 0, max: 30 }),
    a: fc.integer({ min: 0, max: 5 }),
  }),
  fc.record({ kind: fc.constant('delete' as const), n: fc.integer({ min: 0, max: 30 }) }),
)

test('after any sequence of member writes the search index equals a scan', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(op, { maxLength: 60 }),
      fc.constantFrom('张', 'zhang', 'zs', 'san', '三', 'u1', 'a', 'an', '销售', '@test'),
      async (ops, query) => {
        const state = freshState()
        // a search first, so the index exists and every later write must maintain it
        await localCall(state, 'user/search', { query: 'x' })
        for (const o of ops) {
          const userid = `u${o.n}`
          if (o.kind === 'create')
            await localCall(state, 'user/create', {
              userid,
              name: o.name,
              department: [1],
              position: o.position,
            })
          if (o.kind === 'update') await localCall(state, 'user/update', { userid, name: o.name })
          if (o.kind === 'alias')
            await localCall(state, 'user/update', { userid, alias: [`al${o.a}@${DOMAIN}`] })
          if (o.kind === 'delete') await localCall(state, 'user/delete', { userid })
        }
        const corp = state.corps[CORP]
        for (const u of Object.keys(corp.users)) {
          const r = await localCall(state, 'user/create', {
            userid: u.toUpperCase(),
            name: 'x',
            department: [1],
          })
          expect([u, r.errcode]).toEqual([u, 60145])
        }
        const keys = Object.values(corp.users).map((m) => ({ userid: m.userid, keys: memberKeys(m) }))
        for (const limit of [3, 100]) {
          const got = (await localCall(state, 'user/search', { query, limit })).userlist.map((m: any) => [
            m.userid,
            m.match,
          ])
          const want = scanSearch(keys, normalizeQuery(query), limit).map((h) => [h.userid, h.field])
          expect(got).toEqual(want)
        }
      },
    ),
    { numRuns: 300 },
  )
})
