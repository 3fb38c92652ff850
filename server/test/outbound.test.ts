// Outbound mail through the relay (issue 16): a local smtp-server sink acts as the relay. Mail to
// outside addresses reaches it with correct MIME, once; a relay that is down keeps the mail queued
// (发送中) until it is back; a permanent refusal ends in 发送失败 and a 退信; no relay configured is
// told the same way.
import { after as afterAll, before as beforeAll, describe, test } from 'node:test'
import { createServer as netServer } from 'node:net'
import { expect } from 'expect'
import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer } from 'smtp-server'
import type { Db } from '../db'
import { OUTBOUND_LEASE_MS } from '../../src/policy/outbound'
import { NO_RELAY_REASON, startRelay } from '../smtp/outbound'
import { outboundDue, outboundDuePlan } from '../store/outboundDue'
import { createHash, randomBytes } from 'node:crypto'
import { testApp, testDb } from './harness'
import { api, devToken } from './smtpKit'

let db: Db
beforeAll(async () => {
  db = await testDb()
})
afterAll(async () => {
  await db.close()
})

const boss = { corpid: 'wwtest', userid: 'boss' }

interface Sink {
  port: number
  received: { rcpt: string[]; mail: ParsedMail }[]
  /** answer every RCPT with this (e.g. 550), or accept */
  refuse: number | null
  close(): Promise<void>
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = netServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
  })
}

async function startSink(port = 0): Promise<Sink> {
  const sink: Sink = { port, received: [], refuse: null, close: async () => undefined }
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, cb) {
      if (sink.refuse) {
        const e = new Error(`${address.address}: mailbox unavailable`) as Error & { responseCode: number }
        e.responseCode = sink.refuse
        return cb(e)
      }
      cb()
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        void simpleParser(Buffer.concat(chunks)).then((mail) => {
          sink.received.push({ rcpt: session.envelope.rcptTo.map((r) => r.address), mail })
          cb()
        })
      })
    },
  })
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()))
  sink.port = (server.server.address() as { port: number }).port
  sink.close = () => new Promise((r) => server.close(() => r()))
  return sink
}

async function until<T>(what: () => Promise<T | undefined | null | false>, ms = 10_000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const v = await what()
    if (v) return v
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 25))
  }
}

async function sentCopy(core: Awaited<ReturnType<typeof testApp>>['core'], subject: string) {
  const r = await core.call('mail/message/list', { mailbox: 'personal', folder: 'sent' }, boss)
  return (
    r.items as { subject: string; mail_id: string; delivery?: { state: string; error: string } }[]
  ).find((m) => m.subject === subject)
}

type Core = Awaited<ReturnType<typeof testApp>>['core']
type Clock = Awaited<ReturnType<typeof testApp>>['clock']

/** a fresh app with a relay worker on `url` ('' = none), stopped and closed afterwards */
async function withRelay(
  url: string,
  fn: (app: { core: Core; clock: Clock }) => Promise<void>,
): Promise<void> {
  const { app, core, clock } = await testApp(db)
  const relay = startRelay(core, { url, pollMs: 50 })
  try {
    await fn({ core, clock })
  } finally {
    await relay.close()
    clock.set(null)
    await app.close()
  }
}

/** boss sends a one-line mail to `to` */
function sendOut(core: Core, subject: string, to: string, key: string) {
  return core.call(
    'mail/message/send',
    { mailbox: 'personal', from: 'boss@test.com', to: [to], subject, content: '正文', idempotency_key: key },
    boss,
  )
}

