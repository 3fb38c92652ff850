// The business mailbox quota (product spec 3.3): always
//   business mailboxes (not in the recycle bin) ≤ 3 + unassigned advanced seats   (basic: 3).
// Every operation that could break it — create, convert, restore, assigning a seat — asks here.
import type { Edition } from './edition'
import { ErrCode } from './codes'
import { ok, refuse, type Verdict } from './result'

export const BASE_QUOTA = 3

export interface QuotaFacts {
  edition: Edition
  domainKind: 'custom' | 'experience'
  /** purchased advanced seats (ignored on basic) */
  purchased: number
  /** members holding an advanced seat */
  assigned: number
  /** business mailboxes not in the recycle bin */
  used: number
}

export interface QuotaView {
  used: number
  quota: number
  edition: Edition
  seats: { purchased: number; assigned: number }
  /** 'experience' until the corp binds its own domain: clients decide from this, never from blocked_reason's text */
  domain_kind: QuotaFacts['domainKind']
  /** why creating a business mailbox is refused right now, if it is */
  blocked_reason?: string
}

export const EDITION_LABEL: Record<Edition, string> = { basic: '基础版', trial: '试用版', advanced: '高级版' }

export const EXPERIENCE_DOMAIN_MESSAGE =
  '当前企业使用的是体验域名，无法创建或移入业务邮箱。请先在管理后台绑定企业自己的域名 (domain)'

/** 3 on basic; 3 + unassigned seats on trial / advanced. */
export function quotaOf(f: Pick<QuotaFacts, 'edition' | 'purchased' | 'assigned'>): number {
  if (f.edition === 'basic') return BASE_QUOTA
  return BASE_QUOTA + Math.max(0, f.purchased - f.assigned)
}

/** The invariant itself. */
export function withinQuota(f: QuotaFacts): boolean {
  return f.used <= quotaOf(f)
}

function explain(f: QuotaFacts, quota: number): string {
  if (f.edition === 'basic') {
    return `${EDITION_LABEL.basic}最多 ${BASE_QUOTA} 个业务邮箱，已用 ${f.used} / ${quota}。升级到高级版并保留未分配的高级功能账号可增加配额`
  }
  const free = Math.max(0, f.purchased - f.assigned)
  return (
    `业务邮箱已用 ${f.used} / ${quota}（${EDITION_LABEL[f.edition]}：${BASE_QUOTA} + 未分配的高级功能账号 ${free}，` +
    `已购 ${f.purchased}、已分配 ${f.assigned}）。释放或购买高级功能账号后可继续创建`
  )
}

export function quotaView(f: QuotaFacts): QuotaView {
  const quota = quotaOf(f)
  const view: QuotaView = {
    used: f.used,
    quota,
    edition: f.edition,
    seats: { purchased: f.edition === 'basic' ? 0 : f.purchased, assigned: f.assigned },
    domain_kind: f.domainKind,
  }
  if (f.domainKind === 'experience') view.blocked_reason = EXPERIENCE_DOMAIN_MESSAGE
  else if (f.used >= quota) view.blocked_reason = `已达到业务邮箱配额：${explain(f, quota)}`
  return view
}

/** Creation is possible at all: the corp has its own domain. */
export function checkOwnDomain(f: Pick<QuotaFacts, 'domainKind'>): Verdict<void> {
  return f.domainKind === 'experience' ? refuse(ErrCode.EXPERIENCE_DOMAIN, EXPERIENCE_DOMAIN_MESSAGE) : ok()
}

/** One more business mailbox (create / restore), optionally releasing seats at the same time (convert). */
export function checkRoomForMailbox(f: QuotaFacts, releasedSeats = 0): Verdict<void> {
  const after: QuotaFacts = { ...f, used: f.used + 1, assigned: Math.max(0, f.assigned - releasedSeats) }
  if (withinQuota(after)) return ok()
  return refuse(ErrCode.QUOTA_REACHED, `业务邮箱数量已达上限：${explain(f, quotaOf(f))}`)
}

/** Assigning `count` more advanced seats (exmail/vip/batch_add). */
export function checkSeatAssignment(f: QuotaFacts, count: number): Verdict<void> {
  if (f.edition === 'basic') {
    return refuse(ErrCode.NO_ADVANCED_FEATURES, `${EDITION_LABEL.basic}没有高级功能账号，请先升级到高级版`)
  }
  if (count <= 0) return ok()
  const free = f.purchased - f.assigned
  if (count > free) {
    return refuse(
      ErrCode.NOT_ENOUGH_SEATS,
      `高级功能账号不足：已购 ${f.purchased}，已分配 ${f.assigned}，剩余 ${Math.max(0, free)}，本次需要 ${count}`,
    )
  }
  const after: QuotaFacts = { ...f, assigned: f.assigned + count }
  if (!withinQuota(after)) {
    return refuse(
      ErrCode.NOT_ENOUGH_SEATS,
      `分配后业务邮箱配额将变为 ${quotaOf(after)}，少于已有的 ${f.used} 个业务邮箱：` +
        `每个未分配的高级功能账号都在支撑一个业务邮箱。请先删除业务邮箱或购买更多账号`,
    )
  }
  return ok()
}
