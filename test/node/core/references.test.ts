// References chains (issue 16, RFC 5322 §3.6.4): inbound mail keeps its chain, a reply sent from
// the app carries its parent's chain + the parent's Message-ID to the relay (and to internal
// copies), SMTP submission keeps the client's own chain, and a mail whose In-Reply-To is unknown
// joins the thread of a known earlier id of its References. The relay job names the sender.
import { createMockBackend, type MockBackend } from '../../../src/api/mock'
import { claimOutboundJob, completeOutboundJob, submit } from '../../../src/api/mock/serverEntries'
import { ErrCode } from '../../../src/policy/codes'
import { MAX_REFERENCES } from '../../../src/policy/references'
import { backendFrom, buildState, createSales, SMTP_CORP } from '../../kit/mail'

const boss = { corpid: 'c1', userid: 'boss' }
const alice = { corpid: 'c1', userid: 'alice' }
const SALES = 1

function backend(): MockBackend {
  let t = 1_800_000_000_000
  return backendFrom(buildState().state, { relay: true, now: () => (t += 1000) }).backend
}

const customer = (message_id: string, over: Record<string, unknown> = {}) => ({
  from: '陈经理 <chen@customer.cn>',
  to: ['boss@c.com'],
  subject: '询价：X300',
  content: '请报价。',
  message_id,
  ...over,
})

async function reply(
  b: MockBackend,
  in_reply_to: string,
  key: string,
  over: Record<string, unknown> = {},
  who = boss,
) {
  const r = await b.call(
    'mail/message/send',
    {
      mailbox: 'personal',
      from: `${who.userid}@c.com`,
      to: ['chen@customer.cn'],
      subject: '回复：询价：X300',
      content: '单价 2,980 元。',
      in_reply_to,
      idempotency_key: key,
      ...over,
    },
    who,
  )
  expect(r.errcode).toBe(0)
  return r.message_id as string
}

/** the next relay job, reported sent so the one after can be claimed */
async function nextJob(b: MockBackend) {
  const job = await claimOutboundJob(b)
  if (!job) throw new Error('no job queued')
  await completeOutboundJob(b, job, { ok: true })
  return job
}

async function items(b: MockBackend, folder: string, who = boss, mailbox: string | number = 'personal') {
  const r = await b.call('mail/message/list', { mailbox, folder }, who)
  expect(r.errcode).toBe(0)
  return r.items as { mail_id: string; subject: string; count?: number }[]
}

describe('a reply from the app', () => {
  test("carries the parent's References + the parent's id to the relay and to internal copies", async () => {
    const b = backend()
    const got = await b.deliver(
      'c1',
      'boss@c.com',
      customer('<q2@customer.cn>', {
        in_reply_to: '<q1@customer.cn>',
        references: ['<q0@customer.cn>', '<q1@customer.cn>'],
      }),
    )
    expect(got.errcode).toBe(0)
    const mine = await reply(b, '<q2@customer.cn>', 'r1', { to: ['chen@customer.cn', 'alice@c.com'] })
    const job = await nextJob(b)
    expect(job.mail).toMatchObject({
      message_id: mine,
      in_reply_to: '<q2@customer.cn>',
      references: ['<q0@customer.cn>', '<q1@customer.cn>', '<q2@customer.cn>'],
      from_name: '老板',
    })
    // Alice's copy kept the chain: her own reply to it extends it by boss's Message-ID.
    await reply(b, mine, 'r2', {}, alice)
    expect((await nextJob(b)).mail.references).toEqual([
      '<q0@customer.cn>',
      '<q1@customer.cn>',
      '<q2@customer.cn>',
      mine,
    ])
  })

  test('a parent without References gives its In-Reply-To; an unknown parent just itself; no reply none', async () => {
    const b = backend()
    await b.deliver('c1', 'boss@c.com', customer('<p1@customer.cn>', { in_reply_to: '<p0@customer.cn>' }))
    await reply(b, '<p1@customer.cn>', 'a')
    expect((await nextJob(b)).mail.references).toEqual(['<p0@customer.cn>', '<p1@customer.cn>'])
    await reply(b, '<never-seen@customer.cn>', 'b')
    expect((await nextJob(b)).mail.references).toEqual(['<never-seen@customer.cn>'])
    await reply(b, '', 'c', { subject: '新话题' })
    expect((await nextJob(b)).mail).toMatchObject({ in_reply_to: '', references: [] })
  })

  test('a long inbound chain is kept capped with its root; the reply chain stays capped', async () => {
    const b = backend()
    const chain = Array.from({ length: 50 }, (_, i) => `<c${i}@customer.cn>`)
    await b.deliver(
      'c1',
      'boss@c.com',
      customer('<c50@customer.cn>', { in_reply_to: chain[49], references: chain }),
    )
    await reply(b, '<c50@customer.cn>', 'long')
    const refs = (await nextJob(b)).mail.references
    expect(refs).toHaveLength(MAX_REFERENCES)
    expect(refs[0]).toBe('<c0@customer.cn>')
    expect(refs.slice(-2)).toEqual(['<c49@customer.cn>', '<c50@customer.cn>'])
  })

  test("sent as a business mailbox, From's display name is the mailbox's", async () => {
    const b = backend()
    await reply(b, '', 'biz', { mailbox: SALES, from: 'sales@c.com' }, alice)
    expect((await nextJob(b)).mail).toMatchObject({ from: 'sales@c.com', from_name: '销售' })
  })
})

