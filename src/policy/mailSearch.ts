// Mail search (product spec 4.2, api.md mail/message/search): what a query matches and how a match
// is shown. One rule for the backend (which messages match) and the app (what is highlighted).
// A query is whitespace-separated terms; a message matches when every term is a substring of its
// subject, from, to / cc / bcc or body, Latin letters case-insensitive, Chinese as typed.
import { snippet, SNIPPET_LENGTH } from './mailText'

export const SEARCH_QUERY_MAX = 100
export const SEARCH_PAGE_DEFAULT = 20
export const SEARCH_PAGE_MAX = 50
/** without a folder every folder is searched but these */
export const UNSEARCHED_FOLDERS: readonly string[] = ['trash', 'spam']

/** Lower-cases without changing the length (İ would grow), so offsets in the folded text hold in the original. */
export function foldSearch(text: string): string {
  const low = text.toLowerCase()
  if (low.length === text.length) return low
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i).toLowerCase()
    out += c.length === 1 ? c : text.charAt(i)
  }
  return out
}

/** The query's terms, folded, duplicates dropped; [] for a blank query. */
export function searchTerms(query: string): string[] {
  const terms = foldSearch(query)
    .split(/\s+/)
    .filter((t) => t !== '')
  return Array.from(new Set(terms))
}

export interface Segment {
  text: string
  hit: boolean
}

/** `text` cut into plain and matching runs (every term, longest first at each place), for highlighting. */
export function highlight(text: string, terms: readonly string[]): Segment[] {
  const folded = foldSearch(text)
  const longest = terms.filter((t) => t !== '').sort((a, b) => b.length - a.length)
  const out: Segment[] = []
  let plain = 0
  let i = 0
  while (i < text.length && longest.length) {
    const t = longest.find((term) => folded.startsWith(term, i))
    if (!t) {
      i++
      continue
    }
    if (i > plain) out.push({ text: text.slice(plain, i), hit: false })
    out.push({ text: text.slice(i, i + t.length), hit: true })
    i += t.length
    plain = i
  }
  if (plain < text.length) out.push({ text: text.slice(plain), hit: false })
  return out
}

/** characters of context kept before the first match in a search snippet */
const LEAD = 16

/**
 * The list snippet of a search result: one line of the body around its first match (so the match
 * can be seen and highlighted), or the usual snippet when only another field matched.
 */
export function searchSnippet(content: string, terms: readonly string[]): string {
  const flat = content.replace(/\s+/g, ' ').trim()
  const folded = foldSearch(flat)
  let at = -1
  for (const t of terms) {
    const i = t ? folded.indexOf(t) : -1
    if (i >= 0 && (at < 0 || i < at)) at = i
  }
  if (at <= LEAD) return snippet(flat)
  let start = at - LEAD
  // never start inside a surrogate pair
  const c = flat.charCodeAt(start)
  if (c >= 0xdc00 && c <= 0xdfff) start--
  return `…${snippet(flat.slice(start), SNIPPET_LENGTH - 1)}`
}
