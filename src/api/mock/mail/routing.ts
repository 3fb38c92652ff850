// Where mail for an address goes: member addresses and aliases, business mailbox addresses and
// aliases (case-insensitive). Built lazily per corp with the same validity as the mailbox index.
import { normalizeAddress } from '../../../policy/mailAddress'
import { orgIndex, type OrgIndex } from '../orgIndex'
import type { CorpState } from '../state'
import { corpVersion } from './mailboxIndex'
import { raw } from '../tx'

export type Destination =
  | { kind: 'member'; userid: string; storeId: string }
  | { kind: 'business'; mailboxId: number; storeId: string }

interface AddressBook {
  org: OrgIndex
  version: number
  map: Map<string, Destination>
}

const cache = new WeakMap<CorpState, AddressBook>()

function addressBook(corp: CorpState): AddressBook {
  const org = orgIndex(corp)
  const version = corpVersion(corp)
  const hit = cache.get(raw(corp))
  if (hit && hit.org === org && hit.version === version) return hit
  const map = new Map<string, Destination>()
  for (const m of Object.values(corp.users)) {
    if (!m.storeId) continue
    const dest: Destination = { kind: 'member', userid: m.userid, storeId: m.storeId }
    for (const a of [m.biz_mail, ...m.alias]) if (a) map.set(normalizeAddress(a), dest)
  }
  for (const mb of Object.values(corp.publicmails)) {
    const dest: Destination = { kind: 'business', mailboxId: mb.id, storeId: mb.storeId }
    for (const a of [mb.email, ...mb.alias_list]) if (a) map.set(normalizeAddress(a), dest)
  }
  const book = { org, version, map }
  cache.set(raw(corp), book)
  return book
}

export function routeAddress(corp: CorpState, address: string): Destination | undefined {
  const dest = addressBook(corp).map.get(normalizeAddress(address))
  return dest && corp.stores[dest.storeId] ? dest : undefined
}

/** Addresses that belong to the corp without a mailbox to deliver to (mail groups, recycle bin). */
export function isKnownUndeliverable(corp: CorpState, address: string): boolean {
  const a = normalizeAddress(address)
  if (corp.mailGroups.some((g) => normalizeAddress(g) === a)) return true
  return Object.values(corp.recycle).some((r) => r.addresses.some((x) => normalizeAddress(x) === a))
}
