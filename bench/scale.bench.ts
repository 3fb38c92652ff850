// Scale of the in-device backend (issues 17/19): `npx tsx bench/scale.bench.ts` (or `npm run bench scale`).
// 1k / 10k / 100k members created through the public API with a Map-backed KeyValueStorage attached.
// Per size: bytes written to storage and time per write (`user/update`, `mail/message/read`);
// `mail/message/send` right after an unrelated directory write; `department/list {fetch_member_count: 1}`
// warm and for many distinct viewers; own-department viewer `user/search` p50/p95 against an unrestricted
// viewer. Each figure has a ratio against a simple baseline call measured in the same run
// (`mail/settings/get`: opens the mailbox, constant work). Prints, never asserts.
// BENCH_SIZES=1000,10000 limits the sizes.
import { performance } from 'node:perf_hooks'
import type { KeyValueStorage } from '../src/api/contract'
import { createMockBackend, type MockBackend } from '../src/api/mock/index'
import { largeOrgCalls, seededRandom } from '../src/api/mock/demo/largeOrg'
import type { MockEnv } from '../src/api/mock/env'
import { memberApis } from '../src/api/mock/directory/members'
import { planRecipients } from '../src/api/mock/mail/routing'
import { serialize, STATE_KEY } from '../src/api/mock/persistence'
import type { BackendState } from '../src/api/mock/state'
import { newMember, stateFromSetups } from '../src/api/mock/seed'

const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number)
const CORP = 'wwscale'
const ADMIN = 'admin'
const DOMAIN = 'scale.example.com'
/** wall-clock budget for the repeated slow parts of one size (today's code is very slow at 100k) */
const BUDGET_MS = 12_000
/** wall-clock budget for building one size's org through the API */
const BUILD_BUDGET_MS = Number(process.env.BENCH_BUILD_BUDGET_MS ?? 120_000)

/** A Map-backed storage that counts what is written, and can hold saves back (gate) while building. */
class CountingStorage implements KeyValueStorage {
  readonly map = new Map<string, string>()
  bytes = 0
  sets = 0
  private gate: Promise<void> | null = null
  private open: (() => void) | null = null
  get(key: string): string | undefined {
    return this.map.get(key)
  }
  async set(key: string, value: string): Promise<void> {
    if (this.gate) await this.gate
    this.map.set(key, value)
    this.bytes += Buffer.byteLength(value, 'utf8')
    this.sets++
  }
  remove(key: string): void {
    this.map.delete(key)
  }
  /** saves are awaited by calls: holding them back is never possible */
  private attached = false
  get attachedMode(): boolean {
    return this.attached
  }
  hold(): void {
    if (!this.gate && !this.attached) this.gate = new Promise((r) => (this.open = r))
  }
  get held(): boolean {
    return this.gate !== null
  }
  detach(): void {
    this.attached = true
    this.release()
  }
  release(): void {
    this.open?.()
    this.gate = null
    this.open = null
  }
  totalBytes(): number {
    let n = 0
    for (const v of this.map.values()) n += Buffer.byteLength(v, 'utf8')
    return n
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]
const median = (xs: number[]): number =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  )
const ms = (x: number): string =>
  x >= 100 ? `${x.toFixed(0)} ms` : x >= 1 ? `${x.toFixed(1)} ms` : `${(x * 1000).toFixed(0)} µs`
const mb = (bytes: number): string =>
  bytes >= 1e6
    ? `${(bytes / 1e6).toFixed(2)} MB`
    : bytes >= 1e3
      ? `${(bytes / 1e3).toFixed(1)} kB`
      : `${bytes} B`
const ratio = (x: number, base: number): string => `${(x / base).toFixed(1)}×`

/** the storage of the size being measured */
let active: CountingStorage | null = null

async function ok(backend: MockBackend, api: string, body: object, userid = ADMIN) {
  const pending = backend.call(api, body, { corpid: CORP, userid })
  // A backend whose call waits for its save would wait forever on held saves: let go for good then.
  if (active?.held && !(await Promise.race([pending.then(() => true), sleep(500).then(() => false)]))) {
    active.detach()
  }
  const r = await pending
  if (r.errcode !== 0) throw new Error(`${api} as ${userid}: ${r.errcode} ${r.errmsg}`)
  return r
}

/** run `fn` up to `max` times (at least `min`) within `budget` ms; the per-run times */
async function repeat(fn: (i: number) => Promise<number>, min: number, max: number, budget: number) {
  const times: number[] = []
  const start = performance.now()
  for (let i = 0; i < max; i++) {
    if (i >= min && performance.now() - start > budget) break
    times.push(await fn(i))
  }
  return times
}

