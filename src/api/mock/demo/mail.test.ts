import { createMockBackend } from '../index'
import { demoState, DEMO_CORPS } from './index'
import { seedMailDemo } from './mail'
import { stateFromSetups } from '../seed'
import { testSecureBytes } from '../../../../test/kit/mail'

const env = (now: number) => ({
  now: () => now,
  random: () => 0.5,
  secureBytes: testSecureBytes(),
  schedule: () => undefined,
})
const NOW = Date.UTC(2024, 4, 20, 8)

test('demo mail is deterministic and lies within the last two weeks', async () => {
  const a = await demoState(env(NOW))
  const b = await demoState(env(NOW))
  expect(JSON.stringify(a)).toBe(JSON.stringify(b))
  const messages = Object.values(a.corps.wwdemo.stores).flatMap((s) => Object.values(s.messages))
  expect(messages.length).toBeGreaterThan(10)
  for (const m of messages) {
    expect(m.time).toBeLessThan(NOW)
    expect(m.time).toBeGreaterThan(NOW - 15 * 86_400_000)
  }
})

test('the demo has unread mail, stars, threads and a rule folder where business mailboxes exist', async () => {
  const backend = createMockBackend({ now: () => NOW })
  const ctx = { corpid: 'wwdemo', userid: 'zhangwei' }
  const list = (await backend.call('mail/mailbox/list', {}, ctx)).mailboxes as {
    id: unknown
    unread: number
    kind: string
  }[]
  expect(list[0]).toMatchObject({ id: 'personal' })
  expect(list.some((m) => m.unread > 0)).toBe(true)
  const business = list.find((m) => m.kind === 'business')
  if (!business) return // the business mailbox demo may be absent; nothing more to check
  const folders = (await backend.call('mail/folder/list', { mailbox: business.id }, ctx)).folders as {
    name: string
    total: number
  }[]
  expect(folders.find((f) => f.name === '财务票据')?.total).toBeGreaterThan(0)
  const items = (await backend.call('mail/message/list', { mailbox: business.id, folder: 'inbox' }, ctx))
    .items as { count: number; starred: boolean }[]
  expect(items.some((i) => i.count > 1)).toBe(true)
  expect(items.some((i) => i.starred)).toBe(true)
})

test('seeding skips gracefully when members and mailboxes are absent', () => {
  const state = stateFromSetups(DEMO_CORPS)
  expect(() => seedMailDemo(state, env(NOW))).not.toThrow()
  expect(() => seedMailDemo(stateFromSetups([]), env(NOW))).not.toThrow()
})
