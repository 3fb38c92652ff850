// The user/search index, kept current by member writes (no scan per query).
// Per field: exact key -> members (hash map); sorted unique keys plus a small unsorted delta buffer,
// merged lazily, for prefixes; a gram posting list (CJK characters and bigrams) verified with
// includes() for substrings. Answers exactly what policy/search scanSearch() would, in the same order.
import {
  SEARCH_FIELDS,
  bestHit,
  compareHits,
  memberKeys,
  queryFor,
  substringAllowed,
  type Hit,
  type MemberKeys,
  type Query,
  type SearchField,
  TIER_EXACT,
  TIER_PREFIX,
  TIER_SUBSTRING,
  type Tier,
} from '../../../policy/search'
import { orgEpoch } from '../orgIndex'
import type { CorpState, Member } from '../state'
import { raw } from '../tx'
import { visibleSetOf, visibleTo } from './visibility'
import { derivedSlot } from '../derivedSlot'

/** the delta buffer is scanned by queries up to this size, merged into the sorted keys beyond it */
const DELTA_SCAN_MAX = 1024
const EMPTY: ReadonlySet<string> = new Set()

type Gram = number | string

// Disjoint integer ranges for all-ASCII grams of length 1, 2, 3 (7 bits per character).
const GRAM_BASE = [0, 1 << 22, 1 << 21, 0]

/** a gram as a small integer when it is all ASCII (nothing to allocate or hash), else the string */
function gramKey(s: string, i: number, len: number): Gram {
  let code = 0
  for (let k = 0; k < len; k++) {
    const c = s.charCodeAt(i + k)
    if (c >= 128) return s.slice(i, i + len)
    code = code * 128 + c
  }
  return code + GRAM_BASE[len]
}

function isCjk(c: number): boolean {
  return (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff)
}

/** CJK characters, bigrams and trigrams: a query looks up its rarest gram of its own length (≤ 3) */
function forEachGram(key: string, fn: (g: Gram) => void, lastStart = key.length - 1): void {
  for (let i = 0; i <= lastStart; i++) {
    if (isCjk(key.charCodeAt(i))) fn(key[i])
    if (i + 1 < key.length) fn(gramKey(key, i, 2))
    if (i + 2 < key.length) fn(gramKey(key, i, 3))
  }
}

function needlesOf(q: string): Gram[] {
  if (q.length <= 3) return [gramKey(q, 0, q.length)]
  const out: Gram[] = []
  for (let i = 0; i + 3 <= q.length; i++) out.push(gramKey(q, i, 3))
  return out
}

function lowerBound(sorted: readonly string[], q: string): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (sorted[mid] < q) lo = mid + 1
    else hi = mid
  }
  return lo
}

function mergeSorted(a: readonly string[], b: readonly string[]): string[] {
  const out = new Array<string>(a.length + b.length)
  let i = 0
  let j = 0
  let k = 0
  while (i < a.length && j < b.length) out[k++] = a[i] <= b[j] ? a[i++] : b[j++]
  while (i < a.length) out[k++] = a[i++]
  while (j < b.length) out[k++] = b[j++]
  return out
}

/** the k smallest distinct strings, ascending */
function smallest(items: readonly string[], k: number): string[] {
  const best: string[] = []
  for (const x of items) {
    if (best.length === k && x >= best[k - 1]) continue
    const at = lowerBound(best, x)
    best.splice(at, 0, x)
    if (best.length > k) best.pop()
  }
  return best
}

/** Distinct strings in ascending order, lazily: usually only the first few are consumed. */
function* ascending(items: string[], firstBatch: number): Generator<string> {
  if (items.length <= Math.max(64, firstBatch * 4)) {
    yield* items.sort()
    return
  }
  const head = smallest(items, firstBatch)
  yield* head
  const last = head[head.length - 1]
  yield* items.filter((x) => x > last).sort()
}

