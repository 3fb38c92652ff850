// Saves the state as documents under versioned keys and commits them with one manifest write, so a
// crash or a failing storage leaves the previous state whole. The manifest alternates between two
// root slots; the versions the previous manifest names are kept until the next commit, so a damaged
// newest save falls back to the one before it.
import type { KeyValueStorage } from '../../contract'
import type { BackendState, MailStore } from '../state'
import { checksum, stateShapeProblem } from '../persistence'
import {
  bucketDocId,
  bucketOf,
  collectionId,
  collectionOf,
  collectionsOf,
  corpDocBody,
  corpDocId,
  parseDocId,
  storeDocBody,
  storeDocId,
  type CollectionRef,
  type DocRef,
  type Touch,
} from './layout'

export const KEY_PREFIX = 'bizmail.s2.'
const ROOT_KEYS = [`${KEY_PREFIX}root.0`, `${KEY_PREFIX}root.1`]
/** a bucket is split in two once its document passes this size */
const SPLIT_BYTES = 64 * 1024
const TARGET_BYTES = 24 * 1024
const MAX_BUCKETS = 4096

/** [generation written, checksum, bytes] */
type DocEntry = [number, string, number]

export interface Manifest {
  v: 2
  schema: number
  gen: number
  docs: Record<string, DocEntry>
  /** bucket count of each collection */
  cols: Record<string, number>
  /** storage keys no manifest after this one needs: removed once the next commit is durable */
  retired: string[]
}

export interface SavePlan {
  manifest: Manifest
  writes: { key: string; docId: string; text: string; sum: string; bytes: number }[]
  members: Map<string, Set<string>[]>
  /** collections whose owner is gone */
  dropped: Set<string>
  /** the full state was written (nothing can be assumed of storage) */
  full: boolean
}

export type LoadResult =
  | { kind: 'empty' }
  | { kind: 'loaded'; state: BackendState; recovery: string | null }
  | { kind: 'rejected'; reason: string }

/** UTF-8 length: WeChat's storage limits count bytes */
export function utf8Bytes(s: string): number {
  let n = s.length
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x80) continue
    // 2 bytes below U+0800; a surrogate pair is 4 bytes (2 units); the rest of the BMP is 3
    n += c < 0x800 || (c >= 0xd800 && c <= 0xdfff) ? 1 : 2
  }
  return n
}

const docKey = (docId: string, gen: number) => `${KEY_PREFIX}${docId}@${gen}`
const seal = (text: string) => checksum(text) + text

function unseal(value: unknown): { text: string; sum: string } | null {
  if (typeof value !== 'string' || value.length < 8) return null
  const sum = value.slice(0, 8)
  const text = value.slice(8)
  return checksum(text) === sum ? { text, sum } : null
}

const nextPow2 = (n: number) => {
  let p = 1
  while (p < n && p < MAX_BUCKETS) p *= 2
  return p
}

export class DocumentStore {
  /** null until a full save landed: until then every save is a full one */
  private manifest: Manifest | null = null
  /** bucket membership per collection id */
  private members = new Map<string, Set<string>[]>()
  /** bytes of every key believed present */
  private keys = new Map<string, number>()
  /** the highest generation seen in storage: a new save must outrank every root there */
  private floor = 0

  constructor(private readonly storage: KeyValueStorage | undefined) {}

  /** what the state occupies in storage (every kept version counted) */
  usage(): { bytes: number; keys: number; largest: number } {
    let bytes = 0
    let largest = 0
    for (const b of this.keys.values()) {
      bytes += b
      largest = Math.max(largest, b)
    }
    return { bytes, keys: this.keys.size, largest }
  }

  // ---- saving -------------------------------------------------------------------------------

