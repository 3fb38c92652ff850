// Who gets which mailbox when A's mailbox moves into B: A's mailbox owners matched to B's members by
// userid, the A mailboxes that go to B's recycle bin, and the B members that start with a new, empty
// mailbox in A's domain (or none, when that address is already A's).
import { isValidBusinessAddress } from '../../../policy/address'
import { normalizeAddress } from '../../../policy/mailAddress'
import { defaultBizMail } from '../../../policy/directory'
import { matchMailboxes, type MailboxMatch } from '../../../policy/migration'
import type { CorpState, Member } from '../state'

export interface MigrationPlan {
  /** A's members that have a personal mailbox (address and store) */
  owners: Member[]
  match: MailboxMatch
  /** B userid -> the A member whose mailbox it gets */
  sourceOf: Map<string, Member>
  /** any A userid -> the B member of the same userid (as spelled in B) */
  targetUserid: (userid: string) => string | undefined
  /** B members without an A mailbox who get a new, empty one */
  fresh: { userid: string; email: string }[]
  /** B members left without a personal mailbox: their default address is taken by A's mail */
  withoutMailbox: { userid: string; email: string }[]
}

export function hasMailbox(corp: CorpState, m: Member): boolean {
  return !!m.biz_mail && !!m.storeId && Object.prototype.hasOwnProperty.call(corp.stores, m.storeId)
}

/** Every address A's mail holds, which B inherits with the domain. */
export function sourceAddresses(a: CorpState): Set<string> {
  const out = new Set<string>()
  const add = (x: string) => x && out.add(normalizeAddress(x))
  for (const m of Object.values(a.users)) {
    add(m.biz_mail)
    m.alias.forEach(add)
  }
  for (const mb of Object.values(a.publicmails)) {
    add(mb.email)
    mb.alias_list.forEach(add)
  }
  a.mailGroups.forEach(add)
  for (const r of Object.values(a.recycle)) {
    add(r.email)
    r.addresses.forEach(add)
  }
  return out
}

export function planMigration(a: CorpState, b: CorpState): MigrationPlan {
  const owners = Object.values(a.users).filter((m) => hasMailbox(a, m))
  const match = matchMailboxes(
    owners.map((m) => m.userid),
    Object.keys(b.users),
  )
  const sourceOf = new Map<string, Member>()
  for (const m of owners) {
    const t = match.matched.get(m.userid)
    if (t !== undefined) sourceOf.set(t, m)
  }
  const fold = new Map<string, string>()
  for (const u of Object.keys(b.users)) fold.set(u.toLowerCase(), u)
  const taken = sourceAddresses(a)
  const fresh: MigrationPlan['fresh'] = []
  const withoutMailbox: MigrationPlan['withoutMailbox'] = []
  for (const m of Object.values(b.users)) {
    if (sourceOf.has(m.userid)) continue
    const email = defaultBizMail(m.userid, a.domain.name)
    if (isValidBusinessAddress(email) && !taken.has(email)) {
      taken.add(email)
      fresh.push({ userid: m.userid, email })
    } else {
      withoutMailbox.push({ userid: m.userid, email })
    }
  }
  return {
    owners,
    match,
    sourceOf,
    targetUserid: (u) => fold.get(u.toLowerCase()),
    fresh,
    withoutMailbox,
  }
}