/** One field's keys. Key ids are stable; removed keys stay in postings / sorted array until compaction. */
class FieldIndex {
  /**
   * Mail addresses: grams starting inside the domain part are not indexed (every address of the corp
   * shares them). A query found inside a domain walks the sorted keys instead, where it is dense.
   */
  constructor(
    private readonly skipDomains: boolean,
    /** the member numbers of MemberSearchIndex, for counting without strings */
    private readonly numOf: ReadonlyMap<string, number>,
  ) {}

  /** live keys per domain part ("@corp.com"), for skipDomains */
  private domains = new Map<string, number>()
  private ids = new Map<string, number>()
  private keys: string[] = []
  private placed: boolean[] = []
  private owners = new Map<string, Set<string>>()
  /** per key id, its owners' member numbers (empty once the key is removed) */
  private ownerNums: number[][] = []
  private sorted: string[] = []
  private delta: string[] = []
  private grams = new Map<Gram, number[]>()
  private sortedOwners = new Map<string, string[]>()

  add(key: string, userid: string): void {
    const num = this.numOf.get(userid) as number
    const set = this.owners.get(key)
    if (set) {
      if (set.has(userid)) return
      set.add(userid)
      this.ownerNums[this.ids.get(key) as number].push(num)
      this.sortedOwners.delete(key)
      return
    }
    this.owners.set(key, new Set([userid]))
    if (this.skipDomains) this.countDomain(key, 1)
    let id = this.ids.get(key)
    if (id !== undefined) this.ownerNums[id].push(num)
    else {
      id = this.keys.length
      this.ids.set(key, id)
      this.keys.push(key)
      this.ownerNums.push([num])
      const at = id
      const lastStart = this.skipDomains && key.includes('@') ? key.indexOf('@') : key.length - 1
      forEachGram(
        key,
        (g) => {
          const list = this.grams.get(g)
          // a gram repeated in the key: its id was pushed just before
          if (!list) this.grams.set(g, [at])
          else if (list[list.length - 1] !== at) list.push(at)
        },
        lastStart,
      )
    }
    if (!this.placed[id]) {
      this.placed[id] = true
      this.delta.push(key)
      // Amortised O(1): merge when the buffer reaches a quarter of the sorted keys.
      if (this.delta.length > Math.max(4096, this.sorted.length >> 2)) this.merge()
    }
  }

  remove(key: string, userid: string): void {
    const set = this.owners.get(key)
    if (!set || !set.delete(userid)) return
    const nums = this.ownerNums[this.ids.get(key) as number]
    const at = nums.indexOf(this.numOf.get(userid) as number)
    nums[at] = nums[nums.length - 1]
    nums.pop()
    this.sortedOwners.delete(key)
    if (set.size) return
    this.owners.delete(key)
    if (this.skipDomains) this.countDomain(key, -1)
    if (this.keys.length > 1024 && this.keys.length > 2 * this.owners.size) this.compact()
  }

  exact(q: string): string[] {
    return this.owners.has(q) ? [q] : []
  }

  /** live keys starting with q (q itself excluded), ascending */
  *prefixed(q: string): Generator<string> {
    if (this.delta.length > DELTA_SCAN_MAX) this.merge()
    const fromDelta = this.delta.filter((k) => k !== q && k.startsWith(q) && this.owners.has(k)).sort()
    let j = 0
    for (let i = lowerBound(this.sorted, q); i < this.sorted.length; i++) {
      const k = this.sorted[i]
      if (!k.startsWith(q)) break
      if (k === q || !this.owners.has(k)) continue
      while (j < fromDelta.length && fromDelta[j] < k) yield fromDelta[j++]
      yield k
    }
    while (j < fromDelta.length) yield fromDelta[j++]
  }

