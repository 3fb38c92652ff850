// How the state tree is cut into storage documents, so a write saves only what it changed and no
// document grows past WeChat's 1 MB per key: one document per corp (its directory and admin data),
// and the collections (members, mail stores without their messages, each store's messages,
// idempotency records) in hashed buckets whose count doubles when a bucket grows large.
import type { BackendState, CorpState, MailStore } from '../state'
import type { Path } from '../tx'

/** a collection kept in buckets: where it hangs and how its id is spelled */
/** `stores` holds each mail store without its messages (most stores are small, and many) */
export type CollectionKind = 'users' | 'idempotency' | 'stores' | 'messages'

export interface CollectionRef {
  kind: CollectionKind
  corpid: string
  storeId?: string
}

/** what a write touched, in storage terms */
export type Touch =
  | { kind: 'all' }
  | { kind: 'corp'; corpid: string }
  | { kind: 'corpAll'; corpid: string }
  | { kind: 'storesAll'; corpid: string }
  | { kind: 'store'; corpid: string; storeId: string }
  | { kind: 'storeAll'; corpid: string; storeId: string }
  | { kind: 'item'; col: CollectionRef; key: string }
  | { kind: 'colAll'; col: CollectionRef }

const enc = encodeURIComponent

export const corpDocId = (corpid: string) => `c/${enc(corpid)}`
export const storeDocId = (corpid: string, storeId: string) => `c/${enc(corpid)}/s/${enc(storeId)}`

export function collectionId(col: CollectionRef): string {
  if (col.kind === 'messages') return `${storeDocId(col.corpid, col.storeId ?? '')}/msg`
  const name = col.kind === 'idempotency' ? 'idem' : col.kind
  return `${corpDocId(col.corpid)}/${name}`
}

export const bucketDocId = (colId: string, bucket: number) => `${colId}#${bucket}`

export type DocRef =
  | { kind: 'corp'; corpid: string }
  | { kind: 'store'; corpid: string; storeId: string }
  | { kind: 'bucket'; col: CollectionRef; bucket: number }

/** the inverse of the id builders above (ids come from our own manifest) */
export function parseDocId(id: string): DocRef | null {
  const m = /^c\/([^/#]+)(?:\/(users|idem|stores)#(\d+)|\/s\/([^/#]+)(?:\/msg#(\d+))?)?$/.exec(id)
  if (!m) return null
  const corpid = decodeURIComponent(m[1])
  if (m[2]) {
    const kind = m[2] === 'idem' ? 'idempotency' : (m[2] as 'users' | 'stores')
    return { kind: 'bucket', col: { kind, corpid }, bucket: Number(m[3]) }
  }
  if (m[4]) {
    const storeId = decodeURIComponent(m[4])
    if (m[5] !== undefined)
      return { kind: 'bucket', col: { kind: 'messages', corpid, storeId }, bucket: Number(m[5]) }
    return { kind: 'store', corpid, storeId }
  }
  return { kind: 'corp', corpid }
}

/** FNV-1a, for spreading keys over buckets */
export function hashKey(key: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

export const bucketOf = (key: string, buckets: number) => hashKey(key) & (buckets - 1)

/** Maps the path of a written property to what must be saved. */
export function touchOf(path: Path): Touch {
  if (path[0] !== 'corps' || path.length < 2) return { kind: 'all' }
  const corpid = path[1]
  if (path.length === 2) return { kind: 'corpAll', corpid }
  const field = path[2]
  if (field === 'users' || field === 'idempotency') {
    const col: CollectionRef = { kind: field, corpid }
    return path.length === 3 ? { kind: 'colAll', col } : { kind: 'item', col, key: path[3] }
  }
  if (field !== 'stores') return { kind: 'corp', corpid }
  if (path.length === 3) return { kind: 'storesAll', corpid }
  const storeId = path[3]
  if (path.length === 4) return { kind: 'storeAll', corpid, storeId }
  if (path[4] !== 'messages') return { kind: 'store', corpid, storeId }
  const col: CollectionRef = { kind: 'messages', corpid, storeId }
  return path.length === 5 ? { kind: 'colAll', col } : { kind: 'item', col, key: path[5] }
}

const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k)

/** the live collection object a ref names, or undefined when its owner is gone */
export function collectionOf(state: BackendState, col: CollectionRef): Record<string, unknown> | undefined {
  const corp = has(state.corps, col.corpid) ? state.corps[col.corpid] : undefined
  if (!corp) return undefined
  if (col.kind === 'users') return corp.users as Record<string, unknown>
  if (col.kind === 'idempotency') return corp.idempotency as Record<string, unknown>
  if (col.kind === 'stores') return corp.stores as Record<string, unknown>
  const store =
    col.storeId !== undefined && has(corp.stores, col.storeId) ? corp.stores[col.storeId] : undefined
  return store ? (store.messages as Record<string, unknown>) : undefined
}

/** A corp without what lives in documents of its own. */
export function corpDocBody(corp: CorpState): Record<string, unknown> {
  const { users: _u, idempotency: _i, stores: _s, ...rest } = corp
  return rest
}

export function storeDocBody(store: MailStore): Record<string, unknown> {
  const { messages: _m, ...rest } = store
  return rest
}

/** Every collection of the state, for a full save. */
export function collectionsOf(state: BackendState): CollectionRef[] {
  const out: CollectionRef[] = []
  for (const corpid of Object.keys(state.corps)) {
    out.push({ kind: 'users', corpid }, { kind: 'idempotency', corpid }, { kind: 'stores', corpid })
    for (const storeId of Object.keys(state.corps[corpid].stores))
      out.push({ kind: 'messages', corpid, storeId })
  }
  return out
}
