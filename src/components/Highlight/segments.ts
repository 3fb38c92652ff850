// Which parts of a search result to highlight. The backend names the field that matched (`match`);
// this finds the matched part in what the row shows. Pinyin and initials matches highlight the
// Chinese characters they stand for (zs → 张三, zhangs → 张三).
// The same syllables the backend's search keys are built from (a compact table, not pinyin-pro's
// dictionary, which would weigh down the main package).
import { namePinyin } from '../../policy/pinyin'

export interface Segment {
  text: string
  hit: boolean
}

/** the text with its first case-insensitive occurrence of `query` marked */
export function highlightText(text: string, query: string): Segment[] {
  const q = query.trim().toLowerCase()
  const at = q ? text.toLowerCase().indexOf(q) : -1
  if (at < 0) return text ? [{ text, hit: false }] : []
  const parts = [
    { text: text.slice(0, at), hit: false },
    { text: text.slice(at, at + q.length), hit: true },
    { text: text.slice(at + q.length), hit: false },
  ]
  return parts.filter((p) => p.text !== '')
}

/** the name's characters whose pinyin (or initials) the query matched */
export function highlightByPinyin(name: string, query: string, by: 'pinyin' | 'initials'): Segment[] {
  const q = query.toLowerCase().replace(/\s+/g, '')
  const chars = Array.from(name)
  // one syllable per character (other characters as themselves), as the backend's keys are built
  const syllables = namePinyin(name).map((s) => s.toLowerCase().replace(/\s+/g, ''))
  if (!q || syllables.length !== chars.length) return highlightText(name, query)
  const hits = new Set<number>()
  if (by === 'initials') {
    const owners: number[] = []
    let initials = ''
    syllables.forEach((s, i) => {
      if (!s) return
      initials += s[0]
      owners.push(i)
    })
    const at = initials.indexOf(q)
    if (at < 0) return highlightText(name, query)
    for (let k = at; k < at + q.length; k++) hits.add(owners[k])
  } else {
    const full = syllables.join('')
    const at = full.indexOf(q)
    if (at < 0) return highlightText(name, query)
    let pos = 0
    syllables.forEach((s, i) => {
      // a character is marked when its syllable overlaps the matched stretch (a half-typed one too)
      if (s && pos < at + q.length && pos + s.length > at) hits.add(i)
      pos += s.length
    })
  }
  return mark(name, hits)
}

/** consecutive characters grouped into marked / unmarked runs (by code point) */
function mark(text: string, hits: ReadonlySet<number>): Segment[] {
  const out: Segment[] = []
  Array.from(text).forEach((ch, i) => {
    const hit = hits.has(i)
    const last = out[out.length - 1]
    if (last && last.hit === hit) last.text += ch
    else out.push({ text: ch, hit })
  })
  return out
}
