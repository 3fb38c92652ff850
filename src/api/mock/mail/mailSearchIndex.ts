// Full-text search over one mail store (mail/message/search). An inverted index maps each character
// and each pair of adjacent characters of a message's folded text to the messages holding it; it
// only narrows the candidates: each one is checked against the message itself (live folder, still
// stored, text really matching), newest first, until the page is full. A message's text never
// changes once stored, so the index only grows: new messages are picked up by sequence number
// (store.nextId) on the next search, moved ones are read where they are now, deleted ones skipped.
import { foldSearch } from '../../../policy/mailSearch'
import type { MailMessage, MailStore } from '../state'
import { raw } from '../tx'
import { seqOf } from './store'
import { derivedSlot } from '../derivedSlot'

interface SearchIndex {
  /** store.nextId when last synced: later sequence numbers are not indexed yet */
  next: number
  /** document number -> the (raw) message, its time and sequence */
  docs: MailMessage[]
  time: number[]
  seq: number[]
  /** gram key -> ascending document numbers (a character c: c; a pair ab: (a + 1) * 65536 + b) */
  post: Map<number, number[]>
  /** indexed messages no longer stored: past half the index it is rebuilt */
  gone: number
}

const cache = derivedSlot<MailStore, SearchIndex>('mail search index')

/** What a search looks in: subject, from, to, cc, bcc, body, one per line (terms hold no whitespace). */
export function searchText(m: MailMessage): string {
  return [m.subject, m.from, ...m.to, ...m.cc, ...m.bcc, m.content].join('\n')
}

const isSpace = (c: number) => c === 32 || c === 10 || c === 9 || c === 13 || c === 0x3000

function put(post: Map<number, number[]>, key: number, doc: number): void {
  const list = post.get(key)
  if (!list) post.set(key, [doc])
  else if (list[list.length - 1] !== doc) list.push(doc)
}

function add(idx: SearchIndex, m: MailMessage): void {
  const doc = idx.docs.push(m) - 1
  idx.time.push(m.time)
  idx.seq.push(seqOf(m.mail_id))
  const text = foldSearch(searchText(m))
  let prev = -1
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (isSpace(c)) {
      prev = -1
      continue
    }
    put(idx.post, c, doc)
    if (prev >= 0) put(idx.post, (prev + 1) * 65536 + c, doc)
    prev = c
  }
}

function build(store: MailStore): SearchIndex {
  const idx: SearchIndex = { next: store.nextId, docs: [], time: [], seq: [], post: new Map(), gone: 0 }
  for (const m of Object.values(store.messages)) add(idx, m)
  return idx
}

const isLive = (store: MailStore, m: MailMessage) =>
  Object.prototype.hasOwnProperty.call(store.messages, m.mail_id) && store.messages[m.mail_id] === m

/** The store's index, brought up to date (new messages added; rebuilt when the store went back). */
export function searchIndexOf(tracked: MailStore): SearchIndex {
  const store = raw(tracked)
  let idx = cache.get(store)
  if (!idx || store.nextId < idx.next || idx.gone * 2 > idx.docs.length + 64) {
    idx = build(store)
    cache.set(store, idx)
  }
  for (; idx.next < store.nextId; idx.next++) {
    const id = `m${idx.next}`
    if (Object.prototype.hasOwnProperty.call(store.messages, id)) add(idx, store.messages[id])
  }
  return idx
}

/** First position in ascending `list` at or after `from` holding a value ≥ `v`. */
function seek(list: number[], v: number, from: number): number {
  let lo = from
  let hi = list.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (list[mid] < v) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Documents that hold every gram of every term (a superset of the matches), ascending. */
function candidates(idx: SearchIndex, terms: readonly string[]): number[] {
  const lists: number[][] = []
  for (const t of terms) {
    const keys = t.length === 1 ? [t.charCodeAt(0)] : []
    for (let i = 1; i < t.length; i++) keys.push((t.charCodeAt(i - 1) + 1) * 65536 + t.charCodeAt(i))
    for (const k of keys) {
      const list = idx.post.get(k)
      if (!list) return []
      lists.push(list)
    }
  }
  lists.sort((a, b) => a.length - b.length)
  let out = lists[0] ?? []
  for (let l = 1; l < lists.length && out.length; l++) {
    const next: number[] = []
    let at = 0
    for (const d of out) {
      at = seek(lists[l], d, at)
      if (at === lists[l].length) break
      if (lists[l][at] === d) next.push(d)
    }
    out = next
  }
  return out
}

export interface SearchKey {
  time: number
  seq: number
}

export interface SearchPage {
  messages: MailMessage[]
  /** more matches follow the last one */
  more: boolean
}

/**
 * Messages matching every term (folded, from searchTerms), newest first, older than `after`,
 * in `folder` (null: any folder `searched` allows), at most `limit`.
 */
export function searchStore(
  tracked: MailStore,
  terms: readonly string[],
  inFolder: (folder: string) => boolean,
  after: SearchKey | null,
  limit: number,
): SearchPage {
  const store = raw(tracked)
  const idx = searchIndexOf(store)
  const { docs, time, seq } = idx
  const newer = (a: number, b: number) => time[a] > time[b] || (time[a] === time[b] && seq[a] > seq[b])
  const found = candidates(idx, terms)
  const shown: number[] = []
  let gone = 0
  // Later documents are mostly newer: walking back keeps the running top few mostly unchanged.
  for (let i = found.length - 1; i >= 0; i--) {
    const d = found[i]
    const m = docs[d]
    if (!isLive(store, m)) gone++
    else if (after && (time[d] > after.time || (time[d] === after.time && seq[d] >= after.seq))) continue
    else if (inFolder(m.folder)) shown.push(d)
  }
  idx.gone = Math.max(idx.gone, gone)
  // The page and one more, without sorting every candidate; a single character or pair is exact, so
  // the check below seldom drops one, and when it drops too many the rest is sorted after all.
  const want = limit + 1
  const top: number[] = []
  for (const d of shown) {
    if (top.length === want * 2 && !newer(d, top[top.length - 1])) continue
    let at = top.length
    while (at > 0 && newer(d, top[at - 1])) at--
    top.splice(at, 0, d)
    if (top.length > want * 2) top.pop()
  }
  const messages: MailMessage[] = []
  const check = (list: number[]): SearchPage | null => {
    for (const d of list) {
      const text = foldSearch(searchText(docs[d]))
      if (!terms.every((t) => text.includes(t))) continue
      if (messages.length === limit) return { messages, more: true }
      messages.push(docs[d])
    }
    return null
  }
  if (top.length === shown.length) return check(top) ?? { messages, more: false }
  const page = check(top)
  if (page) return page
  messages.length = 0
  shown.sort((a, b) => (newer(a, b) ? -1 : 1))
  return check(shown) ?? { messages, more: false }
}
