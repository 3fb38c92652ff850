import fc from 'fast-check'
import { accessVia } from '../../../policy/access'
import { invalidateOrg, orgIndex } from '../orgIndex'
import { newMember, stateFromSetups } from '../seed'
import type { CorpState } from '../state'
import { bumpMailIndex, reachableMailboxes } from './mailboxIndex'
import { addMailbox, CORP } from '../../../../test/kit/mail'

/** The obvious answer: scan every mailbox with the policy's accessVia. */
function naive(corp: CorpState, userid: string) {
  const member = corp.users[userid]
  const org = orgIndex(corp)
  return Object.values(corp.publicmails)
    .sort((a, b) => a.id - b.id)
    .map((mailbox) => ({ id: mailbox.id, routes: accessVia(mailbox, member, org) }))
    .filter((r) => r.routes.length > 0)
}

const indexed = (corp: CorpState, userid: string) =>
  reachableMailboxes(corp, corp.users[userid]).map((r) => ({ id: r.mailbox.id, routes: r.routes }))

test('property: the index answers exactly what scanning every mailbox with accessVia answers', () => {
  const world = fc.record({
    parents: fc.array(fc.nat(), { minLength: 1, maxLength: 12 }),
    members: fc.array(fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 12 }),
    tags: fc.array(fc.record({ users: fc.array(fc.nat()), parties: fc.array(fc.nat()) }), { maxLength: 4 }),
    mailboxes: fc.array(
      fc.record({ users: fc.array(fc.nat()), depts: fc.array(fc.nat()), tags: fc.array(fc.nat()) }),
      { maxLength: 8 },
    ),
  })
  fc.assert(
    fc.property(world, (w) => {
      const corp = stateFromSetups([CORP]).corps[CORP.corpid]
      // department k+2 hangs below an earlier one: a tree rooted at 1
      w.parents.forEach((p, k) => {
        const id = k + 2
        corp.departments[id] = { id, name: `部门${id}`, parentid: 1 + (p % (k + 1)), order: 0 }
      })
      const deptCount = w.parents.length + 1
      const userids = w.members.map((_, i) => `u${i}`)
      w.members.forEach((depts, i) => {
        corp.users[userids[i]] = newMember(corp, {
          userid: userids[i],
          name: userids[i],
          department: Array.from(new Set(depts.map((d) => 1 + (d % deptCount)))),
        })
      })
      const pick = (n: number) => userids[n % userids.length]
      w.tags.forEach((t, i) => {
        corp.tags[i + 1] = {
          tagid: i + 1,
          tagname: `标签${i + 1}`,
          userlist: t.users.map(pick),
          partylist: t.parties.map((d) => 1 + (d % deptCount)),
        }
      })
      const tagCount = Math.max(1, w.tags.length + 1)
      for (const m of w.mailboxes) {
        addMailbox(corp, {
          email: `mb${corp.nextId.publicmail}@c.com`,
          name: 'x',
          userid_list: m.users.map(pick),
          department_list: m.depts.map((d) => 1 + (d % (deptCount + 1))), // may name a missing dept
          tag_list: m.tags.map((t) => 1 + (t % tagCount)),
        })
      }
      invalidateOrg(corp)
      for (const u of [...userids, 'boss']) expect(indexed(corp, u)).toEqual(naive(corp, u))
    }),
    { numRuns: 200 },
  )
})

test('the index follows writes: bumped after a mailbox change, rebuilt after invalidateOrg', () => {
  const corp = stateFromSetups([CORP]).corps[CORP.corpid]
  corp.departments[2] = { id: 2, name: '销售部', parentid: 1, order: 0 }
  corp.users.a = newMember(corp, { userid: 'a', name: 'A', department: [2] })
  invalidateOrg(corp)
  const mb = addMailbox(corp, { email: 's@c.com', name: 's', userid_list: ['a'] })
  bumpMailIndex(corp)
  expect(indexed(corp, 'a')).toEqual([{ id: mb.id, routes: [{ kind: 'direct' }] }])
  // in-place edit of the user list, then the write's bump
  mb.userid_list = []
  mb.department_list = [2]
  bumpMailIndex(corp)
  expect(indexed(corp, 'a')).toEqual([{ id: mb.id, routes: [{ kind: 'department', id: 2 }] }])
  // directory edit: the member leaves the department
  corp.users.a.department = [1]
  invalidateOrg(corp)
  expect(indexed(corp, 'a')).toEqual([])
})
