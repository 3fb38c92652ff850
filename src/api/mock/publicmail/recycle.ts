// The recycle bin (product spec 2): deleted business mailboxes and mailboxes of deleted members are
// kept 60 days; their addresses stay occupied until restored or expired. Expired entries are purged
// lazily, whenever mail administration looks at the corp.
import type { BusinessMailbox, CorpState, Member, RecycleEntry } from '../state'

import { recycleExpiry } from '../../../policy/recycle'
import { unixSeconds } from '../../../policy/unixTime'
import type { ApiName, RecycleItem } from '../../contract'
import { clientPasswordsOf } from '../ports/clientPasswords'
import type { HandlerContext } from '../registry'

/** Drops expired entries and their mail; answers the business mailboxes among them. */
export function purgeExpired(corp: CorpState, now: number): number[] {
  const mailboxes: number[] = []
  for (const [key, entry] of Object.entries(corp.recycle)) {
    if (now <= entry.expire_time) continue
    if (entry.storeId) delete corp.stores[entry.storeId]
    if (entry.kind === 'business') mailboxes.push(entry.id)
    delete corp.recycle[key]
  }
  return mailboxes
}

/** The APIs that look at the bin, whose dispatch purges it first (lazily, as mail administration looks). */
export const LOOKS_AT_BIN: ReadonlySet<string> = new Set<ApiName>([
  'exmail/publicmail/create',
  'exmail/publicmail/update',
  'exmail/publicmail/delete',
  'exmail/publicmail/quota',
  'exmail/recycle/list',
  'exmail/recycle/restore',
  'exmail/vip/batch_add',
])

/** purgeExpired, and the purged mailboxes' client passwords with them */
export function purgeBin(ctx: Pick<HandlerContext, 'corp' | 'env' | 'state'>): Promise<void> {
  const purged = purgeExpired(ctx.corp, ctx.env.now())
  return purged.length
    ? clientPasswordsOf(ctx.env, ctx.state).forget(ctx.corp.corpid, purged)
    : Promise.resolve()
}

export function moveMailboxToRecycle(corp: CorpState, mailbox: BusinessMailbox, now: number): RecycleEntry {
  const entry: RecycleEntry = {
    id: mailbox.id,
    kind: 'business',
    email: mailbox.email,
    name: mailbox.name,
    deleted_time: now,
    expire_time: recycleExpiry(now),
    mailbox: JSON.parse(JSON.stringify(mailbox)) as BusinessMailbox,
    addresses: [mailbox.email, ...mailbox.alias_list],
    storeId: mailbox.storeId,
  }
  delete corp.publicmails[mailbox.id]
  corp.recycle[entry.id] = entry
  return entry
}

/**
 * For `user/delete`: keep a deleted member's mailbox (address, aliases, mail) in the bin. Ids come
 * from the business mailbox sequence so both kinds share one id space in the bin.
 */
export function recycleMemberMailbox(corp: CorpState, member: Member, now: number): RecycleEntry | null {
  if (!member.biz_mail) return null
  const id = corp.nextId.publicmail++
  const entry: RecycleEntry = {
    id,
    kind: 'member',
    email: member.biz_mail.toLowerCase(),
    name: member.name,
    deleted_time: now,
    expire_time: recycleExpiry(now),
    addresses: [member.biz_mail.toLowerCase(), ...member.alias.map((a) => a.toLowerCase())],
    storeId: member.storeId,
    userid: member.userid,
  }
  corp.recycle[id] = entry
  return entry
}

export function recycleListItem(entry: RecycleEntry): RecycleItem {
  return {
    id: entry.id,
    email: entry.email,
    name: entry.name,
    kind: entry.kind,
    deleted_time: unixSeconds(entry.deleted_time),
    expire_time: unixSeconds(entry.expire_time),
  }
}