  /** The documents a set of touches changed, serialized, and the manifest that commits them. */
  plan(state: BackendState, touches: Touch[] | 'all'): SavePlan {
    const base = this.manifest
    const full = touches === 'all' || base === null
    const docs: Record<string, DocEntry> = full ? {} : { ...base.docs }
    const cols: Record<string, number> = full ? {} : { ...base.cols }
    const members = new Map<string, Set<string>[]>()
    const dropped = new Set<string>()
    const texts = new Map<string, string | null>()
    const cmembers = (colId: string) => members.get(colId) ?? this.members.get(colId)

    const removePrefix = (prefix: string) => {
      for (const id of Object.keys(docs))
        if (id === prefix || id.startsWith(`${prefix}/`)) texts.set(id, null)
      for (const colId of Object.keys(cols)) if (colId.startsWith(`${prefix}/`)) delete cols[colId]
      for (const colId of this.members.keys()) if (colId.startsWith(`${prefix}/`)) dropped.add(colId)
    }
    const rebuildCollection = (col: CollectionRef, buckets?: number) => {
      const colId = collectionId(col)
      const items = collectionOf(state, col)
      if (!items) return
      const keys = Object.keys(items)
      const n = buckets ?? Math.max(cols[colId] ?? 1, nextPow2(Math.ceil((keys.length * 400) / TARGET_BYTES)))
      const sets = Array.from({ length: n }, () => new Set<string>())
      for (const k of keys) sets[bucketOf(k, n)].add(k)
      members.set(colId, sets)
      cols[colId] = n
      for (const id of Object.keys(docs)) if (id.startsWith(`${colId}#`)) texts.set(id, null)
      sets.forEach((_, b) => texts.set(bucketDocId(colId, b), ''))
    }
    const touchItem = (col: CollectionRef, key: string) => {
      const colId = collectionId(col)
      const items = collectionOf(state, col)
      let sets = cmembers(colId)
      if (!items) return
      if (!sets) return rebuildCollection(col)
      if (!members.has(colId)) {
        sets = sets.slice()
        members.set(colId, sets)
      }
      const b = bucketOf(key, sets.length)
      const present = Object.prototype.hasOwnProperty.call(items, key)
      if (present !== sets[b].has(key)) {
        sets[b] = new Set(sets[b])
        if (present) sets[b].add(key)
        else sets[b].delete(key)
      }
      texts.set(bucketDocId(colId, b), '')
    }
    const store = (corpid: string, storeId: string, all: boolean) => {
      const corp = state.corps[corpid]
      if (!corp) return
      const s = Object.prototype.hasOwnProperty.call(corp.stores, storeId) ? corp.stores[storeId] : undefined
      touchItem({ kind: 'stores', corpid }, storeId)
      if (!s) return removePrefix(storeDocId(corpid, storeId)) // its message buckets
      if (all) rebuildCollection({ kind: 'messages', corpid, storeId })
    }
    const storesAll = (corpid: string) => {
      const corp = state.corps[corpid]
      for (const id of Object.keys(docs)) {
        const ref = parseDocId(id)
        const sid = ref?.kind === 'bucket' && ref.col.kind === 'messages' ? ref.col.storeId : undefined
        if (sid !== undefined && ref?.kind === 'bucket' && ref.col.corpid === corpid) {
          if (!corp || !Object.prototype.hasOwnProperty.call(corp.stores, sid))
            removePrefix(storeDocId(corpid, sid))
        }
      }
      if (!corp) return
      rebuildCollection({ kind: 'stores', corpid })
      for (const s of Object.keys(corp.stores)) rebuildCollection({ kind: 'messages', corpid, storeId: s })
    }
    const corpAll = (corpid: string) => {
      const corp = Object.prototype.hasOwnProperty.call(state.corps, corpid) ? state.corps[corpid] : undefined
      if (!corp) return removePrefix(corpDocId(corpid))
      texts.set(corpDocId(corpid), '')
      rebuildCollection({ kind: 'users', corpid })
      rebuildCollection({ kind: 'idempotency', corpid })
      storesAll(corpid)
    }
    const everything = () => {
      for (const id of Object.keys(docs)) {
        const ref = parseDocId(id)
        if (ref?.kind === 'corp' && !Object.prototype.hasOwnProperty.call(state.corps, ref.corpid))
          removePrefix(id)
      }
      for (const c of Object.keys(state.corps)) corpAll(c)
    }

    if (full) everything()
    else {
      for (const t of touches) {
        switch (t.kind) {
          case 'all':
            everything()
            break
          case 'corpAll':
            corpAll(t.corpid)
            break
          case 'corp':
            if (Object.prototype.hasOwnProperty.call(state.corps, t.corpid))
              texts.set(corpDocId(t.corpid), '')
            else corpAll(t.corpid)
            break
          case 'storesAll':
            storesAll(t.corpid)
            break
          case 'storeAll':
          case 'store':
            store(t.corpid, t.storeId, t.kind === 'storeAll')
            break
          case 'colAll':
            rebuildCollection(t.col)
            break
          case 'item':
            touchItem(t.col, t.key)
            break
        }
      }
    }

    // Serialize; a bucket that grew too large splits its collection and is written again.
    const serialize = () => {
      for (const [id, prev] of texts) {
        if (prev === null || prev !== '') continue
        const ref = parseDocId(id)
        texts.set(id, ref ? docText(state, ref, cmembers) : null)
      }
    }
    serialize()
    for (let round = 0; round < 12; round++) {
      let split = false
      for (const [id, text] of texts) {
        if (!text || text.length * 3 <= SPLIT_BYTES || utf8Bytes(text) <= SPLIT_BYTES) continue
        const ref = parseDocId(id)
        if (ref?.kind !== 'bucket') continue
        const colId = collectionId(ref.col)
        const n = cols[colId] ?? 1
        if (n >= MAX_BUCKETS) continue
        rebuildCollection(ref.col, n * 2)
        split = true
      }
      if (!split) break
      serialize()
    }

    const gen = Math.max(base?.gen ?? 0, this.floor) + 1
    const writes: SavePlan['writes'] = []
    for (const [id, text] of texts) {
      if (text === null || text === '') {
        if (text === null) delete docs[id]
        continue
      }
      const sum = checksum(text)
      const bytes = utf8Bytes(text) + 8
      const prev = docs[id]
      if (!full && prev && prev[1] === sum && prev[2] === bytes) continue
      writes.push({ key: docKey(id, gen), docId: id, text, sum, bytes })
      docs[id] = [gen, sum, bytes]
    }
    const stillNamed = new Set(Object.entries(docs).map(([id, e]) => docKey(id, e[0])))
    const retired = base
      ? Object.entries(base.docs)
          .map(([id, e]) => docKey(id, e[0]))
          .filter((k) => !stillNamed.has(k))
      : []
    // One bucket is the default: most collections (a member's mail) never grow past it.
    for (const colId of Object.keys(cols)) if (cols[colId] === 1) delete cols[colId]
    return {
      manifest: { v: 2, schema: state.schema, gen, docs, cols, retired },
      writes,
      members,
      dropped,
      full,
    }
  }

