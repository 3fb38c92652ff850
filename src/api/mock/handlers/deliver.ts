// Inbound mail: route an address (member, alias, business mailbox, alias) to its mail store.
// A disabled business mailbox still receives (nobody can enter it until it is enabled again, but
// no mail is lost meanwhile).
import { ErrCode } from '../../../policy/codes'
import {
  checkAddressList,
  isValidAddress,
  MAX_RECIPIENTS,
  normalizeAddress,
  parseMailbox,
} from '../../../policy/mailAddress'
import { ok, refuse, type Verdict } from '../../../policy/result'
import type { ApiResult, IncomingMail } from '../../contract'
import { incomingMail } from '../../contract/mail'
import { parseInput } from '../../contract/schema'
import type { MockEnv } from '../env'
import { receive } from '../mail/delivery'
import { routeAddress } from '../mail/routing'
import { copyOf } from '../mail/store'
import { failure, success } from '../registry'
import type { BackendState } from '../state'

export interface CheckedIncoming {
  from: string
  to: string[]
  cc: string[]
  subject: string
  content: string
  message_id: string
  in_reply_to: string
}

export function checkIncoming(raw: unknown): Verdict<CheckedIncoming> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return refuse(ErrCode.INVALID_PARAM, '邮件必须是对象 (mail)')
  }
  const parsed = parseInput(incomingMail, raw, ErrCode.INVALID_PARAM)
  if (!parsed.ok) return refuse(parsed.errcode, parsed.errmsg)
  const mail = parsed.value
  // Inbound From headers usually carry a display name: 陈经理 <chen@customer.cn>.
  const sender = parseMailbox(mail.from)
  if (!sender) return refuse(ErrCode.INVALID_PARAM, '发件人地址格式不正确 (from)')
  const to = checkAddressList(mail.to, 'to')
  if (!to.ok) return to
  const cc = checkAddressList(mail.cc, 'cc')
  if (!cc.ok) return cc
  if (to.value.length + cc.value.length > MAX_RECIPIENTS) {
    return refuse(ErrCode.INVALID_PARAM, `收件人最多 ${MAX_RECIPIENTS} 个 (to)`)
  }
  return ok({
    from: sender.name
      ? `${sender.name} <${normalizeAddress(sender.address)}>`
      : normalizeAddress(sender.address),
    to: to.value,
    cc: cc.value,
    subject: mail.subject,
    content: mail.content,
    message_id: (mail.message_id ?? '').trim(),
    in_reply_to: (mail.in_reply_to ?? '').trim(),
  })
}

export function deliverMail(
  state: BackendState,
  env: MockEnv,
  corpid: string,
  to: string,
  mail: IncomingMail,
): ApiResult {
  const corp =
    typeof corpid === 'string' && Object.prototype.hasOwnProperty.call(state.corps, corpid)
      ? state.corps[corpid]
      : undefined
  if (!corp) return failure(ErrCode.INVALID_PARAM, '企业不存在 (corpid)')
  if (!isValidAddress(to)) return failure(ErrCode.INVALID_PARAM, '收件地址格式不正确 (to)')
  const checked = checkIncoming(mail)
  if (!checked.ok) return failure(checked.errcode, checked.errmsg)
  const dest = routeAddress(corp, to)
  if (!dest) return failure(ErrCode.MAILBOX_ADDRESS_INVALID, `收件地址不存在：${to.slice(0, 64)} (to)`)
  const m = checked.value
  // A sender retrying after a dropped connection resends the same Message-ID: store it once.
  const again = copyOf(corp.stores[dest.storeId], m.message_id, 'received')
  if (again) return success({ mail_id: again.mail_id, duplicate: true })
  const msg = receive(corp.stores[dest.storeId], {
    ...m,
    to: m.to.length || m.cc.length ? m.to : [normalizeAddress(to)],
    delivered_to: normalizeAddress(to),
    time: env.now(),
  })
  return success({ mail_id: msg.mail_id })
}
