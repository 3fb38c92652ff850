// What a write touched, in table terms: the core reports each written path of its state
// (src/api/mock/tx.ts), and the SQL adapter rewrites exactly the rows behind those paths.
import type { Path } from '../../src/api/mock/tx'
import { CORP_COLLECTIONS, type CorpCollection } from './tables'

export type StoreCollection = 'folders' | 'messages' | 'drafts'
const STORE_COLLECTIONS: readonly string[] = ['folders', 'messages', 'drafts']
const CORP_COLLECTION_SET: readonly string[] = CORP_COLLECTIONS
/** a field name that is no collection: stands for the row of the corp or store itself */
const ROW = 'row'

export type Unit =
  | { k: 'all' }
  | { k: 'corp'; c: string }
  | { k: 'corpRow'; c: string }
  | { k: 'coll'; c: string; coll: Exclude<CorpCollection, 'stores'> }
  | { k: 'item'; c: string; coll: Exclude<CorpCollection, 'stores'>; key: string }
  | { k: 'mailboxRow'; c: string; id: string }
  | { k: 'stores'; c: string }
  | { k: 'store'; c: string; s: string }
  | { k: 'storeRow'; c: string; s: string }
  | { k: 'settings'; c: string; s: string }
  | { k: 'scoll'; c: string; s: string; coll: StoreCollection }
  | { k: 'sitem'; c: string; s: string; coll: StoreCollection; key: string }

export function unitOf(path: Path): Unit {
  if (path[0] !== 'corps' || path.length < 2) return { k: 'all' }
  const c = path[1]
  if (path.length === 2) return { k: 'corp', c }
  const field = path[2]
  // Its records have a port of their own (store/idempotency.ts): a write here would be lost.
  if (field === 'idempotency') throw new Error('idempotency records are written through their port')
  if (!CORP_COLLECTION_SET.includes(field)) return { k: 'corpRow', c }
  if (field === 'publicmails' && path.length >= 5) {
    // A client login's bookkeeping: the guard in the mailbox's own row, not the mailbox with
    // every alias rewritten.
    const part = path[4]
    if (part === 'clientLogin') return { k: 'mailboxRow', c, id: path[3] }
    // Client passwords have a port of their own (store/clientPasswords.ts): a write here would be lost.
    if (part === 'authCodes') throw new Error('client passwords are written through their port')
  }
  if (field !== 'stores') {
    const coll = field as Exclude<CorpCollection, 'stores'>
    return path.length === 3 ? { k: 'coll', c, coll } : { k: 'item', c, coll, key: path[3] }
  }
  if (path.length === 3) return { k: 'stores', c }
  const s = path[3]
  if (path.length === 4) return { k: 'store', c, s }
  const sf = path[4]
  // Settings have a port of their own (store/settings.ts): a change record from before it only.
  if (sf === 'shared' || sf === 'personal') return { k: 'settings', c, s }
  if (!STORE_COLLECTIONS.includes(sf)) return { k: 'storeRow', c, s }
  const coll = sf as StoreCollection
  return path.length === 5 ? { k: 'scoll', c, s, coll } : { k: 'sitem', c, s, coll, key: path[5] }
}

/** a write the state must not take: its rows are a port's, which would never see it */
export function refusedWrite(path: Path): string | null {
  return path[0] === 'corps' && path[2] === 'stores' && (path[4] === 'shared' || path[4] === 'personal')
    ? 'mailbox settings are written through their port'
    : null
}

/** the touched units of one call, with what a coarser unit covers left out */
export class UnitSet {
  all = false
  readonly corps = new Map<string, CorpUnits>()

  add(path: Path): void {
    const u = unitOf(path)
    if (u.k === 'all') {
      this.all = true
      return
    }
    let cu = this.corps.get(u.c)
    if (!cu) this.corps.set(u.c, (cu = new CorpUnits()))
    cu.add(u)
  }

  clear(): void {
    this.all = false
    this.corps.clear()
  }

  get empty(): boolean {
    return !this.all && this.corps.size === 0
  }

  /**
   * The units as paths that unitOf maps back to the same units: the change feed's record of a
   * commit, so another instance reads back exactly the rows this one wrote.
   */
  paths(): Path[] {
    if (this.all) return [['all']]
    const out: Path[] = []
    for (const [c, cu] of this.corps) cu.pathsInto(['corps', c], out)
    return out
  }
}

export class CorpUnits {
  whole = false
  row = false
  readonly colls = new Set<Exclude<CorpCollection, 'stores'>>()
  readonly items = new Map<Exclude<CorpCollection, 'stores'>, Set<string>>()
  /** business mailboxes whose own row alone changed (the client-login guard), by id */
  readonly mailboxRows = new Set<string>()
  allStores = false
  readonly stores = new Map<string, StoreUnits>()

  add(u: Exclude<Unit, { k: 'all' }>): void {
    switch (u.k) {
      case 'corp':
        this.whole = true
        return
      case 'corpRow':
        this.row = true
        return
      case 'coll':
        this.colls.add(u.coll)
        return
      case 'item': {
        let set = this.items.get(u.coll)
        if (!set) this.items.set(u.coll, (set = new Set()))
        set.add(u.key)
        return
      }
      case 'mailboxRow':
        this.mailboxRows.add(u.id)
        return
      case 'stores':
        this.allStores = true
        return
      default: {
        let su = this.stores.get(u.s)
        if (!su) this.stores.set(u.s, (su = new StoreUnits()))
        su.add(u)
      }
    }
  }

  /** whether the mailbox is rewritten (or read back) whole, its rows and children with it */
  wholeMailbox(id: string): boolean {
    return this.colls.has('publicmails') || (this.items.get('publicmails')?.has(id) ?? false)
  }

  pathsInto(corp: Path, out: Path[]): void {
    if (this.whole) {
      out.push(corp)
      return
    }
    // Any field that is not a collection names the corp's own row.
    if (this.row) out.push([...corp, ROW])
    for (const coll of this.colls) out.push([...corp, coll])
    for (const [coll, keys] of this.items) {
      if (this.colls.has(coll)) continue
      for (const key of keys) out.push([...corp, coll, key])
    }
    for (const id of this.mailboxRows)
      if (!this.wholeMailbox(id)) out.push([...corp, 'publicmails', id, 'clientLogin'])
    if (this.allStores) {
      out.push([...corp, 'stores'])
      return
    }
    for (const [s, su] of this.stores) su.pathsInto([...corp, 'stores', s], out)
  }
}

export class StoreUnits {
  whole = false
  row = false
  readonly colls = new Set<StoreCollection>()
  readonly items = new Map<StoreCollection, Set<string>>()

  add(u: Extract<Unit, { s: string }>): void {
    switch (u.k) {
      case 'store':
        this.whole = true
        return
      case 'storeRow':
        this.row = true
        return
      case 'settings':
        // nothing of the state to read back: the settings port reads the rows themselves
        return
      case 'scoll':
        this.colls.add(u.coll)
        return
      case 'sitem': {
        let set = this.items.get(u.coll)
        if (!set) this.items.set(u.coll, (set = new Set()))
        set.add(u.key)
      }
    }
  }

  pathsInto(store: Path, out: Path[]): void {
    if (this.whole) {
      out.push(store)
      return
    }
    if (this.row) out.push([...store, ROW])
    for (const coll of this.colls) out.push([...store, coll])
    for (const [coll, keys] of this.items) {
      if (this.colls.has(coll)) continue
      for (const key of keys) out.push([...store, coll, key])
    }
  }
}