  /** true when the plan changes nothing stored */
  static isEmpty(plan: SavePlan, base: Manifest | null): boolean {
    return !plan.full && plan.writes.length === 0 && base !== null && sameDocs(plan.manifest, base)
  }

  get current(): Manifest | null {
    return this.manifest
  }

  /** Writes a plan's documents, then its manifest; throws (after cleaning up) when storage fails. */
  async write(plan: SavePlan): Promise<void> {
    const storage = this.storage
    if (!storage) return
    const written: string[] = []
    try {
      for (const w of plan.writes) {
        await storage.set(w.key, w.sum + w.text)
        written.push(w.key)
      }
      const root = ROOT_KEYS[plan.manifest.gen % 2]
      await storage.set(root, seal(JSON.stringify(plan.manifest)))
    } catch (e) {
      for (const k of written) {
        try {
          await storage.remove(k)
        } catch {
          // best effort: an orphan version is garbage, never read
        }
      }
      throw e
    }
  }

  /** After a durable write: adopt the plan and drop versions no manifest needs any more. */
  async adopt(plan: SavePlan): Promise<void> {
    const before = this.manifest
    this.manifest = plan.manifest
    for (const [colId, sets] of plan.members) this.members.set(colId, sets)
    for (const colId of [...this.members.keys()])
      if (plan.dropped.has(colId) && !plan.members.has(colId)) this.members.delete(colId)
    for (const w of plan.writes) this.keys.set(w.key, w.bytes + w.key.length)
    this.keys.set(ROOT_KEYS[plan.manifest.gen % 2], JSON.stringify(plan.manifest).length + 8)
    const storage = this.storage
    if (!storage || !before) return
    for (const k of before.retired) {
      this.keys.delete(k)
      try {
        await storage.remove(k)
      } catch {
        // a key left behind costs space, not correctness
      }
    }
  }

