// Whether any mail waits for the relay (queued, or a lapsed lease) at `now`: one probe of the
// messages_outbound_due index, outside any call's transaction, so an idle relay poll takes no lock
// and reads no state. Only a hint: the claim itself (policy in the core's claimOutbound) decides,
// in its transaction; a hint that raced another worker just finds nothing to claim.
import type { Queryable } from '../db'

// The predicate is the index's own (0007_outbound_due.sql), or the planner would not use it.
const DUE_SQL = `SELECT 1 FROM messages
  WHERE extra -> 'outbound' ->> 'state' IN ('queued', 'sending')
    AND (extra -> 'outbound' ->> 'next_at')::double precision <= $1
  LIMIT 1`

export async function outboundDue(db: Queryable, now: number): Promise<boolean> {
  return (await db.query(DUE_SQL, [now])).rows.length > 0
}

/** the query plan of the probe (tests: it must be the index, not a scan) */
export async function outboundDuePlan(db: Queryable, now: number): Promise<string> {
  const rows = (await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${DUE_SQL}`, [now])).rows
  return rows.map((r) => r['QUERY PLAN']).join('\n')
}
