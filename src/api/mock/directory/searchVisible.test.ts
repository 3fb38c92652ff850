// user/search for a restricted viewer: whether the visible members are ranked directly (few) or the
// corp-wide index is walked (many), the answer is exactly the reference scan over what they may see.
import { memberKeys, normalizeQuery, scanSearch } from '../../../policy/search'
import { visibilityFor } from '../../../policy/visibility'
import { largeOrgCalls } from '../demo/largeOrg'
import { newMember, stateFromSetups } from '../seed'
import { searchMembers } from './searchIndex'
import { departmentOrg, visibleSetOf } from './visibility'

function org(n: number) {
  const state = stateFromSetups([
    {
      corpid: 'c',
      name: '公司',
      creator: 'admin',
      edition: 'basic',
      domain: { name: 'c.com', kind: 'custom' },
    },
  ])
  const corp = state.corps.c
  const plan = largeOrgCalls(n, 30, 7)
  for (const c of plan.departments) {
    const id = c.body.id as number
    corp.departments[id] = { id, name: String(c.body.name), parentid: c.body.parentid as number, order: 0 }
  }
  for (const c of plan.members) {
    const b = c.body
    corp.users[String(b.userid)] = newMember(corp, {
      userid: String(b.userid),
      name: String(b.name),
      department: b.department as number[],
      position: String(b.position),
    })
  }
  corp.contactRules[1] = {
    rule_id: 1,
    rule_type: 2,
    range: { userid: [], partyid: [1], tagid: [] },
    whitelist: { userid: ['admin'], partyid: [], tagid: [] },
    extra_visible: { userid: [plan.generated[0].userid], partyid: [], tagid: [] },
  }
  return { corp, plan }
}

test('few or many visible members: the same ranked answer as a scan over the visible ones', () => {
  const { corp, plan } = org(3000)
  const keyed = Object.values(corp.users).map((m) => ({ userid: m.userid, keys: memberKeys(m) }))
  const sizes = new Set<string>()
  // viewers in a division (thousands visible: index walk) and in a leaf department (scan)
  for (const g of plan.generated.slice(1, 40)) {
    const set = visibleSetOf(corp, g.userid)
    expect(set.kind).toBe('only')
    const size = set.kind === 'only' ? set.members.size : 0
    sizes.add(size > 490 ? 'many' : 'few')
    const vis = visibilityFor(g.userid, Object.values(corp.contactRules), departmentOrg(corp))
    for (const raw of [
      '王',
      'wang',
      'zh',
      'l',
      g.name,
      g.userid.slice(0, 4),
      '工程师',
      plan.generated[0].name,
    ]) {
      const q = normalizeQuery(raw)
      const got = searchMembers(corp, g.userid, q, 20).hits.map((h) => h.userid)
      const want = scanSearch(keyed, q, 20, (u) => vis.canSee(u)).map((h) => h.userid)
      expect([g.userid, raw, got]).toEqual([g.userid, raw, want])
    }
  }
  expect([...sizes].sort()).toEqual(['few', 'many'])
})

test('pages and totals: any offset is the reference ranking sliced, the total its full length', () => {
  const { corp, plan } = org(3000)
  const keyed = Object.values(corp.users).map((m) => ({ userid: m.userid, keys: memberKeys(m) }))
  // the admin walks the index; a leaf-department viewer is ranked directly
  const viewers = ['admin', plan.generated[5].userid, plan.generated[30].userid]
  for (const viewer of viewers) {
    const vis = visibilityFor(viewer, Object.values(corp.contactRules), departmentOrg(corp))
    for (const raw of ['王', 'wang', 'zh', 'l', '工程师', 'c.com', plan.generated[3].name.slice(0, 1)]) {
      const q = normalizeQuery(raw)
      const want = scanSearch(keyed, q, Number.MAX_SAFE_INTEGER, (u) => vis.canSee(u)).map((h) => h.userid)
      for (const offset of [0, 20, 45]) {
        const got = searchMembers(corp, viewer, q, 25, { offset, count: true })
        expect([viewer, raw, offset, got.total]).toEqual([viewer, raw, offset, want.length])
        expect(got.hits.map((h) => h.userid)).toEqual(want.slice(offset, offset + 25))
      }
    }
  }
})
