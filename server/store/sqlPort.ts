// The SQL adapter of the core's storage port (src/api/mock/port.ts): the state in one table per
// entity (0002_core.sql), each call one transaction that rewrites only the rows its writes touched.
// Several instances share one database: every call first takes the core_clock row's lock, so calls
// are serialised across instances as they are inside one, then reads back the rows another
// instance wrote since this one last looked (core_changes lists each commit's paths: refresh.ts).
import { NOTHING_REFRESHED, type Refreshed, type StatePort } from '../../src/api/mock/port'
import type { ClientPasswordPort } from '../../src/api/mock/ports/clientPasswords'
import type { IdempotencyPort } from '../../src/api/mock/ports/idempotency'
import type { SettingsPort } from '../../src/api/mock/ports/settings'
import type { BackendState, BusinessMailbox, CorpState } from '../../src/api/mock/state'
import type { Db, Queryable } from '../db'
import { openTransaction, type OpenTransaction } from './openTransaction'
import {
  assemble,
  CORP_COLL_TABLE,
  CORP_TABLES,
  itemOf,
  MAILBOX_CHILDREN,
  putCorp,
  putCorpItem,
  putStore,
  putStoreItem,
  RowBatch,
  STORE_COLL_TABLE,
  STORE_TABLES,
} from './rows'
import { escapeDeep, escapeText, unescapeDeep, unescapeText } from './nul'
import { sqlIdempotency } from './idempotency'
import { insertPasswords, sqlClientPasswords, takePasswords } from './clientPasswords'
import { refreshUnits } from './refresh'
import { dropOrphanSettings, putSettings, SETTINGS_TABLES, sqlSettings, takeSettings } from './settings'
import { whereClause } from './where'
import { TABLES, type Row, type TableName } from './tables'
import * as t from './tables'
import { refusedWrite, UnitSet, type StoreCollection } from './units'
import type { Path } from '../../src/api/mock/tx'

const q = (name: string) => `"${name}"`
/** rows per INSERT statement, and the JSON size that closes a batch early (long mails) */
const BATCH_ROWS = 2000
const BATCH_CHARS = 4_000_000
/** change records kept for instances that fall behind (older ones reload everything) */
const KEEP_CHANGES = 10_000
/** paths one change record lists at most; a larger commit is logged by corp (read back whole) */
const MAX_CHANGE_PATHS = 5_000

function insertSql(table: TableName): string {
  const def = TABLES[table]
  const names = def.cols.map(([n]) => q(n)).join(', ')
  const decl = def.cols.map(([n, ty]) => `${q(n)} ${ty}`).join(', ')
  const rest = def.cols.map(([n]) => n).filter((n) => !def.key.includes(n))
  const update = rest.map((n) => `${q(n)} = EXCLUDED.${q(n)}`).join(', ')
  // WITH ORDINALITY + ORDER BY: rows get their seq in the order the core holds them.
  return (
    `INSERT INTO ${table} (${names}) SELECT ${names} FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (${decl})) ` +
    `WITH ORDINALITY AS x(${names}, ord) ORDER BY ord ` +
    `ON CONFLICT (${def.key.map(q).join(', ')}) DO UPDATE SET ${update}`
  )
}

async function writeRows(tx: Queryable, table: TableName, rows: Iterable<Row>): Promise<void> {
  const sql = insertSql(table)
  let batch: string[] = []
  let chars = 0
  const flush = async () => {
    if (batch.length === 0) return
    await tx.query(sql, [`[${batch.join(',')}]`])
    batch = []
    chars = 0
  }
  for (const row of rows) {
    const json = JSON.stringify(escapeDeep(row))
    batch.push(json)
    chars += json.length
    if (batch.length >= BATCH_ROWS || chars >= BATCH_CHARS) await flush()
  }
  await flush()
}

