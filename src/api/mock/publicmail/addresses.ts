// Which addresses are taken in a corp, and by whom (product spec 3.4): members, member aliases,
// business mailboxes and their aliases, mail groups, the recycle bin. Case-insensitive.
import { normalizeAddress } from '../../../policy/mailAddress'
import { ErrCode } from '../../../policy/codes'
import { ok, refuse, type Verdict } from '../../../policy/result'
import type { CorpState } from '../state'

export type AddressOwner =
  | { kind: 'member' | 'member_alias'; userid: string }
  | { kind: 'business' | 'business_alias'; id: number }
  | { kind: 'group' }
  | { kind: 'recycle'; id: number }

export function addressOwners(corp: CorpState, now: number): Map<string, AddressOwner> {
  const owners = new Map<string, AddressOwner>()
  const put = (address: string, owner: AddressOwner) => {
    const key = normalizeAddress(address)
    if (key && !owners.has(key)) owners.set(key, owner)
  }
  for (const m of Object.values(corp.users)) {
    if (m.biz_mail) put(m.biz_mail, { kind: 'member', userid: m.userid })
    for (const a of m.alias ?? []) put(a, { kind: 'member_alias', userid: m.userid })
  }
  for (const b of Object.values(corp.publicmails)) {
    put(b.email, { kind: 'business', id: b.id })
    for (const a of b.alias_list) put(a, { kind: 'business_alias', id: b.id })
  }
  for (const g of corp.mailGroups) put(g, { kind: 'group' })
  for (const r of Object.values(corp.recycle)) {
    if (now > r.expire_time) continue // expired entries free their addresses even before the purge
    put(r.email, { kind: 'recycle', id: r.id })
    for (const a of r.addresses) put(a, { kind: 'recycle', id: r.id })
  }
  return owners
}

export function describeOwner(owner: AddressOwner, corp: CorpState): string {
  switch (owner.kind) {
    case 'member':
      return `成员 ${owner.userid} 的邮箱`
    case 'member_alias':
      return `成员 ${owner.userid} 的别名`
    case 'business':
      return `业务邮箱「${corp.publicmails[owner.id]?.name ?? owner.id}」`
    case 'business_alias':
      return `业务邮箱「${corp.publicmails[owner.id]?.name ?? owner.id}」的别名`
    case 'group':
      return '邮件群组'
    case 'recycle':
      return `回收站中的邮箱「${corp.recycle[owner.id]?.name ?? owner.id}」（恢复或过期前仍占用）`
  }
}

/** 680033 unless the address is free or held by `isOwn` (the mailbox being edited or converted). */
export function checkAddressFree(
  corp: CorpState,
  owners: Map<string, AddressOwner>,
  address: string,
  field: string,
  isOwn: (owner: AddressOwner) => boolean = () => false,
): Verdict<void> {
  const owner = owners.get(normalizeAddress(address))
  if (!owner || isOwn(owner)) return ok()
  return refuse(
    ErrCode.ADDRESS_OCCUPIED,
    `地址 ${address} 已被占用 (${field})：${describeOwner(owner, corp)}`,
  )
}
