// What a new reply / reply-all / forward starts with.
import type { DraftView, Message } from '../api/mailTypes'
import { quoteOf, replySubject } from '../policy/reply'
import { bareAddress } from './addresses'
import { EMPTY_FIELDS, type ComposeFields } from './compose'
import type { ComposeAttachment } from './composeAttachments'

export { bareAddress, parseRecipients } from './addresses'

export type ComposeMode = 'new' | 'reply' | 'replyAll' | 'forward' | 'draft'

/**
 * Fields for `mode` on `original`. `mine` are the current mailbox's address and aliases (never
 * replied to); `replyFrom` is the address the original arrived at, which a reply sends from.
 */
export function initialFields(
  mode: ComposeMode,
  original: Message | null,
  mine: string[],
  replyFrom: string,
): ComposeFields {
  const from = replyFrom || mine[0] || ''
  if (!original || mode === 'new' || mode === 'draft') return { ...EMPTY_FIELDS, from }
  const own = new Set(mine.map(bareAddress))
  const notMine = (a: string) => !own.has(bareAddress(a))
  if (mode === 'forward') {
    return {
      ...EMPTY_FIELDS,
      from,
      subject: replySubject('forward', original.subject),
      content: quoteOf(original),
    }
  }
  const sender = notMine(original.from) ? [original.from] : original.to.filter(notMine).slice(0, 1)
  const to = mode === 'replyAll' ? unique([...sender, ...original.to.filter(notMine)]) : sender
  const cc = mode === 'replyAll' ? unique(original.cc.filter(notMine)).filter((a) => !to.includes(a)) : []
  return {
    ...EMPTY_FIELDS,
    from,
    to,
    cc,
    subject: replySubject('reply', original.subject),
    content: quoteOf(original),
    in_reply_to: original.message_id,
  }
}

/** Forward keeps the original's attachments (removable rows); a reply, as mail apps do, does not. */
export function initialAttachments(mode: ComposeMode, original: Message | null): ComposeAttachment[] {
  if (mode !== 'forward' || !original) return []
  return (original.attachments ?? []).map((a) => ({
    key: `fwd-${original.mail_id}-${a.attachment_id}`,
    name: a.name,
    size: a.size,
    content_type: a.content_type,
    state: 'ready',
    forward: { mail_id: original.mail_id, attachment_id: a.attachment_id },
  }))
}

/** a reopened draft's attachments: its own, named by their ids when it is saved or sent */
export function draftAttachments(draft: DraftView): ComposeAttachment[] {
  return (draft.attachments ?? []).map((a) => ({
    key: `own-${a.attachment_id}`,
    name: a.name,
    size: a.size,
    content_type: a.content_type,
    state: 'ready',
    attachment_id: a.attachment_id,
  }))
}

function unique(list: string[]): string[] {
  const seen = new Set<string>()
  return list.filter((a) => {
    const k = bareAddress(a)
    if (seen.has(k)) return false
    seen.add(k)
    return true
  })
}
