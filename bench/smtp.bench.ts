// Inbound SMTP (issue 16): 1,000 messages from 10 concurrent nodemailer connections into the MX
// port, each message text + HTML and every tenth with a 20 KB attachment; messages/s, and latency
// from "accepted" (the 250 after DATA reached the sender) to "visible" (first seen by a member's
// mail/message/list, polled alongside). On PGlite (in memory) and, with BENCH_DATABASE_URL or
// DATABASE_URL, on PostgreSQL (in a schema of its own, bench_smtp, dropped and made afresh).
// Baseline in the same run: the same 1,000 mails through MockBackend.deliver in process, no
// network, no MIME, no database. Run: npm run bench -- smtp
import type { AddressInfo } from 'node:net'
import nodemailer from 'nodemailer'
import type { CorpSetup, IncomingMail } from '../src/api/contract'
import { createMockBackend } from '../src/api/mock'
import { createClock } from '../server/clock'
import { sqlCore } from '../server/core'
import { openDb } from '../server/db'
import { migrate } from '../server/db/migrate'
import { inboundServer } from '../server/smtp/inbound'

const MESSAGES = 1000
const CONNECTIONS = 10
const CORP: CorpSetup = {
  corpid: 'wwbench',
  name: '压测科技',
  creator: 'boss',
  edition: 'advanced',
  advancedSeats: 5,
  domain: { name: 'bench.com', kind: 'custom' },
}
const boss = { corpid: CORP.corpid, userid: 'boss' }
const FILE = Buffer.alloc(20 * 1024, 7)

const subjectOf = (i: number) => `压测邮件 ${i}`
const textOf = (i: number) => `您好，\n这是第 ${i} 封压测邮件。\n${'正文内容。'.repeat(40)}`
const htmlOf = (i: number) =>
  `<p>您好，</p><p>这是第 <b>${i}</b> 封压测邮件。</p><p>${'正文内容。'.repeat(40)}</p>`

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

interface Figures {
  label: string
  rate: number
  p50: number
  p95: number
  errors: number
}

function report(f: Figures, what: string): Figures {
  console.log(
    `${f.label.padEnd(30)} ${f.rate.toFixed(0).padStart(5)} msg/s  ${what} p50 ${f.p50.toFixed(1).padStart(7)} ms  p95 ${f.p95.toFixed(1).padStart(7)} ms  errors ${f.errors}`,
  )
  return f
}

/** `n` jobs from `CONNECTIONS` loops; answers the wall time */
async function concurrently(job: (i: number, lane: number) => Promise<void>): Promise<number> {
  let next = 0
  const t0 = performance.now()
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, lane) => {
      while (next < MESSAGES) await job(next++, lane)
    }),
  )
  return performance.now() - t0
}

async function baseline(): Promise<Figures> {
  const backend = createMockBackend({ corps: [CORP], now: Date.now })
  const lat: number[] = []
  let errors = 0
  const wall = await concurrently(async (i) => {
    const mail: IncomingMail = {
      from: 'sender@outside.cn',
      to: ['boss@bench.com'],
      cc: [],
      subject: subjectOf(i),
      content: textOf(i),
      html: htmlOf(i),
      message_id: `<base-${i}@outside.cn>`,
      ...(i % 10 === 0
        ? {
            attachments: [
              {
                filename: '附件.bin',
                content_type: 'application/octet-stream',
                content: FILE.toString('base64'),
              },
            ],
          }
        : {}),
    }
    const t = performance.now()
    const r = await backend.deliver(CORP.corpid, 'boss@bench.com', mail)
    lat.push(performance.now() - t)
    if (r.errcode !== 0) errors++
  })
  lat.sort((a, b) => a - b)
  return report(
    {
      label: 'MockBackend.deliver (baseline)',
      rate: (MESSAGES / wall) * 1000,
      p50: percentile(lat, 50),
      p95: percentile(lat, 95),
      errors,
    },
    'deliver  ',
  )
}

/** a libpq URL whose connections use `schema` (the bench never touches the database's own tables) */
function inSchema(url: string, schema: string): string {
  const u = new URL(url)
  u.searchParams.set('options', `-c search_path=${schema}`)
  return u.toString()
}

