// mail/mailbox/list at scale: a member of a 100,000-member corp with 500 business mailboxes
// (mixed user / department / tag lists). Indexed handler vs a naive scan of every mailbox with
// accessVia, in the same run. Run: npx tsx bench/mail.bench.ts
import { accessVia } from '../src/policy/access'
import { mailApis } from '../src/api/mock/handlers/mail'
import { receive } from '../src/api/mock/mail/delivery'
import { bumpMailIndex } from '../src/api/mock/mail/mailboxIndex'
import { mailboxUnread } from '../src/api/mock/mail/store'
import { invalidateOrg, orgIndex } from '../src/api/mock/orgIndex'
import type { Handler, HandlerContext } from '../src/api/mock/registry'
import { newMember, newStore, stateFromSetups } from '../src/api/mock/seed'
import type { CorpState, Member } from '../src/api/mock/state'
import { testSecureBytes } from '../test/kit/mail'
import { atOnce } from './atOnce'

const MEMBERS = 100_000
const MAILBOXES = 500
const CALLS = 2_000
const TARGET_MS = 1

let seed = 7
const rnd = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31
  return seed / 2 ** 31
}
const pick = <T>(list: T[]): T => list[Math.floor(rnd() * list.length)]

function buildCorp(): CorpState {
  const state = stateFromSetups([
    {
      corpid: 'big',
      name: '大公司',
      creator: 'boss',
      edition: 'advanced',
      advancedSeats: 500,
      domain: { name: 'big.com', kind: 'custom' },
    },
  ])
  const corp = state.corps.big
  // 1 → 20 divisions → 10 departments each → 5 teams each: 1,221 departments
  const levels: number[][] = [[1]]
  let next = 2
  for (const fanout of [20, 10, 5]) {
    const level: number[] = []
    for (const parent of levels[levels.length - 1]) {
      for (let i = 0; i < fanout; i++) {
        corp.departments[next] = { id: next, name: `部门${next}`, parentid: parent, order: i }
        level.push(next++)
      }
    }
    levels.push(level)
  }
  const teams = levels[3]
  const allDepts = levels.flat()
  const userids: string[] = []
  for (let i = 0; i < MEMBERS; i++) {
    const userid = `u${i}`
    const department = rnd() < 0.1 ? [pick(teams), pick(teams)] : [pick(teams)]
    corp.users[userid] = newMember(corp, { userid, name: `成员${i}`, department })
    userids.push(userid)
  }
  for (let t = 1; t <= 300; t++) {
    corp.tags[t] = {
      tagid: t,
      tagname: `标签${t}`,
      userlist: Array.from({ length: 20 }, () => pick(userids)),
      partylist: Array.from({ length: 2 }, () => pick(allDepts.slice(1))),
    }
  }
  for (let id = 1; id <= MAILBOXES; id++) {
    const storeId = newStore(corp)
    const kinds = Math.floor(rnd() * 7) + 1 // bitmask: users / departments / tags, never all empty
    corp.publicmails[id] = {
      id,
      email: `box${id}@big.com`,
      name: `业务邮箱${id}`,
      userid_list: kinds & 1 ? Array.from({ length: 1 + Math.floor(rnd() * 10) }, () => pick(userids)) : [],
      department_list:
        kinds & 2 ? Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => pick(allDepts.slice(1))) : [],
      tag_list:
        kinds & 4 ? Array.from({ length: 1 + Math.floor(rnd() * 2) }, () => 1 + Math.floor(rnd() * 300)) : [],
      alias_list: [],
      enabled: rnd() > 0.05,
      storeId,
      authCodes: [],
      bindings: { wechat: false, mobile: false, wecom: false },
      create_time: 0,
    }
    // some mail, some unread, so unread counts are real work
    for (let k = 0; k < 20; k++) {
      const msg = receive(corp.stores[storeId], corp.stores[storeId].shared.rules, {
        from: `c${k}@ext.com`,
        to: [`box${id}@big.com`],
        cc: [],
        subject: `询价 ${k}`,
        content: '请报价',
        message_id: '',
        in_reply_to: '',
        delivered_to: `box${id}@big.com`,
        time: k,
      })
      msg.read = rnd() < 0.7
    }
  }
  corp.nextId.publicmail = MAILBOXES + 1
  invalidateOrg(corp)
  return corp
}