describe('outbound through the relay', () => {
  test('a 20 MB file uploaded over HTTP leaves with the mail byte-identical; forward keeps it; over 20 MB → 40058', async () => {
    const sink = await startSink()
    const { app, core, clock } = await testApp(db, { dev: true })
    const relay = startRelay(core, { url: `smtp://127.0.0.1:${sink.port}`, pollMs: 50 })
    try {
      const token = await devToken(app)
      const bytes = randomBytes(20 * 1024 * 1024)
      const up = await api(app, token, 'mail/attachment/upload', {
        mailbox: 'personal',
        name: '方案（终版）.zip',
        content_type: 'application/zip',
        data: bytes.toString('base64'),
      })
      expect(up).toMatchObject({ errcode: 0 })
      const sent = await api(app, token, 'mail/message/send', {
        mailbox: 'personal',
        from: 'boss@test.com',
        to: ['client@outside.com', 'boss@test.com'],
        subject: '方案',
        content: '见附件',
        attachment_ids: [up.attachment_id],
        idempotency_key: 'big-1',
      })
      expect(sent).toMatchObject({ errcode: 0 })
      await until(async () => sink.received.find((r) => r.mail.subject === '方案'))
      const { mail } = sink.received.find((r) => r.mail.subject === '方案')!
      const digest = (b: Buffer) => createHash('sha256').update(b).digest('hex')
      expect(mail.attachments.map((a) => [a.filename, a.contentType, a.size])).toEqual([
        ['方案（终版）.zip', 'application/zip', bytes.length],
      ])
      expect(digest(mail.attachments[0].content)).toBe(digest(bytes))
      // The internal copy in the inbox is forwarded with the same file.
      const inbox = await api(app, token, 'mail/message/list', { mailbox: 'personal', folder: 'inbox' })
      const copy = (inbox.items as { mail_id: string; subject: string }[]).find((i) => i.subject === '方案')!
      const read = await api(app, token, 'mail/message/read', { mailbox: 'personal', mail_id: copy.mail_id })
      const [file] = (read.message as { attachments: { attachment_id: string }[] }).attachments
      const fwd = await api(app, token, 'mail/message/send', {
        mailbox: 'personal',
        from: 'boss@test.com',
        to: ['partner@outside.com'],
        subject: '转发：方案',
        forward_attachments: [{ mail_id: copy.mail_id, attachment_id: file.attachment_id }],
        idempotency_key: 'fwd-1',
      })
      expect(fwd).toMatchObject({ errcode: 0 })
      await until(async () => sink.received.find((r) => r.mail.subject === '转发：方案'))
      const forwarded = sink.received.find((r) => r.mail.subject === '转发：方案')!.mail
      expect(digest(forwarded.attachments[0].content)).toBe(digest(bytes))
      const over = await app.inject({
        method: 'POST',
        url: '/cgi-bin/mail/attachment/upload',
        headers: { authorization: `Bearer ${token}` },
        payload: {
          mailbox: 'personal',
          name: 'big.bin',
          content_type: '',
          data: randomBytes(20 * 1024 * 1024 + 1).toString('base64'),
        },
      })
      expect(over.json()).toMatchObject({
        errcode: 40058,
        errmsg: '附件「big.bin」超过 20 MB，无法添加 (data)',
      })
    } finally {
      await relay.close()
      clock.set(null)
      await app.close()
      await sink.close()
    }
  })

  test('outside recipients get the mail once, with correct MIME; Bcc is in the envelope only', async () => {
    const sink = await startSink()
    try {
      await withRelay(`smtp://127.0.0.1:${sink.port}`, async ({ core }) => {
        const r = await core.call(
          'mail/message/send',
          {
            mailbox: 'personal',
            from: 'boss@test.com',
            to: ['client@outside.com'],
            cc: [],
            bcc: ['hidden@other.org'],
            subject: '报价单：X300 型服务器',
            content: '陈经理您好，\n单价 2,980 元。',
            idempotency_key: 'out-1',
          },
          boss,
        )
        expect(r.errcode).toBe(0)
        const copy = await until(async () => {
          const c = await sentCopy(core, '报价单：X300 型服务器')
          return c?.delivery?.state === 'sent' ? c : null
        })
        expect(sink.received).toHaveLength(1)
        const { rcpt, mail } = sink.received[0]
        expect(rcpt.sort()).toEqual(['client@outside.com', 'hidden@other.org'])
        expect(mail.subject).toBe('报价单：X300 型服务器')
        expect(mail.from?.value[0].address).toBe('boss@test.com')
        expect(mail.text?.trim()).toBe('陈经理您好，\n单价 2,980 元。')
        expect(mail.headers.has('bcc')).toBe(false)
        const read = await core.call(
          'mail/message/read',
          { mailbox: 'personal', mail_id: copy.mail_id },
          boss,
        )
        expect(mail.messageId).toBe((read.message as { message_id: string }).message_id)
        expect((read.message as { delivery: unknown }).delivery).toEqual({ state: 'sent', error: '' })
        // Nothing more arrives: it was taken once.
        await new Promise((res) => setTimeout(res, 300))
        expect(sink.received).toHaveLength(1)
      })
    } finally {
      await sink.close()
    }
  })

  test('a reply leaves with In-Reply-To, the full References chain and the sender’s display name', async () => {
    const sink = await startSink()
    try {
      await withRelay(`smtp://127.0.0.1:${sink.port}`, async ({ core }) => {
        const created = await core.call(
          'exmail/publicmail/create',
          {
            email: 'sales@test.com',
            name: '销售部',
            userid_list: { list: ['boss'] },
            idempotency_key: 'mb-1',
          },
          boss,
        )
        expect(created.errcode).toBe(0)
        const got = await core.deliver('wwtest', 'sales@test.com', {
          from: '陈经理 <chen@customer.cn>',
          subject: 'Re: 询价：X300',
          content: '数量改为 3 台。',
          message_id: '<q2@customer.cn>',
          in_reply_to: '<q1@customer.cn>',
          references: ['<q0@customer.cn>', '<q1@customer.cn>'],
        })
        expect(got.errcode).toBe(0)
        const sent = await core.call(
          'mail/message/send',
          {
            mailbox: created.id,
            from: 'sales@test.com',
            to: ['chen@customer.cn'],
            subject: '回复：询价：X300',
            content: '好的，3 台。',
            in_reply_to: '<q2@customer.cn>',
            idempotency_key: 'reply-1',
          },
          boss,
        )
        expect(sent.errcode).toBe(0)
        const { mail } = await until(async () =>
          sink.received.find((r) => r.mail.subject === '回复：询价：X300'),
        )
        expect(mail.inReplyTo).toBe('<q2@customer.cn>')
        expect(mail.references).toEqual(['<q0@customer.cn>', '<q1@customer.cn>', '<q2@customer.cn>'])
        expect(mail.from?.value[0]).toEqual({ name: '销售部', address: 'sales@test.com' })
        expect(mail.messageId).toBe(sent.message_id)
        // A member's own mail carries the member's name; a new mail no References at all.
        await sendOut(core, '新话题', 'client@outside.com', 'out-name')
        const plain = await until(async () => sink.received.find((r) => r.mail.subject === '新话题'))
        expect(plain.mail.from?.value[0]).toEqual({ name: 'boss', address: 'boss@test.com' })
        expect(plain.mail.headers.has('references')).toBe(false)
        expect(plain.mail.headers.has('in-reply-to')).toBe(false)
      })
    } finally {
      await sink.close()
    }
  })

  test('relay down: 发送中 with the reason; relay back after the backoff: delivered once', async () => {
    const port = await freePort()
    let sink: Sink | null = null
    try {
      await withRelay(`smtp://127.0.0.1:${port}`, async ({ core, clock }) => {
        await sendOut(core, '稍后送达', 'client@outside.com', 'out-k1')
        const waiting = await until(async () => {
          const c = await sentCopy(core, '稍后送达')
          return c?.delivery?.error ? c : null
        })
        expect(waiting.delivery).toEqual({ state: 'sending', error: '外发邮件服务器暂时无法连接' })
        sink = await startSink(port)
        await new Promise((res) => setTimeout(res, 300))
        // still waiting for its retry time (1 minute after the first attempt)
        expect(sink.received).toHaveLength(0)
        clock.set(Date.now() + 2 * 60_000)
        await until(async () => (await sentCopy(core, '稍后送达'))?.delivery?.state === 'sent')
        expect(sink.received).toHaveLength(1)
        expect(sink.received[0].mail.subject).toBe('稍后送达')
      })
    } finally {
      await (sink as Sink | null)?.close()
    }
  })

  test('a permanent refusal (550): 发送失败（原因）and a 退信 in the inbox naming it', async () => {
    const sink = await startSink()
    sink.refuse = 550
    try {
      await withRelay(`smtp://127.0.0.1:${sink.port}`, async ({ core }) => {
        await sendOut(core, '拒收', 'nobody@outside.com', 'out-k2')
        const failed = await until(async () => {
          const c = await sentCopy(core, '拒收')
          return c?.delivery?.state === 'failed' ? c : null
        })
        expect(failed.delivery?.error).toMatch(/^对方邮件服务器拒收：/)
        const inbox = await core.call('mail/message/list', { mailbox: 'personal', folder: 'inbox' }, boss)
        const notice = (inbox.items as { subject: string; snippet: string }[]).find(
          (m) => m.subject === '退信：拒收',
        )
        expect(notice).toBeDefined()
        expect(sink.received).toHaveLength(0)
      })
    } finally {
      await sink.close()
    }
  })

  test('no relay configured: outside mail fails at once with that reason and a 退信', async () => {
    await withRelay('', async ({ core }) => {
      await sendOut(core, '无中继', 'client@outside.com', 'out-k3')
      const failed = await until(async () => {
        const c = await sentCopy(core, '无中继')
        return c?.delivery?.state === 'failed' ? c : null
      })
      expect(failed.delivery?.error).toBe(NO_RELAY_REASON)
      const inbox = await core.call('mail/message/list', { mailbox: 'personal', folder: 'inbox' }, boss)
      expect(JSON.stringify(inbox.items)).toContain('退信：无中继')
    })
  })
})

