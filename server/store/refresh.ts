// Reading back what other instances committed, row by row: the change feed (core_changes.paths)
// names the units each commit wrote (units.ts), and only their rows are read and patched into this
// instance's state. A corp is loaded whole only when a commit rewrote it whole (or its member list
// as one). Every read comes first and the patch is applied without awaiting, so a failed read
// leaves the state as it was.
import type { Refreshed } from '../../src/api/mock/port'
import type { BackendState, CorpState, MailStore } from '../../src/api/mock/state'
import type { Queryable } from '../db'
import { unescapeDeep } from './nul'
import { assemble, CORP_COLL_TABLE, CORP_TABLES, STORE_COLL_TABLE, STORE_TABLES } from './rows'
import * as t from './tables'
import { TABLES, type Row, type TableName } from './tables'
import type { CorpUnits, StoreCollection, StoreUnits, UnitSet } from './units'
import { whereClause } from './where'

type CorpColl = Exclude<t.CorpCollection, 'stores'>
type Apply = (state: BackendState, out: Refreshed) => void

const q = (name: string) => `"${name}"`
const has = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k)

/** rows of `table` matching `where` (and, with keyCol, one of `keys`), in the core's order */
async function select(
  tx: Queryable,
  table: TableName,
  where: Record<string, unknown>,
  keyCol?: string,
  keys?: unknown[],
): Promise<Row[]> {
  const def = TABLES[table]
  const w = whereClause(table, where, keyCol, keys)
  const order = def.ordered ? 'seq' : def.key.map(q).join(', ')
  const sql = `SELECT * FROM ${table}${w.sql} ORDER BY ${order}`
  return unescapeDeep((await tx.query<Row>(sql, w.params)).rows)
}

async function selectTables(
  tx: Queryable,
  tables: readonly TableName[],
  where: Record<string, unknown>,
): Promise<Record<TableName, Row[]>> {
  const out = Object.fromEntries(CORP_TABLES.map((n) => [n, [] as Row[]])) as Record<TableName, Row[]>
  for (const table of tables) out[table] = await select(tx, table, where)
  return out
}

/** Object.assign that also drops the fields `fresh` no longer has: the object keeps its identity. */
function assignInPlace(target: object, fresh: object): void {
  const t = target as Record<string, unknown>
  for (const k of Object.keys(t)) if (!has(fresh, k)) delete t[k]
  Object.assign(t, fresh)
}

/** the fields of `fresh` that are not its collections, onto `target` */
function assignFields(target: object, fresh: object, collections: readonly string[]): void {
  const t = target as Record<string, unknown>
  const f = fresh as Record<string, unknown>
  for (const k of Object.keys(t)) if (!collections.includes(k) && !has(f, k)) delete t[k]
  for (const k of Object.keys(f)) if (!collections.includes(k)) t[k] = f[k]
}

/** a corp read whole: replaces ours, or removes it when it is gone */
async function wholeCorp(tx: Queryable, c: string): Promise<Apply> {
  const corp = assemble(await selectTables(tx, CORP_TABLES, { corpid: c }))[c] as CorpState | undefined
  return (state, out) => {
    if (corp) state.corps[c] = corp
    else delete state.corps[c]
    out.replaced.push(c)
  }
}

/** one collection's items by key (all of them when keys is null), as the core holds them */
async function corpItems(
  tx: Queryable,
  c: string,
  coll: CorpColl,
  keys: string[] | null,
): Promise<Map<string, unknown>> {
  const { table, key: keyCol, int } = CORP_COLL_TABLE[coll]
  const typed = keys?.map((k) => (int ? Number(k) : k))
  const rows = await select(tx, table, { corpid: c }, keys ? keyCol : undefined, typed)
  const items = new Map<string, unknown>()
  if (coll === 'publicmails') {
    const ids = rows.map((r) => Number(r.id))
    const kids = async (child: TableName) => {
      const by = new Map<number, Row[]>()
      const list = (await select(tx, child, { corpid: c }, 'mailbox_id', ids)).sort(
        (a, b) => Number(a.position) - Number(b.position),
      )
      for (const r of list) by.set(Number(r.mailbox_id), [...(by.get(Number(r.mailbox_id)) ?? []), r])
      return by
    }
    const aliases = await kids('mailbox_aliases')
    for (const r of rows) {
      const id = Number(r.id)
      items.set(String(id), t.mailboxFrom(r, aliases.get(id) ?? []))
    }
    return items
  }
  const from: Record<Exclude<CorpColl, 'publicmails'>, (r: Row) => [string, unknown]> = {
    departments: (r) => [String(r.id), t.departmentFrom(r)],
    users: (r) => [r.userid as string, t.memberFrom(r)],
    tags: (r) => [String(r.tagid), t.tagFrom(r)],
    contactRules: (r) => [String(r.rule_id), t.ruleFrom(r)],
    recycle: (r) => [String(r.id), t.recycleFrom(r)],
  }
  for (const r of rows) {
    const [k, item] = from[coll](r)
    items.set(k, item)
  }
  return items
}

function storeItemFrom(coll: StoreCollection, r: Row): [string, unknown] {
  switch (coll) {
    case 'folders':
      return [r.folder_id as string, r.name as string]
    case 'messages':
      return [r.mail_id as string, t.messageFrom(r)]
    case 'drafts':
      return [r.draft_id as string, t.draftFrom(r)]
  }
}

