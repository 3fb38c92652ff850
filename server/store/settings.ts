// The core's settings port over PostgreSQL (mailbox_settings, personal_settings): read and written
// by key in the open call's transaction, never held in the state in memory, so a signature saved on
// one instance is what the next send on another one places.
import {
  copyShared,
  DEFAULT_PERSONAL,
  DEFAULT_SHARED,
  newStoreSettings,
  type SettingsPort,
  type StoreSettings,
} from '../../src/api/mock/ports/settings'
import type { BackendState, PersonalSettings, SharedSettings } from '../../src/api/mock/state'
import type { Queryable } from '../db'
import { escapeDeep, escapeText, unescapeDeep } from './nul'
import {
  personalFrom,
  personalRow,
  settingsFrom,
  settingsRow,
  TABLES,
  type Row,
  type TableName,
} from './tables'

export const SETTINGS_TABLES: readonly TableName[] = ['mailbox_settings', 'personal_settings']

const upsert = (table: 'mailbox_settings' | 'personal_settings'): string => {
  const def = TABLES[table]
  const cols = def.cols.map(([name]) => name)
  const rest = cols.filter((c) => !def.key.includes(c))
  return (
    `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols
      .map((c, i) => `$${i + 1}${c === 'extra' || c === 'rules' ? '::jsonb' : ''}`)
      .join(', ')}) ` +
    `ON CONFLICT (${def.key.join(', ')}) DO UPDATE SET ${rest.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}`
  )
}
const UPSERT_SHARED = upsert('mailbox_settings')
const UPSERT_PERSONAL = upsert('personal_settings')

const values = (table: 'mailbox_settings' | 'personal_settings', row: Row): unknown[] => {
  const safe = escapeDeep(row) as Row
  return TABLES[table].cols.map(([c]) => (c === 'extra' || c === 'rules' ? JSON.stringify(safe[c]) : safe[c]))
}
const sharedFrom = (r: Row): SharedSettings => settingsFrom(unescapeDeep(r) as Row)
const mineFrom = (r: Row): PersonalSettings => ({
  ...DEFAULT_PERSONAL,
  ...personalFrom(unescapeDeep(r) as Row),
})

/** `wrote` hears of every write: the call that made it must commit (the SQL port's wroteOwn) */
export function sqlSettings(callTx: () => Queryable | null, wrote: () => void = () => {}): SettingsPort {
  // Outside a call there is no transaction to be undone with: a bug, not a fallback.
  const tx = (): Queryable => {
    const q = callTx()
    if (!q) throw new Error('mailbox settings are used only inside a call')
    return q
  }
  return {
    async shared(corpid, storeId) {
      const { rows } = await tx().query<Row>(
        'SELECT * FROM mailbox_settings WHERE corpid = $1 AND store_id = $2',
        [escapeText(corpid), escapeText(storeId)],
      )
      return rows[0] ? sharedFrom(rows[0]) : copyShared(DEFAULT_SHARED)
    },
    async personal(corpid, storeId, userid) {
      const { rows } = await tx().query<Row>(
        'SELECT * FROM personal_settings WHERE corpid = $1 AND store_id = $2 AND userid = $3',
        [escapeText(corpid), escapeText(storeId), escapeText(userid)],
      )
      return rows[0] ? mineFrom(rows[0]) : { ...DEFAULT_PERSONAL }
    },
    async personalIn(corpid, userid, storeIds) {
      const out: Record<string, PersonalSettings> = {}
      for (const id of storeIds) out[id] = { ...DEFAULT_PERSONAL }
      if (storeIds.length === 0) return out
      const { rows } = await tx().query<Row>(
        'SELECT * FROM personal_settings WHERE corpid = $1 AND userid = $2 AND store_id = ANY($3::text[])',
        [escapeText(corpid), escapeText(userid), storeIds.map(escapeText)],
      )
      for (const r of rows) out[unescapeDeep(r.store_id) as string] = mineFrom(r)
      return out
    },
    async putShared(corpid, storeId, shared) {
      wrote()
      await tx().query(UPSERT_SHARED, values('mailbox_settings', settingsRow(corpid, storeId, shared)))
    },
    async putPersonal(corpid, storeId, userid, personal) {
      wrote()
      await tx().query(
        UPSERT_PERSONAL,
        values('personal_settings', personalRow(corpid, storeId, userid, personal)),
      )
    },
    async ofCorp(corpid) {
      const c = escapeText(corpid)
      const out: Record<string, StoreSettings> = {}
      const of = (id: string) => (out[id] ??= { shared: copyShared(DEFAULT_SHARED), personal: {} })
      const shared = await tx().query<Row>('SELECT * FROM mailbox_settings WHERE corpid = $1', [c])
      for (const r of shared.rows) of(unescapeDeep(r.store_id) as string).shared = sharedFrom(r)
      const mine = await tx().query<Row>('SELECT * FROM personal_settings WHERE corpid = $1 ORDER BY seq', [
        c,
      ])
      for (const r of mine.rows)
        of(unescapeDeep(r.store_id) as string).personal[unescapeDeep(r.userid) as string] = mineFrom(r)
      return out
    },
    async handOver(from, to, stores) {
      wrote()
      const q = tx()
      for (const table of SETTINGS_TABLES) {
        await q.query(`DELETE FROM ${table} WHERE corpid = $1`, [escapeText(to)])
        await q.query(
          `UPDATE ${table} AS t SET corpid = $2, store_id = m.fresh
           FROM unnest($3::text[], $4::text[]) AS m(old, fresh) WHERE t.corpid = $1 AND t.store_id = m.old`,
          [
            escapeText(from),
            escapeText(to),
            [...stores.keys()].map(escapeText),
            [...stores.values()].map(escapeText),
          ],
        )
        await q.query(`DELETE FROM ${table} WHERE corpid = $1`, [escapeText(from)])
      }
    },
  }
}

