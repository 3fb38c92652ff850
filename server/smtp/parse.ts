// MIME → the mail the core stores (IncomingMail), with mailparser: the text part (or the HTML part
// through the app's own converter, policy/mailText), the HTML part as it came (the core sanitises
// it), the attachments with their decoded (RFC 2047 / 2231) names, In-Reply-To — or, without
// one, the last id of References — and the References chain (capped) for threading. Never throws.
import { simpleParser, type AddressObject, type EmailAddress } from 'mailparser'
import { MAX_CONTENT, MAX_HEADER_ID, MAX_SUBJECT, type MailHeaders } from '../../src/api/contract/mail'
import { isValidAddress, MAX_RECIPIENTS, normalizeAddress } from '../../src/policy/mailAddress'
import { htmlToText } from '../../src/policy/mailText'
import { capReferences } from '../../src/policy/references'

export interface ParsedMessage extends MailHeaders {
  /** `Name <address>` or a bare address, always a valid address */
  from: string
  /** References, oldest first: the root and the newest ids (policy/references) */
  references: string[]
  /** the HTML part as sent ('' when none) */
  html: string
  attachments: { filename: string; content_type: string; content: string }[]
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
      content_type: a.contentType || 'application/octet-stream',
      content: a.content.toString('base64'),
    }))
    const references = Array.isArray(mail.references)
      ? mail.references
      : mail.references
        ? [mail.references]
        : []
    return {
      from: sender(mail.from?.value ?? [], envelopeFrom),
      to: addresses(mail.to),
      cc: addresses(mail.cc),
      subject: clip(oneLine(mail.subject ?? ''), MAX_SUBJECT),
      content: clipBody(body),
      message_id: headerId(mail.messageId),
      in_reply_to: headerId(mail.inReplyTo || references[references.length - 1]),
      references: capReferences(references.map(headerId)),
      html: typeof mail.html === 'string' ? mail.html : '',
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
      references: [],
      html: '',
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

/** the body within the core's limit, saying so when it was cut */
function clipBody(body: string): string {
  return body.length > MAX_CONTENT ? `${body.slice(0, MAX_CONTENT - 12)}\n…（正文过长，已截断）` : body
}
