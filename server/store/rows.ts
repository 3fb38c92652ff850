// The core's state as table rows (for writing) and rows back into the state (for loading).
import type { BackendState, CorpState, MailStore } from '../../src/api/mock/state'
import * as t from './tables'
import type { Row, TableName } from './tables'
import type { StoreCollection } from './units'

type CorpColl = Exclude<t.CorpCollection, 'stores'>

/** the table of each collection, its key column and whether that key is a number */
export const CORP_COLL_TABLE: Record<CorpColl, { table: TableName; key: string; int: boolean }> = {
  departments: { table: 'departments', key: 'id', int: true },
  users: { table: 'members', key: 'userid', int: false },
  tags: { table: 'tags', key: 'tagid', int: true },
  contactRules: { table: 'contact_rules', key: 'rule_id', int: true },
  publicmails: { table: 'business_mailboxes', key: 'id', int: true },
  recycle: { table: 'recycle_entries', key: 'id', int: true },
}
export const STORE_COLL_TABLE: Record<StoreCollection, { table: TableName; key: string }> = {
  folders: { table: 'mail_folders', key: 'folder_id' },
  messages: { table: 'messages', key: 'mail_id' },
  drafts: { table: 'drafts', key: 'draft_id' },
}
/** rows that belong to a business mailbox row (its client passwords are the port's: clientPasswords.ts) */
export const MAILBOX_CHILDREN: TableName[] = ['mailbox_aliases']
/** a store's rows in the state (its settings are the port's: settings.ts) */
export const STORE_TABLES: TableName[] = ['mail_stores', 'mail_folders', 'messages', 'drafts']
export const CORP_TABLES: TableName[] = [
  'corps',
  'departments',
  'members',
  'tags',
  'contact_rules',
  'business_mailboxes',
  'mailbox_aliases',
  'recycle_entries',
  ...STORE_TABLES,
]

/** rows collected for writing, per table */
export class RowBatch {
  readonly tables = new Map<TableName, Map<string, Row>>()

  put(table: TableName, row: Row): void {
    let m = this.tables.get(table)
    if (!m) this.tables.set(table, (m = new Map()))
    // One row per key: an upsert statement may not touch a row twice.
    m.set(t.TABLES[table].key.map((k) => String(row[k])).join('\u0000'), row)
  }
}

const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k)

export function putCorpItem(b: RowBatch, corpid: string, coll: CorpColl, item: unknown): void {
  switch (coll) {
    case 'departments':
      return b.put('departments', t.departmentRow(corpid, item as never))
    case 'users':
      return b.put('members', t.memberRow(corpid, item as never))
    case 'tags':
      return b.put('tags', t.tagRow(corpid, item as never))
    case 'contactRules':
      return b.put('contact_rules', t.ruleRow(corpid, item as never))
    case 'recycle':
      return b.put('recycle_entries', t.recycleRow(corpid, item as never))
    case 'publicmails': {
      const rows = t.mailboxRows(corpid, item as never)
      b.put('business_mailboxes', rows.mailbox)
      for (const r of rows.aliases) b.put('mailbox_aliases', r)
    }
  }
}

export function putStoreItem(
  b: RowBatch,
  corpid: string,
  storeId: string,
  coll: StoreCollection,
  key: string,
  item: unknown,
): void {
  switch (coll) {
    case 'folders':
      return b.put('mail_folders', t.folderRow(corpid, storeId, key, item as string))
    case 'messages':
      return b.put('messages', t.messageRow(corpid, storeId, item as never))
    case 'drafts':
      return b.put('drafts', t.draftRow(corpid, storeId, item as never))
  }
}

export function putStore(b: RowBatch, corpid: string, store: MailStore): void {
  b.put('mail_stores', t.storeRow(corpid, store))
  for (const coll of Object.keys(STORE_COLL_TABLE) as StoreCollection[]) {
    const items = store[coll] as Record<string, unknown>
    for (const key of Object.keys(items)) putStoreItem(b, corpid, store.id, coll, key, items[key])
  }
}

export function putCorp(b: RowBatch, corp: CorpState): void {
  b.put('corps', t.corpRow(corp))
  for (const coll of Object.keys(CORP_COLL_TABLE) as CorpColl[]) {
    const items = corp[coll] as Record<string, unknown>
    for (const item of Object.values(items)) putCorpItem(b, corp.corpid, coll, item)
  }
  for (const store of Object.values(corp.stores)) putStore(b, corp.corpid, store)
}

/** the collection item a key names, or undefined when it is gone */
export function itemOf(o: Record<string, unknown>, key: string): unknown {
  return has(o, key) ? o[key] : undefined
}

/** Rows of every table (each in its order) back into corps. */
export function assemble(rows: Record<TableName, Row[]>): Record<string, CorpState> {
  const corps: Record<string, CorpState> = {}
  for (const r of rows.corps) corps[r.corpid as string] = t.corpFrom(r)
  const corpOf = (r: Row) => (has(corps, r.corpid as string) ? corps[r.corpid as string] : undefined)
  const each = (table: TableName, fn: (corp: CorpState, r: Row) => void) => {
    for (const r of rows[table]) {
      const corp = corpOf(r)
      if (corp) fn(corp, r)
    }
  }
  each('departments', (c, r) => (c.departments[String(r.id)] = t.departmentFrom(r)))
  each('members', (c, r) => (c.users[r.userid as string] = t.memberFrom(r)))
  each('tags', (c, r) => (c.tags[String(r.tagid)] = t.tagFrom(r)))
  each('contact_rules', (c, r) => (c.contactRules[String(r.rule_id)] = t.ruleFrom(r)))
  each('recycle_entries', (c, r) => (c.recycle[String(r.id)] = t.recycleFrom(r)))
  const children = (table: TableName) => {
    const by = new Map<string, Row[]>()
    for (const r of rows[table]) {
      const k = `${String(r.corpid)}\u0000${String(r.mailbox_id)}`
      const list = by.get(k) ?? []
      list.push(r)
      by.set(k, list)
    }
    for (const list of by.values()) list.sort((a, b) => Number(a.position) - Number(b.position))
    return (corpid: string, id: unknown) => by.get(`${corpid}\u0000${String(id)}`) ?? []
  }
  const aliases = children('mailbox_aliases')
  each('business_mailboxes', (c, r) => {
    c.publicmails[String(r.id)] = t.mailboxFrom(r, aliases(c.corpid, r.id))
  })
  each('mail_stores', (c, r) => (c.stores[r.store_id as string] = t.storeFrom(r)))
  const eachStore = (table: TableName, fn: (s: MailStore, r: Row) => void) =>
    each(table, (c, r) => {
      const id = r.store_id as string
      if (has(c.stores, id)) fn(c.stores[id], r)
    })
  eachStore('mail_folders', (s, r) => (s.folders[r.folder_id as string] = r.name as string))
  eachStore('messages', (s, r) => (s.messages[r.mail_id as string] = t.messageFrom(r)))
  eachStore('drafts', (s, r) => (s.drafts[r.draft_id as string] = t.draftFrom(r)))
  return corps
}

export type { BackendState }
