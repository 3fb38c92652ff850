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
import { incomingMail, type MailHeaders } from '../../contract/mail'
import { parseInput } from '../../contract/schema'
import type { MockEnv } from '../env'
import { sanitizeMailHtml } from '../../../policy/mailHtml'
import { htmlToText } from '../../../policy/mailText'
import { capReferences } from '../../../policy/references'
import { storeFile } from '../mail/attachments'
import { receive } from '../mail/delivery'
import { settingsOf } from '../ports/settings'
import { routeAddress } from '../mail/routing'
import { copyOf } from '../mail/store'
import { failure, success } from '../registry'
import type { BackendState, StoredAttachment } from '../state'

export interface CheckedIncoming extends MailHeaders {
  /** capped (policy/references) */
  references: string[]
  /** sanitised */
  content_html: string
  /** checked, not stored yet (storeIncomingFiles, once the mail is known not to be a resend) */
  files: { name: string; content_type: string; data: string }[]
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
  const html = mail.html ? sanitizeMailHtml(mail.html) : ''
  const files = (mail.attachments ?? []).map((a) => ({
    name: a.filename,
    content_type: a.content_type,
    data: a.content,
  }))
  return ok({
    from: sender.name
      ? `${sender.name} <${normalizeAddress(sender.address)}>`
      : normalizeAddress(sender.address),
    to: to.value,
    cc: cc.value,
    subject: mail.subject,
    // An HTML-only mail still has a text body: for the list, search, replies and quoting.
    content: mail.content.trim() || !html ? mail.content : htmlToText(html),
    message_id: (mail.message_id ?? '').trim(),
    in_reply_to: (mail.in_reply_to ?? '').trim(),
    references: capReferences(mail.references ?? []),
    content_html: html,
    files,
  })
}

/** Stores the checked files' bytes: the attachments, or the refusal naming the file. */
export function storeIncomingFiles(
  env: MockEnv,
  files: CheckedIncoming['files'],
): Verdict<StoredAttachment[]> {
  const out: StoredAttachment[] = []
  for (let i = 0; i < files.length; i++) {
    const stored = storeFile(env, files[i], `attachments[${i}].content`)
    if (!stored.ok) return stored
    out.push(stored.value)
  }
  return ok(out)
}

export function deliverMail(
  state: BackendState,
  env: MockEnv,
  corpid: string,
  to: string,
  mail: IncomingMail,
): Promise<ApiResult> {
  const refused = (errcode: number, errmsg: string) => Promise.resolve(failure(errcode, errmsg))
  const corp =
    typeof corpid === 'string' && Object.prototype.hasOwnProperty.call(state.corps, corpid)
      ? state.corps[corpid]
      : undefined
  if (!corp) return refused(ErrCode.INVALID_PARAM, '企业不存在 (corpid)')
  if (!isValidAddress(to)) return refused(ErrCode.INVALID_PARAM, '收件地址格式不正确 (to)')
  const checked = checkIncoming(mail)
  if (!checked.ok) return refused(checked.errcode, checked.errmsg)
  const dest = routeAddress(corp, to)
  if (!dest) return refused(ErrCode.MAILBOX_ADDRESS_INVALID, `收件地址不存在：${to.slice(0, 64)} (to)`)
  const { files, content_html, ...m } = checked.value
  // A sender retrying after a dropped connection resends the same Message-ID: store it once.
  const again = copyOf(corp.stores[dest.storeId], m.message_id, 'received')
  if (again) return Promise.resolve(success({ mail_id: again.mail_id, duplicate: true }))
  const attachments = storeIncomingFiles(env, files)
  if (!attachments.ok) return refused(attachments.errcode, attachments.errmsg)
  return settingsOf(env, state)
    .shared(corp.corpid, dest.storeId)
    .then(({ rules }) => {
      const msg = receive(corp.stores[dest.storeId], rules, {
        ...m,
        ...(content_html ? { content_html } : {}),
        attachments: attachments.value,
        to: m.to.length || m.cc.length ? m.to : [normalizeAddress(to)],
        delivered_to: normalizeAddress(to),
        time: env.now(),
      })
      return success({ mail_id: msg.mail_id })
    })
}
