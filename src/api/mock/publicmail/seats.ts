// Advanced-feature seats (exmail/vip/*). Assigning a seat consumes one unit of business mailbox
// quota, so batch_add is refused when it would break the quota invariant (751002).
import { ErrCode } from '../../../policy/codes'
import { checkSeatAssignment, EDITION_LABEL } from '../../../policy/quota'
import { unwrapList } from '../../../policy/userLists'
import type { ApiResult } from '../../contract'
import { failure, success, type Body, type HandlerContext } from '../registry'
import type { CorpState } from '../state'
import { quotaFacts } from './facts'
import { isAbsent } from './params'
import { purgeExpired } from './recycle'

const MAX_BATCH = 100
const MAX_LIST_LIMIT = 200
const DEFAULT_LIST_LIMIT = 100

function noSeats(corp: CorpState): ApiResult | null {
  if (corp.edition !== 'basic') return null
  return failure(ErrCode.NO_ADVANCED_FEATURES, `${EDITION_LABEL.basic}没有高级功能账号，请先升级到高级版`)
}

function parseBatch(body: Body): { ok: true; ids: unknown[] } | { ok: false; result: ApiResult } {
  const list = unwrapList(body.userid_list, 'userid_list')
  if (!list.ok) return { ok: false, result: failure(list.errcode, list.errmsg) }
  if (!list.value || !list.value.length) {
    return { ok: false, result: failure(ErrCode.INVALID_PARAM, '请提供成员列表 (userid_list)') }
  }
  if (list.value.length > MAX_BATCH) {
    return { ok: false, result: failure(ErrCode.INVALID_PARAM, `一次最多 ${MAX_BATCH} 个成员 (userid_list)`) }
  }
  return { ok: true, ids: list.value }
}

const memberOf = (corp: CorpState, u: unknown) =>
  typeof u === 'string' && Object.prototype.hasOwnProperty.call(corp.users, u) ? corp.users[u] : undefined

/** Unknown members land in fail_userid_list; a seat shortage refuses the whole batch. */
export function vipBatchAdd(ctx: HandlerContext, body: Body): ApiResult {
  const { corp } = ctx
  const blocked = noSeats(corp)
  if (blocked) return blocked
  const batch = parseBatch(body)
  if (!batch.ok) return batch.result
  purgeExpired(corp, ctx.env.now())
  const succ: string[] = []
  const fail: string[] = []
  const toAssign = new Set<string>()
  for (const u of batch.ids) {
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

export function vipBatchDel(ctx: HandlerContext, body: Body): ApiResult {
  const { corp } = ctx
  const blocked = noSeats(corp)
  if (blocked) return blocked
  const batch = parseBatch(body)
  if (!batch.ok) return batch.result
  const succ: string[] = []
  const fail: string[] = []
  for (const u of batch.ids) {
    const member = memberOf(corp, u)
    if (!member) fail.push(String(u).slice(0, 64))
    else if (!succ.includes(member.userid)) succ.push(member.userid)
  }
  // Releasing a seat only ever raises the quota: nothing to check.
  for (const u of succ) corp.users[u].advanced = 0
  return success({ succ_userid_list: succ, fail_userid_list: fail })
}

/** Seat holders by userid; the cursor is the last userid returned. */
export function vipList(ctx: HandlerContext, body: Body): ApiResult {
  const { corp } = ctx
  const blocked = noSeats(corp)
  if (blocked) return blocked
  let limit = DEFAULT_LIST_LIMIT
  if (!isAbsent(body.limit)) {
    if (
      typeof body.limit !== 'number' ||
      !Number.isInteger(body.limit) ||
      body.limit < 1 ||
      body.limit > MAX_LIST_LIMIT
    ) {
      return failure(ErrCode.INVALID_PARAM, `limit 须为 1–${MAX_LIST_LIMIT} 的整数 (limit)`)
    }
    limit = body.limit
  }
  let cursor = ''
  if (!isAbsent(body.cursor) && body.cursor !== '') {
    if (typeof body.cursor !== 'string' || body.cursor.length > 128) {
      return failure(ErrCode.INVALID_PARAM, '分页游标格式不正确 (cursor)')
    }
    cursor = body.cursor
  }
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
