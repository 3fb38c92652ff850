// Property-based tests: the quota invariant under any sequence of operations, and revoked
// client passwords never logging in again under any sequence of access changes.
import fc from 'fast-check'
import { hasAccess } from '../../../src/policy/access'
import { orgIndex } from '../../../src/api/mock/orgIndex'
import { setup, type Harness } from './harness'

const DAY = 86400000

/**
 * The oracle, written out from product.md 3.1 rather than taken from the implementation's quotaOf:
 * basic allows 3 business mailboxes; trial and advanced 3 + (purchased − assigned) seats.
 */
function allowedMailboxes(
  edition: 'basic' | 'trial' | 'advanced',
  purchased: number,
  assigned: number,
): number {
  return edition === 'basic' ? 3 : 3 + purchased - assigned
}
const MEMBERS = ['m0', 'm1', 'm2', 'm3', 'm4', 'm5']

type QuotaOp =
  | { op: 'create'; n: number; withUsers: boolean }
  | { op: 'convert'; m: number; withUsers: boolean }
  | { op: 'delete'; pick: number }
  | { op: 'restore'; pick: number }
  | { op: 'seatAdd'; ms: number[] }
  | { op: 'seatDel'; ms: number[] }
  | { op: 'wait'; days: number }

const quotaOp: fc.Arbitrary<QuotaOp> = fc.oneof(
  fc.record({ op: fc.constant('create' as const), n: fc.nat(20), withUsers: fc.boolean() }),
  fc.record({ op: fc.constant('convert' as const), m: fc.nat(5), withUsers: fc.boolean() }),
  fc.record({ op: fc.constant('delete' as const), pick: fc.nat(10) }),
  fc.record({ op: fc.constant('restore' as const), pick: fc.nat(10) }),
  fc.record({ op: fc.constant('seatAdd' as const), ms: fc.array(fc.nat(5), { maxLength: 3 }) }),
  fc.record({ op: fc.constant('seatDel' as const), ms: fc.array(fc.nat(5), { maxLength: 3 }) }),
  fc.record({ op: fc.constant('wait' as const), days: fc.integer({ min: 1, max: 40 }) }),
)

function pickKey(obj: object, pick: number): number | undefined {
  const keys = Object.keys(obj)
  return keys.length ? Number(keys[pick % keys.length]) : undefined
}

function runQuotaOp(h: Harness, o: QuotaOp) {
  switch (o.op) {
    case 'create':
      return h.call('exmail/publicmail/create', {
        email: `box${o.n}@corp.com`,
        name: `box${o.n}`,
        userid_list: { list: o.withUsers ? ['boss'] : [] },
      })
    case 'convert':
      return h.call('exmail/publicmail/create', {
        from_userid: MEMBERS[o.m],
        name: `conv-${MEMBERS[o.m]}-${h.now()}`,
        ...(o.withUsers ? { userid_list: { list: ['boss'] } } : {}),
      })
    case 'delete':
      return h.call('exmail/publicmail/delete', { id: pickKey(h.corp.publicmails, o.pick) ?? 1 })
    case 'restore':
      return h.call('exmail/recycle/restore', { id: pickKey(h.corp.recycle, o.pick) ?? 1 })
    case 'seatAdd':
      return h.call('exmail/vip/batch_add', { userid_list: o.ms.map((i) => MEMBERS[i]) })
    case 'seatDel':
      return h.call('exmail/vip/batch_del', { userid_list: o.ms.map((i) => MEMBERS[i]) })
    case 'wait':
      h.advance(o.days * DAY)
      return h.call('exmail/publicmail/quota')
  }
}

