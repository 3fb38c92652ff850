// exmail/publicmail/update: name, user lists (omitted = unchanged, empty = cleared), aliases
// (replace-all) and an optional new client password. A rejected update changes no field.
import { checkAliases } from '../../../policy/aliases'
import { checkMailboxNameAmong } from '../../../policy/mailboxName'
import { applyUserLists, parseUserLists } from '../../../policy/userLists'
import type { ApiResult, Parsed } from '../../contract'
import { failure, success, type HandlerContext } from '../registry'
import type { AuthCode } from '../state'
import { addressOwners, checkAddressFree } from './addresses'
import { prepareAuthCode } from './authCodes'
import { directoryLookup, findMailbox } from './mailboxes'
import { clientPasswordsOf } from '../ports/clientPasswords'

const refused = (v: { errcode: number; errmsg: string }): ApiResult => failure(v.errcode, v.errmsg)

export async function updatePublicmail(
  ctx: HandlerContext,
  body: Parsed<'exmail/publicmail/update'>,
): Promise<ApiResult> {
  const { corp, env } = ctx
  const now = env.now()
  const found = findMailbox(corp, body.id)
  if (!found.ok) return refused(found)
  const mailbox = found.value

  let name: string | undefined
  if (body.name !== undefined && body.name !== null) {
    const others = Object.values(corp.publicmails)
      .filter((m) => m.id !== mailbox.id)
      .map((m) => m.name)
    const checked = checkMailboxNameAmong(body.name, others)
    if (!checked.ok) return refused(checked)
    name = checked.value
  }

  const patch = parseUserLists(body, directoryLookup(corp))
  if (!patch.ok) return refused(patch)
  const users = applyUserLists(mailbox, patch.value, { allowEmpty: false })
  if (!users.ok) return refused(users)

  let aliases: string[] | undefined
  if (body.alias_list) {
    const checked = checkAliases(body.alias_list, corp.domain.name, mailbox.email)
    if (!checked.ok) return refused(checked)
    const owners = addressOwners(corp, now)
    for (const alias of checked.value) {
      const free = checkAddressFree(
        corp,
        owners,
        alias,
        'alias_list',
        (o) => (o.kind === 'business' || o.kind === 'business_alias') && o.id === mailbox.id,
      )
      if (!free.ok) return refused(free)
    }
    aliases = checked.value
  }

  const codes = clientPasswordsOf(env, ctx.state)
  let code: { record: AuthCode; secret: string } | null = null
  if (body.create_auth_code) {
    const prepared = prepareAuthCode(
      await codes.list(corp.corpid, mailbox.id),
      { creator: ctx.caller.userid, byAdmin: true, remark: body.auth_code_info?.remark },
      now,
      env,
    )
    if (!prepared.ok) return refused(prepared)
    code = prepared.value
  }

  // Everything is valid: apply it all.
  if (name !== undefined) mailbox.name = name
  mailbox.userid_list = users.value.userid_list
  mailbox.department_list = users.value.department_list
  mailbox.tag_list = users.value.tag_list
  if (aliases !== undefined) mailbox.alias_list = aliases
  if (!code) return success()
  await codes.add(corp.corpid, mailbox.id, code.record)
  return success({ auth_code_id: code.record.auth_code_id, auth_code: code.secret })
}
