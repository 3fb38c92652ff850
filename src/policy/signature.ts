// Mailbox signature: plain text or a small safe HTML subset (product spec 4.3).
// Allowed: b i u strong em br p div span, and a with an http(s)/mailto href. Everything else is
// dropped: unknown tags keep their text, script/style/iframe/… lose their content too, every
// attribute except a's href goes (so no on* handlers, no style, no remote src).
import { ErrCode } from './codes'
import { scanHtml } from './htmlScan'
import { htmlToText } from './mailText'
import { ok, refuse, type Verdict } from './result'

export const MAX_SIGNATURE_LENGTH = 10000

export const ALLOWED: ReadonlySet<string> = new Set([
  'b',
  'i',
  'u',
  'strong',
  'em',
  'br',
  'p',
  'div',
  'span',
  'a',
])
const VOID: ReadonlySet<string> = new Set(['br'])
/** tags whose content is dropped along with the tag */
export const DROP_CONTENT: ReadonlySet<string> = new Set([
  'script',
  'style',
  'iframe',
  'object',
  'embed',
  'noscript',
  'template',
  'title',
  'textarea',
  'xmp',
  'frameset',
  'frame',
  'applet',
  'svg',
  'math',
  'head',
  'select',
  'noembed',
  'noframes',
  'plaintext',
])
const MAX_TAG = 2048
export const SAFE_HREF = /^(https?:\/\/|mailto:)/i

/** The length limit is checked on the raw input (before sanitising), then the markup is cleaned. */
export function checkSignature(value: unknown): Verdict<string> {
  if (typeof value !== 'string') return refuse(ErrCode.INVALID_PARAM, '签名必须是文本 (signature)')
  if (value.length > MAX_SIGNATURE_LENGTH) {
    return refuse(ErrCode.INVALID_PARAM, `签名不能超过 ${MAX_SIGNATURE_LENGTH} 个字符 (signature)`)
  }
  return ok(sanitizeSignature(value))
}

export function escapeText(text: string): string {
  // Keep well-formed entities, escape every other & and all angle brackets / quotes.
  return text
    .replace(/&(?!(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});)/gi, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}

function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

export function decodeAttr(value: string): string {
  return value
    .replace(/&#x([0-9a-f]{1,6});?/gi, (_, h: string) => safeChar(parseInt(h, 16)))
    .replace(/&#(\d{1,7});?/g, (_, d: string) => safeChar(parseInt(d, 10)))
    .replace(/&colon;/gi, ':')
    .replace(/&tab;/gi, '\t')
    .replace(/&newline;/gi, '\n')
    .replace(/&amp;/gi, '&')
    .replace(/&quot;/gi, '"')
    .replace(/&lt;/gi, '<')
    .replace(/&gt;/gi, '>')
}

function safeChar(code: number): string {
  return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : ''
}

/** href of an <a>, or null when it is not an absolute http(s) / mailto URL. */
function safeHref(attrs: string): string | null {
  const re = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g
  let m: RegExpExecArray | null
  while ((m = re.exec(attrs))) {
    if (m[1].toLowerCase() !== 'href') continue
    // Browsers ignore control characters and whitespace inside the scheme ("java\tscript:").
    const url = decodeAttr(m[2] ?? m[3] ?? m[4] ?? '').replace(/[\u0000-\u0020\u007f-\u009f]/g, '')
    return SAFE_HREF.test(url) ? url : null
  }
  return null
}

/** What sanitising took out of a signature, by kind, so the editor can say so in words. */
export type RemovedKind = 'image' | 'script' | 'style' | 'embed' | 'unsafe_link' | 'attribute' | 'format'

export const IMAGE_TAGS: ReadonlySet<string> = new Set([
  'img',
  'image',
  'picture',
  'svg',
  'video',
  'audio',
  'source',
  'canvas',
])
export const EMBED_TAGS: ReadonlySet<string> = new Set([
  'iframe',
  'object',
  'embed',
  'applet',
  'frame',
  'frameset',
  'noembed',
  'noframes',
])

function removedKindOf(name: string): RemovedKind {
  if (IMAGE_TAGS.has(name)) return 'image'
  if (name === 'script' || name === 'noscript') return 'script'
  if (name === 'style') return 'style'
  if (EMBED_TAGS.has(name)) return 'embed'
  return 'format'
}

/** attributes other than a's href, which sanitising drops */
function hasDroppedAttributes(name: string, attrs: string): boolean {
  const re = /([^\s"'<>/=]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?/g
  let m: RegExpExecArray | null
  while ((m = re.exec(attrs))) if (!(name === 'a' && m[1].toLowerCase() === 'href')) return true
  return false
}

export interface SanitizedSignature {
  html: string
  /** each kind removed, with how many times, in the order first met */
  removed: { kind: RemovedKind; count: number }[]
}

export function sanitizeSignature(input: string): string {
  return sanitizeSignatureReport(input).html
}

/** The sanitiser, and what it took out (the backend keeps `html`; the editor shows `removed`). */
export function sanitizeSignatureReport(input: string): SanitizedSignature {
  const counts = new Map<RemovedKind, number>()
  const note = (kind: RemovedKind) => counts.set(kind, (counts.get(kind) ?? 0) + 1)
  let out = ''
  const open: string[] = []
  scanHtml(
    input,
    { dropContent: DROP_CONTENT, dropsRest: () => true, maxTag: MAX_TAG },
    {
      text: (raw) => void (out += escapeText(raw)),
      dropped: (name) => note(removedKindOf(name)),
      tag(name, closing, rawAttrs) {
        if (!ALLOWED.has(name)) {
          // Count an element once, at its start tag (a lone end tag removed nothing a person wrote).
          if (!closing) note(removedKindOf(name))
          return
        }
        if (!closing && hasDroppedAttributes(name, rawAttrs)) note('attribute')
        if (VOID.has(name)) {
          if (!closing) out += `<${name}>`
          return
        }
        if (closing) {
          const at = open.lastIndexOf(name)
          if (at < 0) return
          while (open.length > at) out += `</${open.pop()}>`
          return
        }
        if (name === 'a' && open.includes('a')) {
          // Links do not nest (a browser closes the first): close it, and whatever opened inside it.
          const at = open.lastIndexOf('a')
          while (open.length > at) out += `</${open.pop()}>`
        }
        if (name === 'a') {
          const href = safeHref(rawAttrs)
          if (href === null && /\bhref\s*=/i.test(rawAttrs)) note('unsafe_link')
          out += href === null ? '<a>' : `<a href="${escapeAttr(href)}">`
        } else {
          out += `<${name}>`
        }
        open.push(name)
      },
    },
  )
  while (open.length) out += `</${open.pop()}>`
  const removed: SanitizedSignature['removed'] = []
  counts.forEach((count, kind) => removed.push({ kind, count }))
  return { html: out, removed }
}

/**
 * The signature as plain text, as appended to outgoing (plain-text) mail: a link keeps its address
 * after its words (官网（https://…）), since a text mail cannot carry it otherwise.
 */
export function signatureText(signature: string): string {
  return htmlToText(
    signature.replace(/<a href="([^"]*)">([\s\S]*?)<\/a>/g, (_all, href: string, inner: string) => {
      const url = decodeAttr(href)
      const shown = url.replace(/^mailto:/i, '')
      const words = htmlToText(inner)
      return words === shown || words === url ? inner : `${inner}（${escapeText(shown)}）`
    }),
  )
}
