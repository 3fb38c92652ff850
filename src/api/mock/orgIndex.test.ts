// Member writes keep a built org index current in place; it must always equal a fresh build.
import fc from 'fast-check'
import {
  invalidateOrg,
  invalidateOrgStructure,
  noteMemberAdded,
  noteMemberRemoved,
  orgEpoch,
  orgIndex,
  type OrgIndex,
} from './orgIndex'
import { corpFromSetup, newMember } from './seed'
import type { CorpState } from './state'

function corp(): CorpState {
  const c = corpFromSetup({
    corpid: 'c',
    name: 'C',
    creator: 'boss',
    edition: 'basic',
    domain: { name: 'c.com', kind: 'custom' },
  })
  // 1 > 2 > 3, 1 > 4
  c.departments[2] = { id: 2, name: 'a', parentid: 1, order: 0 }
  c.departments[3] = { id: 3, name: 'b', parentid: 2, order: 0 }
  c.departments[4] = { id: 4, name: 'c', parentid: 1, order: 0 }
  c.tags[1] = { tagid: 1, tagname: 't1', userlist: ['u1', 'u3'], partylist: [2] }
  c.tags[2] = { tagid: 2, tagname: 't2', userlist: [], partylist: [4] }
  return c
}

function snapshot(idx: OrgIndex) {
  const sorted = <T>(xs: Iterable<T>) => [...xs].sort()
  return {
    direct: [1, 2, 3, 4].map((d) => sorted(idx.directMembers(d))),
    under: [1, 2, 3, 4].map((d) => sorted(idx.membersUnder(d))),
    tags: [1, 2].map((t) => sorted(idx.tagMembers(t))),
    tagsOf: ['boss', 'u0', 'u1', 'u2', 'u3', 'u4'].map((u) => sorted(idx.tagsOf(u))),
    fold: sorted(idx.useridFold.entries()),
  }
}

test('incremental member add / remove equals a rebuild', () => {
  const op = fc.record({
    n: fc.integer({ min: 0, max: 4 }),
    depts: fc.subarray([1, 2, 3, 4], { minLength: 1 }),
    remove: fc.boolean(),
  })
  fc.assert(
    fc.property(fc.array(op, { maxLength: 30 }), fc.boolean(), (ops, warm) => {
      const c = corp()
      const idx = orgIndex(c)
      if (warm) snapshot(idx) // fill the lazy caches so they must be maintained too
      for (const o of ops) {
        const userid = `U${o.n}`.toLowerCase()
        const existing = c.users[userid]
        if (existing) {
          noteMemberRemoved(c, existing)
          delete c.users[userid]
        }
        if (!o.remove) {
          const m = newMember(c, { userid, name: userid, department: o.depts })
          c.users[userid] = m
          noteMemberAdded(c, m)
        }
      }
      expect(orgIndex(c)).toBe(idx) // no rebuild happened
      const incremental = snapshot(idx)
      invalidateOrg(c)
      expect(incremental).toEqual(snapshot(orgIndex(c)))
    }),
    { numRuns: 300 },
  )
})

test('invalidateOrg moves the epoch, a structure-only change does not', () => {
  const c = corp()
  const e = orgEpoch(c)
  const before = orgIndex(c)
  invalidateOrgStructure(c)
  expect(orgEpoch(c)).toBe(e)
  expect(orgIndex(c)).not.toBe(before)
  invalidateOrg(c)
  expect(orgEpoch(c)).toBe(e + 1)
})
