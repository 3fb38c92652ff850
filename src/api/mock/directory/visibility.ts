// Visibility rules applied by the backend (policy/visibility), cached per corp, viewer and viewer class.
// Viewers with the same applicable rules and own departments see the same members (themselves aside):
// that set is computed once per class from the org index (subtrees, tag members), not by testing
// every member, and member counts per department come from it. The caches are dropped by writes that
// can change what anyone sees (touchDirectory, called from derived.ts; a member write only when the
// member is created, deleted or changes departments: noteMemberVisibility) and when the org index is
// rebuilt.
// Keyed by raw(corp): a write's tracking proxy and the plain state share one cache. Everything here
// only reads, and reads the raw state: through a proxy every member passed would be wrapped.
import {
  targetSet,
  targetsInclude,
  visibilityFor,
  visibleDepartments,
  type DepartmentOrg,
  type TargetSet,
  type Visibility,
  type VisibilityRule,
} from '../../../policy/visibility'
import { orgIndex, type OrgIndex } from '../orgIndex'
import type { CorpState, Member } from '../state'
import { raw } from '../tx'
import { derivedSlot } from '../derivedSlot'

/**
 * What every viewer of a class may see, the viewer themselves aside (a viewer always sees themselves):
 * all members, only `members` (own-department / see-nobody rules), or all but `hidden` (hide rules only).
 */
export type VisibleSet =
  | { kind: 'all' }
  | { kind: 'only'; members: ReadonlySet<string> }
  | { kind: 'except'; hidden: ReadonlySet<string> }

interface ClassCache {
  set: VisibleSet
  /** visible members per department subtree, the viewer aside */
  counts?: Map<number, number>
}

interface ViewerCache {
  vis: Visibility
  cls: ClassCache
  departments?: Set<number>
  /** sorted visible member lists for user/list, by "dept:fetch_child" */
  lists: Map<string, string[]>
}

interface CorpCache {
  org: OrgIndex
  generation: number
  viewers: Map<string, ViewerCache>
  classes: Map<string, ClassCache>
}

const caches = derivedSlot<CorpState, CorpCache>('visibility')
const generations = derivedSlot<CorpState, number>('visibility generation')
/** viewers and classes cached per corp; beyond this the oldest entries are dropped */
const VIEWERS_MAX = 1024
const CLASSES_MAX = 256

/** Any directory change that may change what someone sees (departments, tags, rules): caches are void. */
export function touchDirectory(corp: CorpState): void {
  const key = raw(corp)
  generations.set(key, (generations.get(key) ?? 0) + 1)
}

/**
 * A member was created (`before` null), deleted (`after` null) or changed. Only their departments
 * (and their existence) decide what anyone sees, so a change of name, position or mail address keeps
 * the caches.
 */
export function noteMemberVisibility(corp: CorpState, before: Member | null, after: Member | null): void {
  if (before && after && sameDepartments(before.department, after.department)) return
  touchDirectory(corp)
}

function sameDepartments(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i])
}

export function departmentOrg(tracked: CorpState): DepartmentOrg {
  const corp = raw(tracked)
  const org = orgIndex(corp)
  return {
    departmentsOf: (userid) =>
      Object.prototype.hasOwnProperty.call(corp.users, userid) ? corp.users[userid].department : [],
    ancestors: (dept) => org.ancestors(dept),
    tagsOf: (userid) => org.tagsOf(userid),
    subtree: (dept) => org.subtree(dept),
    tagParties: (tagid) =>
      Object.prototype.hasOwnProperty.call(corp.tags, tagid) ? corp.tags[tagid].partylist : [],
  }
}

function rulesOf(corp: CorpState): VisibilityRule[] {
  return Object.values(corp.contactRules)
}

function corpCache(corp: CorpState): CorpCache {
  const key = raw(corp)
  const org = orgIndex(corp)
  const generation = generations.get(key) ?? 0
  let cache = caches.get(key)
  if (!cache || cache.org !== org || cache.generation !== generation) {
    cache = { org, generation, viewers: new Map(), classes: new Map() }
    caches.set(key, cache)
  }
  return cache
}

/** drop the oldest entry (Map order is insertion order) once the map is full */
function bound<K, V>(map: Map<K, V>, max: number): void {
  if (map.size < max) return
  const oldest = map.keys().next()
  if (!oldest.done) map.delete(oldest.value)
}