const SETUP = {
  corpid: CORP,
  name: '规模测试企业',
  creator: ADMIN,
  edition: 'advanced' as const,
  advancedSeats: 10,
  domain: { name: DOMAIN, kind: 'custom' as const },
}

/**
 * Builds the org through the public API (every rule and index runs as in production). Null when
 * that would take longer than the budget: then the org is written into the state directly instead.
 */
async function apiBuild(storage: CountingStorage, plan: ReturnType<typeof largeOrgCalls>, n: number) {
  // Saves wait while the org is built (one save covers every write queued meanwhile), then flush once.
  storage.hold()
  const backend = createMockBackend({ storage, corps: [SETUP] })
  const tb = performance.now()
  for (const c of plan.departments) await ok(backend, c.api, c.body)
  let lap = performance.now()
  for (const [i, c] of plan.members.entries()) {
    await ok(backend, c.api, c.body)
    // Writes may get dearer as the org grows: re-project from the current rate every 500 members.
    if (n > 2000 && i % 500 === 199) {
      const elapsed = performance.now() - tb
      const rate = (performance.now() - lap) / (i === 199 ? 200 : 500)
      lap = performance.now()
      const projected = elapsed + rate * (n - i - 1) * 1.5
      if (projected > BUILD_BUDGET_MS) {
        storage.release()
        await backend.settle()
        return {
          backend: null,
          how: `directly (through the API: ${rate.toFixed(1)} ms per member at ${i + 1})`,
        }
      }
    }
  }
  const s = ((performance.now() - tb) / 1000).toFixed(1)
  return { backend, how: `through the API in ${s} s` }
}

/** The same org written straight into a state, saved in the one-key layout every build can load. */
/** The same org written straight into a state (no API, no persistence). */
function stateOf(plan: ReturnType<typeof largeOrgCalls>): BackendState {
  const state = stateFromSetups([SETUP])
  const corp = state.corps[CORP]
  for (const c of plan.departments) {
    const id = c.body.id as number
    corp.departments[id] = {
      id,
      name: String(c.body.name),
      parentid: c.body.parentid as number,
      order: c.body.order as number,
    }
  }
  corp.nextId.department = plan.departments.length + 2
  for (const c of plan.members) {
    const b = c.body
    corp.users[String(b.userid)] = newMember(corp, {
      userid: String(b.userid),
      name: String(b.name),
      department: b.department as number[],
      position: String(b.position),
      mobile: String(b.mobile),
      gender: String(b.gender) as '1' | '2',
    })
  }
  return state
}

/** The directly written org, saved in the one-key layout every build can load. */
function directBuild(storage: CountingStorage, plan: ReturnType<typeof largeOrgCalls>) {
  storage.release()
  storage.map.clear()
  storage.map.set(STATE_KEY, serialize(stateOf(plan)))
  return createMockBackend({ storage })
}

/**
 * Routing in-process, without the dispatcher and persistence: resolving a recipient right after an
 * unrelated directory write (user/update by its handler), against rebuilding an address map over all
 * members (what every write used to cost the next send) in the same run.
 */
function routingInProcess(plan: ReturnType<typeof largeOrgCalls>): string {
  const state = stateOf(plan)
  const corp = state.corps[CORP]
  const env = { now: () => 0, random: () => 0.5, schedule: () => undefined } as unknown as MockEnv
  const ctx = { state, corp, caller: corp.users[ADMIN], env, isAdmin: true }
  const rnd = seededRandom(5)
  const someone = () => plan.generated[Math.floor(rnd() * plan.generated.length)].userid
  planRecipients(corp, [`${ADMIN}@${DOMAIN}`]) // the map is built once
  const route: number[] = []
  const rebuild: number[] = []
  for (let i = 0; i < 20; i++) {
    const r = memberApis['user/update'](ctx, { userid: someone(), position: `岗位${i}` })
    if (r.errcode !== 0) throw new Error(`user/update: ${r.errmsg}`)
    const s = performance.now()
    const plan2 = planRecipients(corp, [`${someone().toLowerCase()}@${DOMAIN}`, 'nobody@' + DOMAIN])
    route.push(performance.now() - s)
    if (plan2.deliveries.length !== 1 || plan2.undeliverable.length !== 1) throw new Error('routing')
    const t = performance.now()
    const map = new Map<string, string>()
    for (const m of Object.values(corp.users)) {
      for (const a of [m.biz_mail, ...m.alias]) if (a) map.set(a.toLowerCase(), m.userid)
    }
    rebuild.push(performance.now() - t)
  }
  return `  routing in-process   after a directory write ${ms(median(route))}   full address-map rebuild ${ms(median(rebuild))} (${ratio(median(rebuild), median(route))} faster)`
}

