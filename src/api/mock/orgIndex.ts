// Derived, non-persisted lookups over a corp's directory (department tree, tag expansion).
// Rebuilt lazily after a directory write: writes call invalidateOrg(corp).
import type { CorpState } from './state'

export interface OrgIndex {
  /** direct children ids */
  children(dept: number): number[]
  /** dept and all its descendants */
  subtree(dept: number): Set<number>
  /** dept and all its ancestors up to the root */
  ancestors(dept: number): number[]
  /** members listed directly in dept */
  directMembers(dept: number): string[]
  /** every member in dept or below */
  membersUnder(dept: number): Set<string>
  /** members a tag holds: listed directly or in a listed department or below */
  tagMembers(tagid: number): Set<string>
  /** tags a member has, directly or through a (descendant of a) listed department */
  tagsOf(userid: string): Set<number>
  /** lower-cased userid -> userid, for case-insensitive uniqueness */
  useridFold: Map<string, string>
}

const cache = new WeakMap<CorpState, OrgIndex>()

export function invalidateOrg(corp: CorpState): void {
  cache.delete(corp)
}

export function orgIndex(corp: CorpState): OrgIndex {
  let idx = cache.get(corp)
  if (!idx) {
    idx = buildOrgIndex(corp)
    cache.set(corp, idx)
  }
  return idx
}

function buildOrgIndex(corp: CorpState): OrgIndex {
  const kids = new Map<number, number[]>()
  for (const d of Object.values(corp.departments)) {
    if (d.id === d.parentid) continue
    const list = kids.get(d.parentid) ?? []
    list.push(d.id)
    kids.set(d.parentid, list)
  }
  for (const list of kids.values()) {
    list.sort((a, b) => (corp.departments[a]?.order ?? 0) - (corp.departments[b]?.order ?? 0) || a - b)
  }
  const direct = new Map<number, string[]>()
  const useridFold = new Map<string, string>()
  for (const m of Object.values(corp.users)) {
    useridFold.set(m.userid.toLowerCase(), m.userid)
    for (const d of m.department) {
      const list = direct.get(d) ?? []
      list.push(m.userid)
      direct.set(d, list)
    }
  }
  const subtreeCache = new Map<number, Set<number>>()
  const underCache = new Map<number, Set<string>>()
  const tagCache = new Map<number, Set<string>>()
  let tagsByMember: Map<string, Set<number>> | null = null

  const subtree = (dept: number): Set<number> => {
    let s = subtreeCache.get(dept)
    if (s) return s
    s = new Set<number>()
    if (corp.departments[dept]) {
      const stack = [dept]
      while (stack.length) {
        const d = stack.pop() as number
        if (s.has(d)) continue
        s.add(d)
        for (const c of kids.get(d) ?? []) stack.push(c)
      }
    }
    subtreeCache.set(dept, s)
    return s
  }
  const membersUnder = (dept: number): Set<string> => {
    let s = underCache.get(dept)
    if (s) return s
    s = new Set<string>()
    for (const d of subtree(dept)) for (const u of direct.get(d) ?? []) s.add(u)
    underCache.set(dept, s)
    return s
  }
  const tagMembers = (tagid: number): Set<string> => {
    let s = tagCache.get(tagid)
    if (s) return s
    s = new Set<string>()
    const tag = corp.tags[tagid]
    if (tag) {
      for (const u of tag.userlist) if (corp.users[u]) s.add(u)
      for (const p of tag.partylist) for (const u of membersUnder(p)) s.add(u)
    }
    tagCache.set(tagid, s)
    return s
  }
  return {
    children: (dept) => kids.get(dept) ?? [],
    subtree,
    ancestors(dept) {
      const out: number[] = []
      const seen = new Set<number>()
      let d = corp.departments[dept]
      while (d && !seen.has(d.id)) {
        out.push(d.id)
        seen.add(d.id)
        d = corp.departments[d.parentid]
      }
      return out
    },
    directMembers: (dept) => direct.get(dept) ?? [],
    membersUnder,
    tagMembers,
    tagsOf(userid) {
      if (!tagsByMember) {
        tagsByMember = new Map()
        for (const t of Object.values(corp.tags)) {
          for (const u of tagMembers(t.tagid)) {
            const set = tagsByMember.get(u) ?? new Set<number>()
            set.add(t.tagid)
            tagsByMember.set(u, set)
          }
        }
      }
      return tagsByMember.get(userid) ?? new Set()
    },
    useridFold,
  }
}
