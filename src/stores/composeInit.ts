// What a new reply / reply-all / forward starts with.
import type { Message } from '../api/mailTypes'
import { quoteOf, replySubject } from '../policy/reply'
import { bareAddress } from './addresses'
import { EMPTY_FIELDS, type ComposeFields } from './compose'

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

function unique(list: string[]): string[] {
  const seen = new Set<string>()
  return list.filter((a) => {
    const k = bareAddress(a)
    if (seen.has(k)) return false
    seen.add(k)
    return true
  })
}