  /**
   * Live keys containing q but not starting with it, ascending. Dense matches ("an", "伟") are found
   * fastest by walking the sorted keys (the first few are all a query needs); sparse ones from the
   * rarest gram's postings. Walk first within a budget proportional to the postings, then switch.
   */
  *substring(q: string, firstBatch: number): Generator<string> {
    if (!substringAllowed(q)) return
    if (this.skipDomains) {
      for (const d of this.domains.keys()) {
        if (d.includes(q)) {
          yield* this.walk(q)
          return
        }
      }
    }
    // Not inside a domain: q lies in the local part, or spans the '@' (aligned with the key's '@'),
    // so its grams starting up to its '@' are indexed.
    const atQ = q.indexOf('@')
    const needles = this.skipDomains && atQ >= 0 ? needlesOf(q).slice(0, atQ + 1) : needlesOf(q)
    let postings: number[] | undefined
    for (const g of needles) {
      const list = this.grams.get(g)
      if (!list) return
      if (!postings || list.length < postings.length) postings = list
    }
    if (!postings) return
    if (this.delta.length > DELTA_SCAN_MAX) this.merge()
    const matches = (k: string) => k.includes(q) && !k.startsWith(q) && this.owners.has(k)
    const fromDelta = this.delta.filter(matches).sort()
    const sorted = this.sorted
    let j = 0
    // enough steps to find a batch if matches are about as dense as the postings suggest
    const density = postings.length / Math.max(1, this.owners.size)
    let budget = Math.min(postings.length * 2, Math.ceil((4 * firstBatch) / Math.max(density, 1e-6)))
    let i = 0
    for (; i < sorted.length && budget > 0; i++, budget--) {
      const k = sorted[i]
      if (!matches(k)) continue
      while (j < fromDelta.length && fromDelta[j] < k) yield fromDelta[j++]
      yield k
    }
    if (i >= sorted.length) {
      while (j < fromDelta.length) yield fromDelta[j++]
      return
    }
    const last = sorted[i - 1]
    while (j < fromDelta.length && fromDelta[j] <= last) yield fromDelta[j++]
    // Postings hold every key once (sorted and delta alike): the rest is everything after `last`.
    const rest: string[] = []
    for (const id of postings) {
      const k = this.keys[id]
      if (k > last && matches(k)) rest.push(k)
    }
    yield* ascending(rest, firstBatch)
  }

  exactOwners(key: string): ReadonlySet<string> {
    return this.owners.get(key) ?? EMPTY
  }

  /**
   * The member number of every owner of a live key equal to, starting with or containing q, in no
   * particular order, possibly more than once. Counting needs no ranking: a key containing q is
   * found from its gram's postings, which hold every key containing a query of up to 3 characters
   * exactly (nothing to verify), and for longer ones a superset checked with includes().
   */
  forEachOwner(q: string, fn: (num: number) => void): void {
    if (q === '') return
    const visit = (id: number) => {
      for (const num of this.ownerNums[id]) fn(num)
    }
    if (!substringAllowed(q)) {
      // exact and prefixes: one range of the sorted keys, plus the unmerged ones
      const exact = this.ids.get(q)
      if (exact !== undefined) visit(exact)
      for (let i = lowerBound(this.sorted, q); i < this.sorted.length; i++) {
        const k = this.sorted[i]
        if (!k.startsWith(q)) break
        if (k !== q) visit(this.ids.get(k) as number)
      }
      for (const k of this.delta) if (k !== q && k.startsWith(q)) visit(this.ids.get(k) as number)
      return
    }
    if (this.skipDomains) {
      for (const d of this.domains.keys()) {
        if (d.includes(q)) {
          // inside a domain part (not indexed as grams): every key is a candidate
          for (let id = 0; id < this.keys.length; id++) if (this.keys[id].includes(q)) visit(id)
          return
        }
      }
    }
    const atQ = q.indexOf('@')
    const needles = this.skipDomains && atQ >= 0 ? needlesOf(q).slice(0, atQ + 1) : needlesOf(q)
    let postings: number[] | undefined
    for (const g of needles) {
      const list = this.grams.get(g)
      if (!list) return
      if (!postings || list.length < postings.length) postings = list
    }
    if (!postings) return
    // Postings hold each key id once, sorted and delta keys alike; removed keys have no owners.
    if (q.length <= 3) for (const id of postings) visit(id)
    else for (const id of postings) if (this.keys[id].includes(q)) visit(id)
  }

