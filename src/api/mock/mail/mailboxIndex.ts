// Which business mailboxes a member may use, answered from precomputed membership instead of
// scanning every mailbox: mailboxes by listed userid / department / tag, built lazily per corp.
// Valid while the corp's org index is the same object (invalidateOrg makes a new one) and no write
// to the directory or the business mailboxes happened since (each bumps it: derived.ts noteWrite).
import { type AccessRoute } from '../../../policy/access'
import { orgIndex, type OrgIndex } from '../orgIndex'
import type { BusinessMailbox, CorpState, Member } from '../state'
import { raw } from '../tx'
import { derivedSlot } from '../derivedSlot'

interface MembershipIndex {
  org: OrgIndex
  version: number
  byUser: Map<string, BusinessMailbox[]>
  byDept: Map<number, BusinessMailbox[]>
  byTag: Map<number, BusinessMailbox[]>
}

const versions = derivedSlot<CorpState, number>('mailbox index version')
const cache = derivedSlot<CorpState, MembershipIndex>('mailbox index')

/** Call after any change to the corp's directory or business mailboxes. */
export function bumpMailIndex(corp: CorpState): void {
  versions.set(raw(corp), (versions.get(raw(corp)) ?? 0) + 1)
}

export function corpVersion(corp: CorpState): number {
  return versions.get(raw(corp)) ?? 0
}

function push<K>(map: Map<K, BusinessMailbox[]>, key: K, mb: BusinessMailbox): void {
  const list = map.get(key)
  if (list) list.push(mb)
  else map.set(key, [mb])
}

function membership(corp: CorpState): MembershipIndex {
  const org = orgIndex(corp)
  const version = corpVersion(corp)
  const hit = cache.get(raw(corp))
  if (hit && hit.org === org && hit.version === version) return hit
  const idx: MembershipIndex = { org, version, byUser: new Map(), byDept: new Map(), byTag: new Map() }
  const mailboxes = Object.values(corp.publicmails).sort((a, b) => a.id - b.id)
  for (const mb of mailboxes) {
    for (const u of new Set(mb.userid_list)) push(idx.byUser, u, mb)
    for (const d of new Set(mb.department_list)) push(idx.byDept, d, mb)
    for (const t of new Set(mb.tag_list)) push(idx.byTag, t, mb)
  }
  cache.set(raw(corp), idx)
  return idx
}

export interface Reachable {
  mailbox: BusinessMailbox
  /** the same routes, in the same order, as policy/access accessVia */
  routes: AccessRoute[]
}

/** Every business mailbox the member may use, by id, with its routes. Cost ~ the member's own hits. */
export function reachableMailboxes(
  corp: CorpState,
  member: Pick<Member, 'userid' | 'department'>,
): Reachable[] {
  const idx = membership(corp)
  const hits = new Map<BusinessMailbox, { direct: boolean; depts: number[]; tagged: boolean }>()
  const hit = (mb: BusinessMailbox) => {
    let h = hits.get(mb)
    if (!h) {
      h = { direct: false, depts: [], tagged: false }
      hits.set(mb, h)
    }
    return h
  }
  for (const mb of idx.byUser.get(member.userid) ?? []) hit(mb).direct = true
  if (idx.byDept.size) {
    for (const d of member.department) {
      for (const a of idx.org.ancestors(d)) {
        for (const mb of idx.byDept.get(a) ?? []) {
          const h = hit(mb)
          if (!h.depts.includes(a)) h.depts.push(a)
        }
      }
    }
  }
  const mine = idx.byTag.size ? idx.org.tagsOf(member.userid) : new Set<number>()
  for (const t of mine) for (const mb of idx.byTag.get(t) ?? []) hit(mb).tagged = true
  const out: Reachable[] = []
  for (const [mailbox, h] of hits) {
    const routes: AccessRoute[] = []
    if (h.direct) routes.push({ kind: 'direct' })
    for (const id of h.depts) routes.push({ kind: 'department', id })
    if (h.tagged) for (const id of mailbox.tag_list) if (mine.has(id)) routes.push({ kind: 'tag', id })
    out.push({ mailbox, routes })
  }
  return out.sort((a, b) => a.mailbox.id - b.mailbox.id)
}