/**
 * The class a viewer belongs to: which rules apply to them (as policy/visibility decides) and, when an
 * own-department rule applies, their own departments.
 */
function classKey(corp: CorpState, viewer: string, org: DepartmentOrg): string {
  const applied: string[] = []
  let restricted = false
  const rules = rulesOf(corp).sort((a, b) => (a.rule_id ?? 0) - (b.rule_id ?? 0))
  for (const r of rules) {
    if (targetsInclude(targetSet(r.whitelist), viewer, org)) continue
    if (r.rule_type === 1) applied.push(`h${r.rule_id}`)
    else if (targetsInclude(targetSet(r.range), viewer, org)) {
      applied.push(`r${r.rule_id}`)
      restricted = true
    }
  }
  const own = restricted ? [...org.departmentsOf(viewer)].sort((a, b) => a - b).join(',') : ''
  return `${applied.join(',')}|${own}`
}

function membersOf(corp: CorpState, org: OrgIndex, t: TargetSet, into: Set<string>): void {
  for (const u of t.users) if (Object.prototype.hasOwnProperty.call(corp.users, u)) into.add(u)
  for (const p of t.parties) for (const u of org.membersUnder(p)) into.add(u)
  for (const tag of t.tags) for (const u of org.tagMembers(tag)) into.add(u)
}

/**
 * The class's visible set, built from the org index with set operations only: cost ~ the members
 * the rules name, not the corp. Exactly policy/visibility canSee for everyone but the viewer: hidden
 * by no hide rule, and within every own-department rule's reach (own subtrees plus extra_visible).
 */
function buildClass(corp: CorpState, vis: Visibility): ClassCache {
  const org = orgIndex(corp)
  if (vis.unrestricted) return { set: { kind: 'all' } }
  const hidden = new Set<string>()
  for (const h of vis.hides) membersOf(corp, org, h, hidden)
  if (vis.restricts.length === 0) return { set: { kind: 'except', hidden } }
  if (vis.restricts.some((r) => r.rule_type === 3)) return { set: { kind: 'only', members: new Set() } }
  const own = Object.prototype.hasOwnProperty.call(corp.users, vis.viewer)
    ? corp.users[vis.viewer].department
    : []
  const reach = vis.restricts.map((r) => {
    const s = new Set<string>()
    for (const d of own) for (const u of org.membersUnder(d)) s.add(u)
    membersOf(corp, org, r.extra, s)
    return s
  })
  reach.sort((a, b) => a.size - b.size)
  const [smallest, ...others] = reach
  const members = new Set<string>()
  for (const u of smallest) if (!hidden.has(u) && others.every((s) => s.has(u))) members.add(u)
  return { set: { kind: 'only', members } }
}

function viewerCache(corp: CorpState, viewer: string): ViewerCache {
  const cache = corpCache(corp)
  let entry = cache.viewers.get(viewer)
  if (entry) return entry
  const dorg = departmentOrg(corp)
  const vis = visibilityFor(viewer, rulesOf(corp), dorg)
  let cls: ClassCache
  if (vis.unrestricted) cls = { set: { kind: 'all' } }
  else {
    const key = classKey(corp, viewer, dorg)
    let hit = cache.classes.get(key)
    if (!hit) {
      hit = buildClass(corp, vis)
      bound(cache.classes, CLASSES_MAX)
      cache.classes.set(key, hit)
    }
    cls = hit
  }
  entry = { vis, cls, lists: new Map() }
  bound(cache.viewers, VIEWERS_MAX)
  cache.viewers.set(viewer, entry)
  return entry
}

/** The rules as they apply to `viewer` (cached). */
export function visibilityOf(tracked: CorpState, viewer: string): Visibility {
  const corp = raw(tracked)
  return viewerCache(corp, viewer).vis
}

/** What `viewer`'s class sees (they themselves always see themselves on top). */
export function visibleSetOf(tracked: CorpState, viewer: string): VisibleSet {
  const corp = raw(tracked)
  return viewerCache(corp, viewer).cls.set
}

function seesFn(set: VisibleSet, viewer: string): (userid: string) => boolean {
  if (set.kind === 'all') return () => true
  if (set.kind === 'only') return (u) => u === viewer || set.members.has(u)
  return (u) => u === viewer || !set.hidden.has(u)
}