async function wholeStore(tx: Queryable, c: string, s: string): Promise<MailStore | undefined> {
  const rows = await selectTables(tx, STORE_TABLES, { corpid: c, store_id: s })
  // assemble() hangs stores under their corp's row: lend it a bare one.
  rows.corps = await select(tx, 'corps', { corpid: c })
  return assemble(rows)[c]?.stores[s]
}

async function storeUnits(tx: Queryable, c: string, s: string, su: StoreUnits, ops: Apply[]): Promise<void> {
  if (su.whole || su.colls.size) {
    const store = await wholeStore(tx, c, s)
    ops.push((state) => {
      const corp = state.corps[c]
      if (store) corp.stores[s] = store
      else delete corp.stores[s]
    })
    return
  }
  if (su.row) {
    const [row] = await select(tx, 'mail_stores', { corpid: c, store_id: s })
    const fresh = row ? t.storeFrom(row) : undefined
    ops.push((state) => {
      const corp = state.corps[c]
      if (!fresh) delete corp.stores[s]
      else if (has(corp.stores, s)) assignFields(corp.stores[s], fresh, STORE_PARTS)
    })
  }
  for (const [coll, keys] of su.items) {
    const { table, key: keyCol } = STORE_COLL_TABLE[coll]
    const rows = await select(tx, table, { corpid: c, store_id: s }, keyCol, [...keys])
    const found = new Map(rows.map((r) => storeItemFrom(coll, r)))
    ops.push((state) => {
      const corp = state.corps[c]
      if (!has(corp.stores, s)) return
      const items = corp.stores[s][coll] as Record<string, unknown>
      for (const key of keys) {
        const item = found.get(key)
        if (item === undefined) delete items[key]
        // A message keeps its object: the mail search index knows messages by identity.
        else if (coll === 'messages' && has(items, key)) assignInPlace(items[key] as object, item as object)
        else items[key] = item
      }
    })
  }
}

/** the parts of a store that are not in its own row */
const STORE_PARTS = ['folders', 'messages', 'drafts', 'shared', 'personal']

async function corpUnits(tx: Queryable, c: string, cu: CorpUnits, ops: Apply[]): Promise<void> {
  if (cu.row) {
    const [row] = await select(tx, 'corps', { corpid: c })
    if (!row) return void ops.push(await wholeCorp(tx, c))
    const fresh = t.corpFrom(row)
    ops.push((state) => assignFields(state.corps[c], fresh, t.CORP_COLLECTIONS))
  }
  for (const coll of cu.colls) {
    if (coll === 'users') continue
    const items = await corpItems(tx, c, coll, null)
    ops.push((state) => {
      ;(state.corps[c] as unknown as Record<string, unknown>)[coll] = Object.fromEntries(items)
    })
  }
  for (const [coll, keys] of cu.items) {
    if (cu.colls.has(coll)) continue
    const list = [...keys]
    const found = await corpItems(tx, c, coll, list)
    ops.push((state, out) => {
      const items = state.corps[c][coll] as Record<string, unknown>
      for (const key of list) {
        const before = has(items, key) ? items[key] : undefined
        const after = found.get(key)
        if (after === undefined) delete items[key]
        else items[key] = after
        if (coll === 'users' && (before || after))
          out.members.push({ corpid: c, before: (before as never) ?? null, after: (after as never) ?? null })
      }
    })
  }
  await mailboxParts(tx, c, cu, ops)
  for (const [s, su] of cu.stores) await storeUnits(tx, c, s, su, ops)
  // The derived lookups take the same paths the writer's own would have (src/api/mock/derived.ts).
  ops.push((_, out) => cu.pathsInto(['corps', c], out.paths))
}

/** A client login's bookkeeping another instance wrote: the mailbox's own row (its lock guard). */
async function mailboxParts(tx: Queryable, c: string, cu: CorpUnits, ops: Apply[]): Promise<void> {
  const mailboxOf = (state: BackendState, id: string) => {
    const all = state.corps[c].publicmails
    return has(all, id) ? all[id] : undefined
  }
  for (const id of cu.mailboxRows) {
    if (cu.wholeMailbox(id)) continue
    const [row] = await select(tx, 'business_mailboxes', { corpid: c }, 'id', [Number(id)])
    ops.push((state) => {
      const mb = mailboxOf(state, id)
      if (!mb || !row) return
      // its aliases are rows of their own, unchanged by this write
      assignInPlace(mb, { ...t.mailboxFrom(row, []), alias_list: mb.alias_list, authCodes: mb.authCodes })
    })
  }
}

/**
 * Reads the rows behind `units` (what other instances wrote since this one last looked) and
 * patches them into `state`: answers what changed, for the core's derived lookups.
 */
export async function refreshUnits(tx: Queryable, state: BackendState, units: UnitSet): Promise<Refreshed> {
  const ops: Apply[] = []
  for (const [c, cu] of units.corps) {
    // Whole corps, and member lists rewritten as one, are read whole (their lookups are rebuilt).
    if (cu.whole || cu.allStores || cu.colls.has('users') || !has(state.corps, c))
      ops.push(await wholeCorp(tx, c))
    else await corpUnits(tx, c, cu, ops)
  }
  const out: Refreshed = { replaced: [], paths: [], members: [] }
  for (const op of ops) op(state, out)
  return out
}
