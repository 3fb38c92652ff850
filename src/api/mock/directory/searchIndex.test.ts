// The search index on its own (no stale-entry fallback): after any adds / updates / removes it answers
// exactly what policy/search scanSearch answers over the same members, in the same order.
import fc from 'fast-check'
import { memberKeys, normalizeQuery, scanSearch, type MemberKeys } from '../../../policy/search'
import type { Member } from '../state'
import { MemberSearchIndex } from './searchIndex'

function member(userid: string, name: string, extra: Partial<Member> = {}): Member {
  return {
    userid,
    name,
    department: [1],
    position: '',
    mobile: '',
    gender: '0',
    status: 1,
    biz_mail: `${userid.toLowerCase()}@corp.com`,
    alias: [],
    advanced: 0,
    storeId: null,
    ...extra,
  }
}

const NAMES = [
  '张三',
  '张伟',
  '张小三',
  '李娜',
  '单雄信',
  '曾国藩',
  'Anna',
  '王五',
  '赵 六',
  '三张',
  '长孙无忌',
]
const QUERIES = [
  '张',
  'zhang',
  'zs',
  'san',
  '三',
  'u1',
  'a',
  'an',
  '销售',
  '@corp',
  'shan',
  'x',
  'u',
  'zhangsan',
  'corp.com',
]

const op = fc.oneof(
  fc.record({
    kind: fc.constant('put' as const),
    n: fc.integer({ min: 0, max: 40 }),
    name: fc.constantFrom(...NAMES),
    position: fc.constantFrom('', '销售', '销售经理', 'an engineer'),
    alias: fc.subarray(['a1@corp.com', 'san@corp.com', 'zz@corp.com']),
  }),
  fc.record({ kind: fc.constant('remove' as const), n: fc.integer({ min: 0, max: 40 }) }),
)

function run(ops: Array<fc.RecordValue<any>>) {
  const index = new MemberSearchIndex()
  const model = new Map<string, MemberKeys>()
  for (const o of ops) {
    const userid = `u${o.n}`
    if (o.kind === 'put') {
      const m = member(userid, o.name, { position: o.position, alias: o.alias })
      index.add(m)
      model.set(userid, memberKeys(m))
    } else {
      index.remove(userid)
      model.delete(userid)
    }
  }
  return { index, model }
}

test('index search equals a scan after any sequence of writes, and never reports a stale entry', () => {
  fc.assert(
    fc.property(
      fc.array(op, { maxLength: 120 }),
      fc.constantFrom(...QUERIES),
      fc.integer({ min: 1, max: 50 }),
      (ops, query, limit) => {
        const { index, model } = run(ops)
        const q = normalizeQuery(query)
        const { hits, stale } = index.search(
          q,
          limit,
          () => true,
          (u) => model.get(u) ?? null,
        )
        expect(stale).toBe(false)
        const members = [...model.entries()].map(([userid, keys]) => ({ userid, keys }))
        expect(hits).toEqual(scanSearch(members, q, limit))
        expect(index.size).toBe(model.size)
      },
    ),
    { numRuns: 400 },
  )
})

test('the count equals the number of visible members a scan finds, after any sequence of writes', () => {
  fc.assert(
    fc.property(
      fc.array(op, { maxLength: 120 }),
      fc.constantFrom(
        ...QUERIES,
        'u1@',
        'an@c',
        'zhangs',
        'hangwu',
        'zhangwu',
        '张小',
        '@corp.com',
        'n engin',
      ),
      fc.integer({ min: 0, max: 3 }),
      (ops, query, hide) => {
        const { index, model } = run(ops)
        const q = normalizeQuery(query)
        // every member, or those whose number is not a multiple of `hide`
        const visible = (u: string) => hide === 0 || Number(u.slice(1)) % hide !== 0
        const members = [...model.entries()].map(([userid, keys]) => ({ userid, keys }))
        const want = scanSearch(members, q, Number.MAX_SAFE_INTEGER, visible).length
        expect(index.count(q, visible)).toBe(want)
        // counting twice (the marks of the first count must not leak into the second)
        expect(index.count(q, visible)).toBe(want)
      },
    ),
    { numRuns: 400 },
  )
})

