// MIME → the mail the core stores (IncomingMail), with mailparser. The core keeps plain text: the
// text part, or the HTML part through the app's own converter (policy/mailText). What it cannot
// keep yet is said in the text: attachments are listed by name and size, their bytes are dropped;
// References is dropped (threading uses In-Reply-To, then the subject). Never throws.
import { simpleParser, type AddressObject, type EmailAddress } from 'mailparser'
import { MAX_CONTENT, MAX_HEADER_ID, MAX_SUBJECT } from '../../src/api/contract/mail'
import { isValidAddress, MAX_RECIPIENTS, normalizeAddress } from '../../src/policy/mailAddress'
import { htmlToText } from '../../src/policy/mailText'

export interface ParsedMessage {
  /** `Name <address>` or a bare address, always a valid address */
  from: string
  to: string[]
  cc: string[]
  subject: string
  content: string
  message_id: string
  in_reply_to: string
  attachments: { filename: string; size: number }[]
  /** the MIME could not be parsed: the raw text was kept as the body */
  malformed: boolean
}

/** From when the header is missing or unusable and the envelope is empty (a bounce: MAIL FROM:<>) */
export const UNKNOWN_SENDER = 'mailer-daemon@unknown.invalid'

export async function parseMessage(raw: Buffer, envelopeFrom: string): Promise<ParsedMessage> {
  try {
    const mail = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true })
    const body = mail.text?.trim() ? mail.text : mail.html ? htmlToText(mail.html) : (mail.text ?? '')
    const attachments = mail.attachments.map((a) => ({
      filename: a.filename ?? '未命名附件',
      size: a.size,
    }))
    return {
      from: sender(mail.from?.value ?? [], envelopeFrom),
      to: addresses(mail.to),
      cc: addresses(mail.cc),
      subject: clip(oneLine(mail.subject ?? ''), MAX_SUBJECT),
      content: withAttachments(body, attachments),
      message_id: headerId(mail.messageId),
      in_reply_to: headerId(mail.inReplyTo),
      attachments,
      malformed: false,
    }
  } catch {
    // mailparser is lenient; whatever still defeats it is kept as text rather than lost.
    return {
      from: sender([], envelopeFrom),
      to: [],
      cc: [],
      subject: '',
      content: clip(raw.toString('utf8'), MAX_CONTENT),
      message_id: '',
      in_reply_to: '',
      attachments: [],
      malformed: true,
    }
  }
}

function sender(list: EmailAddress[], envelopeFrom: string): string {
  const first = list.find((a) => isValidAddress(a.address))
  if (first?.address) {
    // A display name must not carry the characters that delimit the address.
    const name = oneLine(first.name ?? '')
      .replace(/[<>"]/g, '')
      .trim()
      .slice(0, 100)
    const address = normalizeAddress(first.address)
    return name ? `${name} <${address}>` : address
  }
  return isValidAddress(envelopeFrom) ? normalizeAddress(envelopeFrom) : UNKNOWN_SENDER
}

/** Valid addresses of a To / Cc header (groups flattened), at most the core's recipient limit. */
function addresses(header: AddressObject | AddressObject[] | undefined): string[] {
  const out: string[] = []
  const visit = (list: EmailAddress[]): void => {
    for (const a of list) {
      if (a.group) visit(a.group)
      else if (isValidAddress(a.address)) {
        const n = normalizeAddress(a.address)
        if (!out.includes(n)) out.push(n)
      }
    }
  }
  for (const h of Array.isArray(header) ? header : header ? [header] : []) visit(h.value)
  return out.slice(0, MAX_RECIPIENTS)
}

function headerId(value: string | undefined): string {
  const v = (value ?? '').trim()
  return v.length <= MAX_HEADER_ID ? v : ''
}

function oneLine(s: string): string {
  return s.replace(/[\r\n\t]+/g, ' ')
}

function clip(s: string, max: number): string {
  return s.length <= max ? s : s.slice(0, max)
}

function humanSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/** The body, then the attachments by name and size (their content is not stored yet). */
function withAttachments(body: string, attachments: { filename: string; size: number }[]): string {
  const note = attachments.length
    ? `\n\n[附件未保存] ${attachments.map((a) => `${a.filename}（${humanSize(a.size)}）`).join('、')}`
    : ''
  const room = MAX_CONTENT - note.length
  const kept = body.length > room ? `${body.slice(0, Math.max(0, room - 12))}\n…（正文过长，已截断）` : body
  return clip(kept + note, MAX_CONTENT)
}
