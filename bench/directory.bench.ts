// Directory benchmark (issue 3): `npx tsx bench/directory.bench.ts` (or `npm run bench`).
// 100,000 members in 200 departments created through `user/create`, then `user/search` p50/p95 over a
// query mix, against a linear scan over precomputed pinyin keys in the same run. Prints, never asserts.
import { performance } from 'node:perf_hooks'
import { createMockBackend } from '../src/api/mock/index'
import { largeOrgCalls, seededRandom } from '../src/api/mock/demo/largeOrg'
import { memberKeys, normalizeQuery, scanSearch, type MemberKeys } from '../src/policy/search'

const N = Number(process.env.BENCH_MEMBERS ?? 100_000)
const DEPARTMENTS = Number(process.env.BENCH_DEPARTMENTS ?? 200)
const QUERIES = Number(process.env.BENCH_QUERIES ?? 500)
const LIMIT = 20
const CORP = 'wwbench'
const ADMIN = 'admin'

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]
}

const fmt = (ms: number): string => `${(ms * 1000).toFixed(0)} µs`

async function main(): Promise<void> {
  const backend = createMockBackend({
    corps: [
      {
        corpid: CORP,
        name: '基准测试企业',
        creator: ADMIN,
        edition: 'advanced',
        advancedSeats: 10,
        domain: { name: 'bench.example.com', kind: 'custom' },
      },
    ],
  })
  const ctx = { corpid: CORP, userid: ADMIN }
  const plan = largeOrgCalls(N, DEPARTMENTS)

  for (const c of plan.departments) {
    const r = await backend.call(c.api, c.body, ctx)
    if (r.errcode !== 0) throw new Error(`${c.api}: ${r.errcode} ${r.errmsg}`)
  }
  const t0 = performance.now()
  for (const c of plan.members) {
    const r = await backend.call(c.api, c.body, ctx)
    if (r.errcode !== 0) throw new Error(`${c.api} ${String(c.body.userid)}: ${r.errcode} ${r.errmsg}`)
  }
  const createMs = performance.now() - t0
  const perMember = (createMs * 1000) / N

  // The query mix: Chinese (full name, surname, given-name character), full pinyin, pinyin prefix,
  // initials, userid prefix, one letter.
  const rnd = seededRandom(7)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]
  const kinds: Array<[string, () => string]> = [
    ['chinese name', () => pick(plan.generated).name],
    ['chinese char', () => pick(plan.generated).name.slice(0, 1 + Math.floor(rnd() * 2))],
    ['given char', () => pick(plan.generated).name.slice(-1)],
    ['pinyin', () => pick(plan.generated).pinyin],
    ['pinyin prefix', () => pick(plan.generated).pinyin.slice(0, 3 + Math.floor(rnd() * 3))],
    [
      'initials',
      () => (pick(plan.generated).name.length === 2 ? 'zw' : 'wxm').slice(0, 2 + Math.floor(rnd() * 2)),
    ],
    ['userid', () => pick(plan.generated).userid.slice(0, 6 + Math.floor(rnd() * 6))],
    ['one letter', () => String.fromCharCode(97 + Math.floor(rnd() * 26))],
  ]
  const queries: string[] = []
  for (let i = 0; i < QUERIES; i++) queries.push(kinds[i % kinds.length][1]())
  const kindOf = (i: number): string => kinds[i % kinds.length][0]

  // Linear scan over keys precomputed once (pinyin included), same ranking rules.
  const tk = performance.now()
  const scanMembers: Array<{ userid: string; keys: MemberKeys }> = plan.members.map((c) => ({
    userid: String(c.body.userid),
    keys: memberKeys({
      userid: String(c.body.userid),
      name: String(c.body.name),
      position: String(c.body.position),
      biz_mail: `${String(c.body.userid).toLowerCase()}@bench.example.com`,
      alias: [],
    }),
  }))
  const keysMs = performance.now() - tk

  // Warm-up (JIT, first-use index merges), not measured.
  for (const q of queries.slice(0, 50)) await backend.call('user/search', { query: q, limit: LIMIT }, ctx)

  const indexTimes: number[] = []
  const byKind = new Map<string, number[]>()
  let mismatches = 0
  for (const [i, q] of queries.entries()) {
    const s = performance.now()
    const r = await backend.call('user/search', { query: q, limit: LIMIT }, ctx)
    const took = performance.now() - s
    indexTimes.push(took)
    byKind.set(kindOf(i), [...(byKind.get(kindOf(i)) ?? []), took])
    if (r.errcode !== 0) throw new Error(`user/search ${q}: ${r.errcode}`)
    // Spot-check that the index answers exactly what the scan does (outside the timed part).
    if (indexTimes.length % 50 === 0) {
      const expect = scanSearch(scanMembers, normalizeQuery(q), LIMIT).map((h) => h.userid)
      const got = (r.userlist as Array<{ userid: string }>).map((u) => u.userid)
      if (expect.join() !== got.join()) mismatches++
    }
  }
  const scanTimes: number[] = []
  for (const q of queries) {
    const s = performance.now()
    scanSearch(scanMembers, normalizeQuery(q), LIMIT)
    scanTimes.push(performance.now() - s)
  }
  indexTimes.sort((a, b) => a - b)
  scanTimes.sort((a, b) => a - b)
  const ip50 = percentile(indexTimes, 50)
  const ip95 = percentile(indexTimes, 95)
  const sp50 = percentile(scanTimes, 50)
  const sp95 = percentile(scanTimes, 95)

  const lines = [
    `directory benchmark: ${N.toLocaleString('en')} members, ${DEPARTMENTS} departments, ${QUERIES} queries (limit ${LIMIT})`,
    `  user/create            ${perMember.toFixed(1)} µs/member (${(createMs / 1000).toFixed(2)} s total)   target ≤ 50 µs  ${perMember <= 50 ? 'OK' : 'MISSED'}`,
    `  user/search (index)    p50 ${fmt(ip50)}   p95 ${fmt(ip95)}   target p95 ≤ 1 ms  ${ip95 <= 1 ? 'OK' : 'MISSED'}`,
    `  linear scan (keys)     p50 ${fmt(sp50)}   p95 ${fmt(sp95)}   (precomputing keys took ${keysMs.toFixed(0)} ms)`,
    `  speed-up               p50 ${(sp50 / ip50).toFixed(1)}×   p95 ${(sp95 / ip95).toFixed(1)}×   target ≥ 5×  ${sp95 / ip95 >= 5 && sp50 / ip50 >= 5 ? 'OK' : 'MISSED'}`,
    `  index vs scan results  ${mismatches === 0 ? 'identical' : `${mismatches} mismatching spot checks`}`,
  ]
  for (const [kind, times] of byKind) {
    times.sort((a, b) => a - b)
    lines.push(`    ${kind.padEnd(14)} p50 ${fmt(percentile(times, 50))}   p95 ${fmt(percentile(times, 95))}`)
  }

  console.log(lines.join('\n'))
}

main().catch((e) => {
  console.error(e)
  process.exitCode = 1
})
