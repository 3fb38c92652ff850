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
import type { Verdict } from '../../../policy/result'

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
const answer = (r: Verdict<object | void>): ApiResult =>
  r.ok ? success(r.value ? { ...r.value } : undefined) : failure(r.errcode, r.errmsg)

export const mailAuthCodeApis = {
  // Promise chains, not async functions: each async function costs the weapp bundle a wrapper.
  'mail/authcode/create': withBusinessMailbox<'mail/authcode/create'>((ctx, input, mailbox) =>
    createAuthCode(
      codesOf(ctx),
      ctx.corp.corpid,
      mailbox.id,
      { creator: ctx.caller.userid, byAdmin: false, remark: input.remark },
      ctx.env,
    ).then(answer),
  ),
  'mail/authcode/list': withBusinessMailbox<'mail/authcode/list'>((ctx, _input, mailbox) =>
    codesOf(ctx)
      .list(ctx.corp.corpid, mailbox.id)
      .then((codes) => success({ auth_code_list: listAuthCodes(codes, own(ctx)) })),
  ),
  'mail/authcode/delete': withBusinessMailbox<'mail/authcode/delete'>((ctx, input, mailbox) =>
    deleteAuthCode(codesOf(ctx), ctx.corp.corpid, mailbox.id, input.auth_code_id, own(ctx)).then(answer),
  ),
} satisfies Partial<Handlers>
