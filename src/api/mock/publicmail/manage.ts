// The other exmail/publicmail/* admin APIs: delete, get, search, client passwords, quota,
// enable / disable (exmail/account/act_email).
import { ErrCode } from '../../../policy/codes'
import { quotaView } from '../../../policy/quota'
import { unwrapList } from '../../../policy/userLists'
import type { ApiResult } from '../../contract'
import { failure, success, type Body, type HandlerContext } from '../registry'
import type { BusinessMailbox } from '../state'
import { clientLoginLockedUntil, deleteAuthCode, listAuthCodes } from './authCodes'
import { quotaFacts } from './facts'
import { findMailbox, mailboxView } from './mailboxes'
import { isAbsent } from './params'
import { RECYCLE_DAYS } from '../../../policy/recycle'
import { moveMailboxToRecycle, purgeExpired } from './recycle'

const refused = (v: { errcode: number; errmsg: string }): ApiResult => failure(v.errcode, v.errmsg)

const MAX_GET_IDS = 100

export function deletePublicmail(ctx: HandlerContext, body: Body): ApiResult {
  const now = ctx.env.now()
  purgeExpired(ctx.corp, now)
  const found = findMailbox(ctx.corp, body.id)
  if (!found.ok) return refused(found)
  const entry = moveMailboxToRecycle(ctx.corp, found.value, now)
  return success({ expire_time: entry.expire_time, retention_days: RECYCLE_DAYS })
}

export function getPublicmails(ctx: HandlerContext, body: Body): ApiResult {
  const ids = unwrapList(body.id_list, 'id_list')
  if (!ids.ok) return refused(ids)
  if (!ids.value) return failure(ErrCode.INVALID_PARAM, '请提供要查询的业务邮箱 ID (id_list)')
  if (ids.value.length > MAX_GET_IDS) {
    return failure(ErrCode.INVALID_PARAM, `一次最多查询 ${MAX_GET_IDS} 个业务邮箱 (id_list)`)
  }
  const list: ReturnType<typeof mailboxView>[] = []
  for (const raw of ids.value) {
    const found = findMailbox(ctx.corp, raw, 'id_list')
    if (!found.ok) return refused(found)
    if (!list.some((m) => m.id === found.value.id)) list.push(mailboxView(found.value))
  }
  return success({ list })
}

export function searchPublicmails(ctx: HandlerContext, body: Body): ApiResult {
  const fuzzy = body.fuzzy
  if (fuzzy !== 0 && fuzzy !== 1)
    return failure(ErrCode.INVALID_FUZZY, 'fuzzy 只能是 0（全部）或 1（按名称或地址匹配） (fuzzy)')
  let query = ''
  if (!isAbsent(body.email)) {
    if (typeof body.email !== 'string' || body.email.length > 256) {
      return failure(ErrCode.INVALID_PARAM, '搜索内容必须是不超过 256 个字符的文本 (email)')
    }
    query = body.email.trim().toLowerCase()
  }
  const hit = (m: BusinessMailbox) =>
    fuzzy === 0 ||
    !query ||
    m.name.toLowerCase().includes(query) ||
    m.email.includes(query) ||
    m.alias_list.some((a) => a.includes(query))
  const list = Object.values(ctx.corp.publicmails)
    .filter(hit)
    .sort((a, b) => a.id - b.id)
    .map((m) => ({ id: m.id, email: m.email, name: m.name }))
  return success({ list })
}

export function getAuthCodeList(ctx: HandlerContext, body: Body): ApiResult {
  const found = findMailbox(ctx.corp, body.id)
  if (!found.ok) return refused(found)
  return success({
    auth_code_list: listAuthCodes(found.value),
    login_locked_until: clientLoginLockedUntil(found.value, ctx.env.now()),
  })
}

export function deleteAuthCodeApi(ctx: HandlerContext, body: Body): ApiResult {
  const found = findMailbox(ctx.corp, body.id)
  if (!found.ok) return refused(found)
  const deleted = deleteAuthCode(found.value, body.auth_code_id)
  return deleted.ok ? success() : refused(deleted)
}

export function getQuota(ctx: HandlerContext): ApiResult {
  purgeExpired(ctx.corp, ctx.env.now())
  return success({ ...quotaView(quotaFacts(ctx.corp)) })
}

export function actEmail(ctx: HandlerContext, body: Body): ApiResult {
  const found = findMailbox(ctx.corp, body.publicemail_id, 'publicemail_id')
  if (!found.ok) return refused(found)
  if (body.type !== 1 && body.type !== 2) {
    return failure(ErrCode.INVALID_PARAM, 'type 只能是 1（启用）或 2（停用） (type)')
  }
  found.value.enabled = body.type === 1
  return success()
}
