// Sanitised mail HTML (policy/mailHtml) as RichText nodes: WeChat's rich-text takes nodes, never an
// HTML string we would have to trust twice. A link keeps its target only in data-href (nothing
// navigates from inside a mail: H5 catches the tap and asks first; WeChat lists the links instead).
// Remote images appear only when asked; until then a placeholder says one is there.
import { decodeEntities } from '../../policy/mailText'

export type RichNode =
  { type: 'text'; text: string } | { name: string; attrs: Record<string, string>; children: RichNode[] }

const VOID = new Set(['br', 'hr', 'img'])
// The sanitiser writes tags one way only: lower-case names, double-quoted escaped values.
const TOKEN = /<(\/?)([a-z0-9]+)((?: [a-z-]+="[^"]*")*)>/g
const ATTR = /([a-z-]+)="([^"]*)"/g
/** what a node keeps of the sanitised attributes (href and data-remote-src are handled apart) */
const KEPT = ['style', 'width', 'height', 'colspan', 'rowspan', 'align', 'valign', 'title']

export interface MailNodes {
  nodes: RichNode[]
  /** the links' real targets, in order, each once */
  links: string[]
}

export function mailNodes(safeHtml: string, showImages: boolean): MailNodes {
  const root: RichNode[] = []
  const stack: { name: string; children: RichNode[] }[] = [{ name: '', children: root }]
  const links: string[] = []
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
      parent.push(
        showImages
          ? {
              name: 'img',
              attrs: {
                src: attrs['data-remote-src'],
                alt: attrs.alt ?? '',
                style: 'max-width:100%;height:auto',
              },
              children: [],
            }
          : { type: 'text', text: attrs.alt ? `[图片：${attrs.alt}]` : '[图片]' },
      )
      continue
    }
    const out: Record<string, string> = {}
    for (const k of KEPT) if (attrs[k]) out[k] = attrs[k]
    if (name === 'a') {
      out.class = 'mail-html__link'
      if (attrs.href) {
        out['data-href'] = attrs.href
        if (!links.includes(attrs.href)) links.push(attrs.href)
      }
    }
    const node = { name, attrs: out, children: [] as RichNode[] }
    parent.push(node)
    if (!VOID.has(name)) stack.push({ name, children: node.children })
  }
  text(safeHtml.slice(last))
  return { nodes: root, links }
}

/** The link a tap inside the body landed on: the nearest data-href up to the container (H5's DOM). */
export function tappedLink(target: unknown, container: unknown): string | null {
  type El = { getAttribute?(n: string): string | null; parentElement?: El | null }
  for (let el = target as El | null | undefined; el && el !== container; el = el.parentElement) {
    const href = el.getAttribute?.('data-href')
    if (href) return href
  }
  return null
}
