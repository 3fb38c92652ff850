// Outgoing mail and drafts: what a send / draft-save body must look like.
import { ErrCode } from '../../../policy/codes'
import {
  checkAddressList,
  MAX_ADDRESS_LENGTH,
  MAX_RECIPIENTS,
  normalizeAddress,
} from '../../../policy/mailAddress'
import { ok, refuse, type Verdict } from '../../../policy/result'
import type { Draft } from '../state'
import { MAX_CONTENT, MAX_HEADER_ID, MAX_SUBJECT, optString, reqString } from './fields'

/** a checked send / draft body: a draft's fields without its owner and save time */
export type Outgoing = Omit<Draft, 'owner' | 'update_time'>

/** Send as the mailbox: From is its address or one of its aliases (`addresses`, normalised). */
export function checkSend(body: Record<string, unknown>, addresses: string[]): Verdict<Outgoing> {
  if (typeof body.idempotency_key !== 'string' || body.idempotency_key === '') {
    return refuse(ErrCode.INVALID_PARAM, '发送邮件需要幂等键，以免重试时重复发送 (idempotency_key)')
  }
  if (typeof body.from !== 'string' || body.from.length > MAX_ADDRESS_LENGTH) {
    return refuse(ErrCode.INVALID_PARAM, '缺少发件地址 (from)')
  }
  const from = normalizeAddress(body.from)
  if (!addresses.includes(from)) {
    return refuse(
      ErrCode.INVALID_PARAM,
      `发件地址必须是当前邮箱的地址或别名：${body.from.slice(0, 64)} (from)`,
    )
  }
  const lists: Record<'to' | 'cc' | 'bcc', string[]> = { to: [], cc: [], bcc: [] }
  for (const field of ['to', 'cc', 'bcc'] as const) {
    const v = checkAddressList(body[field], field)
    if (!v.ok) return v
    lists[field] = v.value
  }
  const total = lists.to.length + lists.cc.length + lists.bcc.length
  if (total === 0) return refuse(ErrCode.INVALID_PARAM, '至少需要一个收件人 (to)')
  if (total > MAX_RECIPIENTS) {
    // Name the list where the running total passes the limit: that is where the form must shrink.
    const over =
      lists.to.length > MAX_RECIPIENTS
        ? 'to'
        : lists.to.length + lists.cc.length > MAX_RECIPIENTS
          ? 'cc'
          : 'bcc'
    return refuse(ErrCode.INVALID_PARAM, `收件人、抄送、密送合计最多 ${MAX_RECIPIENTS} 个 (${over})`)
  }
  const subject = optString(body.subject, 'subject', MAX_SUBJECT, '主题')
  if (!subject.ok) return subject
  const content = reqString(body.content ?? '', 'content', MAX_CONTENT, '正文')
  if (!content.ok) return content
  const inReplyTo = optString(body.in_reply_to, 'in_reply_to', MAX_HEADER_ID, 'In-Reply-To ')
  if (!inReplyTo.ok) return inReplyTo
  const draftId = optString(body.draft_id, 'draft_id', 64, '草稿 id ')
  if (!draftId.ok) return draftId
  return ok({
    from,
    ...lists,
    subject: subject.value,
    content: content.value,
    in_reply_to: inReplyTo.value.trim(),
    draft_id: draftId.value,
  })
}

export interface DraftFields {
  from: string
  to: string[]
  cc: string[]
  bcc: string[]
  subject: string
  content: string
  in_reply_to: string
}

/** Drafts are lenient (half-typed addresses are fine; send checks them) but bounded. */
export function checkDraft(body: Record<string, unknown>): Verdict<DraftFields> {
  const from = optString(body.from, 'from', MAX_ADDRESS_LENGTH, '发件地址')
  if (!from.ok) return from
  const lists: Record<'to' | 'cc' | 'bcc', string[]> = { to: [], cc: [], bcc: [] }
  for (const field of ['to', 'cc', 'bcc'] as const) {
    const v = body[field]
    if (v === undefined || v === null) continue
    if (!Array.isArray(v) || v.length > MAX_RECIPIENTS) {
      return refuse(ErrCode.INVALID_PARAM, `收件人列表需为最多 ${MAX_RECIPIENTS} 项的数组 (${field})`)
    }
    for (let i = 0; i < v.length; i++) {
      if (typeof v[i] !== 'string' || v[i].length > MAX_ADDRESS_LENGTH) {
        return refuse(
          ErrCode.INVALID_PARAM,
          `收件人需为不超过 ${MAX_ADDRESS_LENGTH} 个字符的文本 (${field}[${i}])`,
        )
      }
    }
    lists[field] = v.slice()
  }
  const subject = optString(body.subject, 'subject', MAX_SUBJECT, '主题')
  if (!subject.ok) return subject
  const content = optString(body.content, 'content', MAX_CONTENT, '正文')
  if (!content.ok) return content
  const inReplyTo = optString(body.in_reply_to, 'in_reply_to', MAX_HEADER_ID, 'In-Reply-To ')
  if (!inReplyTo.ok) return inReplyTo
  return ok({
    from: from.value,
    ...lists,
    subject: subject.value,
    content: content.value,
    in_reply_to: inReplyTo.value,
  })
}