describe('the relay poll', () => {
  test('an idle poll is an index probe with no transaction; the probe and the claim agree through a lease and its lapse', async () => {
    let transactions = 0
    const counting: Db = {
      ...db,
      transaction: (fn) => {
        transactions++
        return db.transaction(fn)
      },
    }
    const { app, core, clock } = await testApp(counting)
    try {
      await core.settle()
      clock.set(Date.now())
      const idle = transactions
      for (let i = 0; i < 20; i++) expect(await core.claimOutbound()).toBeNull()
      expect(transactions - idle).toBe(0)
      // The probe's predicate is the partial index's, so the planner can use it (forced off a scan
      // because a test table is small enough that a scan is cheaper).
      const plan = await db.transaction(async (tx) => {
        await tx.query('SET LOCAL enable_seqscan = off')
        return outboundDuePlan(tx, clock.now())
      })
      expect(plan).toContain('messages_outbound_due')

      expect(await sendOut(core, '外发', 'client@outside.com', 'poll-1')).toMatchObject({ errcode: 0 })
      expect(await outboundDue(db, clock.now())).toBe(true)
      const first = await core.claimOutbound()
      expect(first).toMatchObject({ attempt: 1, recipients: ['client@outside.com'] })
      // Leased: nothing is due until the lease lapses, and polls stay lock-free meanwhile.
      const leased = transactions
      expect(await core.claimOutbound()).toBeNull()
      expect(transactions - leased).toBe(0)
      clock.set(clock.now() + OUTBOUND_LEASE_MS - 1)
      expect(await outboundDue(db, clock.now())).toBe(false)
      clock.set(clock.now() + 2)
      expect(await outboundDue(db, clock.now())).toBe(true)
      const second = await core.claimOutbound()
      expect(second).toMatchObject({ mail_id: first?.mail_id, attempt: 2 })
      expect(await core.completeOutbound(second!, { ok: true })).toBe(true)
      // Sent: never due again.
      clock.set(clock.now() + 30 * 24 * 3600_000)
      expect(await outboundDue(db, clock.now())).toBe(false)
      expect(await core.claimOutbound()).toBeNull()
      expect((await sentCopy(core, '外发'))?.delivery?.state).toBe('sent')
    } finally {
      clock.set(null)
      await app.close()
    }
  })
})
