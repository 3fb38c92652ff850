// Where mail for an address goes: member addresses and aliases, business mailbox addresses and
// aliases (case-insensitive), and which addresses of our own domain have nowhere to go (bounced).
// Member addresses are kept in a map updated by member writes (noteMemberAddresses) — not rebuilt
// after every write; each hit is checked against the member as it is now, and the map is rebuilt
// when that check fails, when the org index is rebuilt wholesale, or when the recycle bin or the
// business mailboxes change (a restore or a conversion moves member addresses without a member
// write). Business mailboxes are few: their map is rebuilt when they change. Keyed by raw(corp);
// destinations carry ids only, so the caller reads the state itself.
import { domainOf, normalizeAddress } from '../../../policy/mailAddress'
import { orgEpoch } from '../orgIndex'
import type { CorpState, Member } from '../state'
import { raw } from '../tx'
import { derivedSlot } from '../derivedSlot'

export type Destination =
  | { kind: 'member'; userid: string; storeId: string }
  | { kind: 'business'; mailboxId: number; storeId: string }

interface AddressBook {
  epoch: number
  /** business mailboxes and recycle bin entries as they were when `members` / `business` were built */
  mailboxPrint: string
  recyclePrint: string
  members: Map<string, Destination>
  business: Map<string, Destination>
}

const books = derivedSlot<CorpState, AddressBook>('address book')

function memberAddresses(m: Pick<Member, 'biz_mail' | 'alias'>): string[] {
  return [m.biz_mail, ...m.alias].filter((a) => a !== '').map(normalizeAddress)
}

function addMember(map: Map<string, Destination>, m: Member): void {
  if (!m.storeId) return
  const dest: Destination = { kind: 'member', userid: m.userid, storeId: m.storeId }
  for (const a of memberAddresses(m)) map.set(a, dest)
}

function buildMembers(corp: CorpState): Map<string, Destination> {
  const map = new Map<string, Destination>()
  for (const m of Object.values(corp.users)) addMember(map, m)
  return map
}

function mailboxPrint(corp: CorpState): string {
  const parts: string[] = []
  for (const mb of Object.values(corp.publicmails)) {
    parts.push(`${mb.id}:${mb.storeId}:${mb.email}:${mb.alias_list.join(',')}`)
  }
  return parts.join(';')
}

function recyclePrint(corp: CorpState): string {
  return Object.keys(corp.recycle).join(',')
}

function buildBusiness(corp: CorpState): Map<string, Destination> {
  const map = new Map<string, Destination>()
  for (const mb of Object.values(corp.publicmails)) {
    const dest: Destination = { kind: 'business', mailboxId: mb.id, storeId: mb.storeId }
    for (const a of [mb.email, ...mb.alias_list]) if (a) map.set(normalizeAddress(a), dest)
  }
  return map
}

function addressBook(tracked: CorpState): AddressBook {
  // Read the raw state: through a write's tracking proxy every member passed would be wrapped.
  const corp = raw(tracked)
  const key = corp
  const epoch = orgEpoch(corp)
  const mp = mailboxPrint(corp)
  const rp = recyclePrint(corp)
  let book = books.get(key)
  if (!book || book.epoch !== epoch || book.mailboxPrint !== mp || book.recyclePrint !== rp) {
    book = {
      epoch,
      mailboxPrint: mp,
      recyclePrint: rp,
      members: buildMembers(corp),
      business: buildBusiness(corp),
    }
    books.set(key, book)
  }
  return book
}

/** A member was created (`before` null), deleted (`after` null) or changed: keep a built map current. */
export function noteMemberAddresses(corp: CorpState, before: Member | null, after: Member | null): void {
  const book = books.get(raw(corp))
  if (!book) return
  if (before) {
    for (const a of memberAddresses(before)) {
      const d = book.members.get(a)
      if (d && d.kind === 'member' && d.userid === before.userid) book.members.delete(a)
    }
  }
  if (after) addMember(book.members, after)
}

function stillOwns(corp: CorpState, dest: Destination, address: string): boolean {
  if (!corp.stores[dest.storeId]) return false
  if (dest.kind === 'business') return true // the business map is rebuilt whenever a mailbox changes
  const m = Object.prototype.hasOwnProperty.call(corp.users, dest.userid) ? corp.users[dest.userid] : null
  return !!m && m.storeId === dest.storeId && memberAddresses(m).includes(address)
}

function lookup(corp: CorpState, book: AddressBook, a: string): Destination | undefined {
  // A business mailbox owns its address even while a converted member's entry lingers.
  const business = book.business.get(a)
  if (business) return corp.stores[business.storeId] ? business : undefined
  const dest = book.members.get(a)
  if (!dest || stillOwns(corp, dest, a)) return dest
  // Changed behind our back: rebuild the members' map once and answer from it.
  book.members = buildMembers(corp)
  const fresh = book.members.get(a)
  return fresh && stillOwns(corp, fresh, a) ? fresh : undefined
}

export function routeAddress(tracked: CorpState, address: string): Destination | undefined {
  const corp = raw(tracked)
  return lookup(corp, addressBook(corp), normalizeAddress(address))
}

/** Is the address in our own domain (where nobody but us can deliver it)? */
export function isInternalAddress(corp: CorpState, address: string): boolean {
  // Alias domains are not modelled: the corp's one domain is all there is.
  return domainOf(address) === normalizeAddress(corp.domain.name)
}

/** Mail group addresses exist (mail to them is accepted) but are not modelled as mailboxes. */
function isMailGroup(corp: CorpState, address: string): boolean {
  return corp.mailGroups.some((g) => normalizeAddress(g) === address)
}

export interface RecipientPlan {
  /** one copy per mailbox, in the order the addresses were listed */
  deliveries: { address: string; dest: Destination }[]
  /** internal addresses with nowhere to go (absent, deleted, in the recycle bin, moved away) */
  undeliverable: string[]
  /** outside addresses (another domain): they leave through the relay */
  outside: string[]
}

/**
 * Where each recipient's copy goes. Internal addresses go to their mailbox or, when there is none,
 * into `undeliverable` (bounced to the sender — never refused: the answer must not tell a member
 * hidden by a visibility rule from one who does not exist). Outside addresses leave the system.
 */
export function planRecipients(tracked: CorpState, addresses: readonly string[]): RecipientPlan {
  const corp = raw(tracked)
  const book = addressBook(corp)
  const deliveries: RecipientPlan['deliveries'] = []
  const undeliverable: string[] = []
  const outside: string[] = []
  const stores = new Set<string>()
  for (const listed of addresses) {
    const a = normalizeAddress(listed)
    const dest = lookup(corp, book, a)
    if (!dest) {
      if (isInternalAddress(corp, a) && !isMailGroup(corp, a) && !undeliverable.includes(a)) {
        undeliverable.push(a)
      } else if (!isInternalAddress(corp, a) && !outside.includes(a)) outside.push(a)
      continue
    }
    // One copy per mailbox, even when an address and its alias are both listed.
    if (stores.has(dest.storeId)) continue
    stores.add(dest.storeId)
    deliveries.push({ address: a, dest })
  }
  return { deliveries, undeliverable, outside }
}
