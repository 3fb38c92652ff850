// HTML mail as the backend stores and the app shows it (product spec 4.2, api.md "Mail content and
// files"): what a mail needs to look right, nothing that can run. No script / style / iframe /
// object / form, no on* handlers, no javascript: or data: URLs; a remote image keeps its address in
// data-remote-src so the app loads it only when the member asks. Pure: runs in the mini-program.
import { decodeEntities } from './mailText'

const ALLOWED = new Set(
  (
    'a b i u s em strong small sub sup br hr p div span font center h1 h2 h3 h4 h5 h6 ul ol li ' +
    'blockquote pre code table thead tbody tfoot tr td th caption img'
  ).split(' '),
)
const VOID = new Set(['br', 'hr', 'img'])
/** dropped with everything inside */
const DROP_CONTENT = new Set(
  (
    'script style iframe object embed applet noscript noembed noframes template title textarea ' +
    'select xmp frameset frame svg math head form plaintext'
  ).split(' '),
)
const ATTRS = new Set(['alt', 'title', 'width', 'height', 'colspan', 'rowspan', 'align', 'valign', 'style'])
const STYLE_PROPS = new Set(
  (
    'color background-color font-weight font-style font-size text-decoration text-align line-height ' +
    'padding padding-top padding-bottom padding-left padding-right margin margin-top margin-bottom ' +
    'margin-left margin-right border border-top border-bottom border-left border-right border-collapse ' +
    'width max-width vertical-align white-space'
  ).split(' '),
)
const MAX_TAG = 4096
const SAFE_HREF = /^(https?:\/\/|mailto:)/i
const REMOTE_SRC = /^https?:\/\//i

const escapeText = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
const escapeAttr = (t: string) => escapeText(t).replace(/"/g, '&quot;')

/** an attribute's value as a browser reads it, without the characters it ignores inside a scheme */
const urlOf = (raw: string) => decodeEntities(raw).replace(/[\u0000-\u0020\u007f-\u009f]/g, '')

/** A style attribute reduced to safe properties: no url(), expression(), escapes or comments. */
function cleanStyle(raw: string): string {
  const out: string[] = []
  for (const decl of decodeEntities(raw).split(';')) {
    const at = decl.indexOf(':')
    if (at < 0) continue
    const prop = decl.slice(0, at).trim().toLowerCase()
    const value = decl.slice(at + 1).trim()
    if (!STYLE_PROPS.has(prop) || !value || /[\\<>"']|url\s*\(|expression|\/\*|behavior|@/i.test(value))
      continue
    out.push(`${prop}:${value}`)
  }
  return out.join(';')
}

/** A start tag's attributes as allowed for `name`, already escaped (leading space each), or null to drop an img. */
function attributes(name: string, raw: string): string | null {
  const re = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g
  let out = ''
  let src: string | null = null
  let m: RegExpExecArray | null
  const seen = new Set<string>()
  while ((m = re.exec(raw))) {
    const attr = m[1].toLowerCase()
    const value = m[2] ?? m[3] ?? m[4] ?? ''
    if (seen.has(attr)) continue
    seen.add(attr)
    if (name === 'a' && attr === 'href') {
      const url = urlOf(value)
      if (SAFE_HREF.test(url)) out += ` href="${escapeAttr(url)}"`
    } else if (name === 'img' && (attr === 'src' || attr === 'data-remote-src')) {
      // data-remote-src: already sanitised HTML stays as it is
      const url = urlOf(value)
      if (REMOTE_SRC.test(url)) src = url
    } else if (attr === 'style') {
      const style = cleanStyle(value)
      if (style) out += ` style="${escapeAttr(style)}"`
    } else if (ATTRS.has(attr) && attr !== 'style') {
      out += ` ${attr}="${escapeAttr(decodeEntities(value))}"`
    }
  }
  if (name === 'img') return src === null ? null : ` data-remote-src="${escapeAttr(src)}"${out}`
  return out
}

export function sanitizeMailHtml(input: string): string {
  let out = ''
  const open: string[] = []
  let i = 0
  const n = input.length
  while (i < n) {
    const lt = input.indexOf('<', i)
    if (lt < 0) {
      out += escapeText(decodeEntities(input.slice(i)))
      break
    }
    out += escapeText(decodeEntities(input.slice(i, lt)))
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
    if (closing) {
      const at = open.lastIndexOf(name)
      if (at < 0) continue
      while (open.length > at) out += `</${open.pop()}>`
      continue
    }
    const attrs = attributes(name, tag[3])
    if (attrs === null) {
      // an image with no loadable address (cid:, data:, none): its words stay
      const alt = /\balt\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(tag[3])
      if (alt) out += escapeText(decodeEntities(alt[1] ?? alt[2] ?? ''))
      continue
    }
    if (name === 'a' && open.includes('a')) {
      const at = open.lastIndexOf('a')
      while (open.length > at) out += `</${open.pop()}>`
    }
    out += `<${name}${attrs}>`
    if (!VOID.has(name)) open.push(name)
  }
  while (open.length) out += `</${open.pop()}>`
  return out
}

/** whether sanitised HTML holds images the member has not chosen to load yet */
export function hasRemoteImages(safeHtml: string): boolean {
  return safeHtml.includes(' data-remote-src="')
}