  /** owners of a key by userid; sorted once and kept until that key's owners change */
  ownersOf(key: string, firstBatch: number): Iterable<string> {
    const set = this.owners.get(key)
    if (!set) return []
    if (set.size <= 1) return set
    const cached = this.sortedOwners.get(key)
    if (cached) return cached
    if (set.size <= firstBatch * 4) return [...set].sort()
    const all = [...set].sort()
    this.sortedOwners.set(key, all)
    return all
  }

  private countDomain(key: string, delta: number): void {
    const at = key.indexOf('@')
    if (at < 0) return
    const d = key.slice(at)
    const n = (this.domains.get(d) ?? 0) + delta
    if (n > 0) this.domains.set(d, n)
    else this.domains.delete(d)
  }

  /** every live key containing q (not as a prefix), in order, by walking the sorted keys */
  private *walk(q: string): Generator<string> {
    this.merge()
    for (const k of this.sorted) if (k.includes(q) && !k.startsWith(q) && this.owners.has(k)) yield k
  }

  private merge(): void {
    if (!this.delta.length) return
    this.sorted = mergeSorted(this.sorted, this.delta.sort())
    this.delta = []
  }

  /** drop removed keys from ids, postings and the sorted array */
  private compact(): void {
    const live = [...this.owners.entries()]
    this.ids = new Map()
    this.keys = []
    this.placed = []
    this.owners = new Map()
    this.ownerNums = []
    this.sorted = []
    this.delta = []
    this.grams = new Map()
    this.sortedOwners = new Map()
    this.domains = new Map()
    for (const [key, users] of live) for (const u of users) this.add(key, u)
    this.merge()
  }
}

export interface SearchOutcome {
  hits: Hit[]
  /** an index entry no longer matched its member: rebuild and ask again */
  stale: boolean
  /** matches found: all of them when counted, else at least offset + hits */
  total: number
}

/** whom a count is for: its visibility verdicts are kept per viewer while `set` and the index stand */
export interface CountFor {
  viewer: string
  /** the viewer's visible set (visibleSetOf): a new one whenever what they may see changes */
  set: object
}

interface Verdicts {
  set: object
  version: number
  /** by member number: 0 not asked yet, 1 visible, 2 not */
  of: Uint8Array
}

/** viewers whose verdicts are kept (all dropped beyond it) */
const VERDICT_VIEWERS = 32

export class MemberSearchIndex {
  /** each member's number, dense (freed numbers are reused): counting marks numbers, not strings */
  private numOf = new Map<string, number>()
  private userOf: string[] = []
  private freeNums: number[] = []
  private marks = new Uint32Array(0)
  private mark = 0
  /** bumped by every add and remove: verdicts of an older version are asked again */
  private version = 0
  private verdicts = new Map<string, Verdicts>()
  private fields = SEARCH_FIELDS.reduce(
    (acc, f) => ({ ...acc, [f]: new FieldIndex(f === 'email', this.numOf) }),
    {} as Record<SearchField, FieldIndex>,
  )
  private keysOf = new Map<string, MemberKeys>()

  get size(): number {
    return this.keysOf.size
  }

  add(m: Member): void {
    this.remove(m.userid)
    this.version++
    const keys = memberKeys(m)
    this.keysOf.set(m.userid, keys)
    const num = this.freeNums.pop() ?? this.userOf.length
    this.numOf.set(m.userid, num)
    this.userOf[num] = m.userid
    for (const f of SEARCH_FIELDS) for (const k of keys[f]) this.fields[f].add(k, m.userid)
  }

  remove(userid: string): void {
    const keys = this.keysOf.get(userid)
    if (!keys) return
    this.version++
    this.keysOf.delete(userid)
    for (const f of SEARCH_FIELDS) for (const k of keys[f]) this.fields[f].remove(k, userid)
    this.freeNums.push(this.numOf.get(userid) as number)
    this.numOf.delete(userid)
  }

