import {
  mayShowMobile,
  targetSet,
  visibilityFor,
  visibleDepartments,
  type VisibilityRule,
  type DepartmentOrg,
} from './visibility'

// 1 > 2 > 3 ; 1 > 4 ; members: a(3) b(2) c(4) d(4) ; tag 1 = {d} + dept 2
const parent: Record<number, number> = { 1: 0, 2: 1, 3: 2, 4: 1 }
const depts: Record<string, number[]> = { a: [3], b: [2], c: [4], d: [4] }
const ancestors = (d: number) => {
  const out: number[] = []
  for (let x = d; x; x = parent[x]) out.push(x)
  return out
}
const org: DepartmentOrg = {
  departmentsOf: (u) => depts[u] ?? [],
  ancestors,
  tagsOf: (u) => new Set(u === 'd' || (depts[u] ?? []).some((x) => ancestors(x).includes(2)) ? [1] : []),
  subtree: (d) =>
    new Set(
      Object.keys(parent)
        .map(Number)
        .filter((x) => ancestors(x).includes(d)),
    ),
  tagParties: (t) => (t === 1 ? [2] : []),
}
const T = (userid: string[] = [], partyid: number[] = [], tagid: number[] = []) => ({
  userid,
  partyid,
  tagid,
})
const rule = (rule_type: 1 | 2 | 3, range = T(), whitelist = T(), extra_visible = T()): VisibilityRule => ({
  rule_type,
  range,
  whitelist,
  extra_visible,
})
const seen = (viewer: string, rules: VisibilityRule[]) =>
  ['a', 'b', 'c', 'd'].filter((u) => visibilityFor(viewer, rules, org).canSee(u))

test('no rules: everyone sees everyone', () => {
  expect(seen('a', [])).toEqual(['a', 'b', 'c', 'd'])
  expect(visibilityFor('a', [], org).unrestricted).toBe(true)
})

test('hide: a department entry includes sub-departments; the whitelist (incl. tags) is exempt', () => {
  const r = [rule(1, T([], [2]), T(['c']))]
  expect(seen('d', r)).toEqual(['c', 'd'])
  expect(seen('c', r)).toEqual(['a', 'b', 'c', 'd'])
  expect(seen('a', r)).toEqual(['a', 'c', 'd']) // sees themselves
  const byTag = [rule(1, T([], [], [1]))]
  expect(seen('c', byTag)).toEqual(['c']) // tag 1 = d + dept 2 (a, b)
})

test('own department: own departments with descendants, plus extra_visible', () => {
  expect(seen('b', [rule(2, T(['b']))])).toEqual(['a', 'b'])
  expect(seen('a', [rule(2, T(['a']))])).toEqual(['a']) // 3 has no sub-departments; 2 is above
  expect(seen('a', [rule(2, T(['a']), T(), T(['c']))])).toEqual(['a', 'c'])
  expect(seen('c', [rule(2, T(['a']))])).toEqual(['a', 'b', 'c', 'd']) // not in range
  expect(seen('a', [rule(2, T(['a']), T(['a']))])).toEqual(['a', 'b', 'c', 'd']) // whitelisted
})

test('see nobody, intersections, and hide on top', () => {
  expect(seen('c', [rule(3, T([], [4]))])).toEqual(['c'])
  const two = [rule(2, T(['b']), T(), T(['c'])), rule(2, T(['b']), T(), T(['d']))]
  expect(seen('b', two)).toEqual(['a', 'b'])
  expect(seen('b', [rule(2, T(['b'])), rule(1, T(['a']))])).toEqual(['b'])
})

test('departments: hidden subtrees go; own-dept viewers get their subtree with its path; see-nobody their own', () => {
  const all = [1, 2, 3, 4]
  const vis = (v: string, r: VisibilityRule[]) =>
    [...visibleDepartments(visibilityFor(v, r, org), all, org)].sort()
  expect(vis('c', [rule(1, T([], [2]))])).toEqual([1, 4])
  expect(vis('c', [rule(1, T([], [], [1]))])).toEqual([1, 4]) // a tag's departments are hidden too
  expect(vis('b', [rule(2, T(['b']))])).toEqual([1, 2, 3])
  expect(vis('a', [rule(2, T(['a']), T(), T([], [4]))])).toEqual([1, 2, 3, 4])
  expect(vis('a', [rule(3, T(['a']))])).toEqual([1, 2, 3])
})

test('mobile: admins, self, same department', () => {
  expect(mayShowMobile({ userid: 'x', department: [9] }, { userid: 'a', department: [3] }, true)).toBe(true)
  expect(mayShowMobile({ userid: 'a', department: [3] }, { userid: 'a', department: [3] }, false)).toBe(true)
  expect(mayShowMobile({ userid: 'e', department: [3, 5] }, { userid: 'a', department: [3] }, false)).toBe(
    true,
  )
  expect(mayShowMobile({ userid: 'b', department: [2] }, { userid: 'a', department: [3] }, false)).toBe(false)
  expect(targetSet(T(['a'], [1], [2])).parties.has(1)).toBe(true)
})