  /** Docs whose stored checksum no longer matches the state: writes that bypassed tracking. */
  verify(state: BackendState): string[] {
    const base = this.manifest
    if (!base) return []
    const bad: string[] = []
    const lookup = (colId: string) => this.members.get(colId)
    for (const [id, e] of Object.entries(base.docs)) {
      const ref = parseDocId(id)
      const text = ref ? docText(state, ref, lookup) : null
      if (text === null || checksum(text) !== e[1]) bad.push(id)
    }
    for (const corpid of Object.keys(state.corps)) {
      if (!base.docs[corpDocId(corpid)]) bad.push(corpDocId(corpid))
    }
    for (const col of collectionsOf(state)) {
      const items = collectionOf(state, col) ?? {}
      const sets = lookup(collectionId(col)) ?? []
      const counted = sets.reduce((n, set) => n + set.size, 0)
      if (counted !== Object.keys(items).length) bad.push(collectionId(col))
    }
    return bad
  }

  // ---- loading ------------------------------------------------------------------------------

  async load(): Promise<LoadResult> {
    const storage = this.storage
    if (!storage) return { kind: 'empty' }
    const roots: { manifest: Manifest; slot: number }[] = []
    let damagedRoot = false
    for (let slot = 0; slot < 2; slot++) {
      let value: unknown
      try {
        value = await storage.get(ROOT_KEYS[slot])
      } catch {
        damagedRoot = true
        continue
      }
      if (value === undefined || value === null || value === '') continue
      const sealed = unseal(value)
      const manifest = sealed ? parseManifest(sealed.text) : null
      if (manifest) roots.push({ manifest, slot })
      else damagedRoot = true
    }
    if (roots.length === 0) {
      return damagedRoot
        ? { kind: 'rejected', reason: '保存的数据已损坏（目录无法读取）' }
        : { kind: 'empty' }
    }
    roots.sort((a, b) => b.manifest.gen - a.manifest.gen)
    this.floor = roots[0].manifest.gen
    for (let i = 0; i < roots.length; i++) {
      const { manifest } = roots[i]
      const out = await this.assemble(manifest, false)
      if (out.lost.length === 0 && out.state) {
        this.adoptLoaded(manifest, out.members, roots)
        // A save of an earlier layout (one document per store): the next save rewrites it whole.
        if (Object.keys(manifest.docs).some((id) => parseDocId(id)?.kind === 'store')) this.manifest = null
        const fellBack = i > 0 || damagedRoot
        return {
          kind: 'loaded',
          state: out.state,
          recovery: fellBack
            ? '最近一次保存未能完整写入，已恢复到上一次完整保存的数据（最后一次更改已丢失）'
            : null,
        }
      }
    }
    // Neither manifest loads whole: keep every document that is intact and say what is gone.
    const newest = roots[0].manifest
    const out = await this.assemble(newest, true)
    if (!out.state) return { kind: 'rejected', reason: '保存的数据已损坏，无法恢复' }
    this.manifest = null // the next save writes everything anew
    return {
      kind: 'loaded',
      state: out.state,
      recovery: `部分保存的数据已损坏，无法恢复：${out.lost.slice(0, 5).join('、')}${out.lost.length > 5 ? ` 等 ${out.lost.length} 项` : ''}；其余数据已保留`,
    }
  }

