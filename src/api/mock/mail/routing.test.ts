// Address routing: kept current by member writes instead of rebuilt after every write, shared by a
// write's tracking proxy and the plain state, and never trusting an entry the state no longer backs.
import { noteMemberAddresses, planRecipients, routeAddress } from './routing'
import { buildState } from '../../../../test/kit/mail'
import { Tracker } from '../tx'

test('a member write noted through a tracking proxy updates the routing the plain state sees', () => {
  const { corp } = buildState()
  expect(routeAddress(corp, 'ali@c.com')).toMatchObject({ kind: 'member', userid: 'alice' })
  const tracker = new Tracker()
  const tracked = tracker.track(corp)
  tracker.begin(() => undefined)
  const before = { ...tracked.users.alice, alias: [...tracked.users.alice.alias] }
  tracked.users.alice.alias = ['alice.w@c.com']
  noteMemberAddresses(tracked, before, tracked.users.alice)
  tracker.end()
  expect(routeAddress(corp, 'ali@c.com')).toBeUndefined()
  expect(routeAddress(corp, 'ALICE.W@c.com')).toMatchObject({ kind: 'member', userid: 'alice' })
})

test('an entry the state no longer backs is not trusted (a change nobody noted)', () => {
  const { corp } = buildState()
  expect(routeAddress(corp, 'bob@c.com')).toMatchObject({ userid: 'bob' })
  corp.users.bob.biz_mail = 'robert@c.com' // behind the router's back
  expect(routeAddress(corp, 'bob@c.com')).toBeUndefined()
  expect(routeAddress(corp, 'robert@c.com')).toMatchObject({ userid: 'bob' })
})

test('business mailbox changes are picked up without a member write', () => {
  const { corp } = buildState()
  expect(routeAddress(corp, 'shou@c.com')).toBeUndefined()
  corp.publicmails[1].alias_list = ['shou@c.com']
  expect(routeAddress(corp, 'shou@c.com')).toMatchObject({ kind: 'business', mailboxId: 1 })
  expect(routeAddress(corp, 'xiaoshou@c.com')).toBeUndefined()
})

test('plan: one copy per mailbox, undeliverable internal addresses once each, outside and mail groups left alone', () => {
  const { corp } = buildState()
  corp.mailGroups.push('all@c.com')
  const plan = planRecipients(corp, [
    'alice@c.com',
    'ALI@c.com',
    'x@ext.com',
    'no@c.com',
    'No@C.com',
    'all@c.com',
  ])
  expect(plan.deliveries.map((d) => d.address)).toEqual(['alice@c.com'])
  expect(plan.undeliverable).toEqual(['no@c.com'])
})
