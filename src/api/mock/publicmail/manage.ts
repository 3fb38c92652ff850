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
import { moveMailboxToRecycle, purgeBin } from './recycle'
import { clientPasswordsOf } from '../ports/clientPasswords'

const refused = (v: { errcode: number; errmsg: string }): ApiResult => failure(v.errcode, v.errmsg)

export async function deletePublicmail(
  ctx: HandlerContext,
  body: Parsed<'exmail/publicmail/delete'>,
): Promise<ApiResult> {
  const now = ctx.env.now()
  await purgeBin(ctx)
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

export async function getAuthCodeList(
  ctx: HandlerContext,
  body: Parsed<'exmail/publicmail/get_auth_code_list'>,
): Promise<ApiResult> {
  const found = findMailbox(ctx.corp, body.id)
  if (!found.ok) return refused(found)
  const codes = await clientPasswordsOf(ctx.env, ctx.state).list(ctx.corp.corpid, found.value.id)
  return success({
    auth_code_list: listAuthCodes(codes),
    login_locked_until: clientLoginLockedUntil(found.value, ctx.env.now()),
  })
}

export async function deleteAuthCodeApi(
  ctx: HandlerContext,
  body: Parsed<'exmail/publicmail/delete_auth_code'>,
): Promise<ApiResult> {
  const found = findMailbox(ctx.corp, body.id)
  if (!found.ok) return refused(found)
  const codes = clientPasswordsOf(ctx.env, ctx.state)
  const deleted = await deleteAuthCode(codes, ctx.corp.corpid, found.value.id, body.auth_code_id)
  return deleted.ok ? success() : refused(deleted)
}

export async function getQuota(ctx: HandlerContext): Promise<ApiResult> {
  await purgeBin(ctx)
  return success({ ...quotaView(quotaFacts(ctx.corp)) })
}

export function actEmail(ctx: HandlerContext, body: Parsed<'exmail/account/act_email'>): ApiResult {
  const found = findMailbox(ctx.corp, body.publicemail_id, 'publicemail_id')
  if (!found.ok) return refused(found)
  found.value.enabled = body.type === 1
  return success()
}