  /** members holding exactly this key in the field */
  exactOwners(field: SearchField, key: string): ReadonlySet<string> {
    return this.fields[field].exactOwners(key)
  }

  keys(userid: string): MemberKeys | undefined {
    return this.keysOf.get(userid)
  }

  /**
   * Visible members in policy/search order: the `limit` after the first `offset`, and with
   * `count` the number of all matches (the walk then goes on to the end, only counting).
   * `current` returns the member's keys as they are now, so an entry left stale by a write
   * elsewhere is noticed (then the caller rebuilds).
   */
  search(
    q: Query,
    limit: number,
    canSee: (userid: string) => boolean,
    current: (userid: string) => MemberKeys | null,
    offset = 0,
    count = false,
    countFor?: CountFor,
  ): SearchOutcome {
    const hits: Hit[] = []
    const seen = new Set<string>()
    let stale = false
    let matched = 0
    if (q.text === '' || (limit <= 0 && !count)) return { hits, stale, total: 0 }
    const end = offset + limit
    const batch = end + 8
    const tiers: Array<[Tier, (f: FieldIndex, fq: string) => Iterable<string>]> = [
      [TIER_EXACT, (f, fq) => f.exact(fq)],
      [TIER_PREFIX, (f, fq) => f.prefixed(fq)],
      [TIER_SUBSTRING, (f, fq) => f.substring(fq, batch)],
    ]
    for (const [tier, keysFor] of tiers) {
      for (const field of SEARCH_FIELDS) {
        const index = this.fields[field]
        for (const key of keysFor(index, queryFor(q, field))) {
          for (const userid of index.ownersOf(key, batch)) {
            if (seen.has(userid)) continue
            seen.add(userid)
            // Visibility first: keys are recomputed (pinyin) only for what could be shown.
            if (!canSee(userid)) continue
            const now = current(userid)
            if (!now || !now[field].includes(key)) {
              stale = true
              continue
            }
            if (matched >= offset) hits.push({ userid, tier, field, key })
            matched++
            if (matched >= end)
              return { hits, stale, total: count ? this.count(q, canSee, countFor) : matched }
          }
        }
      }
    }
    return { hits, stale, total: matched }
  }

  /**
   * How many visible members match in any field (what a walk to the end would find), without
   * ranking: matching keys are gathered in any order, their owners counted once.
   */
  count(q: Query, canSee: (userid: string) => boolean, countFor?: CountFor): number {
    if (q.text === '') return 0
    // canSee is a string lookup in a corp-sized map per member: asked once per member, then kept
    // until the index or the viewer's visible set changes.
    const verdicts = countFor ? this.verdictsFor(countFor) : null
    // A fresh mark per count: a member is counted when first reached (no set of strings to fill).
    if (this.marks.length < this.userOf.length || this.mark === 0xffffffff) {
      this.marks = new Uint32Array(Math.max(64, this.userOf.length * 2))
      this.mark = 0
    }
    const marks = this.marks
    const mark = ++this.mark
    const userOf = this.userOf
    let n = 0
    const reach = (num: number) => {
      if (marks[num] === mark) return
      marks[num] = mark
      if (!verdicts) {
        if (canSee(userOf[num])) n++
        return
      }
      let v = verdicts[num]
      if (v === 0) verdicts[num] = v = canSee(userOf[num]) ? 1 : 2
      if (v === 1) n++
    }
    for (const field of SEARCH_FIELDS) this.fields[field].forEachOwner(queryFor(q, field), reach)
    return n
  }

  private verdictsFor({ viewer, set }: CountFor): Uint8Array {
    let v = this.verdicts.get(viewer)
    if (!v || v.set !== set || v.version !== this.version || v.of.length < this.userOf.length) {
      if (!v && this.verdicts.size >= VERDICT_VIEWERS) this.verdicts.clear()
      v = { set, version: this.version, of: new Uint8Array(this.userOf.length) }
      this.verdicts.set(viewer, v)
    }
    return v.of
  }
}