  private adoptLoaded(
    manifest: Manifest,
    members: Map<string, Set<string>[]>,
    roots: { manifest: Manifest; slot: number }[],
  ) {
    this.manifest = manifest
    this.members = members
    this.keys.clear()
    for (const r of roots) {
      for (const [id, e] of Object.entries(r.manifest.docs))
        this.keys.set(docKey(id, e[0]), e[2] + docKey(id, e[0]).length)
      this.keys.set(ROOT_KEYS[r.slot], JSON.stringify(r.manifest).length + 8)
    }
  }

  private async assemble(manifest: Manifest, salvage: boolean): Promise<Assembled> {
    const storage = this.storage as KeyValueStorage
    const values = new Map<string, unknown>()
    for (const [id, entry] of Object.entries(manifest.docs)) {
      const key = docKey(id, entry[0])
      try {
        values.set(key, await storage.get(key))
      } catch {
        values.set(key, undefined)
      }
    }
    return assembleState(manifest, (key) => values.get(key), salvage)
  }
}

interface Assembled {
  state: BackendState | null
  lost: string[]
  members: Map<string, Set<string>[]>
}

/** The state a manifest names, read through get (missing or damaged documents are lost). */
function assembleState(manifest: Manifest, get: (key: string) => unknown, salvage: boolean): Assembled {
  const lost: string[] = []
  const members = new Map<string, Set<string>[]>()
  const state = { schema: manifest.schema, corps: {} } as BackendState
  const bodies: {
    id: string
    ref: NonNullable<ReturnType<typeof parseDocId>>
    body: Record<string, unknown>
  }[] = []
  for (const [id, entry] of Object.entries(manifest.docs)) {
    const ref = parseDocId(id)
    let body: unknown = null
    try {
      const sealed = unseal(get(docKey(id, entry[0])))
      if (sealed && sealed.sum === entry[1]) body = JSON.parse(sealed.text)
    } catch {
      body = null
    }
    if (!ref || !body || typeof body !== 'object' || Array.isArray(body)) {
      lost.push(describe(ref, id))
      if (!salvage) return { state: null, lost, members }
      continue
    }
    bodies.push({ id, ref, body: body as Record<string, unknown> })
  }
  // corps first, then the stores their message buckets belong in
  const rank = (r: DocRef) => (r.kind === 'corp' ? 0 : r.kind === 'store' || r.col.kind === 'stores' ? 1 : 2)
  bodies.sort((a, b) => rank(a.ref) - rank(b.ref))
  for (const { ref, body } of bodies) {
    if (ref.kind === 'corp') {
      state.corps[ref.corpid] = {
        ...body,
        users: {},
        idempotency: {},
        stores: {},
      } as unknown as BackendState['corps'][string]
      continue
    }
    const corp = state.corps[ref.kind === 'store' ? ref.corpid : ref.col.corpid]
    if (!corp) continue // its corp document was lost: reported there
    if (ref.kind === 'store') {
      corp.stores[ref.storeId] = { ...body, messages: {} } as unknown as (typeof corp.stores)[string]
      continue
    }
    const items = collectionOf(state, ref.col)
    if (!items) continue
    if (ref.col.kind === 'stores') {
      for (const [sid, meta] of Object.entries(body)) items[sid] = { ...(meta as object), messages: {} }
    } else Object.assign(items, body)
    const colId = collectionId(ref.col)
    const n = manifest.cols[colId] ?? 1
    let sets = members.get(colId)
    if (!sets) {
      sets = Array.from({ length: n }, () => new Set<string>())
      members.set(colId, sets)
    }
    for (const k of Object.keys(body)) sets[ref.bucket]?.add(k)
  }
  for (const col of collectionsOf(state)) {
    const colId = collectionId(col)
    if (!members.has(colId))
      members.set(
        colId,
        Array.from({ length: manifest.cols[colId] ?? 1 }, () => new Set<string>()),
      )
  }
  const problem = stateShapeProblem(state.corps as unknown as Record<string, unknown>)
  if (problem) {
    lost.push(`数据结构不正确（${problem}）`)
    return { state: null, lost, members }
  }
  return { state, lost, members }
}

