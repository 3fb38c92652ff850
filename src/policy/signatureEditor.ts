// The signature editor (settings sub-package only, so kept out of signature.ts, which the embedded
// backend in the weapp main package needs): members write plain text with two markers — **加粗**
// and [文字](网址) — and line breaks; the editor turns that into signature HTML (then sanitised like
// any signature) and back. Pasted HTML of known elements is kept as HTML, so sanitising can drop
// what is unsafe and say so; anything else that looks like a tag (<sales@xinghe.com>) stays text.
import { ErrCode } from './codes'
import { decodeEntities } from './mailText'
import { ok, refuse, type Verdict } from './result'
import {
  ALLOWED,
  decodeAttr,
  DROP_CONTENT,
  EMBED_TAGS,
  escapeText,
  IMAGE_TAGS,
  SAFE_HREF,
  sanitizeSignature,
  type RemovedKind,
  type SanitizedSignature,
} from './signature'

export const REMOVED_LABEL: Record<RemovedKind, string> = {
  image: '图片',
  script: '脚本',
  style: '样式表',
  embed: '嵌入的网页或控件',
  unsafe_link: '不安全的链接（如 javascript:）',
  attribute: '事件或样式属性',
  format: '不支持的格式（文字已保留）',
}

/** "图片 1 处、脚本 1 处" — what saving removes, in words; '' when nothing. */
export function describeRemoved(removed: SanitizedSignature['removed']): string {
  return removed.map((r) => `${REMOVED_LABEL[r.kind]} ${r.count} 处`).join('、')
}

/** element names treated as markup when they appear in the editor's text */
const KNOWN_TAGS: ReadonlySet<string> = new Set([
  ...ALLOWED,
  ...DROP_CONTENT,
  ...IMAGE_TAGS,
  ...EMBED_TAGS,
  'font',
  'table',
  'thead',
  'tbody',
  'tr',
  'td',
  'th',
  'ul',
  'ol',
  'li',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'center',
  'small',
  'big',
  'sub',
  'sup',
  's',
  'strike',
  'del',
  'ins',
  'blockquote',
  'pre',
  'code',
  'link',
  'meta',
  'base',
  'form',
  'input',
  'button',
  'label',
  'area',
  'map',
  'body',
  'html',
  'section',
  'article',
  'header',
  'footer',
  'nav',
  'img',
])

const EDITOR_TOKEN = /<!--[\s\S]*?-->|<\/?([A-Za-z][A-Za-z0-9]*)(?=[\s/>])(?:[^<>"']|"[^"]*"|'[^']*')*>/g

const LITERAL_STAR = '\ue000'
const LITERAL_BRACKET = '\ue001'
const LITERAL_CLOSE = '\ue004'
const LITERAL_BACKSLASH = '\ue005'

/**
 * plain editor text (with markers) into HTML: escaped, **…** bold, [t](u) links, newlines <br>;
 * \* and \[ are a literal * and [ (the editor writes them where a saved text would read as a marker)
 */
function markersToHtml(text: string): string {
  const literal: Record<string, string> = {
    '*': LITERAL_STAR,
    '[': LITERAL_BRACKET,
    ']': LITERAL_CLOSE,
    '\\': LITERAL_BACKSLASH,
  }
  return escapeText(
    text.replace(/[\ue000\ue001\ue004\ue005]/g, '').replace(/\\([\\*[\]])/g, (_a, c: string) => literal[c]),
  )
    .replace(
      /\[([^\]\n]+)\]\(([^()\s]+)\)/g,
      (_all, label: string, url: string) => `<a href="${url}">${label}</a>`,
    )
    .replace(/\*\*([^\n]+?)\*\*/g, '<b>$1</b>')
    .replace(/\r?\n/g, '<br>')
    .replace(/\ue000/g, '*')
    .replace(/\ue001/g, '[')
    .replace(/\ue004/g, ']')
    .replace(/\ue005/g, '\\')
}

/** What the editor's text stands for, as signature HTML (sanitised afterwards, like any input). */
export function signatureFromEditor(text: string): string {
  // Known tags stand aside as placeholders, so **…** and […](…) may span them (**<i>x</i>**).
  const tags: string[] = []
  const marked = text
    .replace(/[\ue002\ue003]/g, '')
    .replace(EDITOR_TOKEN, (all, name: string | undefined) => {
      if (name !== undefined && !KNOWN_TAGS.has(name.toLowerCase())) return all
      tags.push(all)
      return `\ue002${tags.length - 1}\ue003`
    })
  return markersToHtml(marked).replace(/\ue002(\d+)\ue003/g, (_all, n: string) => tags[Number(n)])
}

/** A saved (sanitised) signature as the editor shows it: markers instead of tags, text decoded. */
export function editorFromSignature(html: string): string {
  const plain = editorText(html, false)
  // Literal * or [ that would read as a marker are written \* and \[ — only when they would.
  const same = JSON.stringify(signatureLines(sanitizeSignature(signatureFromEditor(plain))))
  return same === JSON.stringify(signatureLines(html)) ? plain : editorText(html, true)
}

function editorText(html: string, escape: boolean): string {
  // whether the current line shows any text yet (a block starts a new line only after some)
  let visible = false
  const lit = (raw: string) => {
    const text = decodeEntities(raw)
    if (text) visible = true
    return escape ? text.replace(/[\\*[\]]/g, '\\$&') : text
  }
  let out = ''
  const hrefs: string[] = []
  const re = /<(\/?)([a-z]+)(?: href="([^"]*)")?>/g
  let last = 0
  let m: RegExpExecArray | null
  // where the innermost open bold / link started in `out`, to drop a pair that holds nothing
  const bolds: number[] = []
  while ((m = re.exec(html))) {
    out += lit(html.slice(last, m.index))
    last = m.index + m[0].length
    const [, closing, name, href] = m
    if (name === 'b' || name === 'strong') {
      const at = closing ? bolds.pop() : undefined
      if (!closing) {
        // Bold inside bold is still just bold: one pair of markers for the outermost.
        bolds.push(bolds.length ? -1 : out.length)
        if (bolds.length === 1) out += '**'
      } else if (at === -1) {
        // the inner one of nested bolds: its outer pair carries it
      } else if (at !== undefined) {
        // Markers hold one line each: a bold run over a line break is bold on each of its lines.
        const inner = out.slice(at + 2)
        out =
          out.slice(0, at) +
          inner
            .split('\n')
            .map((line) => (line !== '' ? `**${line}**` : line))
            .join('\n')
      } else out += '**'
    } else if (name === 'br') {
      out += '\n'
      visible = false
    } else if (name === 'a') {
      if (!closing) {
        hrefs.push(href === undefined ? '' : `${out.length}\u0000${decodeAttr(href)}`)
        if (href !== undefined) out += '['
      } else {
        const open = hrefs.pop()
        if (open) {
          const cut = open.indexOf('\u0000')
          const at = Number(open.slice(0, cut))
          const url = open.slice(cut + 1)
          const inner = out.slice(at + 1)
          // One line per link marker, as for bold; a link around nothing visible goes.
          out =
            out.slice(0, at) +
            inner
              .split('\n')
              .map((line) => (line !== '' ? `[${line}](${url})` : line))
              .join('\n')
        }
      }
    } else if (name === 'p' || name === 'div') {
      // A block starts and ends a line, as the preview draws it: only after some text.
      if (visible) out += '\n'
      visible = false
    } else if (name === 'i' || name === 'em' || name === 'u') out += m[0] // kept as written
  }
  out += lit(html.slice(last))
  return out.replace(/\n+$/, '')
}

