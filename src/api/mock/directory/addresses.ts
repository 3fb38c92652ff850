// Is a mail address already taken in the corp? Members (through the search index's exact email keys,
// O(1)), member aliases, business mailboxes and their aliases, mail groups, the recycle bin.
import type { CorpState } from '../state'
import { searchIndex } from './searchIndex'

/** who holds the address, or null; `exceptUserid` ignores that member's own addresses */
export function addressHolder(corp: CorpState, address: string, exceptUserid?: string): string | null {
  const a = address.toLowerCase()
  for (const userid of searchIndex(corp).exactOwners('email', a)) {
    if (userid === exceptUserid) continue
    const m = Object.prototype.hasOwnProperty.call(corp.users, userid) ? corp.users[userid] : undefined
    // verified against the record: an entry left stale by another area's write does not block
    if (m && (m.biz_mail.toLowerCase() === a || m.alias.some((x) => x.toLowerCase() === a))) {
      return `member:${userid}`
    }
  }
  for (const p of Object.values(corp.publicmails)) {
    if (p.email.toLowerCase() === a || p.alias_list.some((x) => x.toLowerCase() === a))
      return `publicmail:${p.id}`
  }
  if (corp.mailGroups.some((g) => g.toLowerCase() === a)) return 'mailgroup'
  for (const r of Object.values(corp.recycle)) {
    if (r.addresses.some((x) => x.toLowerCase() === a)) return `recycle:${r.id}`
  }
  return null
}
