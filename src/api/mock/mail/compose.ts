// Outgoing mail and drafts: what a send must satisfy beyond its schema (contract/mail.ts).
import { ErrCode } from '../../../policy/codes'
import { checkAddressList, MAX_RECIPIENTS, normalizeAddress } from '../../../policy/mailAddress'
import { ok, refuse, type Verdict } from '../../../policy/result'
import type { DraftFields, Parsed } from '../../contract'
import type { Draft } from '../state'

/** a checked send / draft body: a draft's fields without its owner and save time */
export type Outgoing = Omit<Draft, 'owner' | 'update_time'>

/** Send as the mailbox: From is its address or one of its aliases (`addresses`, normalised). */
export function checkSend(body: Parsed<'mail/message/send'>, addresses: string[]): Verdict<Outgoing> {
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
  return ok({
    from,
    ...lists,
    subject: body.subject ?? '',
    content: body.content ?? '',
    in_reply_to: (body.in_reply_to ?? '').trim(),
    draft_id: body.draft_id ?? '',
  })
}

/** Drafts are lenient (half-typed addresses are fine; send checks them); the schema bounds them. */
export function draftFields(body: Parsed<'mail/draft/save'>): DraftFields {
  return {
    from: body.from ?? '',
    to: body.to ? body.to.slice() : [],
    cc: body.cc ? body.cc.slice() : [],
    bcc: body.bcc ? body.bcc.slice() : [],
    subject: body.subject ?? '',
    content: body.content ?? '',
    in_reply_to: body.in_reply_to ?? '',
  }
}