/** The newest whole state in a synchronous storage (tests and tools read what was saved). */
export function readSavedState(get: (key: string) => unknown): BackendState | null {
  const roots = ROOT_KEYS.map((k) => unseal(get(k)))
    .map((sealed) => (sealed ? parseManifest(sealed.text) : null))
    .filter((m): m is Manifest => m !== null)
    .sort((a, b) => b.gen - a.gen)
  for (const m of roots) {
    const out = assembleState(m, get, false)
    if (out.state) return out.state
  }
  return null
}

/** A document's text from the live state, or null when it has nothing to hold. */
function docText(
  state: BackendState,
  ref: NonNullable<ReturnType<typeof parseDocId>>,
  membersOf: (colId: string) => Set<string>[] | undefined,
): string | null {
  const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k)
  const corpid = ref.kind === 'bucket' ? ref.col.corpid : ref.corpid
  const corp = has(state.corps, corpid) ? state.corps[corpid] : undefined
  if (ref.kind === 'corp') return corp ? JSON.stringify(corpDocBody(corp)) : null
  if (ref.kind === 'store') {
    const store = corp && has(corp.stores, ref.storeId) ? corp.stores[ref.storeId] : undefined
    return store ? JSON.stringify(storeDocBody(store)) : null
  }
  const items = collectionOf(state, ref.col)
  const set = membersOf(collectionId(ref.col))?.[ref.bucket]
  if (!items || !set || set.size === 0) return null
  const part: Record<string, unknown> = {}
  const stores = ref.col.kind === 'stores'
  for (const k of set) part[k] = stores ? storeDocBody(items[k] as MailStore) : items[k]
  return JSON.stringify(part)
}

function describe(ref: ReturnType<typeof parseDocId>, id: string): string {
  if (!ref) return id
  if (ref.kind === 'corp') return `企业 ${ref.corpid} 的通讯录与管理数据`
  if (ref.kind === 'store' || ref.col.kind === 'stores')
    return `企业 ${ref.kind === 'store' ? ref.corpid : ref.col.corpid} 的一部分邮箱设置`
  const what = ref.col.kind === 'users' ? '成员' : ref.col.kind === 'messages' ? '邮件' : '幂等记录'
  return `企业 ${ref.col.corpid}${ref.col.storeId ? ` 邮箱 ${ref.col.storeId}` : ''} 的一部分${what}`
}

function sameDocs(a: Manifest, b: Manifest): boolean {
  const ka = Object.keys(a.docs)
  if (ka.length !== Object.keys(b.docs).length) return false
  return ka.every((k) => b.docs[k] && b.docs[k][0] === a.docs[k][0])
}

function parseManifest(text: string): Manifest | null {
  try {
    const m = JSON.parse(text) as Manifest
    if (
      m &&
      m.v === 2 &&
      typeof m.gen === 'number' &&
      typeof m.schema === 'number' &&
      m.docs &&
      typeof m.docs === 'object' &&
      m.cols &&
      typeof m.cols === 'object' &&
      Array.isArray(m.retired)
    ) {
      return m
    }
  } catch {
    // falls through: a damaged manifest
  }
  return null
}