/** One run of text in the preview, with its formats. */
export interface SignatureRun {
  text: string
  bold?: true
  italic?: true
  underline?: true
  href?: string
}

/**
 * A sanitised signature as lines of formatted runs — what the preview draws (with Text, no HTML
 * injection, so it works the same in WeChat): exactly the markup that is saved.
 */
export function signatureLines(html: string): SignatureRun[][] {
  const lines: SignatureRun[][] = [[]]
  const open: { name: string; href?: string }[] = []
  const push = (raw: string) => {
    const text = decodeEntities(raw)
    if (!text) return
    const run: SignatureRun = { text }
    for (const o of open) {
      if (o.name === 'b' || o.name === 'strong') run.bold = true
      else if (o.name === 'i' || o.name === 'em') run.italic = true
      else if (o.name === 'u') run.underline = true
      else if (o.name === 'a' && o.href) run.href = o.href
    }
    // Runs of the same formats join: nested or repeated tags draw the same text.
    const line = lines[lines.length - 1]
    const prev = line[line.length - 1]
    if (
      prev &&
      prev.bold === run.bold &&
      prev.italic === run.italic &&
      prev.underline === run.underline &&
      prev.href === run.href
    ) {
      prev.text += text
    } else line.push(run)
  }
  const newLine = () => lines.push([])
  const re = /<(\/?)([a-z]+)(?: href="([^"]*)")?>/g
  let last = 0
  let m: RegExpExecArray | null
  while ((m = re.exec(html))) {
    push(html.slice(last, m.index))
    last = m.index + m[0].length
    const [, closing, name, href] = m
    if (name === 'br') newLine()
    else if (closing) {
      const at = open.map((o) => o.name).lastIndexOf(name)
      if (at >= 0) open.splice(at, 1)
      if ((name === 'p' || name === 'div') && lines[lines.length - 1].length) newLine()
    } else {
      if ((name === 'p' || name === 'div') && lines[lines.length - 1].length) newLine()
      open.push({ name, href: href === undefined ? undefined : decodeAttr(href) })
    }
  }
  push(html.slice(last))
  while (lines.length > 1 && lines[lines.length - 1].length === 0) lines.pop()
  return lines[0].length || lines.length > 1 ? lines : []
}

/** A link a member inserts: an absolute http(s) or mailto address (a bare domain or address is completed). */
export function checkSignatureLink(raw: string): Verdict<string> {
  const url = raw.trim()
  if (!url) return refuse(ErrCode.INVALID_PARAM, '请填写链接地址')
  if (SAFE_HREF.test(url) && !/\s/.test(url)) return ok(url)
  if (/^[^\s@:/]+@[^\s@:/]+\.[^\s@:/]+$/.test(url)) return ok(`mailto:${url}`)
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)+([/?#][^\s]*)?$/i.test(url)) return ok(`https://${url}`)
  return refuse(ErrCode.INVALID_PARAM, '链接只能是以 http://、https:// 开头的网址或邮箱地址')
}

/** The editor markers for a bold piece / a link, ready to insert. */
export function boldMarker(text: string): string {
  return `**${text.replace(/\*\*/g, '')}**`
}

export function linkMarker(label: string, url: string): string {
  const words = label.replace(/[[\]\n]/g, '').trim() || url.replace(/^mailto:/i, '')
  const escaped = url.replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/\s/g, '%20')
  return `[${words}](${escaped})`
}
