// Property: department member counts, search results and member cards follow the visibility rules
// exactly (reference model of product spec 4.4), also after member writes that the per-class caches
// must notice (department moves, creation, deletion) or may ignore (position changes).
import fc from 'fast-check'
import { memberKeys, normalizeQuery, scanSearch } from '../../../src/policy/search'
import type { BackendState } from '../../../src/api/mock/state'
import { CORP } from './helpers'
import { localCall, mustCall } from './local'
import { build, NAMES, orgArb, reference, type Org } from './visibilityModel'

type Write =
  | { kind: 'move'; member: number; depts: number[] }
  | { kind: 'position'; member: number }
  | { kind: 'create'; depts: number[] }
  | { kind: 'delete'; member: number }

const writeArb = fc.oneof(
  fc.record({
    kind: fc.constant('move' as const),
    member: fc.nat(),
    depts: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 2 }),
  }),
  fc.record({ kind: fc.constant('position' as const), member: fc.nat() }),
  fc.record({
    kind: fc.constant('create' as const),
    depts: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 2 }),
  }),
  fc.record({ kind: fc.constant('delete' as const), member: fc.nat() }),
)

/** applies the write to the state and to the model; false when it does not apply to this org */
async function apply(state: BackendState, org: Org, w: Write, round: number): Promise<void> {
  const live = org.members.map((m, i) => ({ m, i })).filter(({ m }) => m.depts.length > 0)
  const existing = (d: number[]) => d.filter((x) => x <= org.parents.length + 1)
  if (w.kind === 'create') {
    const depts = existing(w.depts)
    if (!depts.length) return
    const i = org.members.length
    org.members.push({ name: NAMES[round % NAMES.length], depts })
    await mustCall(state, 'user/create', { userid: `u${i}`, name: org.members[i].name, department: depts })
    return
  }
  if (!live.length) return
  const { m, i } = live[w.member % live.length]
  if (w.kind === 'move') {
    const depts = existing(w.depts)
    if (!depts.length) return
    m.depts = depts
    await mustCall(state, 'user/update', { userid: `u${i}`, department: depts })
  } else if (w.kind === 'position') {
    await mustCall(state, 'user/update', { userid: `u${i}`, position: `岗位${round}` })
  } else {
    m.depts = [] // the model keeps the slot so userids stay u<index>
    await mustCall(state, 'user/delete', { userid: `u${i}` })
  }
}

async function check(state: BackendState, org: Org): Promise<void> {
  const stored = Object.values(state.corps[CORP].contactRules).map((r) => ({
    type: r.rule_type,
    range: r.range,
    whitelist: r.whitelist,
    extra: r.extra_visible,
  }))
  const present = {
    ...org,
    members: org.members.map((m) => ({ ...m, depts: m.depts.length ? m.depts : [1] })),
  }
  const ref = reference({ ...present, rules: stored })
  const users = state.corps[CORP].users
  const userids = ref.userids.filter((u) => Object.prototype.hasOwnProperty.call(users, u))
  const keyed = userids.map((u) => ({ userid: u, keys: memberKeys(users[u]) }))
  for (const v of userids) {
    const depts = (await localCall(state, 'department/list', { fetch_member_count: 1 }, v))
      .department as Array<{
      id: number
      member_count: number
    }>
    for (const d of depts) {
      const expected = userids.filter(
        (u) => ref.canSee(v, u) && ref.deptsOf(u).some((x) => ref.ancestors(x).includes(d.id)),
      )
      expect([v, d.id, d.member_count]).toEqual([v, d.id, expected.length])
    }
    const shown = new Set(depts.map((d) => d.id))
    for (const query of ['张', 'zh', 'u1', 'li', 'test.com', '岗']) {
      const got = (await localCall(state, 'user/search', { query, limit: 5 }, v)).userlist as Array<{
        userid: string
        department: number[]
      }>
      const want = scanSearch(keyed, normalizeQuery(query), 5, (u) => ref.canSee(v, u)).map((h) => h.userid)
      expect([v, query, got.map((m) => m.userid)]).toEqual([v, query, want])
      // cards name only departments the viewer's department/list shows
      for (const m of got) {
        expect(m.department).toEqual(users[m.userid].department.filter((d) => shown.has(d)))
      }
    }
  }
}

test('counts, search and cards match the reference, before and after member writes', async () => {
  await fc.assert(
    fc.asyncProperty(orgArb, fc.array(writeArb, { maxLength: 4 }), async (org, writes) => {
      const state = await build(org)
      await check(state, org)
      for (const [round, w] of writes.entries()) {
        await apply(state, org, w, round)
        await check(state, org)
      }
    }),
    { numRuns: 80 },
  )
})