const built = derivedSlot<CorpState, { epoch: number; index: MemberSearchIndex }>('member search index')

/** The corp's search index, built on first use and again after invalidateOrg(corp). */
export function searchIndex(tracked: CorpState): MemberSearchIndex {
  // Built from the raw state: through a write's tracking proxy every member would be wrapped.
  const corp = raw(tracked)
  const key = corp
  const epoch = orgEpoch(corp)
  let entry = built.get(key)
  if (!entry || entry.epoch !== epoch) {
    const index = new MemberSearchIndex()
    for (const m of Object.values(corp.users)) index.add(m)
    entry = { epoch, index }
    built.set(key, entry)
  }
  return entry.index
}

export function dropSearchIndex(corp: CorpState): void {
  built.delete(raw(corp))
}

/** A member was created, changed or deleted (`after` null): keep the index current. */
export function noteSearchMember(corp: CorpState, userid: string, after: Member | null): void {
  // An index not built yet (or void) is built from the state as it is then: nothing to update.
  const entry = built.get(raw(corp))
  if (!entry || entry.epoch !== orgEpoch(raw(corp))) return
  const index = entry.index
  if (after) index.add(after)
  else index.remove(userid)
}

export interface SearchPage {
  /** offset = how many ranked matches come before this page */
  offset?: number
  /** count every visible match (the answer's `total`) */
  count?: boolean
}

/**
 * Ranked search over what `viewer` may see. A viewer who sees few members (own department, see
 * nobody) is answered by ranking just those from their indexed keys: walking the corp-wide index
 * would pass over every match they may not see. Everyone else walks the index, filtered.
 */
export function searchMembers(
  tracked: CorpState,
  viewer: string,
  q: Query,
  limit: number,
  page: SearchPage = {},
): { hits: Hit[]; total: number } {
  const corp = raw(tracked)
  const offset = page.offset ?? 0
  const current = (u: string) =>
    Object.prototype.hasOwnProperty.call(corp.users, u) ? memberKeys(corp.users[u]) : null
  for (let attempt = 0; ; attempt++) {
    const index = searchIndex(corp)
    const set = visibleSetOf(corp, viewer)
    let outcome: SearchOutcome
    if (set.kind === 'only' && set.members.size <= scanLimit(index.size, offset + limit)) {
      outcome = scanVisible(index, set.members, viewer, q, offset, limit, current)
    } else {
      outcome = index.search(q, limit, visibleTo(corp, viewer), current, offset, page.count === true, {
        viewer,
        set,
      })
    }
    // Another area changed members without telling us: rebuild once and answer from fresh keys.
    if (!outcome.stale || attempt > 0) return { hits: outcome.hits, total: outcome.total }
    dropSearchIndex(corp)
  }
}

/**
 * Ranking n visible members costs ~n; walking the index costs ~limit × N / n candidates before
 * `limit` visible ones turn up. Scan below the break-even point (with a margin for the walk's
 * cheaper steps).
 */
function scanLimit(total: number, limit: number): number {
  return Math.max(256, 2 * Math.sqrt(total * Math.max(limit, 1)))
}

function scanVisible(
  index: MemberSearchIndex,
  members: ReadonlySet<string>,
  viewer: string,
  q: Query,
  offset: number,
  limit: number,
  current: (userid: string) => MemberKeys | null,
): SearchOutcome {
  const hits: Hit[] = []
  if (q.text === '') return { hits, stale: false, total: 0 }
  const rank = (u: string) => {
    const keys = index.keys(u)
    const hit = keys ? bestHit(u, keys, q) : null
    if (hit) hits.push(hit)
  }
  for (const u of members) rank(u)
  if (!members.has(viewer)) rank(viewer)
  hits.sort(compareHits)
  const top = hits.slice(offset, offset + Math.max(0, limit))
  // Same check as the index walk: a hit from keys that no longer hold means the index is stale.
  const stale = top.some((h) => !current(h.userid)?.[h.field].includes(h.key))
  return { hits: top, stale, total: hits.length }
}