/** The baseline: every mailbox, accessVia each, same output. */
function naiveList(corp: CorpState, caller: Member) {
  const org = orgIndex(corp)
  const out: unknown[] = []
  for (const mb of Object.values(corp.publicmails).sort((a, b) => a.id - b.id)) {
    const routes = accessVia(mb, caller, org)
    if (!routes.length) continue
    const store = corp.stores[mb.storeId]
    out.push({
      id: mb.id,
      email: mb.email,
      name: mb.name,
      kind: 'business',
      enabled: mb.enabled,
      unread: store ? mailboxUnread(store) : 0,
      access_via: routes,
    })
  }
  return out
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

function measure(label: string, run: (m: Member) => unknown, callers: Member[]) {
  const times: number[] = []
  let found = 0
  for (const m of callers) {
    const t0 = process.hrtime.bigint()
    const r = run(m) as { mailboxes?: unknown[] } | unknown[]
    times.push(Number(process.hrtime.bigint() - t0) / 1e6)
    found += Array.isArray(r) ? r.length : (r.mailboxes?.length ?? 1) - 1
  }
  times.sort((a, b) => a - b)
  const p50 = percentile(times, 50)
  const p95 = percentile(times, 95)
  console.log(
    `${label.padEnd(26)} p50 ${p50.toFixed(4)} ms   p95 ${p95.toFixed(4)} ms   max ${times[times.length - 1].toFixed(3)} ms   (avg ${(found / callers.length).toFixed(1)} business mailboxes per member)`,
  )
  return { p50, p95 }
}

const t0 = Date.now()
const corp = buildCorp()
console.log(
  `built corp: ${MEMBERS} members, ${Object.keys(corp.departments).length} departments, 300 tags, ${MAILBOXES} mailboxes in ${Date.now() - t0} ms`,
)
const env = { now: () => 0, random: rnd, secureBytes: testSecureBytes(), schedule: () => undefined }
const handler: Handler<'mail/mailbox/list'> = mailApis['mail/mailbox/list']
const ctx = (caller: Member): HandlerContext => ({
  state: { schema: 1, corps: { big: corp } },
  corp,
  caller,
  env,
  isAdmin: false,
})
const users = Object.values(corp.users)
const callers = Array.from({ length: CALLS }, () => pick(users))

// Cold start: org index, tag expansion, membership index, unread counts.
let c0 = process.hrtime.bigint()
handler(ctx(callers[0]), {})
console.log(
  `first call (builds org + mail indexes): ${(Number(process.hrtime.bigint() - c0) / 1e6).toFixed(1)} ms`,
)
bumpMailIndex(corp)
c0 = process.hrtime.bigint()
handler(ctx(callers[0]), {})
console.log(
  `first call after a write (mail index rebuilt): ${(Number(process.hrtime.bigint() - c0) / 1e6).toFixed(2)} ms`,
)

// Both answer the same.
for (const m of callers.slice(0, 200)) {
  const a = (atOnce(handler(ctx(m), {})).mailboxes as { id: unknown }[])
    .slice(m.storeId ? 1 : 0)
    .map((x) => x.id)
  const b = (naiveList(corp, m) as { id: unknown }[]).map((x) => x.id)
  if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`mismatch for ${m.userid}`)
}

for (let i = 0; i < 300; i++) handler(ctx(callers[i]), {}) // warm-up (JIT)
for (let i = 0; i < 300; i++) naiveList(corp, callers[i])
const indexed = measure('mail/mailbox/list (index)', (m) => handler(ctx(m), {}), callers)
const naive = measure('naive scan + accessVia', (m) => naiveList(corp, m), callers)
console.log(
  `speed-up: p50 ×${(naive.p50 / indexed.p50).toFixed(1)}, p95 ×${(naive.p95 / indexed.p95).toFixed(1)}`,
)
console.log(`target p95 ≤ ${TARGET_MS} ms: ${indexed.p95 <= TARGET_MS ? 'met' : 'MISSED'}`)
