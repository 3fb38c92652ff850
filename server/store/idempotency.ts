// The core's idempotency port over PostgreSQL (the idempotency table): records are read by key and
// written in the open call's transaction, so they never sit in the state in memory (about 34 MiB
// of heap per 100,000 keyed writes of the last day) and another instance sees them once it commits.
import type { IdempotencyPort } from '../../src/api/mock'
import type { IdempotencyRecord } from '../../src/api/mock/state'
import type { Queryable } from '../db'
import { escapeDeep, escapeText, unescapeDeep, unescapeText } from './nul'
import { idempotencyFrom, idempotencyRow, type Row } from './tables'

const COLS = ['corpid', 'key', 'digest', 'result', 'time', 'extra'] as const

/** `wrote` hears of every write: the call that made it must commit (the SQL port's wroteOwn) */
export function sqlIdempotency(
  callTx: () => Queryable | null,
  wrote: () => void = () => {},
): IdempotencyPort {
  // Outside a call there is no transaction to be undone with: a bug, not a fallback.
  const tx = (): Queryable => {
    const q = callTx()
    if (!q) throw new Error('idempotency records are used only inside a call')
    return q
  }
  const from = (r: Row): IdempotencyRecord => idempotencyFrom(unescapeDeep(r) as Row)
  return {
    async get(corpid, key) {
      const { rows } = await tx().query<Row>('SELECT * FROM idempotency WHERE corpid = $1 AND key = $2', [
        escapeText(corpid),
        escapeText(key),
      ])
      return rows[0] ? from(rows[0]) : undefined
    },
    async put(corpid, key, record) {
      wrote()
      const row = escapeDeep(idempotencyRow(corpid, key, record)) as Row
      await tx().query(
        `INSERT INTO idempotency (${COLS.join(', ')}) VALUES ($1, $2, $3, $4::jsonb, $5, $6::jsonb)
         ON CONFLICT (corpid, key) DO UPDATE SET digest = EXCLUDED.digest, result = EXCLUDED.result,
           time = EXCLUDED.time, extra = EXCLUDED.extra`,
        [row.corpid, row.key, row.digest, JSON.stringify(row.result), row.time, JSON.stringify(row.extra)],
      )
    },
    async list(corpid) {
      const { rows } = await tx().query<Row>('SELECT * FROM idempotency WHERE corpid = $1 ORDER BY seq', [
        escapeText(corpid),
      ])
      return rows.map((r) => [unescapeText(r.key as string), from(r)])
    },
    async drop(corpid, keys) {
      if (keys.length === 0) return
      wrote()
      await tx().query('DELETE FROM idempotency WHERE corpid = $1 AND key = ANY($2::text[])', [
        escapeText(corpid),
        keys.map(escapeText),
      ])
    },
    async expire(cutoff) {
      wrote()
      const { rows } = await tx().query<{ n: number }>(
        'WITH gone AS (DELETE FROM idempotency WHERE time <= $1 RETURNING 1) SELECT count(*)::int AS n FROM gone',
        [cutoff],
      )
      return Number(rows[0]?.n ?? 0)
    },
  }
}
