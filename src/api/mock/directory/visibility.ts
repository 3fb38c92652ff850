// Visibility rules applied by the backend (policy/visibility), cached per corp and viewer.
// The cache is dropped by every directory write (touchDirectory) and whenever the org index is rebuilt.
import {
  visibilityFor,
  visibleDepartments,
  type DepartmentOrg,
  type Visibility,
  type VisibilityRule,
} from '../../../policy/visibility'
import { orgIndex, type OrgIndex } from '../orgIndex'
import type { CorpState } from '../state'
import { raw } from '../tx'

interface ViewerCache {
  vis: Visibility
  departments?: Set<number>
  /** sorted visible member lists for user/list, by "dept:fetch_child" */
  lists: Map<string, string[]>
}

interface CorpCache {
  org: OrgIndex
  generation: number
  viewers: Map<string, ViewerCache>
}

const caches = new WeakMap<CorpState, CorpCache>()
const generations = new WeakMap<CorpState, number>()
/** viewers cached per corp; beyond this the cache starts over (a burst of distinct viewers) */
const VIEWERS_MAX = 256

/** Any directory change (members, departments, tags, rules): cached visibility is void. */
export function touchDirectory(corp: CorpState): void {
  generations.set(raw(corp), (generations.get(raw(corp)) ?? 0) + 1)
}

export function departmentOrg(corp: CorpState): DepartmentOrg {
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

function viewerCache(corp: CorpState, viewer: string): ViewerCache {
  const org = orgIndex(corp)
  const generation = generations.get(raw(corp)) ?? 0
  let cache = caches.get(raw(corp))
  if (!cache || cache.org !== org || cache.generation !== generation || cache.viewers.size >= VIEWERS_MAX) {
    cache = { org, generation, viewers: new Map() }
    caches.set(raw(corp), cache)
  }
  let entry = cache.viewers.get(viewer)
  if (!entry) {
    entry = { vis: visibilityFor(viewer, rulesOf(corp), departmentOrg(corp)), lists: new Map() }
    cache.viewers.set(viewer, entry)
  }
  return entry
}

/** The rules as they apply to `viewer` (cached). */
export function visibilityOf(corp: CorpState, viewer: string): Visibility {
  return viewerCache(corp, viewer).vis
}

/**
 * For other areas: may `viewer` see member `userid` in the directory? A hidden member must be
 * treated exactly like an absent one.
 */
export function visibleTo(corp: CorpState, viewer: string): (userid: string) => boolean {
  const vis = visibilityOf(corp, viewer)
  if (vis.unrestricted) return (userid) => Object.prototype.hasOwnProperty.call(corp.users, userid)
  return (userid) => Object.prototype.hasOwnProperty.call(corp.users, userid) && vis.canSee(userid)
}

/** Department ids `viewer` may see in the tree (cached). */
export function visibleDepartmentsOf(corp: CorpState, viewer: string): Set<number> {
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
  corp: CorpState,
  viewer: string,
  dept: number,
  withChildren: boolean,
): string[] {
  const entry = viewerCache(corp, viewer)
  const key = `${dept}:${withChildren ? 1 : 0}`
  let list = entry.lists.get(key)
  if (!list) {
    const org = orgIndex(corp)
    const ids = withChildren ? [...org.membersUnder(dept)] : [...org.directMembers(dept)]
    list = ids.filter((u) => entry.vis.canSee(u)).sort()
    entry.lists.set(key, list)
  }
  return list
}