/**
 * For other areas: may `viewer` see member `userid` in the directory? A hidden member must be
 * treated exactly like an absent one.
 */
export function visibleTo(tracked: CorpState, viewer: string): (userid: string) => boolean {
  const corp = raw(tracked)
  const sees = seesFn(visibleSetOf(corp, viewer), viewer)
  return (userid) => Object.prototype.hasOwnProperty.call(corp.users, userid) && sees(userid)
}

/** Department ids `viewer` may see in the tree (cached). */
export function visibleDepartmentsOf(tracked: CorpState, viewer: string): Set<number> {
  const corp = raw(tracked)
  const entry = viewerCache(corp, viewer)
  if (!entry.departments) {
    const all = Object.values(corp.departments).map((d) => d.id)
    entry.departments = entry.vis.unrestricted
      ? new Set(all)
      : visibleDepartments(entry.vis, all, departmentOrg(corp))
  }
  return entry.departments
}

/** Visible members of a department (or its subtree), sorted by userid, cached until the next write. */
export function visibleMembersOf(
  tracked: CorpState,
  viewer: string,
  dept: number,
  withChildren: boolean,
): string[] {
  const corp = raw(tracked)
  const entry = viewerCache(corp, viewer)
  const key = `${dept}:${withChildren ? 1 : 0}`
  let list = entry.lists.get(key)
  if (!list) {
    const org = orgIndex(corp)
    const set = entry.cls.set
    const base: ReadonlySet<string> = withChildren ? org.membersUnder(dept) : new Set(org.directMembers(dept))
    if (set.kind === 'only' && set.members.size + 1 < base.size) {
      // The class sees few: walk them instead of the department.
      list = [...set.members].filter((u) => base.has(u))
      if (base.has(viewer) && !set.members.has(viewer)) list.push(viewer)
    } else {
      const sees = seesFn(set, viewer)
      list = [...base].filter(sees)
    }
    list.sort()
    entry.lists.set(key, list)
  }
  return list
}

/** members per department subtree, each member once per department, for the given members */
function subtreeCounts(corp: CorpState, org: OrgIndex, members: Iterable<string>): Map<number, number> {
  // Members in one department are tallied there first, then each tally climbs the tree once.
  const direct = new Map<number, number>()
  const counts = new Map<number, number>()
  for (const u of members) {
    if (!Object.prototype.hasOwnProperty.call(corp.users, u)) continue
    const depts = corp.users[u].department
    if (depts.length === 1) direct.set(depts[0], (direct.get(depts[0]) ?? 0) + 1)
    else {
      const seen = new Set<number>()
      for (const d of depts) for (const a of org.ancestors(d)) seen.add(a)
      for (const a of seen) counts.set(a, (counts.get(a) ?? 0) + 1)
    }
  }
  for (const [d, n] of direct) for (const a of org.ancestors(d)) counts.set(a, (counts.get(a) ?? 0) + n)
  return counts
}

/**
 * Visible members in each department's subtree for `viewer` (a member counts once per department
 * even when listed in several of its sub-departments). Unrestricted: the org index's subtree sets,
 * kept current by member writes. Otherwise computed once per viewer class from its visible set.
 */
export function visibleMemberCounts(tracked: CorpState, viewer: string): (dept: number) => number {
  const corp = raw(tracked)
  const entry = viewerCache(corp, viewer)
  const org = orgIndex(corp)
  const set = entry.cls.set
  if (set.kind === 'all') return (d) => org.membersUnder(d).size
  const cls = entry.cls
  cls.counts ??= subtreeCounts(corp, org, set.kind === 'only' ? set.members : set.hidden)
  const counts = cls.counts
  // The viewer sees themselves even where the class does not.
  const self = set.kind === 'only' ? !set.members.has(viewer) : set.hidden.has(viewer)
  const mine = self ? subtreeCounts(corp, org, [viewer]) : null
  const extra = (d: number) => mine?.get(d) ?? 0
  if (set.kind === 'only') return (d) => (counts.get(d) ?? 0) + extra(d)
  return (d) => org.membersUnder(d).size - (counts.get(d) ?? 0) + extra(d)
}