describe('threading by References', () => {
  test('an unknown In-Reply-To with a known earlier id of References joins that thread', async () => {
    const b = backend()
    await b.deliver('c1', 'boss@c.com', customer('<t0@customer.cn>'))
    const joined = await b.deliver(
      'c1',
      'boss@c.com',
      customer('<t2@customer.cn>', {
        from: '王工 <wang@customer.cn>',
        subject: '另一个问题',
        in_reply_to: '<t1@customer.cn>',
        references: ['<t0@customer.cn>', '<t1@customer.cn>'],
      }),
    )
    const alone = await b.deliver(
      'c1',
      'boss@c.com',
      customer('<t3@customer.cn>', { subject: '第三个问题', in_reply_to: '<t1@customer.cn>' }),
    )
    const read = await b.call(
      'mail/message/read',
      { mailbox: 'personal', mail_id: joined.mail_id, thread: true },
      boss,
    )
    const conversation = (read.conversation as { message_id: string }[]).map((m) => m.message_id)
    expect(conversation).toEqual(['<t0@customer.cn>', '<t2@customer.cn>'])
    // A mail with the same unknown In-Reply-To but no References stays apart (its subject is new).
    const other = await b.call('mail/message/read', { mailbox: 'personal', mail_id: alone.mail_id }, boss)
    expect((other.conversation as unknown[]).length).toBe(1)
    // The app's view does not carry the chain.
    expect(read.message).not.toHaveProperty('references')
  })

  test('References that are not a list of Message-ID texts are refused and store nothing', async () => {
    const b = backend()
    const bad: [unknown, string][] = [
      ['<a@x>', 'References 必须是数组 (references)'],
      [[42], 'References 需为 Message-ID 文本 (references)'],
      [[`<${'a'.repeat(1000)}@x>`], 'References 中每项不能超过 998 个字符 (references)'],
      [Array.from({ length: 201 }, (_, i) => `<r${i}@x>`), 'References 最多 200 项 (references)'],
    ]
    for (const [references, errmsg] of bad) {
      const r = await b.deliver('c1', 'boss@c.com', customer('<bad@customer.cn>', { references }) as never)
      expect(r).toMatchObject({ errcode: ErrCode.INVALID_PARAM, errmsg })
    }
    expect(await items(b, 'inbox')).toEqual([])
  })
})

describe('SMTP submission', () => {
  const CORP = SMTP_CORP

  async function client() {
    const b = createMockBackend({ corps: [CORP], relay: true })
    const created = await createSales(b, '销售部')
    const login = await b.clientLogin('sales@test.com', created.auth_code as string, 'smtp')
    expect(login.errcode).toBe(0)
    const session = { email: String(login.email), auth_code_id: String(login.auth_code_id) }
    const mail = (over: Record<string, unknown>) => ({
      from: '销售部 <sales@test.com>',
      to: ['chen@customer.cn'],
      cc: [],
      bcc: [],
      subject: 'Re: 询价',
      content: '见附件',
      message_id: '',
      in_reply_to: '',
      ...over,
    })
    return { b, session, mail }
  }

  test("keeps the client's References; without them the chain comes from the parent", async () => {
    const { b, session, mail } = await client()
    const own = await submit(
      b,
      session,
      mail({
        message_id: '<s1@client>',
        in_reply_to: '<b@customer.cn>',
        references: ['<a@customer.cn>', '<b@customer.cn>'],
      }),
    )
    expect(own.result.errcode).toBe(0)
    expect((await nextJob(b)).mail).toMatchObject({
      references: ['<a@customer.cn>', '<b@customer.cn>'],
      from_name: '销售部',
    })
    await submit(b, session, mail({ message_id: '<s2@client>', in_reply_to: '<s1@client>' }))
    expect((await nextJob(b)).mail.references).toEqual(['<a@customer.cn>', '<b@customer.cn>', '<s1@client>'])
  })
})
