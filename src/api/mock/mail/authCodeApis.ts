// mail/authcode/*: client-specific passwords a member creates for a business mailbox they may use
// (product spec 3.7). Storage, hashing and revocation live in publicmail/authCodes; here only the
// member's side: business mailboxes only, and a member sees and deletes only their own codes.
import { ErrCode } from '../../../policy/codes'
import type { ApiResult } from '../../contract'
import { createAuthCode, deleteAuthCode, listAuthCodes } from '../publicmail/authCodes'
import { failure, success, type ApiTable, type Body, type HandlerContext } from '../registry'
import type { BusinessMailbox } from '../state'
import { openMailbox } from './open'

function withBusinessMailbox(
  handler: (ctx: HandlerContext, body: Body, mailbox: BusinessMailbox) => ApiResult,
) {
  return (ctx: HandlerContext, body: Body): ApiResult => {
    if (body.mailbox === 'personal') {
      return failure(ErrCode.INVALID_PARAM, '客户端专用密码只能为业务邮箱创建 (mailbox)')
    }
    const box = openMailbox(ctx.corp, ctx.caller, body.mailbox)
    if (!box.ok) return failure(box.errcode, box.errmsg)
    return handler(ctx, body, box.value.business as BusinessMailbox)
  }
}

const own = (ctx: HandlerContext) => ({ creator: ctx.caller.userid, byAdmin: false })

export const mailAuthCodeApis: ApiTable = {
  'mail/authcode/create': {
    write: true,
    handler: withBusinessMailbox((ctx, body, mailbox) => {
      const r = createAuthCode(
        ctx.corp,
        mailbox,
        { creator: ctx.caller.userid, byAdmin: false, remark: body.remark },
        ctx.env,
      )
      return r.ok ? success({ ...r.value }) : failure(r.errcode, r.errmsg)
    }),
  },
  'mail/authcode/list': {
    handler: withBusinessMailbox((ctx, _body, mailbox) =>
      success({ auth_code_list: listAuthCodes(mailbox, own(ctx)) }),
    ),
  },
  'mail/authcode/delete': {
    write: true,
    handler: withBusinessMailbox((ctx, body, mailbox) => {
      const r = deleteAuthCode(mailbox, body.auth_code_id, own(ctx))
      return r.ok ? success() : failure(r.errcode, r.errmsg)
    }),
  },
}
