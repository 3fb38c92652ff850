// A successful client login (IMAP) on the server, where the login's bookkeeping (the password's
// last-use time) is a write: against a business mailbox holding 3,000 client passwords, next to one
// holding a single password, in the same run and database (embedded PGlite; BENCH_DATABASE_URL for
// PostgreSQL). The login itself hashes only its candidates, so what grows with the mailbox is what
// the write costs. Run: npm run bench -- clientLogin-server
import { createMockBackend } from '../src/api/mock'
import { createAuthCode } from '../src/api/mock/publicmail/authCodes'
import { memoryClientPasswords } from '../src/api/mock/ports/clientPasswords'
import { openDb } from '../server/db'
import { migrate } from '../server/db/migrate'
import { openPglite } from '../server/db/pglite'
import { sqlPort } from '../server/store/sqlPort'
import { addMailbox, testSecureBytes } from '../test/kit/mail'
import { loginCorp } from './loginCorp'
import { withSchema } from './pgSchema'

const CODES = 3000
const LOGINS = 60

async function main(): Promise<void> {
  const url = process.env.BENCH_DATABASE_URL
  const db = url ? await openDb({ databaseUrl: withSchema(url, 'bench_login') }) : await openPglite()
  if (url) await db.exec('DROP SCHEMA IF EXISTS bench_login CASCADE; CREATE SCHEMA bench_login')
  await migrate(db)
  let t = Date.UTC(2026, 0, 5)
  const env = { now: () => t, random: Math.random, secureBytes: testSecureBytes(), schedule: () => undefined }
  const { state, corp, userids } = loginCorp(CODES / 10)
  const big = addMailbox(corp, { email: 'sales@corp.com', name: '销售', userid_list: userids })
  const small = addMailbox(corp, { email: 'pr@corp.com', name: '公关', userid_list: ['m0'] })
  let bigSecret = ''
  const codes = memoryClientPasswords(() => state)
  for (let i = 0; i < CODES; i++) {
    const creator = userids[Math.floor(i / 10)]
    const r = await createAuthCode(codes, corp.corpid, big.id, { creator, byAdmin: false }, env)
    if (!r.ok) throw new Error(r.errmsg)
    if (i === CODES - 1) bigSecret = r.value.auth_code
  }
  const one = await createAuthCode(codes, corp.corpid, small.id, { creator: 'm0', byAdmin: false }, env)
  if (!one.ok) throw new Error(one.errmsg)
  for (const mb of [big, small]) corp.stores[mb.storeId].shared.imap = true
  await sqlPort(db).replace(state)
  const backend = createMockBackend({ corps: [], now: () => t, port: sqlPort(db) })

  async function perLogin(email: string, secret: string): Promise<{ p50: number; p95: number }> {
    const times: number[] = []
    for (let i = 0; i < LOGINS; i++) {
      t += 1000
      const t0 = process.hrtime.bigint()
      const r = await backend.clientLogin(email, secret, 'imap')
      times.push(Number(process.hrtime.bigint() - t0) / 1e6)
      if (r.errcode !== 0) throw new Error(`login refused: ${r.errmsg}`)
    }
    times.sort((a, b) => a - b)
    return { p50: times[Math.floor(LOGINS / 2)], p95: times[Math.floor(LOGINS * 0.95)] }
  }
  await perLogin('pr@corp.com', one.value.auth_code) // warm-up
  const baseline = await perLogin('pr@corp.com', one.value.auth_code)
  const large = await perLogin('sales@corp.com', bigSecret)
  console.log(`a successful IMAP login on ${db.kind}, ${LOGINS} logins each:`)
  console.log(
    `baseline  mailbox with 1 password:      p50 ${baseline.p50.toFixed(2)} ms  p95 ${baseline.p95.toFixed(2)} ms`,
  )
  console.log(
    `measured  mailbox with ${CODES} passwords:  p50 ${large.p50.toFixed(2)} ms  p95 ${large.p95.toFixed(2)} ms`,
  )
  console.log(`ratio (p50): ×${(large.p50 / baseline.p50).toFixed(1)}`)
  await backend.settle()
  await db.close()
}

void main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
