// Mailbox signature: plain text or a small safe HTML subset (product spec 4.3).
// Allowed: b i u strong em br p div span, and a with an http(s)/mailto href. Everything else is
// dropped: unknown tags keep their text, script/style/iframe/… lose their content too, every
// attribute except a's href goes (so no on* handlers, no style, no remote src).
import { ErrCode } from './codes'
import { htmlToText } from './mailText'
import { ok, refuse, type Verdict } from './result'

export const MAX_SIGNATURE_LENGTH = 10000

const ALLOWED = new Set(['b', 'i', 'u', 'strong', 'em', 'br', 'p', 'div', 'span', 'a'])
const VOID = new Set(['br'])
/** tags whose content is dropped along with the tag */
const DROP_CONTENT = new Set([
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
const SAFE_HREF = /^(https?:\/\/|mailto:)/i

/** The length limit is checked on the raw input (before sanitising), then the markup is cleaned. */
export function checkSignature(value: unknown): Verdict<string> {
  if (typeof value !== 'string') return refuse(ErrCode.INVALID_PARAM, '签名必须是文本 (signature)')
  if (value.length > MAX_SIGNATURE_LENGTH) {
    return refuse(ErrCode.INVALID_PARAM, `签名不能超过 ${MAX_SIGNATURE_LENGTH} 个字符 (signature)`)
  }
  return ok(sanitizeSignature(value))
}

function escapeText(text: string): string {
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

function decodeAttr(value: string): string {
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

export function sanitizeSignature(input: string): string {
  let out = ''
  const open: string[] = []
  let i = 0
  const n = input.length
  while (i < n) {
    const lt = input.indexOf('<', i)
    if (lt < 0) {
      out += escapeText(input.slice(i))
      break
    }
    out += escapeText(input.slice(i, lt))
    if (input.startsWith('<!--', lt)) {
      const end = input.indexOf('-->', lt + 4)
      i = end < 0 ? n : end + 3
      continue
    }
    // Bounded look-ahead keeps a flood of unterminated '<' linear; an over-long tag stays text.
    const tag = /^<(\/?)([A-Za-z][A-Za-z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/.exec(
      input.slice(lt, lt + MAX_TAG),
    )
    if (!tag) {
      if (/^<[!?/]/.test(input.slice(lt, lt + 2))) {
        // <!doctype>, <?pi?>, a malformed end tag: drop up to the next '>'
        const end = input.indexOf('>', lt)
        i = end < 0 ? n : end + 1
      } else {
        out += '&lt;'
        i = lt + 1
      }
      continue
    }
    i = lt + tag[0].length
    const closing = tag[1] === '/'
    const name = tag[2].toLowerCase()
    if (DROP_CONTENT.has(name)) {
      if (!closing) {
        const close = new RegExp(`</${name}\\s*>`, 'i').exec(input.slice(i))
        i = close ? i + close.index + close[0].length : n
      }
      continue
    }
    if (!ALLOWED.has(name)) continue
    if (VOID.has(name)) {
      if (!closing) out += `<${name}>`
      continue
    }
    if (closing) {
      const at = open.lastIndexOf(name)
      if (at < 0) continue
      while (open.length > at) out += `</${open.pop()}>`
      continue
    }
    if (name === 'a') {
      const href = safeHref(tag[3])
      out += href === null ? '<a>' : `<a href="${escapeAttr(href)}">`
    } else {
      out += `<${name}>`
    }
    open.push(name)
  }
  while (open.length) out += `</${open.pop()}>`
  return out
}

/** The signature as plain text, as appended to outgoing (plain-text) mail. */
export function signatureText(signature: string): string {
  return htmlToText(signature)
}
