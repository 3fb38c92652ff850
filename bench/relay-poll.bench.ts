// The relay's idle poll on the server (every 2 s per instance): `npm run bench -- relay`.
// N messages are written straight into a migrated `messages` table (SQL, not the core: the poll
// reads only this table), all of them already sent but 0.1 % queued for later, so nothing is due:
// the idle case. Measured: outboundDue (server/store/outboundDue.ts, one probe of the partial
// index messages_outbound_due) against the same question answered by a sequential scan (index
// scans off), which is what the poll cost before 0007 at the SQL level — before it also took the
// core_clock lock. PGlite in memory always; PostgreSQL too with BENCH_DATABASE_URL (schema
// bench_relay).
import { openDb, type Db } from '../server/db'
import { migrate } from '../server/db/migrate'
import { outboundDue, outboundDuePlan } from '../server/store/outboundDue'
import { withSchema } from './pgSchema'

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 200_000)
const POLLS = 300
const NOW = 1_800_000_000_000

async function seed(db: Db): Promise<void> {
  // Every message was relayed (state sent); one in a thousand waits to be retried in an hour.
  await db.exec(`
    INSERT INTO messages (corpid, store_id, mail_id, folder, thread, from_addr, to_addrs, cc_addrs,
      bcc_addrs, subject, content, time, read, starred, message_id, in_reply_to, delivered_to, extra)
    SELECT 'wwbench', 's' || (i % 50), 'm' || i, 'sent', 't' || i, 'sales@bench.example.com',
      ARRAY['someone@outside.example.com'], '{}', '{}', '报价 ' || i, repeat('正文', 40),
      ${NOW} - i * 1000, true, false, '<m' || i || '@bench.example.com>', '', '',
      jsonb_build_object('outbound', jsonb_build_object(
        'state', CASE WHEN i % 1000 = 0 THEN 'queued' ELSE 'sent' END,
        'next_at', ${NOW} + 3600000, 'attempts', 1))
    FROM generate_series(1, ${MESSAGES}) AS i`)
  await db.exec('ANALYZE messages')
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
}

async function timed(label: string, poll: () => Promise<boolean>): Promise<number> {
  for (let i = 0; i < 20; i++) await poll() // warm-up
  const ms: number[] = []
  for (let i = 0; i < POLLS; i++) {
    const t = performance.now()
    if (await poll()) throw new Error(`${label}: nothing should be due`)
    ms.push(performance.now() - t)
  }
  ms.sort((a, b) => a - b)
  const p50 = quantile(ms, 0.5)
  console.log(`  ${label}: p50 ${p50.toFixed(3)} ms, p95 ${quantile(ms, 0.95).toFixed(3)} ms`)
  return p50
}

async function run(label: string, db: Db): Promise<void> {
  await migrate(db)
  await db.exec('TRUNCATE messages')
  const t0 = performance.now()
  await seed(db)
  console.log(
    `${label}: ${MESSAGES.toLocaleString('en')} messages seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  )
  if (!(await outboundDuePlan(db, NOW)).includes('messages_outbound_due')) {
    throw new Error(`${label}: the probe does not use messages_outbound_due`)
  }
  const probe = await timed('probe (partial index)', () => outboundDue(db, NOW))
  // The baseline: the same predicate, the planner kept off every index (one transaction per poll).
  const scan = await timed('sequential scan', async () => {
    return db.transaction(async (tx) => {
      await tx.query('SET LOCAL enable_indexscan = off')
      await tx.query('SET LOCAL enable_bitmapscan = off')
      return outboundDue(tx, NOW)
    })
  })
  console.log(`  ratio: the scan takes ${(scan / probe).toFixed(0)}× the probe (p50)`)
  // Due mail is found: one message whose retry time has come.
  await db.exec(`UPDATE messages SET extra = jsonb_set(extra, '{outbound,next_at}', to_jsonb(${NOW - 1}::double precision))
    WHERE mail_id = 'm1000'`)
  if (!(await outboundDue(db, NOW))) throw new Error(`${label}: a due mail was not found`)
}

async function main(): Promise<void> {
  const lite = await openDb({})
  try {
    await run('PGlite (memory)', lite)
  } finally {
    await lite.close()
  }
  const url = process.env.BENCH_DATABASE_URL
  if (!url) {
    console.log('PostgreSQL: set BENCH_DATABASE_URL to measure it too')
    return
  }
  const plain = await openDb({ databaseUrl: url })
  await plain.exec('DROP SCHEMA IF EXISTS bench_relay CASCADE; CREATE SCHEMA bench_relay')
  await plain.close()
  const pg = await openDb({ databaseUrl: withSchema(url, 'bench_relay') })
  try {
    await run('PostgreSQL', pg)
  } finally {
    await pg.close()
  }
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