test('kept visibility verdicts: a count between any writes, and after the visible set changes, equals a scan', () => {
  // one set object per visibility, as visibleSetOf keeps one while what the viewer sees stands
  const sets = [{}, {}, {}, {}]
  const seesFor = (hide: number) => (u: string) => hide === 0 || Number(u.slice(1)) % hide !== 0
  // few userids: members are removed and their numbers reused often
  const step = fc.record({
    put: fc.boolean(),
    n: fc.integer({ min: 0, max: 6 }),
    name: fc.constantFrom(...NAMES),
    // mostly the same visibility from one write to the next
    hide: fc.constantFrom(0, 2, 2, 2, 2, 2, 2, 3),
  })
  fc.assert(
    fc.property(
      fc.array(step, { maxLength: 40 }),
      fc.constantFrom('u', 'zs', '张', 'corp'),
      (steps, query) => {
        const index = new MemberSearchIndex()
        const model = new Map<string, MemberKeys>()
        const q = normalizeQuery(query)
        for (const { put, n, name, hide } of steps) {
          const userid = `u${n}`
          if (put) {
            const m = member(userid, name)
            index.add(m)
            model.set(userid, memberKeys(m))
          } else {
            index.remove(userid)
            model.delete(userid)
          }
          const members = [...model.entries()].map(([u, keys]) => ({ userid: u, keys }))
          // this step's visibility, then another one with no write in between
          for (const h of [hide, (hide + 1) % 4]) {
            const visible = seesFor(h)
            const want = scanSearch(members, q, Number.MAX_SAFE_INTEGER, visible).length
            expect(index.count(q, visible, { viewer: 'v', set: sets[h] })).toBe(want)
          }
        }
      },
    ),
    { numRuns: 300 },
  )
})

test('visibility filters inside the ranking (the limit counts visible members only)', () => {
  const index = new MemberSearchIndex()
  for (let i = 0; i < 10; i++) index.add(member(`zhang${i}`, '张三'))
  const visible = (u: string) => Number(u.slice(5)) % 2 === 0
  const { hits } = index.search(normalizeQuery('zs'), 3, visible, (u) => index.keys(u) ?? null)
  expect(hits.map((h) => h.userid)).toEqual(['zhang0', 'zhang2', 'zhang4'])
})

test('large buffers: prefix and substring stay ordered across the sorted keys and the delta buffer', () => {
  const index = new MemberSearchIndex()
  const model = new Map<string, MemberKeys>()
  for (let i = 0; i < 6000; i++) {
    const m = member(`user${(i * 7919) % 6000}`, NAMES[i % NAMES.length])
    index.add(m)
    model.set(m.userid, memberKeys(m))
    if (i % 1000 === 999) {
      const q = normalizeQuery(['user1', 'ser2', '张', 'zs', 'an', '张三'][((i / 1000) % 6) | 0])
      const members = [...model.entries()].map(([userid, keys]) => ({ userid, keys }))
      const { hits, stale } = index.search(
        q,
        30,
        () => true,
        (u) => model.get(u) ?? null,
      )
      expect(stale).toBe(false)
      expect(hits).toEqual(scanSearch(members, q, 30))
    }
  }
  for (let i = 0; i < 5000; i++) {
    index.remove(`user${i}`)
    model.delete(`user${i}`)
  }
  const members = [...model.entries()].map(([userid, keys]) => ({ userid, keys }))
  for (const query of ['user5', 'ser', '5', '张三', '张']) {
    const q = normalizeQuery(query)
    const { hits, stale } = index.search(
      q,
      50,
      () => true,
      (u) => model.get(u) ?? null,
    )
    expect(stale).toBe(false) // removed members are gone from every structure, caches included
    expect(hits).toEqual(scanSearch(members, q, 50))
  }
})
