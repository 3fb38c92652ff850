// HTML mail as the backend stores and the app shows it (product spec 4.2, api.md "Mail content and
// files"): what a mail needs to look right, nothing that can run. No script / style / iframe /
// object / form, no on* handlers, no javascript: or data: URLs; a remote image keeps its address in
// data-remote-src so the app loads it only when the member asks. Pure: runs in the mini-program.
// The output is canonical (lower-case tags, double-quoted escaped attributes, balanced), so
// cleaning it again changes nothing and the app's node builder (MailHtml/nodes) reads it simply.
import { scanHtml } from './htmlScan'
import { decodeEntities } from './mailText'

const words = (s: string) => new Set(s.split(' '))
const ALLOWED = words(
  'a b i u s em strong small sub sup br hr p div span font center h1 h2 h3 h4 h5 h6 ul ol li ' +
    'blockquote pre code table thead tbody tfoot tr td th caption img',
)
const VOID = words('br hr img')
/** dropped with everything inside */
const DROP_CONTENT = words(
  'script style iframe object embed applet noscript noembed noframes template title textarea ' +
    'select xmp frameset frame svg math head form plaintext',
)
/** raw-text elements: never closed means everything after them is theirs (others lose only the tag) */
const RAW_TEXT = words('script style iframe noscript noembed noframes textarea title xmp plaintext')
/** attribute → the values it may have */
const SIZE = /^\d{1,4}%?$/
const SPAN = /^\d{1,3}$/
const WORD = /^[a-z]{1,8}$/i
const ATTRS: ReadonlyMap<string, RegExp> = new Map<string, RegExp>([
  ['alt', /^/],
  ['title', /^/],
  ['width', SIZE],
  ['height', SIZE],
  ['colspan', SPAN],
  ['rowspan', SPAN],
  ['align', WORD],
  ['valign', WORD],
])
const STYLE_PROPS = words(
  'color background-color font-weight font-style font-size text-decoration text-align line-height ' +
    'padding padding-top padding-bottom padding-left padding-right margin margin-top margin-bottom ' +
    'margin-left margin-right border border-top border-bottom border-left border-right border-collapse ' +
    'width max-width vertical-align white-space',
)
/**
 * A start tag that ends an open element of its kind first, as browsers do (`<li>一<li>二`), unless
 * an element named after the kind holds the open one (a nested list keeps its outer item).
 */
const IMPLIED: Record<string, [string[], string[]]> = {
  li: [['li'], ['ul', 'ol']],
  tr: [['tr'], ['table', 'thead', 'tbody', 'tfoot']],
  td: [
    ['td', 'th'],
    ['tr', 'table'],
  ],
  th: [
    ['td', 'th'],
    ['tr', 'table'],
  ],
  p: [['p'], ['div', 'td', 'th', 'li', 'blockquote', 'table']],
}
/** named entities mail writers use beyond mailText's few (nbsp stays a non-breaking space) */
const NAMED: Record<string, string> = {
  nbsp: '\u00a0',
  copy: '©',
  reg: '®',
  trade: '™',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  middot: '·',
  bull: '•',
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  laquo: '«',
  raquo: '»',
  yen: '¥',
  euro: '€',
  times: '×',
  deg: '°',
  emsp: '\u2003',
  ensp: '\u2002',
}
const MAX_TAG = 4096
const SAFE_HREF = /^(https?:\/\/|mailto:)/i
const REMOTE_SRC = /^https?:\/\//i

/** entities decoded once (never twice: `&amp;copy;` stays the text "&copy;") */
const decode = (t: string) =>
  decodeEntities(t.replace(/&([a-z]{2,6});/g, (all, n: string) => NAMED[n] ?? all))