async function runSize(n: number): Promise<string[]> {
  const departments = Math.max(20, Math.round(n / 500))
  let storage = new CountingStorage()
  active = storage
  const plan = largeOrgCalls(n, departments)
  const built = await apiBuild(storage, plan, n)
  if (!built.backend) active = storage = new CountingStorage()
  const backend = built.backend ?? directBuild(storage, plan)
  if (!built.backend) {
    // the loaded state is saved again in the backend's own layout first
    await ok(backend, 'user/get', { userid: plan.generated[0].userid })
    await backend.settle()
  }
  // Own-department rule for everyone but the admin: each member sees their own department's subtree.
  await ok(backend, 'contactrule/create', {
    rule_type: 2,
    range: { userid: [], partyid: [1], tagid: [] },
    whitelist: { userid: [ADMIN], partyid: [], tagid: [] },
  })
  const adminMail = `${ADMIN}@${DOMAIN}`
  const inbox: string[] = []
  for (let i = 0; i < 40; i++) {
    const r = await backend.deliver(CORP, adminMail, {
      from: `客户${i} <c${i}@customer.example.cn>`,
      to: [adminMail],
      subject: `询价 ${i}`,
      content: `您好，请报价第 ${i} 批货物。`,
    })
    if (r.errcode !== 0) throw new Error(`deliver: ${r.errcode} ${r.errmsg}`)
  }
  const list = await ok(backend, 'mail/message/list', { mailbox: 'personal', folder: 'inbox', limit: 50 })
  for (const m of list.items as Array<{ mail_id: string }>) inbox.push(m.mail_id)
  storage.release()
  await backend.settle()
  const stateBytes = storage.totalBytes()

  const rnd = seededRandom(11)
  const someone = () => plan.generated[Math.floor(rnd() * plan.generated.length)]

  // Baseline: a constant-work call that opens the mailbox.
  for (let i = 0; i < 20; i++) await ok(backend, 'mail/settings/get', { mailbox: 'personal' })
  const baseTimes: number[] = []
  for (let i = 0; i < 200; i++) {
    const s = performance.now()
    await ok(backend, 'mail/settings/get', { mailbox: 'personal' })
    baseTimes.push(performance.now() - s)
  }
  const base = median(baseTimes)

  // Writes with the storage attached: bytes handed to storage, call time and call + save time.
  async function writeCost(api: string, body: (i: number) => object) {
    const bytes: number[] = []
    const call: number[] = []
    const total: number[] = []
    await repeat(
      async (i) => {
        const b0 = storage.bytes
        const s = performance.now()
        await ok(backend, api, body(i))
        const c = performance.now() - s
        await backend.settle()
        const t = performance.now() - s
        bytes.push(storage.bytes - b0)
        call.push(c)
        total.push(t)
        return t
      },
      3,
      20,
      BUDGET_MS / 3,
    )
    return { bytes: median(bytes), call: median(call), total: median(total), runs: total.length }
  }
  const positions = ['工程师', '高级工程师', '产品经理']
  const upd = await writeCost('user/update', (i) => ({
    userid: plan.generated[i].userid,
    position: positions[i % positions.length],
  }))
  const read = await writeCost('mail/message/read', (i) => ({
    mailbox: 'personal',
    mail_id: inbox[i % inbox.length],
  }))

  // From here on saves are held back so only the calls themselves are timed (one save absorbs them),
  // unless calls wait for their saves (then the saves are part of what a call costs).
  storage.hold()
  await ok(backend, 'user/update', { userid: plan.generated[0].userid, position: '测试工程师' })

  // mail/message/send right after an unrelated directory write (a member's position changes).
  /** ms of one send from the admin's mailbox to a random member */
  const timedSend = async (subject: string, content: string, key: string) => {
    const to = `${someone().userid.toLowerCase()}@${DOMAIN}`
    const s = performance.now()
    await ok(backend, 'mail/message/send', {
      mailbox: 'personal',
      from: adminMail,
      to: [to],
      subject,
      content,
      idempotency_key: key,
    })
    return performance.now() - s
  }
  const sendTimes = await repeat(
    async (i) => {
      await ok(backend, 'user/update', { userid: someone().userid, position: positions[i % 3] })
      return timedSend(`通知 ${i}`, '请查收。', `send-${n}-${i}`)
    },
    3,
    30,
    BUDGET_MS / 4,
  )
  // The same send after a send (no directory write in between).
  const sendAgain = await repeat((i) => timedSend(`再次 ${i}`, '好', `again-${n}-${i}`), 3, 30, BUDGET_MS / 8)

  // department/list with member counts: one viewer warm, then many distinct (restricted) viewers.
  const viewer = plan.generated[1].userid
  await ok(backend, 'department/list', { fetch_member_count: 1 }, viewer)
  const warm = await repeat(
    async () => {
      const s = performance.now()
      await ok(backend, 'department/list', { fetch_member_count: 1 }, viewer)
      return performance.now() - s
    },
    3,
    50,
    BUDGET_MS / 8,
  )
  const noCount = await repeat(
    async () => {
      const s = performance.now()
      await ok(backend, 'department/list', {}, viewer)
      return performance.now() - s
    },
    3,
    50,
    BUDGET_MS / 16,
  )
  const VIEWERS = 300
  const viewerTimes = await repeat(
    async (i) => {
      const s = performance.now()
      await ok(backend, 'department/list', { fetch_member_count: 1 }, plan.generated[2 + i].userid)
      return performance.now() - s
    },
    3,
    Math.min(VIEWERS, n - 2),
    BUDGET_MS / 4,
  )
  const adminCount = await repeat(
    async () => {
      const s = performance.now()
      await ok(backend, 'department/list', { fetch_member_count: 1 })
      return performance.now() - s
    },
    3,
    50,
    BUDGET_MS / 16,
  )

  // user/search: an own-department viewer against the unrestricted admin, same queries.
  const queries: string[] = []
  for (let i = 0; i < 200; i++) {
    const g = someone()
    const kind = i % 4
    queries.push(
      kind === 0
        ? g.name.slice(0, 1)
        : kind === 1
          ? g.pinyin.slice(0, 3)
          : kind === 2
            ? g.name
            : g.userid.slice(0, 4),
    )
  }
  async function searchTimes(userid: string): Promise<number[]> {
    for (const q of queries.slice(0, 20)) await ok(backend, 'user/search', { query: q, limit: 20 }, userid)
    const times: number[] = []
    for (const q of queries) {
      const s = performance.now()
      await ok(backend, 'user/search', { query: q, limit: 20 }, userid)
      times.push(performance.now() - s)
    }
    return times.sort((a, b) => a - b)
  }
  const own = await searchTimes(viewer)
  const open = await searchTimes(ADMIN)
  storage.release()
  await backend.settle()

  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b)
  const vt = sorted(viewerTimes)
  return [
    `${n.toLocaleString('en')} members, ${departments} departments (saved state ${mb(stateBytes)} in ${storage.map.size} keys; built ${built.how}; calls ${storage.attachedMode ? 'wait' : 'do not wait'} for saves)`,
    `  baseline mail/settings/get          ${ms(base)}`,
    `  user/update         write ${mb(upd.bytes).padStart(9)}   call ${ms(upd.call).padStart(8)}   call+save ${ms(upd.total).padStart(8)} (${ratio(upd.total, base)})`,
    `  mail/message/read   write ${mb(read.bytes).padStart(9)}   call ${ms(read.call).padStart(8)}   call+save ${ms(read.total).padStart(8)} (${ratio(read.total, base)})`,
    `  mail/message/send   after a directory write ${ms(median(sendTimes))} (${ratio(median(sendTimes), base)})   after a send ${ms(median(sendAgain))} (${ratio(median(sendAgain), base)})`,
    `  department/list +count  warm ${ms(median(warm))} (${ratio(median(warm), base)})   without count ${ms(median(noCount))}   admin ${ms(median(adminCount))}`,
    `  department/list +count  ${viewerTimes.length} distinct viewers: p50 ${ms(percentile(vt, 50))}  p95 ${ms(percentile(vt, 95))}  total ${ms(viewerTimes.reduce((a, b) => a + b, 0))}${viewerTimes.length < VIEWERS ? ` (budget; ${VIEWERS} would take ~${((percentile(vt, 50) * VIEWERS) / 1000).toFixed(0)} s)` : ''}`,
    routingInProcess(plan),
    `  user/search own-department p50 ${ms(percentile(own, 50))}  p95 ${ms(percentile(own, 95))}   unrestricted p50 ${ms(percentile(open, 50))}  p95 ${ms(percentile(open, 95))}   p95 ratio ${ratio(percentile(own, 95), percentile(open, 95))}`,
  ]
}

async function main(): Promise<void> {
  const t0 = performance.now()
  console.log(
    `scale benchmark (${new Date().toISOString()}): sizes ${SIZES.join(', ')}; medians unless noted`,
  )
  for (const n of SIZES) {
    const lines = await runSize(n)
    console.log(lines.join('\n'))
  }
  console.log(`total ${((performance.now() - t0) / 1000).toFixed(0)} s`)
}

main().catch((e) => {
  console.error(e)
  process.exitCode = 1
})
