// Advanced-feature seats (exmail/vip/*). Assigning a seat consumes one unit of business mailbox
// quota, so batch_add is refused when it would break the quota invariant (751002).
import { ErrCode } from '../../../policy/codes'
import { checkSeatAssignment, EDITION_LABEL } from '../../../policy/quota'
import type { ApiResult, Parsed } from '../../contract'
import { failure, success, type HandlerContext } from '../registry'
import type { CorpState } from '../state'
import { quotaFacts } from './facts'

const DEFAULT_LIST_LIMIT = 100

function noSeats(corp: CorpState): ApiResult | null {
  if (corp.edition !== 'basic') return null
  return failure(ErrCode.NO_ADVANCED_FEATURES, `${EDITION_LABEL.basic}没有高级功能账号，请先升级到高级版`)
}

const memberOf = (corp: CorpState, u: unknown) =>
  typeof u === 'string' && Object.prototype.hasOwnProperty.call(corp.users, u) ? corp.users[u] : undefined

/** Unknown members land in fail_userid_list; a seat shortage refuses the whole batch. */
export function vipBatchAdd(ctx: HandlerContext, body: Parsed<'exmail/vip/batch_add'>): ApiResult {
  const { corp } = ctx
  const blocked = noSeats(corp)
  if (blocked) return blocked
  if (!body.userid_list.length) return failure(ErrCode.INVALID_PARAM, '请提供成员列表 (userid_list)')
  const succ: string[] = []
  const fail: string[] = []
  const toAssign = new Set<string>()
  for (const u of body.userid_list) {
    const member = memberOf(corp, u)
    if (!member) fail.push(String(u).slice(0, 64))
    else {
      if (member.advanced !== 1) toAssign.add(member.userid)
      if (!succ.includes(member.userid)) succ.push(member.userid)
    }
  }
  const verdict = checkSeatAssignment(quotaFacts(corp), toAssign.size)
  if (!verdict.ok) return failure(verdict.errcode, verdict.errmsg)
  for (const u of toAssign) corp.users[u].advanced = 1
  return success({ succ_userid_list: succ, fail_userid_list: fail })
}

export function vipBatchDel(ctx: HandlerContext, body: Parsed<'exmail/vip/batch_del'>): ApiResult {
  const { corp } = ctx
  const blocked = noSeats(corp)
  if (blocked) return blocked
  if (!body.userid_list.length) return failure(ErrCode.INVALID_PARAM, '请提供成员列表 (userid_list)')
  const succ: string[] = []
  const fail: string[] = []
  for (const u of body.userid_list) {
    const member = memberOf(corp, u)
    if (!member) fail.push(String(u).slice(0, 64))
    else if (!succ.includes(member.userid)) succ.push(member.userid)
  }
  // Releasing a seat only ever raises the quota: nothing to check.
  for (const u of succ) corp.users[u].advanced = 0
  return success({ succ_userid_list: succ, fail_userid_list: fail })
}

/** Seat holders by userid; the cursor is the last userid returned. */
export function vipList(ctx: HandlerContext, body: Parsed<'exmail/vip/list'>): ApiResult {
  const { corp } = ctx
  const blocked = noSeats(corp)
  if (blocked) return blocked
  const limit = body.limit ?? DEFAULT_LIST_LIMIT
  const cursor = body.cursor ?? ''
  const holders = Object.values(corp.users)
    .filter((m) => m.advanced === 1)
    .map((m) => m.userid)
    .sort()
  const start = cursor ? holders.findIndex((u) => u > cursor) : 0
  const page = start < 0 ? [] : holders.slice(start, start + limit)
  const hasMore = start >= 0 && start + limit < holders.length
  return success({
    userid_list: page,
    next_cursor: hasMore ? page[page.length - 1] : '',
    has_more: hasMore,
  })
}
