// The server over real HTTP on loopback: 50 concurrent sessions mixing mailbox list / message list /
// read / send (3:3:3:1) against the demo organisations, on PGlite (in memory) and, with
// BENCH_DATABASE_URL, on PostgreSQL. Baseline in the same run: a bare node:http server answering a
// fixed envelope to the same load. Run: npm run bench -- server
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { buildApp } from '../server/app'
import { Sessions } from '../server/auth/sessions'
import { createClock } from '../server/clock'
import { sqlCore } from '../server/core'
import { openDb } from '../server/db'
import { migrate } from '../server/db/migrate'

const SESSIONS = 50
const REQUESTS = 2000
const USERS = ['zhangsan', 'lina', 'zhangwei']

type Op = { url: string; body: object }

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

async function post(base: string, op: Op, token: string): Promise<Record<string, unknown>> {
  const r = await fetch(`${base}${op.url}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(op.body),
  })
  return (await r.json()) as Record<string, unknown>
}

/** runs REQUESTS requests from SESSIONS concurrent loops; answers latencies (ms) and wall time */
async function load(
  base: string,
  tokens: string[],
  next: (session: number, i: number) => Op,
): Promise<{ lat: number[]; wall: number; errors: number }> {
  const lat: number[] = []
  let issued = 0
  let errors = 0
  const t0 = performance.now()
  await Promise.all(
    Array.from({ length: SESSIONS }, async (_, s) => {
      while (issued < REQUESTS) {
        const i = issued++
        const start = performance.now()
        const r = await post(base, next(s, i), tokens[s % tokens.length])
        lat.push(performance.now() - start)
        if (r.errcode !== 0) errors++
      }
    }),
  )
  return { lat: lat.sort((a, b) => a - b), wall: performance.now() - t0, errors }
}

function report(name: string, r: { lat: number[]; wall: number; errors: number }) {
  const p50 = percentile(r.lat, 50)
  const p95 = percentile(r.lat, 95)
  const rps = (r.lat.length / r.wall) * 1000
  console.log(
    `${name.padEnd(26)} p50 ${p50.toFixed(1).padStart(7)} ms  p95 ${p95.toFixed(1).padStart(7)} ms  ${rps.toFixed(0).padStart(6)} req/s  errors ${r.errors}`,
  )
  return { p50, p95, rps }
}

async function baseline() {
  const body = JSON.stringify({ errcode: 0, errmsg: 'ok', items: [] })
  const server = http.createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      res.setHeader('content-type', 'application/json')
      res.end(body)
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const r = await load(base, ['x'], () => ({ url: '/cgi-bin/mail/mailbox/list', body: {} }))
  await new Promise((r2) => server.close(r2))
  return report('bare node:http (baseline)', r)
}

async function serverRun(label: string, databaseUrl: string) {
  const db = await openDb({ databaseUrl, dataDir: '' })
  if (databaseUrl) await db.exec('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;')
  await migrate(db)
  const clock = createClock()
  const core = await sqlCore(db, undefined, clock.now, { fresh: true })
  const app = buildApp({ db, core, sessions: new Sessions(db, clock.now), wecom: null, clock, dev: true })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  const tokens: string[] = []
  for (let s = 0; s < SESSIONS; s++) {
    const r = await fetch(`${base}/auth/dev`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ corpid: 'wwdemo', userid: USERS[s % USERS.length] }),
    })
    tokens.push(((await r.json()) as { token: string }).token)
  }
  // one mail per user to read, found once up front
  const mailOf: string[] = []
  for (let u = 0; u < USERS.length; u++) {
    const list = await post(
      base,
      { url: '/cgi-bin/mail/message/list', body: { mailbox: 'personal', folder: 'inbox' } },
      tokens[u],
    )
    mailOf.push(((list.items as { mail_id: string }[])[0] ?? { mail_id: '' }).mail_id)
  }
  const ops = (s: number, i: number): Op => {
    const user = s % USERS.length
    switch (i % 10) {
      case 0:
      case 1:
      case 2:
        return { url: '/cgi-bin/mail/mailbox/list', body: {} }
      case 3:
      case 4:
      case 5:
        return { url: '/cgi-bin/mail/message/list', body: { mailbox: 'personal', folder: 'inbox' } }
      case 6:
      case 7:
      case 8:
        return { url: '/cgi-bin/mail/message/read', body: { mailbox: 'personal', mail_id: mailOf[user] } }
      default:
        return {
          url: '/cgi-bin/mail/message/send',
          body: {
            mailbox: 'personal',
            from: `${USERS[user]}@xinghe.com`,
            to: ['lina@xinghe.com'],
            subject: `压测 ${i}`,
            content: '正文',
            idempotency_key: `bench-${label}-${i}`,
          },
        }
    }
  }
  const r = await load(base, tokens, ops)
  await app.close()
  await core.close()
  await db.close()
  return report(`server on ${label}`, r)
}

async function main() {
  console.log(
    `${SESSIONS} concurrent sessions, ${REQUESTS} requests (mailbox list / list / read / send = 3:3:3:1)`,
  )
  const base = await baseline()
  const runs = [await serverRun('PGlite', '')]
  if (process.env.BENCH_DATABASE_URL) runs.push(await serverRun('PostgreSQL', process.env.BENCH_DATABASE_URL))
  for (const r of runs)
    console.log(
      `ratio to baseline: p95 ×${(r.p95 / base.p95).toFixed(1)}, throughput ×${(r.rps / base.rps).toFixed(2)}`,
    )
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