const escapeText = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
const escapeAttr = (t: string) => escapeText(t).replace(/"/g, '&quot;')

/** an attribute's value as a browser reads it, without the characters it ignores inside a scheme */
const urlOf = (raw: string) => decode(raw).replace(/[\u0000-\u0020\u007f-\u009f]/g, '')

/** A style attribute reduced to safe properties: no url(), expression(), escapes or comments. */
function cleanStyle(raw: string): string {
  const out: string[] = []
  for (const decl of decode(raw).split(';')) {
    const at = decl.indexOf(':')
    const prop = decl.slice(0, at).trim().toLowerCase()
    const value = decl.slice(at + 1).trim()
    if (
      at < 0 ||
      !STYLE_PROPS.has(prop) ||
      !value ||
      /[\\<>"'&]|url\s*\(|expression|\/\*|behavior|@/i.test(value)
    )
      continue
    out.push(`${prop}:${value}`)
  }
  return out.join(';')
}

/**
 * A start tag's attributes as allowed for `name`, escaped, each after a space; for an img also its
 * loadable address (null: none, so the image goes) and its alt text.
 */
function attributes(name: string, raw: string): { attrs: string; src: string | null; alt: string } {
  const re = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g
  let attrs = ''
  let src: string | null = null
  let alt = ''
  let m: RegExpExecArray | null
  const seen = new Set<string>()
  // <font color=…> and the like: the tag stays for its text, its presentational attributes go
  if (name === 'font') return { attrs, src, alt }
  while ((m = re.exec(raw))) {
    const attr = m[1].toLowerCase()
    const value = m[2] ?? m[3] ?? m[4] ?? ''
    // A browser reads the first of repeated attributes; so does this (data-remote-src and src are one).
    const key = attr === 'data-remote-src' ? 'src' : attr
    if (seen.has(key)) continue
    seen.add(key)
    if (name === 'a' && attr === 'href') {
      const url = urlOf(value)
      if (SAFE_HREF.test(url)) attrs += ` href="${escapeAttr(url)}"`
    } else if (name === 'img' && key === 'src') {
      // data-remote-src: already sanitised HTML stays as it is
      const url = urlOf(value)
      if (REMOTE_SRC.test(url)) src = url
    } else if (attr === 'style') {
      const style = cleanStyle(value)
      if (style) attrs += ` style="${escapeAttr(style)}"`
    } else if (ATTRS.get(attr)?.test(decode(value).trim())) {
      if (attr === 'alt') alt = decode(value)
      attrs += ` ${attr}="${escapeAttr(decode(value).trim())}"`
    }
  }
  return { attrs, src, alt }
}

export function sanitizeMailHtml(input: string): string {
  let out = ''
  const open: string[] = []
  /** closes the open elements down to (and with) the one at `at` */
  const closeTo = (at: number) => {
    while (open.length > at) out += `</${open.pop()}>`
  }
  scanHtml(
    input,
    { dropContent: DROP_CONTENT, dropsRest: (name) => RAW_TEXT.has(name), maxTag: MAX_TAG },
    {
      text: (raw) => void (out += escapeText(decode(raw))),
      tag(name, closing, rawAttrs) {
        if (!ALLOWED.has(name)) return
        if (closing) {
          const at = open.lastIndexOf(name)
          if (at >= 0) closeTo(at)
          return
        }
        const { attrs, src, alt } = attributes(name, rawAttrs)
        if (name === 'img') {
          // an image with no loadable address (cid:, data:, none) leaves its words
          out += src === null ? escapeText(alt) : `<img data-remote-src="${escapeAttr(src)}"${attrs}>`
          return
        }
        const implied = IMPLIED[name]
        if (implied) {
          let at = open.length - 1
          while (at >= 0 && !implied[0].includes(open[at]) && !implied[1].includes(open[at])) at--
          if (at >= 0 && implied[0].includes(open[at])) closeTo(at)
        }
        // Links do not nest (a browser closes the first): close it, and whatever opened inside it.
        if (name === 'a' && open.includes('a')) closeTo(open.lastIndexOf('a'))
        out += `<${name}${attrs}>`
        if (!VOID.has(name)) open.push(name)
      },
    },
  )
  closeTo(0)
  return out
}

/** whether sanitised HTML holds images the member has not chosen to load yet */
export function hasRemoteImages(safeHtml: string): boolean {
  // Text and attribute values hold no raw '<': only a real image tag can match.
  return safeHtml.includes('<img data-remote-src="')
}
