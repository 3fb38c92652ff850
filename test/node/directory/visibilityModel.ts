// A random org with visibility rules, a plain reference model of product spec 4.4 for it, and the
// org built through the directory handlers: shared by the visibility property tests.
import fc from 'fast-check'
import { freshState, localCall, mustCall } from './local'

export interface Targets {
  userid: string[]
  partyid: number[]
  tagid: number[]
}
export interface Org {
  parents: number[] // parents[i] = parent of department i+2
  members: Array<{ name: string; depts: number[] }>
  tags: Array<{ users: number[]; parties: number[] }>
  rules: Array<{ type: 1 | 2 | 3; range: Targets; whitelist: Targets; extra: Targets }>
}

export const NAMES = ['张三', '张伟', '李娜', '王五', '赵六', '单雄', '曾小', 'Tom']

export const orgArb: fc.Arbitrary<Org> = fc
  .record({
    nDepts: fc.integer({ min: 0, max: 6 }),
    nMembers: fc.integer({ min: 1, max: 8 }),
    nTags: fc.integer({ min: 0, max: 3 }),
  })
  .chain(({ nDepts, nMembers, nTags }) => {
    const deptIds = Array.from({ length: nDepts + 1 }, (_, i) => i + 1)
    const userids = ['boss', ...Array.from({ length: nMembers }, (_, i) => `u${i}`)]
    const tagIds = Array.from({ length: nTags }, (_, i) => i + 1)
    const sub = <T>(xs: T[]) =>
      xs.length ? fc.subarray(xs, { maxLength: Math.min(3, xs.length) }) : fc.constant([] as T[])
    const targets = fc.record({ userid: sub(userids), partyid: sub(deptIds), tagid: sub(tagIds) })
    return fc.record({
      parents: fc.tuple(...Array.from({ length: nDepts }, (_, i) => fc.integer({ min: 1, max: i + 1 }))),
      members: fc.array(
        fc.record({
          name: fc.constantFrom(...NAMES),
          depts: fc.subarray(deptIds, { minLength: 1, maxLength: Math.min(2, deptIds.length) }),
        }),
        { minLength: nMembers, maxLength: nMembers },
      ),
      tags: fc.array(fc.record({ users: sub(userids.map((_, i) => i)), parties: sub(deptIds) }), {
        minLength: nTags,
        maxLength: nTags,
      }),
      rules: fc.array(
        fc.record({
          type: fc.constantFrom(1 as const, 2 as const, 3 as const),
          range: targets,
          whitelist: targets,
          extra: targets,
        }),
        { maxLength: 4 },
      ),
    }) as fc.Arbitrary<Org>
  })

/** the reference: product spec 4.4 read literally, no caching, no cleverness */
export function reference(org: Org) {
  const parentOf = (d: number): number => (d === 1 ? 0 : org.parents[d - 2])
  const ancestors = (d: number): number[] => {
    const out: number[] = []
    for (let x = d; x !== 0; x = parentOf(x)) out.push(x)
    return out
  }
  const userids = ['boss', ...org.members.map((_, i) => `u${i}`)]
  const deptsOf = (u: string): number[] => (u === 'boss' ? [1] : org.members[Number(u.slice(1))].depts)
  const under = (u: string, ds: number[]) => deptsOf(u).some((d) => ancestors(d).some((a) => ds.includes(a)))
  const hasTag = (u: string, t: number) => {
    const tag = org.tags[t - 1]
    return tag.users.map((i) => userids[i]).includes(u) || under(u, tag.parties)
  }
  const named = (t: Targets, u: string) =>
    t.userid.includes(u) || under(u, t.partyid) || t.tagid.some((tag) => hasTag(u, tag))
  const canSee = (v: string, u: string): boolean => {
    if (u === v) return true
    for (const r of org.rules) {
      if (named(r.whitelist, v)) continue
      if (r.type === 1 && named(r.range, u)) return false
      if (r.type !== 1 && named(r.range, v)) {
        if (r.type === 3) return false
        if (!under(u, deptsOf(v)) && !named(r.extra, u)) return false
      }
    }
    return true
  }
  return { userids, canSee, ancestors, deptsOf }
}

export async function build(org: Org) {
  const state = freshState()
  for (const [i, p] of org.parents.entries())
    await mustCall(state, 'department/create', { id: i + 2, name: `d${i + 2}`, parentid: p })
  for (const [i, m] of org.members.entries())
    await mustCall(state, 'user/create', { userid: `u${i}`, name: m.name, department: m.depts })
  const userids = ['boss', ...org.members.map((_, i) => `u${i}`)]
  for (const [i, t] of org.tags.entries()) {
    await mustCall(state, 'tag/create', { tagname: `t${i + 1}`, tagid: i + 1 })
    const userlist = t.users.map((x) => userids[x])
    if (userlist.length || t.parties.length)
      await mustCall(state, 'tag/addtagusers', { tagid: i + 1, userlist, partylist: t.parties })
  }
  for (const r of org.rules) {
    const body = {
      rule_type: r.type,
      range: r.range,
      whitelist: r.whitelist,
      extra_visible: r.type === 2 ? r.extra : undefined,
    }
    await localCall(state, 'contactrule/create', body) // an empty range is refused: that rule simply does not exist
  }
  return state
}