describe('property: business mailboxes ≤ 3 + unassigned advanced seats, always', () => {
  test('under random create / convert / delete / restore / seat add / seat del / time', async () => {
    const succeeded = new Set<string>()
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<'basic' | 'trial' | 'advanced'>('basic', 'trial', 'advanced'),
        fc.integer({ min: 0, max: 4 }),
        fc.array(quotaOp, { maxLength: 40 }),
        async (edition, seats, ops) => {
          const h = setup({ edition, seats, members: MEMBERS })
          for (const o of ops) {
            const before = h.snapshot()
            const r = await runQuotaOp(h, o)
            expect(r.errcode).not.toBe(-1)
            if (r.errcode === 0) succeeded.add(o.op)
            if (r.errcode !== 0 && o.op !== 'wait') expect(h.snapshot()).toBe(before) // refused = unchanged
            // Counted from the state itself, not through the backend's own helpers.
            const assigned = Object.values(h.corp.users).filter((u) => u.advanced === 1).length
            const used = Object.keys(h.corp.publicmails).length
            const purchased = edition === 'basic' ? 0 : seats
            expect(assigned).toBeLessThanOrEqual(purchased)
            expect(used).toBeLessThanOrEqual(allowedMailboxes(edition, purchased, assigned))
            const q = await h.call('exmail/publicmail/quota')
            expect([q.used, q.quota]).toEqual([used, allowedMailboxes(edition, purchased, assigned)])
            expect(q.blocked_reason !== undefined).toBe(used >= (q.quota as number))
          }
        },
      ),
      { numRuns: 150 },
    )
    // the sequences really exercised every operation, not just refusals
    expect([...succeeded].sort()).toEqual([
      'convert',
      'create',
      'delete',
      'restore',
      'seatAdd',
      'seatDel',
      'wait',
    ])
  })
})

type AccessOp =
  | { op: 'code'; m: number }
  | { op: 'users'; ms: number[] }
  | { op: 'depts'; ds: number[] }
  | { op: 'tags'; ts: number[] }
  | { op: 'tagMember'; t: number; m: number; add: boolean }
  | { op: 'tagDept'; t: number; d: number; add: boolean }
  | { op: 'move'; m: number; d: number }
  | { op: 'reparent'; d: number; parent: number }
  | { op: 'deleteMember'; m: number }
  | { op: 'readd'; m: number }
  | { op: 'login'; k: number; protocol: 'imap' | 'smtp' }

const DEPTS = [2, 3, 4, 5]
const TAGS = [7, 8]

const accessOp: fc.Arbitrary<AccessOp> = fc.oneof(
  fc.record({ op: fc.constant('code' as const), m: fc.nat(5) }),
  fc.record({ op: fc.constant('users' as const), ms: fc.array(fc.nat(5), { maxLength: 3 }) }),
  fc.record({ op: fc.constant('depts' as const), ds: fc.array(fc.constantFrom(...DEPTS), { maxLength: 2 }) }),
  fc.record({ op: fc.constant('tags' as const), ts: fc.array(fc.constantFrom(...TAGS), { maxLength: 2 }) }),
  fc.record({
    op: fc.constant('tagMember' as const),
    t: fc.constantFrom(...TAGS),
    m: fc.nat(5),
    add: fc.boolean(),
  }),
  fc.record({
    op: fc.constant('tagDept' as const),
    t: fc.constantFrom(...TAGS),
    d: fc.constantFrom(...DEPTS),
    add: fc.boolean(),
  }),
  fc.record({ op: fc.constant('move' as const), m: fc.nat(5), d: fc.constantFrom(1, ...DEPTS) }),
  fc.record({
    op: fc.constant('reparent' as const),
    d: fc.constantFrom(3, 5),
    parent: fc.constantFrom(1, 2, 4),
  }),
  fc.record({ op: fc.constant('deleteMember' as const), m: fc.nat(5) }),
  fc.record({ op: fc.constant('readd' as const), m: fc.nat(5) }),
  fc.record({
    op: fc.constant('login' as const),
    k: fc.nat(30),
    protocol: fc.constantFrom<'imap' | 'smtp'>('imap', 'smtp'),
  }),
)

