// The core's client-password port over PostgreSQL (the client_passwords table, 0008): codes are
// read and written by id in the open call's transaction, never held in the state in memory, so a
// login reads the one mailbox's codes and another instance sees a new code once it commits.
import type { AuthCodePatch, ClientPasswordPort, MailboxCode } from '../../src/api/mock/ports/clientPasswords'
import type { AuthCode, BackendState } from '../../src/api/mock/state'
import type { Queryable } from '../db'
import { escapeDeep, escapeText, unescapeDeep } from './nul'
import { passwordFrom, passwordRow, TABLES, type Row } from './tables'

const COLS = TABLES.client_passwords.cols.map(([name]) => name)
const INSERT = `INSERT INTO client_passwords (${COLS.join(', ')}) VALUES (${COLS.map(
  (c, i) => `$${i + 1}${c === 'extra' ? '::jsonb' : ''}`,
).join(', ')})`
/** the columns a patch may set (AuthCodePatch) */
const PATCHABLE: ReadonlyArray<keyof AuthCodePatch> = ['last_use_time', 'revoked', 'lookup']

const values = (row: Row): unknown[] => COLS.map((c) => (c === 'extra' ? JSON.stringify(row[c]) : row[c]))

/** `wrote` hears of every write: the call that made it must commit (the SQL port's wroteOwn) */
export function sqlClientPasswords(
  callTx: () => Queryable | null,
  wrote: () => void = () => {},
): ClientPasswordPort {
  // Outside a call there is no transaction to be undone with: a bug, not a fallback.
  const tx = (): Queryable => {
    const q = callTx()
    if (!q) throw new Error('client passwords are used only inside a call')
    return q
  }
  const from = (r: Row): AuthCode => passwordFrom(unescapeDeep(r) as Row)
  const ORDER = 'ORDER BY create_time, seq'
  return {
    async list(corpid, mailboxId) {
      const { rows } = await tx().query<Row>(
        `SELECT * FROM client_passwords WHERE corpid = $1 AND mailbox_id = $2 ${ORDER}`,
        [escapeText(corpid), mailboxId],
      )
      return rows.map(from)
    },
    async find(corpid, mailboxId, authCodeId) {
      const { rows } = await tx().query<Row>(
        'SELECT * FROM client_passwords WHERE corpid = $1 AND mailbox_id = $2 AND auth_code_id = $3',
        [escapeText(corpid), mailboxId, escapeText(authCodeId)],
      )
      return rows[0] ? from(rows[0]) : undefined
    },
    async candidates(corpid, mailboxId, lookup) {
      const { rows } = await tx().query<Row>(
        `SELECT * FROM client_passwords WHERE corpid = $1 AND mailbox_id = $2 AND NOT revoked
         AND (lookup = $3 OR lookup IS NULL) ${ORDER}`,
        [escapeText(corpid), mailboxId, escapeText(lookup)],
      )
      return rows.map(from)
    },
    async add(corpid, mailboxId, code) {
      wrote()
      await tx().query(INSERT, values(escapeDeep(passwordRow(corpid, mailboxId, code)) as Row))
    },
    async update(corpid, mailboxId, authCodeId, patch) {
      const set = PATCHABLE.filter((k) => patch[k] !== undefined)
      if (set.length === 0) return
      wrote()
      const params: unknown[] = [escapeText(corpid), mailboxId, escapeText(authCodeId)]
      const assignments = set.map((k) => {
        const v = patch[k]
        params.push(typeof v === 'string' ? escapeText(v) : v)
        return `${k} = $${params.length}`
      })
      const { rows } = await tx().query(
        `UPDATE client_passwords SET ${assignments.join(', ')}
         WHERE corpid = $1 AND mailbox_id = $2 AND auth_code_id = $3 RETURNING 1`,
        params,
      )
      if (rows.length === 0) throw new Error(`client passwords: no code ${authCodeId}`)
    },
    async remove(corpid, mailboxId, authCodeId) {
      wrote()
      await tx().query(
        'DELETE FROM client_passwords WHERE corpid = $1 AND mailbox_id = $2 AND auth_code_id = $3',
        [escapeText(corpid), mailboxId, escapeText(authCodeId)],
      )
    },
    async memberCodes(corpid) {
      const { rows } = await tx().query<Row>(
        `SELECT * FROM client_passwords WHERE corpid = $1 AND NOT by_admin AND NOT revoked
         ORDER BY mailbox_id, create_time, seq`,
        [escapeText(corpid)],
      )
      return rows.map((r): MailboxCode => ({ mailboxId: Number(r.mailbox_id), code: from(r) }))
    },
    async forget(corpid, mailboxIds) {
      if (mailboxIds.length === 0) return
      wrote()
      await tx().query('DELETE FROM client_passwords WHERE corpid = $1 AND mailbox_id = ANY($2::int[])', [
        escapeText(corpid),
        [...mailboxIds],
      ])
    },
    async handOver(from, to) {
      wrote()
      await tx().query('DELETE FROM client_passwords WHERE corpid = $1', [escapeText(to)])
      await tx().query('UPDATE client_passwords SET corpid = $2 WHERE corpid = $1', [
        escapeText(from),
        escapeText(to),
      ])
    },
  }
}

/**
 * The codes a state brought along (a first start's seed, a state saved before 0008): rows for the
 * table, taken out of the state in memory, where the port would never look for them.
 */
export function takePasswords(state: BackendState): Row[] {
  const rows: Row[] = []
  for (const corp of Object.values(state.corps)) {
    const mailboxes = [
      ...Object.values(corp.publicmails),
      ...Object.values(corp.recycle).flatMap((e) => (e.mailbox ? [e.mailbox] : [])),
    ]
    for (const mb of mailboxes) {
      for (const code of mb.authCodes ?? []) rows.push(passwordRow(corp.corpid, mb.id, code))
      if (mb.authCodes?.length) mb.authCodes = []
    }
  }
  return rows
}

/** writes rows takePasswords answered */
export async function insertPasswords(q: Queryable, rows: readonly Row[]): Promise<void> {
  for (const row of rows) await q.query(`${INSERT} ON CONFLICT DO NOTHING`, values(escapeDeep(row) as Row))
}
