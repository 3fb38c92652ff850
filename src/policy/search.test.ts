import fc from 'fast-check'
import { bestHit, compareHits, memberKeys, namePinyin, normalizeQuery, scanSearch, tierOf } from './search'

const m = (userid: string, name: string, position = '', alias: string[] = []) => ({
  userid,
  keys: memberKeys({ userid, name, position, biz_mail: `${userid}@corp.com`, alias }),
})

test('pinyin and initials; polyphonic surnames read as surnames', () => {
  expect(namePinyin('张三')).toEqual({ full: 'zhangsan', initials: 'zs' })
  expect(namePinyin('单雄信')).toEqual({ full: 'shanxiongxin', initials: 'sxx' })
  expect(namePinyin('曾国藩')?.full).toBe('zengguofan')
  expect(namePinyin('解缙')?.full).toBe('xiejin')
  expect(namePinyin('吕布')?.full).toBe('lvbu')
  expect(namePinyin('Alice')).toBeNull()
})

test('zs and zhangs find 张三, with the field that matched', () => {
  const people = [m('zhangsan', '张三'), m('lisi', '李四')]
  expect(scanSearch(people, normalizeQuery('zs'), 10)).toMatchObject([
    { userid: 'zhangsan', field: 'initials', tier: 0 },
  ])
  expect(scanSearch(people, normalizeQuery('ZhangS'), 10)).toMatchObject([
    { userid: 'zhangsan', field: 'pinyin', tier: 1 },
  ])
  expect(scanSearch(people, normalizeQuery('zhang san'), 10)).toMatchObject([
    { userid: 'zhangsan', field: 'pinyin', tier: 0 },
  ])
})

test('tiers: exact, prefix, substring; a single Latin letter is prefix-only', () => {
  expect(tierOf('zhangsan', 'zhangsan')).toBe(0)
  expect(tierOf('zhangsan', 'zh')).toBe(1)
  expect(tierOf('zhangsan', 'san')).toBe(2)
  expect(tierOf('zhangsan', 's')).toBeNull()
  expect(tierOf('张三', '三')).toBe(2)
  expect(tierOf('x', '')).toBeNull()
})

test('ranking: exact > prefix > substring, then field, key, userid', () => {
  const people = [m('u3', '小王五'), m('u1', '王五'), m('u2', '王五一'), m('u0', '王五')]
  expect(scanSearch(people, normalizeQuery('王五'), 10).map((h) => h.userid)).toEqual([
    'u0',
    'u1',
    'u2',
    'u3',
  ])
  const byField = [m('wangwu', '李雷', '王五的助理'), m('lw', '王五')]
  expect(scanSearch(byField, normalizeQuery('王五'), 10).map((h) => h.field)).toEqual(['name', 'position'])
  expect(scanSearch([m('a', '甲'), m('b', '乙')], normalizeQuery('corp.com'), 1)).toHaveLength(1)
})

test('property: the scan is sorted by compareHits and each hit is the member’s best match', () => {
  const names = ['张三', '张伟', '三张', '李娜', 'Anna', '曾小贤', '单丹']
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.constantFrom(...names), fc.constantFrom('', '销售', 'anna')), { maxLength: 12 }),
      fc.constantFrom('张', 'zs', 'z', 'an', 'anna', 'san', 'u1', '三', 'corp'),
      (rows, query) => {
        const people = rows.map(([name, pos], i) => m(`u${i}`, name, pos))
        const q = normalizeQuery(query)
        const hits = scanSearch(people, q, 100)
        for (let i = 1; i < hits.length; i++) expect(compareHits(hits[i - 1], hits[i])).toBeLessThan(0)
        for (const p of people) {
          const best = bestHit(p.userid, p.keys, q)
          expect(hits.find((h) => h.userid === p.userid)).toEqual(best ?? undefined)
        }
      },
    ),
  )
})