/** writes a corp's settings */
async function insertSettings(
  q: Queryable,
  corpid: string,
  settings: Record<string, StoreSettings>,
): Promise<void> {
  for (const [storeId, s] of Object.entries(settings)) {
    await q.query(UPSERT_SHARED, values('mailbox_settings', settingsRow(corpid, storeId, s.shared)))
    for (const [userid, p] of Object.entries(s.personal))
      await q.query(UPSERT_PERSONAL, values('personal_settings', personalRow(corpid, storeId, userid, p)))
  }
}

/**
 * The settings a state brought along (a first start's seed): taken out of the state in memory,
 * where the port would never look for them, to be written by putSettings.
 */
export function takeSettings(state: BackendState): Array<[string, Record<string, StoreSettings>]> {
  const out: Array<[string, Record<string, StoreSettings>]> = []
  for (const corp of Object.values(state.corps)) {
    const mine: Record<string, StoreSettings> = {}
    for (const store of Object.values(corp.stores)) {
      mine[store.id] = { shared: store.shared, personal: store.personal }
      // what the state in memory holds in their place (nothing reads it)
      Object.assign(store, newStoreSettings())
    }
    out.push([corp.corpid, mine])
  }
  return out
}

/** writes what takeSettings answered */
export async function putSettings(
  q: Queryable,
  taken: ReadonlyArray<[string, Record<string, StoreSettings>]>,
): Promise<void> {
  for (const [corpid, settings] of taken) await insertSettings(q, corpid, settings)
}

const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k)

/**
 * Drops the settings of stores the state no longer holds (a purged mailbox, a migrated corp's old
 * stores): of these corps, or of every corp.
 */
export async function dropOrphanSettings(
  q: Queryable,
  state: BackendState,
  corpids: readonly string[] | 'all',
): Promise<void> {
  const present = (corpids === 'all' ? Object.keys(state.corps) : corpids).filter((c) => has(state.corps, c))
  for (const table of SETTINGS_TABLES) {
    if (corpids === 'all')
      await q.query(`DELETE FROM ${table} WHERE NOT (corpid = ANY($1::text[]))`, [present.map(escapeText)])
    else {
      const gone = corpids.filter((c) => !has(state.corps, c))
      if (gone.length)
        await q.query(`DELETE FROM ${table} WHERE corpid = ANY($1::text[])`, [gone.map(escapeText)])
    }
    for (const c of present)
      await q.query(`DELETE FROM ${table} WHERE corpid = $1 AND NOT (store_id = ANY($2::text[]))`, [
        escapeText(c),
        Object.keys(state.corps[c].stores).map(escapeText),
      ])
  }
}
