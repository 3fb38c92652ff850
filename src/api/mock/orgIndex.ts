// Derived, non-persisted lookups over a corp's directory (department tree, tag expansion).
// Rebuilt lazily after a wholesale change: invalidateOrg(corp). Member writes keep a built index
// current incrementally (noteMemberAdded / noteMemberRemoved) so bulk creation stays O(1) per member.
import type { CorpState, Member } from './state'
import { raw } from './tx'
import { derivedSlot } from './derivedSlot'

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

/** what incremental member updates need to reach inside a built index */
interface OrgInternals {
  index: OrgIndex
  addMember(m: Member): void
  removeMember(m: Member): void
}

const cache = derivedSlot<CorpState, OrgInternals>('org index')
const epochs = derivedSlot<CorpState, number>('org epoch')

/** Anything in the corp may have changed (members included): drop every derived lookup. */
export function invalidateOrg(corp: CorpState): void {
  cache.delete(raw(corp))
  epochs.set(raw(corp), orgEpoch(corp) + 1)
}

/** Departments or tags changed, members did not: rebuild the tree lookups only. */
export function invalidateOrgStructure(corp: CorpState): void {
  cache.delete(raw(corp))
}

/** Bumped by invalidateOrg: member-derived caches elsewhere (search) rebuild when it moves. */
export function orgEpoch(corp: CorpState): number {
  return epochs.get(raw(corp)) ?? 0
}

export function orgIndex(corp: CorpState): OrgIndex {
  let idx = cache.get(raw(corp))
  if (!idx) {
    idx = buildOrgIndex(corp)
    cache.set(raw(corp), idx)
  }
  return idx.index
}

/** The member was just stored in corp.users: update a built index in place (no rebuild). */
export function noteMemberAdded(corp: CorpState, member: Member): void {
  cache.get(raw(corp))?.addMember(member)
}

/** The member (as it was) was just removed or is about to be re-added with other departments. */
export function noteMemberRemoved(corp: CorpState, member: Member): void {
  cache.get(raw(corp))?.removeMember(member)
}

function buildOrgIndex(corp: CorpState): OrgInternals {
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
  const ancestors = (dept: number): number[] => {
    const out: number[] = []
    const seen = new Set<number>()
    let d = corp.departments[dept]
    while (d && !seen.has(d.id)) {
      out.push(d.id)
      seen.add(d.id)
      d = corp.departments[d.parentid]
    }
    return out
  }
  // tag ids by listed member / listed department, for the tags a newly added member has
  let tagRefs: { byUser: Map<string, number[]>; byParty: Map<number, number[]> } | null = null
  const refs = () => {
    if (!tagRefs) {
      tagRefs = { byUser: new Map(), byParty: new Map() }
      for (const t of Object.values(corp.tags)) {
        for (const u of t.userlist) tagRefs.byUser.set(u, [...(tagRefs.byUser.get(u) ?? []), t.tagid])
        for (const p of t.partylist) tagRefs.byParty.set(p, [...(tagRefs.byParty.get(p) ?? []), t.tagid])
      }
    }
    return tagRefs
  }
  const addMember = (m: Member): void => {
    useridFold.set(m.userid.toLowerCase(), m.userid)
    const tags = new Set<number>(refs().byUser.get(m.userid) ?? [])
    for (const d of m.department) {
      const list = direct.get(d)
      if (list) list.push(m.userid)
      else direct.set(d, [m.userid])
      for (const a of ancestors(d)) {
        underCache.get(a)?.add(m.userid)
        for (const t of refs().byParty.get(a) ?? []) tags.add(t)
      }
    }
    for (const t of tags) tagCache.get(t)?.add(m.userid)
    if (tagsByMember && tags.size) tagsByMember.set(m.userid, tags)
  }
  const removeMember = (m: Member): void => {
    if (useridFold.get(m.userid.toLowerCase()) === m.userid) useridFold.delete(m.userid.toLowerCase())
    for (const d of m.department) {
      const list = direct.get(d)
      const at = list ? list.indexOf(m.userid) : -1
      if (list && at >= 0) list.splice(at, 1)
      for (const a of ancestors(d)) underCache.get(a)?.delete(m.userid)
    }
    for (const set of tagCache.values()) set.delete(m.userid)
    tagsByMember?.delete(m.userid)
  }
  const index: OrgIndex = {
    children: (dept) => kids.get(dept) ?? [],
    subtree,
    ancestors,
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
  return { index, addMember, removeMember }
}
