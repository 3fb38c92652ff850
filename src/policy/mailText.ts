// Plain text out of mail bodies / signatures: list snippets and the text form of a signature.
// Everything that turns HTML into text goes through htmlToText (backend and app alike).

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' }

export function decodeEntities(text: string): string {
  return text.replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});/gi, (all, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10)
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
        ? String.fromCodePoint(code)
        : all
    }
    return ENTITIES[name.toLowerCase()] ?? all
  })
}

/** closing tags that end a line in the text form */
const BLOCK_END: ReadonlySet<string> = new Set(['p', 'div', 'li', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'])
/** tags whose content is not text */
const NOT_TEXT: ReadonlySet<string> = new Set(['script', 'style'])
const TAG_START = /[A-Za-z/!?]/

/** index just past the closing `</name …>` at or after `from` (case-insensitive), or the end */
function pastClosingTag(html: string, name: string, from: number): number {
  for (let j = html.indexOf('</', from); j >= 0; j = html.indexOf('</', j + 2)) {
    if (html.slice(j + 2, j + 2 + name.length).toLowerCase() === name) {
      const gt = html.indexOf('>', j)
      return gt < 0 ? html.length : gt + 1
    }
  }
  return html.length
}

/**
 * A `<` that would open a tag is written full-width (＜…＞): text that came from entities
 * (`&lt;script&gt;`) reads the same, but no later HTML rendering can turn it into markup.
 */
export function defuseMarkup(text: string): string {
  return text.replace(/<([A-Za-z/!?][^<>]*)(>?)/g, (_all, inner: string, close: string) =>
    close ? `＜${inner}＞` : `＜${inner}`,
  )
}

/**
 * HTML (or plain text) to plain text — the one converter for signatures (sent and previewed) and
 * mail bodies shown as text: block ends and <br> become line breaks, other tags vanish, script and
 * style lose their content, entities are decoded once, and the result holds no markup. Linear time.
 */
export function htmlToText(html: string): string {
  let out = ''
  let i = 0
  const n = html.length
  while (i < n) {
    const lt = html.indexOf('<', i)
    if (lt < 0) {
      out += html.slice(i)
      break
    }
    out += html.slice(i, lt)
    if (!TAG_START.test(html.charAt(lt + 1))) {
      out += '<' // "a < b": not a tag
      i = lt + 1
      continue
    }
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4)
      i = end < 0 ? n : end + 3
      continue
    }
    const gt = html.indexOf('>', lt + 1)
    if (gt < 0) {
      // no '>' anywhere after: the rest is text (defused below)
      out += html.slice(lt)
      break
    }
    const m = /^(\/?)([A-Za-z][A-Za-z0-9]*)/.exec(html.slice(lt + 1, Math.min(gt, lt + 16)))
    const name = m ? m[2].toLowerCase() : ''
    i = gt + 1
    if (m && !m[1] && NOT_TEXT.has(name)) i = pastClosingTag(html, name, i)
    else if (name === 'br' || (m && m[1] && BLOCK_END.has(name))) out += '\n'
  }
  return defuseMarkup(decodeEntities(out))
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

export const SNIPPET_LENGTH = 80

/** ~80 characters of the body as one line, for lists. Mail content is plain text (rendered as text). */
export function snippet(content: string, length = SNIPPET_LENGTH): string {
  const flat = content.replace(/\s+/g, ' ').trim()
  const chars = Array.from(flat)
  return chars.length > length ? `${chars.slice(0, length).join('')}…` : flat
}
