// Invariants of the switch itself (migration/transfer) over randomly shaped orgs.
import fc from 'fast-check'
import { addMailbox } from '../../kit/mail'
import { transfer } from '../../../src/api/mock/migration/transfer'
import { newMember, stateFromSetups } from '../../../src/api/mock/seed'
import type { CorpState, MigrationState } from '../../../src/api/mock/state'
import { mail, T0 } from './harness'

const POOL = ['boss', 'u1', 'u2', 'u3', 'u4', 'u5', 'U6']

const shape = fc.record({
  a: fc.uniqueArray(fc.constantFrom(...POOL.slice(1)), { maxLength: 6 }),
  b: fc.uniqueArray(fc.constantFrom(...POOL.slice(1).map((u) => (u === 'u5' ? 'U5' : u))), { maxLength: 6 }),
  mail: fc.array(fc.nat(3), { minLength: 7, maxLength: 7 }),
  boxes: fc.array(fc.record({ users: fc.subarray(POOL), dept: fc.boolean(), messages: fc.nat(2) }), {
    maxLength: 3,
  }),
  withAlias: fc.boolean(),
})

type Shape = typeof shape extends fc.Arbitrary<infer T> ? T : never

function build(s: Shape) {
  const state = stateFromSetups([
    {
      corpid: 'a',
      name: 'A',
      creator: 'boss',
      creatorAccount: 'wx-boss',
      edition: 'advanced',
      advancedSeats: 3,
      domain: { name: 'a.com', kind: 'custom' },
    },
    {
      corpid: 'b',
      name: 'B',
      creator: 'boss',
      creatorAccount: 'wx-boss',
      edition: 'basic',
      domain: { name: 'b.wecom.work', kind: 'experience' },
    },
  ])
  const [a, b] = [state.corps.a, state.corps.b]
  s.a.forEach((u, i) => {
    a.users[u] = newMember(a, { userid: u, name: u, alias: s.withAlias && i === 0 ? [`${u}.x@a.com`] : [] })
  })
  for (const u of s.b) b.users[u] = newMember(b, { userid: u, name: u })
  Object.values(a.users).forEach((m, i) => {
    for (let k = 0; k < (s.mail[i] ?? 0); k++) mail(a.stores[m.storeId!], `${m.userid}-${k}`)
  })
  s.boxes.forEach((x, i) => {
    const mb = addMailbox(a, {
      email: `box${i}@a.com`,
      name: `box${i}`,
      userid_list: x.users.filter((u) => a.users[u]),
      department_list: x.dept ? [1] : [],
    })
    for (let k = 0; k < x.messages; k++) mail(a.stores[mb.storeId], `box${i}-${k}`)
  })
  mail(b.stores[b.users.boss.storeId!], 'old b')
  return { a, b }
}

const count = (c: CorpState) =>
  Object.values(c.stores).reduce((n, s) => n + Object.keys(s.messages).length, 0)
const migration: MigrationState = {
  migration_id: 'm',
  source: 'a',
  target: 'b',
  state: 'running',
  steps: [],
  started: T0,
}

test('property: no mail is lost or duplicated, B is consistent, A starts empty', () => {
  fc.assert(
    fc.property(shape, (s) => {
      const { a, b } = build(s)
      const aMessages = count(a)
      const snapshot = JSON.stringify([a, b])
      const r = transfer({ source: a, target: b, now: T0, sourceDomain: 'a.wecom.work', migration })
      // inputs untouched: the switch works on copies
      expect(JSON.stringify([a, b])).toBe(snapshot)
      const nb = r.target
      // every A message is in B exactly once, plus the backup mail to the creator
      expect(r.backup).toMatchObject({ corpid: 'b', userid: 'boss' })
      expect(count(nb)).toBe(aMessages + 1)
      expect(count(r.source)).toBe(0)
      // each A mailbox went to the member of that userid in B, or to B's recycle bin
      for (const m of Object.values(a.users)) {
        const t = Object.keys(nb.users).find((u) => u.toLowerCase() === m.userid.toLowerCase())
        if (t) expect(nb.users[t].biz_mail).toBe(m.biz_mail)
        else
          expect(Object.values(nb.recycle).some((x) => x.userid === m.userid && x.email === m.biz_mail)).toBe(
            true,
          )
      }
      // addresses unique, stores resolvable and unshared, lists only hold B members
      const addresses = [
        ...Object.values(nb.users).flatMap((u) => (u.biz_mail ? [u.biz_mail, ...u.alias] : [])),
        ...Object.values(nb.publicmails).flatMap((p) => [p.email, ...p.alias_list]),
        ...Object.values(nb.recycle).flatMap((x) => x.addresses),
      ].map((x) => x.toLowerCase())
      expect(new Set(addresses).size).toBe(addresses.length)
      const refs = [
        ...Object.values(nb.users).map((u) => u.storeId),
        ...Object.values(nb.publicmails).map((p) => p.storeId),
        ...Object.values(nb.recycle).map((x) => x.storeId),
      ].filter((x): x is string => x !== null)
      expect(new Set(refs).size).toBe(refs.length)
      expect(refs.sort()).toEqual(Object.keys(nb.stores).sort())
      for (const p of Object.values(nb.publicmails)) {
        expect([p.department_list, p.tag_list]).toEqual([[], []])
        for (const u of p.userid_list) expect(nb.users[u]).toBeDefined()
      }
      expect(r.source.migrated).toBe(true)
    }),
    { numRuns: 150 },
  )
})
