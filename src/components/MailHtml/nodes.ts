// Sanitised mail HTML (policy/mailHtml) as RichText nodes: WeChat's rich-text takes nodes, never an
// HTML string we would have to trust twice. Links lose their href here (nothing navigates from
// inside a mail); the page lists them for a confirmed open. Remote images appear only when asked.
import { decodeEntities } from '../../policy/mailText'

export type RichNode =
  { type: 'text'; text: string } | { name: string; attrs: Record<string, string>; children: RichNode[] }

const VOID = new Set(['br', 'hr', 'img'])
const TOKEN = /<(\/?)([a-z0-9]+)((?:\s+[a-z-]+="[^"]*")*)\s*>/g
const ATTR = /([a-z-]+)="([^"]*)"/g

export interface MailNodes {
  nodes: RichNode[]
  /** the links' real targets, in order, each once */
  links: string[]
  /** remote images held back (0 when shown) */
  hiddenImages: number
}

export function mailNodes(safeHtml: string, showImages: boolean): MailNodes {
  const root: RichNode[] = []
  const stack: { name: string; children: RichNode[] }[] = [{ name: '', children: root }]
  const links: string[] = []
  let hiddenImages = 0
  const text = (t: string) => {
    if (t) stack[stack.length - 1].children.push({ type: 'text', text: decodeEntities(t) })
  }
  let last = 0
  let m: RegExpExecArray | null
  TOKEN.lastIndex = 0
  while ((m = TOKEN.exec(safeHtml))) {
    text(safeHtml.slice(last, m.index))
    last = TOKEN.lastIndex
    const [, closing, name, rawAttrs] = m
    if (closing) {
      const at = stack.map((s) => s.name).lastIndexOf(name)
      if (at > 0) stack.length = at
      continue
    }
    const attrs: Record<string, string> = {}
    let a: RegExpExecArray | null
    ATTR.lastIndex = 0
    while ((a = ATTR.exec(rawAttrs))) attrs[a[1]] = decodeEntities(a[2])
    const parent = stack[stack.length - 1].children
    if (name === 'img') {
      const src = attrs['data-remote-src']
      if (!showImages) {
        hiddenImages++
        parent.push({ type: 'text', text: attrs.alt ? `[图片：${attrs.alt}]` : '[图片]' })
      } else {
        parent.push({ name: 'img', attrs: { src, style: 'max-width:100%;height:auto' }, children: [] })
      }
      continue
    }
    const out: Record<string, string> = {}
    for (const k of ['style', 'width', 'height', 'colspan', 'rowspan', 'align'])
      if (attrs[k]) out[k] = attrs[k]
    if (name === 'a') {
      if (attrs.href && !links.includes(attrs.href)) links.push(attrs.href)
      out.class = 'mail-html__link'
    }
    const node = { name, attrs: out, children: [] as RichNode[] }
    parent.push(node)
    if (!VOID.has(name)) stack.push({ name, children: node.children })
  }
  text(safeHtml.slice(last))
  return { nodes: root, links, hiddenImages }
}