async function serverRun(label: string, databaseUrl: string): Promise<Figures> {
  if (databaseUrl) {
    const admin = await openDb({ databaseUrl })
    await admin.exec('DROP SCHEMA IF EXISTS bench_smtp CASCADE; CREATE SCHEMA bench_smtp;')
    await admin.close()
  }
  const db = await openDb({ databaseUrl: databaseUrl && inSchema(databaseUrl, 'bench_smtp'), dataDir: '' })
  await migrate(db)
  const clock = createClock()
  const core = await sqlCore(db, [CORP], clock.now, { fresh: true, resumeEveryMs: 0 })
  const smtp = inboundServer({ core, tls: null })
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()))
  const port = (smtp.server.address() as AddressInfo).port

  // The member's view, polled while mail arrives: the first list that shows a subject sees it.
  const seen = new Map<string, number>()
  let polling = true
  const poller = (async () => {
    while (polling) {
      const r = await core.call(
        'mail/message/list',
        { mailbox: 'personal', folder: 'inbox', limit: 100 },
        boss,
      )
      const at = performance.now()
      for (const item of (r.items as { subject: string }[] | undefined) ?? [])
        if (!seen.has(item.subject)) seen.set(item.subject, at)
      await new Promise((res) => setTimeout(res, 5))
    }
  })()

  const transports = Array.from({ length: CONNECTIONS }, () =>
    nodemailer.createTransport({
      host: '127.0.0.1',
      port,
      secure: false,
      ignoreTLS: true,
      pool: true,
      maxConnections: 1,
    }),
  )
  const accepted = new Map<string, number>()
  const smtpLat: number[] = []
  let errors = 0
  const wall = await concurrently(async (i, lane) => {
    const t = performance.now()
    try {
      await transports[lane].sendMail({
        from: '"压测发件人" <sender@outside.cn>',
        to: 'boss@bench.com',
        subject: subjectOf(i),
        text: textOf(i),
        html: htmlOf(i),
        messageId: `<bench-${i}@outside.cn>`,
        ...(i % 10 === 0 ? { attachments: [{ filename: '附件.bin', content: FILE }] } : {}),
      })
      const done = performance.now()
      accepted.set(subjectOf(i), done)
      smtpLat.push(done - t)
    } catch {
      errors++
    }
  })
  // Everything accepted is listed within a moment; wait for the poller to see the last ones.
  const deadline = performance.now() + 30_000
  while (seen.size < accepted.size && performance.now() < deadline)
    await new Promise((r) => setTimeout(r, 10))
  polling = false
  await poller
  for (const t of transports) t.close()
  await new Promise<void>((r) => smtp.close(() => r()))
  await core.close()
  await db.close()

  const visible: number[] = []
  let missing = 0
  for (const [subject, at] of accepted) {
    const v = seen.get(subject)
    // The list can see a mail before its 250 reaches the sender: that is no wait at all.
    if (v === undefined) missing++
    else visible.push(Math.max(0, v - at))
  }
  visible.sort((a, b) => a - b)
  smtpLat.sort((a, b) => a - b)
  const rate = (accepted.size / wall) * 1000
  console.log(
    `${`${label}: SMTP transaction`.padEnd(30)} ${rate.toFixed(0).padStart(5)} msg/s  send→250  p50 ${percentile(smtpLat, 50).toFixed(1).padStart(7)} ms  p95 ${percentile(smtpLat, 95).toFixed(1).padStart(7)} ms`,
  )
  const early = visible.filter((v) => v === 0).length
  console.log(
    `${`${label}: accepted→listed`.padEnd(30)} max ${(visible[visible.length - 1] ?? 0).toFixed(1)} ms; ${early} of ${visible.length} listed before their 250 reached the sender (delivery commits before the 250; the rest wait for the next list poll)`,
  )
  return report(
    {
      label: `${label}: accepted→listed`,
      rate,
      p50: percentile(visible, 50),
      p95: percentile(visible, 95),
      errors: errors + missing,
    },
    'visible  ',
  )
}

async function main() {
  console.log(
    `${MESSAGES} inbound messages from ${CONNECTIONS} concurrent SMTP connections (text + HTML, every 10th with a 20 KB file)`,
  )
  const base = await baseline()
  const runs = [await serverRun('PGlite', '')]
  const pgUrl = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL
  if (pgUrl) runs.push(await serverRun('PostgreSQL', pgUrl))
  for (const r of runs)
    console.log(`${r.label}: throughput ×${(r.rate / base.rate).toFixed(2)} of the in-process baseline`)
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
