// The relay queue of the core (mail/outbox.ts, policy/outbound): leases, retries with backoff,
// stale reports, the final 退信 — and that the in-app demo (no relay) queues nothing.
import { createMockBackend } from '../../../src/api/mock'
import { CORP } from '../../kit/mail'
import { claimOutboundJob, completeOutboundJob } from '../../../src/api/mock/serverEntries'
import {
  deliveryLabel,
  OUTBOUND_LEASE_MS,
  OUTBOUND_MAX_ATTEMPTS,
  outboundRetryDelay,
} from '../../../src/policy/outbound'

const boss = { corpid: 'c1', userid: 'boss' }
const send = (key: string, to = ['client@outside.com', 'boss@c.com']) => ({
  mailbox: 'personal',
  from: 'boss@c.com',
  to,
  subject: `外发 ${key}`,
  content: '正文',
  idempotency_key: key,
})

function backend(relay = true) {
  let t = 1_800_000_000_000
  const b = createMockBackend({ corps: [CORP], relay, now: () => t })
  return { b, advance: (ms: number) => (t += ms) }
}

test('only outside recipients are queued, internal ones are delivered at once; no relay: nothing queued', async () => {
  const { b } = backend()
  expect((await b.call('mail/message/send', send('a'), boss)).errcode).toBe(0)
  const job = await claimOutboundJob(b)
  expect(job?.recipients).toEqual(['client@outside.com'])
  const demo = backend(false).b
  expect((await demo.call('mail/message/send', send('a'), boss)).errcode).toBe(0)
  expect(await claimOutboundJob(demo)).toBeNull()
  const internal = backend().b
  await internal.call('mail/message/send', send('b', ['boss@c.com']), boss)
  expect(await claimOutboundJob(internal)).toBeNull()
})

test('a claimed job is leased: nobody else gets it until the lease runs out; a stale report is ignored', async () => {
  const { b, advance } = backend()
  await b.call('mail/message/send', send('a'), boss)
  const first = await claimOutboundJob(b)
  expect(first?.attempt).toBe(1)
  expect(await claimOutboundJob(b)).toBeNull()
  advance(OUTBOUND_LEASE_MS + 1)
  const second = await claimOutboundJob(b)
  expect(second?.attempt).toBe(2)
  // the first worker wakes up late: its report must not override the second's lease
  await completeOutboundJob(b, first!, { ok: true })
  const sent = await b.call('mail/message/list', { mailbox: 'personal', folder: 'sent' }, boss)
  expect((sent.items as { delivery?: { state: string } }[])[0].delivery?.state).toBe('sending')
  await completeOutboundJob(b, second!, { ok: true })
  const after = await b.call('mail/message/list', { mailbox: 'personal', folder: 'sent' }, boss)
  expect((after.items as { delivery?: unknown }[])[0].delivery).toEqual({ state: 'sent', error: '' })
})

test('temporary failures retry after the backoff; the last one fails with a 退信 naming the reason', async () => {
  const { b, advance } = backend()
  await b.call('mail/message/send', send('a'), boss)
  for (let attempt = 1; attempt <= OUTBOUND_MAX_ATTEMPTS; attempt++) {
    const job = await claimOutboundJob(b)
    expect(job?.attempt).toBe(attempt)
    await completeOutboundJob(b, job!, { ok: false, permanent: false, reason: '暂时无法连接' })
    if (attempt < OUTBOUND_MAX_ATTEMPTS) {
      expect(await claimOutboundJob(b)).toBeNull()
      advance(outboundRetryDelay(attempt))
    }
  }
  const sent = await b.call('mail/message/list', { mailbox: 'personal', folder: 'sent' }, boss)
  expect((sent.items as { delivery?: unknown }[])[0].delivery).toEqual({
    state: 'failed',
    error: '暂时无法连接',
  })
  const inbox = await b.call('mail/message/list', { mailbox: 'personal', folder: 'inbox' }, boss)
  const notice = (inbox.items as { subject: string; snippet: string }[]).find(
    (m) => m.subject === '退信：外发 a',
  )
  expect(notice?.snippet).toContain('client@outside.com：暂时无法连接')
  advance(60 * 60_000)
  expect(await claimOutboundJob(b)).toBeNull()
})

test('what the sender sees: 发送中 / 已发送 / 发送失败（原因）', () => {
  expect(deliveryLabel('sending')).toBe('发送中')
  expect(deliveryLabel('sent')).toBe('已发送')
  expect(deliveryLabel('failed', '对方邮件服务器拒收：550')).toBe('发送失败（对方邮件服务器拒收：550）')
  expect(deliveryLabel('failed')).toBe('发送失败')
})
