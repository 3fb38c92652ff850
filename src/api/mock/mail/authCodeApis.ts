// mail/authcode/*: client-specific passwords a member creates for a business mailbox they may use
// (product spec 3.7). Storage, hashing and revocation live in publicmail/authCodes; here only the
// member's side: business mailboxes only, and a member sees and deletes only their own codes.
import { ErrCode } from '../../../policy/codes'
import type { ApiResult } from '../../contract'
import { createAuthCode, deleteAuthCode, listAuthCodes } from '../publicmail/authCodes'
import type { Parsed } from '../../contract'
import { failure, success, type Handler, type HandlerContext, type Handlers } from '../registry'
import type { BusinessMailbox } from '../state'
import { clientPasswordsOf } from '../ports/clientPasswords'
import { openMailbox } from './open'

type MailboxApi = 'mail/authcode/create' | 'mail/authcode/list' | 'mail/authcode/delete'

function withBusinessMailbox<K extends MailboxApi>(
  handler: (ctx: HandlerContext, input: Parsed<K>, mailbox: BusinessMailbox) => Promise<ApiResult>,
): Handler<K> {
  return (ctx, input) => {
    if (input.mailbox === 'personal') {
      return failure(ErrCode.INVALID_PARAM, '客户端专用密码只能为业务邮箱创建 (mailbox)')
    }
    const box = openMailbox(ctx.corp, ctx.caller, input.mailbox)
    if (!box.ok) return failure(box.errcode, box.errmsg)
    return handler(ctx, input, box.value.business as BusinessMailbox)
  }
}

const own = (ctx: HandlerContext) => ({ creator: ctx.caller.userid, byAdmin: false })
const codesOf = (ctx: HandlerContext) => clientPasswordsOf(ctx.env, ctx.state)

export const mailAuthCodeApis = {
  'mail/authcode/create': withBusinessMailbox<'mail/authcode/create'>(async (ctx, input, mailbox) => {
    const r = await createAuthCode(
      codesOf(ctx),
      ctx.corp.corpid,
      mailbox.id,
      { creator: ctx.caller.userid, byAdmin: false, remark: input.remark },
      ctx.env,
    )
    return r.ok ? success({ ...r.value }) : failure(r.errcode, r.errmsg)
  }),
  'mail/authcode/list': withBusinessMailbox<'mail/authcode/list'>(async (ctx, _input, mailbox) =>
    success({
      auth_code_list: listAuthCodes(await codesOf(ctx).list(ctx.corp.corpid, mailbox.id), own(ctx)),
    }),
  ),
  'mail/authcode/delete': withBusinessMailbox<'mail/authcode/delete'>(async (ctx, input, mailbox) => {
    const r = await deleteAuthCode(codesOf(ctx), ctx.corp.corpid, mailbox.id, input.auth_code_id, own(ctx))
    return r.ok ? success() : failure(r.errcode, r.errmsg)
  }),
} satisfies Partial<Handlers>
