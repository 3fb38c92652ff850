// Directory search (product spec 4.4): what a member is found by, and how results rank.
// Keys per member: Chinese name, full pinyin, pinyin initials, userid, mail addresses, position.
// Ranking: exact > prefix > substring; then field (in SEARCH_FIELDS order), then key, then userid.
import { namePinyin as syllablesOf } from './pinyin'

export const SEARCH_FIELDS = ['name', 'pinyin', 'initials', 'userid', 'email', 'position'] as const
export type SearchField = (typeof SEARCH_FIELDS)[number]

export const TIER_EXACT = 0
export const TIER_PREFIX = 1
export const TIER_SUBSTRING = 2
export type Tier = 0 | 1 | 2

export const SEARCH_QUERY_MAX = 128
export const SEARCH_LIMIT_DEFAULT = 20
export const SEARCH_LIMIT_MAX = 100

export type MemberKeys = Record<SearchField, string[]>

const CJK_RE = /[\u3400-\u9fff\uf900-\ufaff]/
const pinyinMemo = new Map<string, { full: string; initials: string } | null>()

/**
 * Full pinyin and initials of a name, surnames read as surnames (单 shan, 曾 zeng, 解 xie).
 * null when the name has no Chinese character (its pinyin would only repeat the name).
 */
export function namePinyin(name: string): { full: string; initials: string } | null {
  const hit = pinyinMemo.get(name)
  if (hit !== undefined) return hit
  let out: { full: string; initials: string } | null = null
  if (CJK_RE.test(name)) {
    const syllables = syllablesOf(name)
      .map((s) => s.toLowerCase().replace(/\s+/g, ''))
      .filter((s) => s !== '')
    out = { full: syllables.join(''), initials: syllables.map((s) => s[0]).join('') }
  }
  // Names repeat a lot; the memo is bounded so a huge org cannot grow it without limit.
  if (pinyinMemo.size >= 100_000) pinyinMemo.clear()
  pinyinMemo.set(name, out)
  return out
}

export interface SearchableMember {
  userid: string
  name: string
  position: string
  biz_mail: string
  alias: readonly string[]
}

export function memberKeys(m: SearchableMember): MemberKeys {
  const py = namePinyin(m.name)
  const email = [m.biz_mail, ...m.alias].filter((a) => a !== '').map((a) => a.toLowerCase())
  return {
    name: [m.name.toLowerCase()],
    pinyin: py ? [py.full] : [],
    initials: py ? [py.initials] : [],
    userid: [m.userid.toLowerCase()],
    email: Array.from(new Set(email)),
    position: m.position ? [m.position.toLowerCase()] : [],
  }
}

export interface Query {
  /** lower-cased, trimmed */
  text: string
  /** without whitespace: what pinyin and initials are compared with ("zhang san" finds 张三) */
  compact: string
}

export function normalizeQuery(raw: string): Query {
  const text = raw.trim().toLowerCase()
  return { text, compact: text.replace(/\s+/g, '') }
}

export function queryFor(q: Query, field: SearchField): string {
  return field === 'pinyin' || field === 'initials' ? q.compact : q.text
}

/** A single Latin letter or digit matches by prefix only: as a substring it would match nearly everyone. */
export function substringAllowed(q: string): boolean {
  return q.length >= 2 || CJK_RE.test(q)
}

export function tierOf(key: string, q: string): Tier | null {
  if (q === '') return null
  if (key === q) return TIER_EXACT
  if (key.startsWith(q)) return TIER_PREFIX
  if (substringAllowed(q) && key.includes(q)) return TIER_SUBSTRING
  return null
}

export interface Hit {
  userid: string
  tier: Tier
  field: SearchField
  /** the key that matched (for highlighting and ordering) */
  key: string
}

/** The member's best match for the query, or null. */
export function bestHit(userid: string, keys: MemberKeys, q: Query): Hit | null {
  let best: Hit | null = null
  for (const field of SEARCH_FIELDS) {
    const fq = queryFor(q, field)
    for (const key of keys[field]) {
      const tier = tierOf(key, fq)
      if (tier === null) continue
      const hit: Hit = { userid, tier, field, key }
      if (!best || compareHits(hit, best) < 0) best = hit
    }
  }
  return best
}

const FIELD_RANK: Record<SearchField, number> = {
  name: 0,
  pinyin: 1,
  initials: 2,
  userid: 3,
  email: 4,
  position: 5,
}

export function fieldRank(f: SearchField): number {
  return FIELD_RANK[f]
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

export function compareHits(a: Hit, b: Hit): number {
  return (
    a.tier - b.tier ||
    FIELD_RANK[a.field] - FIELD_RANK[b.field] ||
    cmp(a.key, b.key) ||
    cmp(a.userid, b.userid)
  )
}

/** Reference ranking by scanning every member: the index must answer exactly this. */
export function scanSearch(
  members: Iterable<{ userid: string; keys: MemberKeys }>,
  q: Query,
  limit: number,
  visible: (userid: string) => boolean = () => true,
): Hit[] {
  const hits: Hit[] = []
  if (q.text === '') return hits
  for (const m of members) {
    const hit = bestHit(m.userid, m.keys, q)
    if (hit && visible(m.userid)) hits.push(hit)
  }
  hits.sort(compareHits)
  return hits.slice(0, limit)
}

/**
 * Keys of something found by its name (a department, a business mailbox): the name, its pinyin and
 * initials, and the given addresses. Ranked with members' rules.
 */
export function namedKeys(name: string, emails: readonly string[] = []): MemberKeys {
  const py = namePinyin(name)
  return {
    name: [name.toLowerCase()],
    pinyin: py ? [py.full] : [],
    initials: py ? [py.initials] : [],
    userid: [],
    email: Array.from(new Set(emails.filter((a) => a !== '').map((a) => a.toLowerCase()))),
    position: [],
  }
}

export interface NamedHit<T> {
  item: T
  tier: Tier
  field: SearchField
  key: string
}

/** Items matching the query, best first (ties keep the given order), at most `limit`. */
export function searchNamed<T>(
  items: Iterable<T>,
  keysOf: (item: T) => MemberKeys,
  q: Query,
  limit: number,
): NamedHit<T>[] {
  const hits: Array<NamedHit<T> & Hit> = []
  if (q.text === '') return []
  for (const item of items) {
    // no id in the comparison: the sort is stable, so equal hits stay in the caller's order
    const hit = bestHit('', keysOf(item), q)
    if (hit) hits.push({ ...hit, item })
  }
  hits.sort(compareHits)
  return hits.slice(0, limit).map(({ item, tier, field, key }) => ({ item, tier, field, key }))
}
