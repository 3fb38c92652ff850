// Converting a member's mailbox into a business mailbox (product spec 3.5, 移入通讯录成员邮箱).
import type { Edition } from './edition'
import { normalizeAddress } from './mailAddress'
import { ErrCode } from './codes'
import { checkRoomForMailbox, EXPERIENCE_DOMAIN_MESSAGE, type QuotaFacts } from './quota'
import { ok, refuse, type Verdict } from './result'

/**
 * Why no member's mailbox can be converted right now ('' when some can): an experience domain
 * holds no business mailboxes; basic needs room in its quota of 3; trial / advanced convert only
 * seat holders (each conversion releases its seat, so the quota always has room for it).
 */
export function conversionBlockedReason(f: QuotaFacts): string {
  if (f.domainKind === 'experience') return EXPERIENCE_DOMAIN_MESSAGE
  if (f.edition !== 'basic' && f.assigned === 0) {
    return '没有已分配高级功能账号的成员：试用版和高级版只能移入已分配高级功能账号的成员邮箱，请先分配高级功能账号'
  }
  const room = checkRoomForMailbox(f, f.edition === 'basic' ? 0 : 1)
  return room.ok ? '' : room.errmsg
}

export interface ConvertibleMember {
  userid: string
  biz_mail: string
  advanced: 0 | 1
  storeId: string | null
}

/**
 * Who may be converted: basic — any member with a mailbox; trial / advanced — only a member
 * holding an advanced seat (the seat is released by the conversion). `email`, when given, must be
 * the member's own address. The value is the number of seats the conversion releases.
 */
export function checkConversion(
  edition: Edition,
  member: ConvertibleMember,
  email?: string,
): Verdict<number> {
  if (!member.biz_mail || !member.storeId) {
    return refuse(ErrCode.INVALID_PARAM, `成员 ${member.userid} 没有个人邮箱，无法移入 (from_userid)`)
  }
  if (email !== undefined && normalizeAddress(email) !== normalizeAddress(member.biz_mail)) {
    return refuse(
      ErrCode.MAILBOX_ADDRESS_INVALID,
      `移入成员邮箱时地址必须是该成员的邮箱 ${member.biz_mail}，也可以不填 (email)`,
    )
  }
  if (edition === 'basic') return ok(0)
  if (member.advanced !== 1) {
    return refuse(
      ErrCode.CONVERT_NEEDS_SEAT,
      `成员 ${member.userid} 未分配高级功能账号：试用版和高级版只能移入已分配高级功能账号的成员邮箱 (from_userid)`,
    )
  }
  return ok(1)
}

export interface MovedAliases {
  kept: string[]
  dropped: string[]
}

/**
 * A converted member's aliases follow their mail to the business mailbox when they are valid
 * business-mailbox aliases (at most 5, in the corp domain); the rest are dropped and freed.
 */
export function aliasesAfterConversion(
  memberAliases: string[],
  isValidAlias: (alias: string) => boolean,
  max = 5,
): MovedAliases {
  const kept: string[] = []
  const dropped: string[] = []
  for (const a of memberAliases) {
    const n = normalizeAddress(a)
    if (kept.length < max && isValidAlias(n) && !kept.includes(n)) kept.push(n)
    else dropped.push(n)
  }
  return { kept, dropped }
}