/** table order for inserts: parents before children is not needed (no foreign keys), kept tidy */
async function writeBatch(tx: Queryable, b: RowBatch): Promise<void> {
  for (const table of CORP_TABLES) {
    const rows = b.tables.get(table)
    if (rows && rows.size) await writeRows(tx, table, rows.values())
  }
}

async function deleteWhere(
  tx: Queryable,
  table: TableName,
  where: Record<string, unknown>,
  keyCol?: string,
  keys?: unknown[],
) {
  const w = whereClause(table, where, keyCol, keys)
  await tx.query(`DELETE FROM ${table}${w.sql}`, w.params)
}

async function loadTables(tx: Queryable, corpid?: string): Promise<Record<TableName, Row[]>> {
  const out = {} as Record<TableName, Row[]>
  for (const table of CORP_TABLES) {
    const order = TABLES[table].ordered ? 'seq' : TABLES[table].key.map(q).join(', ')
    const where = corpid === undefined ? '' : ' WHERE corpid = $1'
    out[table] = unescapeDeep(
      await tx.query<Row>(
        `SELECT * FROM ${table}${where} ORDER BY ${order}`,
        corpid === undefined ? [] : [escapeText(corpid)],
      ),
    ).rows
  }
  return out
}

/** Writes what the touched units name, reading the rows' contents from the state after the call. */
async function writeUnits(tx: Queryable, state: BackendState, units: UnitSet): Promise<void> {
  const batch = new RowBatch()
  if (units.all) {
    for (const table of CORP_TABLES) await deleteWhere(tx, table, {})
    for (const corp of Object.values(state.corps)) putCorp(batch, corp)
    // (the passwords' table is the port's: only codes still held in memory are added)
    await insertPasswords(tx, takePasswords(state))
    await dropOrphanSettings(tx, state, 'all')
    return writeBatch(tx, batch)
  }
  for (const [c, cu] of units.corps) {
    const corp: CorpState | undefined = Object.prototype.hasOwnProperty.call(state.corps, c)
      ? state.corps[c]
      : undefined
    if (cu.whole || !corp) {
      for (const table of CORP_TABLES) await deleteWhere(tx, table, { corpid: c })
      await dropOrphanSettings(tx, state, [c])
      if (corp) putCorp(batch, corp)
      continue
    }
    if (cu.row) batch.put('corps', t.corpRow(corp))
    for (const coll of cu.colls) {
      const { table } = CORP_COLL_TABLE[coll]
      await deleteWhere(tx, table, { corpid: c })
      if (coll === 'publicmails')
        for (const child of MAILBOX_CHILDREN) await deleteWhere(tx, child, { corpid: c })
      const items = corp[coll] as Record<string, unknown>
      for (const item of Object.values(items)) putCorpItem(batch, c, coll, item)
    }
    for (const [coll, keys] of cu.items) {
      if (cu.colls.has(coll)) continue
      const { table, key: keyCol, int } = CORP_COLL_TABLE[coll]
      const items = corp[coll] as Record<string, unknown>
      const gone: unknown[] = []
      for (const key of keys) {
        const item = itemOf(items, key)
        if (coll === 'publicmails') {
          // A mailbox's aliases are rewritten with it (they are its list field).
          for (const child of MAILBOX_CHILDREN)
            await deleteWhere(tx, child, { corpid: c, mailbox_id: Number(key) })
        }
        if (item === undefined) gone.push(int ? Number(key) : key)
        else putCorpItem(batch, c, coll, item)
      }
      if (gone.length) await deleteWhere(tx, table, { corpid: c }, keyCol, gone)
    }
    const mailboxOf = (id: string) => itemOf(corp.publicmails, id) as BusinessMailbox | undefined
    for (const id of cu.mailboxRows) {
      const mb = cu.wholeMailbox(id) ? undefined : mailboxOf(id)
      if (mb) batch.put('business_mailboxes', t.mailboxRow(c, mb))
    }
    if (cu.allStores) {
      for (const table of STORE_TABLES) await deleteWhere(tx, table, { corpid: c })
      await dropOrphanSettings(tx, state, [c])
      for (const store of Object.values(corp.stores)) putStore(batch, c, store)
      continue
    }
    for (const [s, su] of cu.stores) {
      const store = Object.prototype.hasOwnProperty.call(corp.stores, s) ? corp.stores[s] : undefined
      if (su.whole || !store) {
        for (const table of STORE_TABLES) await deleteWhere(tx, table, { corpid: c, store_id: s })
        if (!store)
          for (const table of SETTINGS_TABLES) await deleteWhere(tx, table, { corpid: c, store_id: s })
        if (store) putStore(batch, c, store)
        continue
      }
      if (su.row) batch.put('mail_stores', t.storeRow(c, store))
      for (const coll of su.colls) {
        await deleteWhere(tx, STORE_COLL_TABLE[coll].table, { corpid: c, store_id: s })
        const items = store[coll] as Record<string, unknown>
        for (const key of Object.keys(items)) putStoreItem(batch, c, s, coll, key, items[key])
      }
      for (const [coll, keys] of su.items) {
        if (su.colls.has(coll)) continue
        const items = store[coll] as Record<string, unknown>
        const gone: string[] = []
        for (const key of keys) {
          const item = itemOf(items, key)
          if (item === undefined) gone.push(key)
          else putStoreItem(batch, c, s, coll as StoreCollection, key, item)
        }
        const { table, key: keyCol } = STORE_COLL_TABLE[coll]
        if (gone.length) await deleteWhere(tx, table, { corpid: c, store_id: s }, keyCol, gone)
      }
    }
  }
  return writeBatch(tx, batch)
}

