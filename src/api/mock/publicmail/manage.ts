// The other exmail/publicmail/* admin APIs: delete, get, search, client passwords, quota,
// enable / disable (exmail/account/act_email).
import { quotaView } from '../../../policy/quota'
import { unixSeconds } from '../../../policy/unixTime'
import type { AdminMailbox, ApiResult, Parsed } from '../../contract'
import { failure, success, type HandlerContext } from '../registry'
import type { BusinessMailbox } from '../state'
import { clientLoginLockedUntil, deleteAuthCode, listAuthCodes } from './authCodes'
import { quotaFacts } from './facts'
import { findMailbox, mailboxView } from './mailboxes'
import { RECYCLE_DAYS } from '../../../policy/recycle'
import { moveMailboxToRecycle } from './recycle'
import { clientPasswordsOf } from '../ports/clientPasswords'

const refused = (v: { errcode: number; errmsg: string }): ApiResult => failure(v.errcode, v.errmsg)

export function deletePublicmail(ctx: HandlerContext, body: Parsed<'exmail/publicmail/delete'>): ApiResult {
  const now = ctx.env.now()
  const found = findMailbox(ctx.corp, body.id)
  if (!found.ok) return refused(found)
  const entry = moveMailboxToRecycle(ctx.corp, found.value, now)
  return success({ expire_time: unixSeconds(entry.expire_time), retention_days: RECYCLE_DAYS })
}

export function getPublicmails(ctx: HandlerContext, body: Parsed<'exmail/publicmail/get'>): ApiResult {
  const list: AdminMailbox[] = []
  for (const raw of body.id_list) {
    const found = findMailbox(ctx.corp, raw, 'id_list')
    if (!found.ok) return refused(found)
    if (!list.some((m) => m.id === found.value.id)) list.push(mailboxView(found.value))
  }
  return success({ list })
}

export function searchPublicmails(ctx: HandlerContext, body: Parsed<'exmail/publicmail/search'>): ApiResult {
  const fuzzy = body.fuzzy
  const query = (body.email ?? '').trim().toLowerCase()
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

export function getAuthCodeList(
  ctx: HandlerContext,
  body: Parsed<'exmail/publicmail/get_auth_code_list'>,
): ApiResult | Promise<ApiResult> {
  const found = findMailbox(ctx.corp, body.id)
  if (!found.ok) return refused(found)
  const mailbox = found.value
  return clientPasswordsOf(ctx.env, ctx.state)
    .list(ctx.corp.corpid, mailbox.id)
    .then((codes) =>
      success({
        auth_code_list: listAuthCodes(codes),
        login_locked_until: clientLoginLockedUntil(mailbox, ctx.env.now()),
      }),
    )
}

export function deleteAuthCodeApi(
  ctx: HandlerContext,
  body: Parsed<'exmail/publicmail/delete_auth_code'>,
): ApiResult | Promise<ApiResult> {
  const found = findMailbox(ctx.corp, body.id)
  if (!found.ok) return refused(found)
  const codes = clientPasswordsOf(ctx.env, ctx.state)
  return deleteAuthCode(codes, ctx.corp.corpid, found.value.id, body.auth_code_id).then((deleted) =>
    deleted.ok ? success() : refused(deleted),
  )
}

export function getQuota(ctx: HandlerContext): ApiResult {
  return success({ ...quotaView(quotaFacts(ctx.corp)) })
}

export function actEmail(ctx: HandlerContext, body: Parsed<'exmail/account/act_email'>): ApiResult {
  const found = findMailbox(ctx.corp, body.publicemail_id, 'publicemail_id')
  if (!found.ok) return refused(found)
  found.value.enabled = body.type === 1
  return success()
}
