// What a new reply / reply-all / forward starts with.
import type { Message } from '../api/mailTypes'
import { bareAddress } from './addresses'
import { EMPTY_FIELDS, type ComposeFields } from './compose'

export { bareAddress, parseRecipients } from './addresses'

export type ComposeMode = 'new' | 'reply' | 'replyAll' | 'forward' | 'draft'

const PREFIX = /^\s*((re|fw|fwd)\s*[:：]|(回复|转发)\s*[:：])\s*/i

function prefixed(prefix: '回复：' | '转发：', subject: string): string {
  let s = subject
  while (PREFIX.test(s)) s = s.replace(PREFIX, '')
  return `${prefix}${s}`
}

function quote(m: Message): string {
  const head = `\n\n------------------ 原始邮件 ------------------\n发件人：${m.from}\n收件人：${m.to.join('、')}\n主题：${m.subject}\n`
  return `${head}\n${m.content}`
}

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
    return { ...EMPTY_FIELDS, from, subject: prefixed('转发：', original.subject), content: quote(original) }
  }
  const sender = notMine(original.from) ? [original.from] : original.to.filter(notMine).slice(0, 1)
  const to = mode === 'replyAll' ? unique([...sender, ...original.to.filter(notMine)]) : sender
  const cc = mode === 'replyAll' ? unique(original.cc.filter(notMine)).filter((a) => !to.includes(a)) : []
  return {
    ...EMPTY_FIELDS,
    from,
    to,
    cc,
    subject: prefixed('回复：', original.subject),
    content: quote(original),
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