export interface SqlPort extends StatePort {
  /** the core_clock version this instance's state reflects */
  readonly version: number
  /** the open call's transaction (between begin and commit / abort), else null */
  readonly tx: Queryable | null
  readonly idempotency: IdempotencyPort
  readonly clientPasswords: ClientPasswordPort
  readonly settings: SettingsPort
  wroteOwn(): boolean
}

export function sqlPort(db: Db): SqlPort {
  const units = new UnitSet()
  let seen = 0
  let open: OpenTransaction | null = null
  let commits = 0
  // The stored state cannot be trusted to match ours (a first save failed): the next commit saves all.
  let unsure = false
  // The open call wrote idempotency records (not state paths): it must commit all the same.
  let wroteOwn = false

  async function lockClock(tx: Queryable): Promise<number> {
    const { rows } = await tx.query<{ v: number }>(
      'SELECT version::float8 AS v FROM core_clock WHERE id = 1 FOR UPDATE',
    )
    return Number(rows[0]?.v ?? 0)
  }

  async function logChange(
    tx: Queryable,
    version: number,
    corpids: string[],
    paths: Path[] | null,
  ): Promise<void> {
    await tx.query('UPDATE core_clock SET version = $1 WHERE id = 1', [version])
    await tx.query('INSERT INTO core_changes (version, corpids, paths) VALUES ($1, $2::text[], $3::jsonb)', [
      version,
      escapeDeep(corpids),
      paths && paths.length <= MAX_CHANGE_PATHS ? JSON.stringify(escapeDeep(paths)) : null,
    ])
    if (++commits % 100 === 0)
      await tx.query('DELETE FROM core_changes WHERE version <= $1', [version - KEEP_CHANGES])
  }

  const port: SqlPort = {
    get version() {
      return seen
    },
    get tx() {
      return open?.tx ?? null
    },
    async open() {
      return db.transaction(async (tx) => {
        // The clock's lock holds writers off, so every table is read as of one moment.
        const v = await lockClock(tx)
        const corps = assemble(await loadTables(tx))
        seen = v
        if (v === 0 && Object.keys(corps).length === 0) return { state: null, recovery: null }
        return { state: { schema: 1, corps }, recovery: null }
      })
    },
    async replace(state) {
      units.clear()
      unsure = true
      // The seed's codes and settings go to their tables; the state in memory keeps neither.
      const passwords = takePasswords(state)
      const settings = takeSettings(state)
      await db.transaction(async (tx) => {
        const v = (await lockClock(tx)) + 1
        for (const table of CORP_TABLES) await deleteWhere(tx, table, {})
        // Answers remembered for the data replaced would replay ids that no longer exist.
        await deleteWhere(tx, 'idempotency', {})
        await deleteWhere(tx, 'client_passwords', {})
        for (const table of SETTINGS_TABLES) await deleteWhere(tx, table, {})
        const batch = new RowBatch()
        for (const corp of Object.values(state.corps)) putCorp(batch, corp)
        await writeBatch(tx, batch)
        await insertPasswords(tx, passwords)
        await putSettings(tx, settings)
        await logChange(tx, v, ['*'], null)
        seen = v
      })
      unsure = false
    },
    async begin(state): Promise<Refreshed> {
      units.clear()
      wroteOwn = false
      open = await openTransaction(db)
      const tx = open.tx
      const v = await lockClock(tx)
      if (v === seen) return NOTHING_REFRESHED
      const { rows } = await tx.query<{ corpids: string[]; paths: Path[] | null }>(
        'SELECT corpids, paths FROM core_changes WHERE version > $1 ORDER BY version',
        [seen],
      )
      // Records pruned past what this instance saw, or a whole replace: read everything.
      let everything = rows.length !== v - seen
      const feed = new UnitSet()
      for (const r of rows) {
        const corpids = r.corpids.map(unescapeText)
        if (corpids.includes('*')) everything = true
        else if (r.paths === null) for (const c of corpids) feed.add(['corps', c])
        else for (const p of unescapeDeep(r.paths)) feed.add(p)
      }
      if (everything || feed.all) {
        const before = Object.keys(state.corps)
        const corps = assemble(await loadTables(tx))
        for (const c of before) if (!Object.prototype.hasOwnProperty.call(corps, c)) delete state.corps[c]
        for (const [c, corp] of Object.entries(corps)) state.corps[c] = corp
        seen = v
        return { replaced: [...new Set([...before, ...Object.keys(corps)])], paths: [], members: [] }
      }
      const refreshed = await refreshUnits(tx, state, feed)
      seen = v
      return refreshed
    },
    touch(path) {
      const refused = refusedWrite(path)
      if (refused) throw new Error(refused)
      units.add(path)
    },
    async commit(state) {
      const tx = open
      if (!tx) throw new Error('commit without begin')
      open = null
      const next = seen + 1
      if (unsure) units.all = true
      const corpids = units.all ? ['*'] : [...units.corps.keys()]
      const paths = units.all ? null : units.paths()
      await tx.finish(async (q) => {
        await writeUnits(q, state, units)
        await logChange(q, next, corpids, paths)
      })
      units.clear()
      wroteOwn = false
      unsure = false
      seen = next
    },
    async abort() {
      units.clear()
      wroteOwn = false
      const tx = open
      open = null
      if (tx) await tx.finish(null)
    },
    usage: () => ({ bytes: 0, keys: 0, largest: 0 }),
    idempotency: sqlIdempotency(
      () => open?.tx ?? null,
      () => (wroteOwn = true),
    ),
    clientPasswords: sqlClientPasswords(
      () => open?.tx ?? null,
      () => (wroteOwn = true),
    ),
    settings: sqlSettings(
      () => open?.tx ?? null,
      () => (wroteOwn = true),
    ),
    wroteOwn: () => wroteOwn,
  }
  return port
}

/** every table of the core's state, for tests that compare a loaded state with the one saved */
export async function loadState(db: Db): Promise<BackendState> {
  return db.transaction(async (tx) => ({ schema: 1, corps: assemble(await loadTables(tx)) }))
}
