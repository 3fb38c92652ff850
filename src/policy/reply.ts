// What a reply or forward is made of: its subject, the quoted original, and where the mailbox
// signature goes (under the new text, above the quote, exactly once). App and backend share these.
import { signatureText } from './signature'
import { stripReplyPrefixes } from './threading'

/** the line that starts a quoted original; everything from it on is the quote */
export const QUOTE_HEADER = '------------------ 原始邮件 ------------------'
export const SIGNATURE_SEPARATOR = '\n\n-- \n'

export function replySubject(kind: 'reply' | 'forward', subject: string): string {
  return `${kind === 'reply' ? '回复：' : '转发：'}${stripReplyPrefixes(subject)}`
}

export interface QuotedMail {
  from: string
  to: string[]
  subject: string
  content: string
}

export function quoteOf(m: QuotedMail): string {
  return `\n\n${QUOTE_HEADER}\n发件人：${m.from}\n收件人：${m.to.join('、')}\n主题：${m.subject}\n\n${m.content}`
}

/** A mail body as the new text the sender wrote and the quote below it ('' when there is none). */
export function splitQuote(content: string): { text: string; quote: string } {
  const at = content.startsWith(QUOTE_HEADER) ? 0 : content.indexOf(`\n${QUOTE_HEADER}`)
  if (at < 0) return { text: content, quote: '' }
  // The blank lines before the header belong to the quote, so the new text ends where it was typed.
  let start = at
  while (start > 0 && content[start - 1] === '\n') start--
  return { text: content.slice(0, start), quote: content.slice(start) }
}

/**
 * The outgoing body: the signature goes right under the new text, above any quote, and is there
 * exactly once — whatever the quote holds (a reply to one's own signed mail still gets it).
 */
export function placeSignature(content: string, signature: string): string {
  const sig = signatureText(signature)
  if (!sig) return content
  const { text, quote } = splitQuote(content)
  // Already signed (a draft saved after the app placed it): leave it as it is.
  if (text.replace(/\s+$/, '').endsWith(`-- \n${sig}`)) return content
  return `${text.replace(/\s+$/, '')}${SIGNATURE_SEPARATOR}${sig}${quote}`
}