describe('property: a revoked client password never logs in again', () => {
  test('under random user-list edits, tag membership, department moves and member deletion', async () => {
    let deaths = 0
    let liveLogins = 0
    await fc.assert(
      fc.asyncProperty(fc.array(accessOp, { maxLength: 50 }), async (ops) => {
        const h = setup({ members: MEMBERS })
        h.addDept(2)
        h.addDept(3, 2)
        h.addDept(4)
        h.addDept(5, 4)
        h.addTag(7, ['m1'], [])
        h.addTag(8, [], [4])
        const id = await h.create('shared', {
          userid_list: { list: ['m0'] },
          department_list: { list: [2] },
          tag_list: { list: [7, 8] },
        })
        const mailbox = h.corp.publicmails[id]
        const issued: { secret: string; creator: string; dead: boolean }[] = []
        const access = (u: string) =>
          Object.prototype.hasOwnProperty.call(h.corp.users, u) &&
          hasAccess(mailbox, h.corp.users[u], orgIndex(h.corp))

        for (const o of ops) {
          const m = MEMBERS[(o as { m?: number }).m ?? 0]
          switch (o.op) {
            case 'code':
              // the member-side handler only lets members with access create one
              if (access(m)) {
                const r = await h.createCode(mailbox, { creator: m, byAdmin: false })
                if (r.ok) issued.push({ secret: r.value.auth_code, creator: m, dead: false })
              }
              break
            case 'users':
              await h.call('exmail/publicmail/update', {
                id,
                userid_list: { list: o.ms.map((i) => MEMBERS[i]) },
              })
              break
            case 'depts':
              await h.call('exmail/publicmail/update', { id, department_list: { list: o.ds } })
              break
            case 'tags':
              await h.call('exmail/publicmail/update', { id, tag_list: { list: o.ts } })
              break
            case 'tagMember': {
              const tag = h.corp.tags[o.t]
              tag.userlist = tag.userlist.filter((u) => u !== m)
              if (o.add && h.corp.users[m]) tag.userlist.push(m)
              await h.directoryChanged()
              break
            }
            case 'tagDept': {
              const tag = h.corp.tags[o.t]
              tag.partylist = tag.partylist.filter((d) => d !== o.d)
              if (o.add) tag.partylist.push(o.d)
              await h.directoryChanged()
              break
            }
            case 'move':
              if (h.corp.users[m]) h.corp.users[m].department = [o.d]
              await h.directoryChanged()
              break
            case 'reparent':
              h.corp.departments[o.d].parentid = o.parent
              await h.directoryChanged()
              break
            case 'deleteMember':
              delete h.corp.users[m]
              for (const t of Object.values(h.corp.tags)) t.userlist = t.userlist.filter((u) => u !== m)
              await h.directoryChanged()
              break
            case 'readd':
              if (!h.corp.users[m]) h.addMember(m, { department: [2] })
              break
            case 'login':
              if (issued.length) {
                const c = issued[o.k % issued.length]
                const ok = (await h.login('shared@corp.com', c.secret, o.protocol)).result.errcode === 0
                expect(ok).toBe(!c.dead)
                if (ok) liveLogins++
              }
              break
          }
          // after every step: whoever lost access is dead for good, and dead codes are refused
          for (const c of issued) if (!access(c.creator)) c.dead = true
          for (const c of issued) {
            expect((await h.login('shared@corp.com', c.secret)).result.errcode === 0).toBe(!c.dead)
          }
        }
        // every dead code is flagged revoked in state
        const deadCount = issued.filter((c) => c.dead).length
        deaths += deadCount
        expect(mailbox.authCodes.filter((a) => !a.by_admin && a.revoked)).toHaveLength(deadCount)
      }),
      { numRuns: 120 },
    )
    expect(deaths).toBeGreaterThan(0)
    expect(liveLogins).toBeGreaterThan(0)
  })
})
