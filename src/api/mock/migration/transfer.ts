// The migration itself, as one pure function: from copies of A and B, the complete new A and B.
// The runner swaps both in at once, so members never see a half-moved mailbox.
import { isValidBusinessAddress } from '../../../policy/address'
import { defaultBizMail } from '../../../policy/directory'
import { movedUsers } from '../../../policy/migration'
import { recycleExpiry } from '../../../policy/recycle'
import { newStore } from '../seed'
import type { BusinessMailbox, CorpState, MigrationState, RecycleEntry } from '../state'
import { deliverBackup } from './backup'
import { droppedSettings, type DroppedSetting } from './dropped'
import { planMigration, type MigrationPlan } from './plan'

export interface TransferInput {
  source: CorpState
  target: CorpState
  now: number
  /** A's brand-new experience domain */
  sourceDomain: string
  /** A's migration record as it should be after the switch */
  migration: MigrationState
}

export interface TransferResult {
  source: CorpState
  target: CorpState
  plan: MigrationPlan
  dropped: DroppedSetting[]
  /** where the backup of the dropped settings went */
  backup: { corpid: string; userid: string; mail_id: string } | null
  /** whether a member's mailbox moves into B with them (their retried sends follow: recordFate) */
  follows: (userid: string) => boolean
  /** A's store ids → the ids those stores have in B */
  rekeyed: Map<string, string>
}

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T

/** Mailbox data (admin and member mail) does not carry over; directory records stay. */
const MAIL_APIS = /^(exmail|mail)\//

/**
 * What the switch does to an idempotency record of A (`source`) or B: a member's own retried
 * sends follow their mailbox into B; other mailbox records of both corps go; directory ones stay.
 */
export function recordFate(
  key: string,
  side: 'source' | 'target',
  follows: (userid: string) => boolean,
): 'keep' | 'move' | 'drop' {
  const [userid, api = ''] = key.split('\u0000')
  if (!MAIL_APIS.test(api)) return 'keep'
  return side === 'source' && api.startsWith('mail/') && follows(userid) ? 'move' : 'drop'
}

export function transfer(input: TransferInput): TransferResult {
  const a = clone(input.source)
  const b = clone(input.target)
  const { now } = input
  const plan = planMigration(a, b)
  const dropped = droppedSettings(a, plan.targetUserid)

  // A's stores are re-keyed into B's id space, in a fixed order, so a re-run gives the same ids.
  const stores: CorpState['stores'] = {}
  const rekeyed = new Map<string, string>()
  const rekey = (id: string | null): string | null => {
    if (!id || !Object.prototype.hasOwnProperty.call(a.stores, id)) return null
    const known = rekeyed.get(id)
    if (known) return known
    const fresh = `${b.corpid}:s${b.nextId.store++}`
    stores[fresh] = { ...a.stores[id], id: fresh }
    rekeyed.set(id, fresh)
    return fresh
  }
  const moveMailbox = (mb: BusinessMailbox): BusinessMailbox => ({
    ...mb,
    storeId: rekey(mb.storeId) ?? mb.storeId,
    // department and tag ids mean other things in B; they are in the backup mail
    userid_list: movedUsers(mb, plan.targetUserid).userid_list,
    department_list: [],
    tag_list: [],
  })

  b.domain = { ...a.domain }
  // Edition and seats are what A bought for this mailbox: they move with it, so the business
  // mailbox quota (3 + unassigned seats) still holds in B.
  b.edition = a.edition
  b.advancedSeats = a.advancedSeats
  b.mailGroups = [...a.mailGroups]
  b.stores = stores
  const incoming = new Set<string>()
  for (const m of Object.values(b.users)) {
    const src = plan.sourceOf.get(m.userid)
    if (!src) continue
    m.biz_mail = src.biz_mail
    m.alias = [...src.alias]
    m.storeId = rekey(src.storeId)
    m.advanced = src.advanced
    incoming.add(m.userid)
  }
  b.publicmails = {}
  for (const mb of Object.values(a.publicmails).sort((x, y) => x.id - y.id)) {
    b.publicmails[mb.id] = moveMailbox(mb)
  }
  b.recycle = {}
  for (const r of Object.values(a.recycle).sort((x, y) => x.id - y.id)) {
    const entry: RecycleEntry = { ...r, storeId: rekey(r.storeId) }
    if (r.mailbox) entry.mailbox = { ...moveMailbox(r.mailbox), storeId: entry.storeId ?? r.mailbox.storeId }
    b.recycle[entry.id] = entry
  }
  // Business mailbox and recycle ids share one sequence; A's are kept, B's old ones are gone.
  b.nextId.publicmail = Math.max(a.nextId.publicmail, b.nextId.publicmail)
  for (const userid of plan.match.unmatched) {
    const src = a.users[userid]
    const id = b.nextId.publicmail++
    b.recycle[id] = {
      id,
      kind: 'member',
      email: src.biz_mail,
      name: src.name,
      deleted_time: now,
      expire_time: recycleExpiry(now),
      addresses: [src.biz_mail, ...src.alias],
      storeId: rekey(src.storeId),
      userid: src.userid,
    }
  }
  const freshFor = new Map(plan.fresh.map((f) => [f.userid, f.email]))
  for (const m of Object.values(b.users)) {
    if (incoming.has(m.userid)) continue
    m.advanced = 0
    m.alias = []
    const email = freshFor.get(m.userid)
    m.biz_mail = email ?? ''
    m.storeId = email ? newStore(b) : null
  }
  const follows = (userid: string) => {
    const t = plan.targetUserid(userid)
    return t !== undefined && incoming.has(t) && t === userid
  }

  // A starts over: a new experience domain, an empty mailbox for every member, nothing else.
  a.domain = { name: input.sourceDomain, kind: 'experience' }
  a.edition = 'basic'
  a.advancedSeats = 0
  a.publicmails = {}
  a.recycle = {}
  a.mailGroups = []
  a.stores = {}
  for (const m of Object.values(a.users)) {
    const email = defaultBizMail(m.userid, input.sourceDomain)
    const valid = isValidBusinessAddress(email)
    m.biz_mail = valid ? email : ''
    m.alias = []
    m.advanced = 0
    m.storeId = valid ? newStore(a) : null
  }
  a.migrated = true
  a.migration = clone(input.migration)

  const backup = mailBackup(input.source, input.target, a, b, dropped, now)
  return { source: a, target: b, plan, dropped, backup, follows, rekeyed }
}

/** To the creator's mailbox in B; if the creator has none there, to their new mailbox in A. */
function mailBackup(
  oldA: CorpState,
  oldB: CorpState,
  a: CorpState,
  b: CorpState,
  dropped: DroppedSetting[],
  now: number,
): TransferResult['backup'] {
  for (const corp of [b, a]) {
    const m = Object.prototype.hasOwnProperty.call(corp.users, corp.creator) ? corp.users[corp.creator] : null
    const store = m && m.storeId && m.biz_mail ? corp.stores[m.storeId] : undefined
    if (!m || !store) continue
    const mail_id = deliverBackup(store, m.biz_mail, oldA, oldB, dropped, now)
    return { corpid: corp.corpid, userid: m.userid, mail_id }
  }
  return null
}
