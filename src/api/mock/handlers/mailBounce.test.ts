// Mail to internal addresses with nowhere to go (api.md "Mail content and files", product spec 4.4):
// accepted and stored in Sent like any other, then bounced — a 退信 notice in the sending mailbox's
// Inbox — so the send answer never tells a member hidden by a visibility rule from an absent one.
import type { ApiResult } from '../../contract'
import { backendFrom, buildState, clock } from '../../../../test/kit/mail'

type Item = { mail_id: string; subject: string; from: string; read: boolean }
type Message = {
  mail_id: string
  from: string
  to: string[]
  subject: string
  content: string
  message_id: string
  in_reply_to: string
  thread: string
  folder: string
}

function setup(prepare: (corp: ReturnType<typeof buildState>['corp']) => void = () => undefined) {
  const { state, corp } = buildState()
  prepare(corp)
  const c = clock()
  const { backend } = backendFrom(state, { now: c.now })
  const as =
    (userid: string) =>
    (api: string, body: Record<string, unknown> = {}) =>
      backend.call(api, body, { corpid: 'c1', userid })
  return { as, alice: as('alice'), bob: as('bob'), boss: as('boss'), clock: c }
}

type Call = (api: string, body?: Record<string, unknown>) => Promise<ApiResult>

let key = 0
function send(call: Call, over: Record<string, unknown>) {
  return call('mail/message/send', {
    mailbox: 'personal',
    from: 'alice@c.com',
    subject: '报价',
    content: '您好，报价见下。',
    idempotency_key: `bounce-${key++}`,
    ...over,
  })
}

async function list(call: Call, mailbox: unknown, folder = 'inbox'): Promise<Item[]> {
  const r = await call('mail/message/list', { mailbox, folder, limit: 100 })
  expect(r.errcode).toBe(0)
  return r.items as Item[]
}

async function read(call: Call, mailbox: unknown, mail_id: string): Promise<Message> {
  const r = await call('mail/message/read', { mailbox, mail_id })
  expect(r.errcode).toBe(0)
  return r.message as Message
}

const bounces = async (call: Call, mailbox: unknown) =>
  (await list(call, mailbox)).filter((i) => i.subject.startsWith('退信：'))

describe('bounces, never "收件人不存在"', () => {
  test('an absent and a hidden recipient get the same answer; the absent one bounces, the hidden one receives', async () => {
    const { alice, bob, boss } = setup()
    // bob is hidden from everyone (but himself)
    const rule = await boss('contactrule/create', {
      rule_type: 1,
      range: { userid: ['bob'], partyid: [], tagid: [] },
    })
    expect(rule.errcode).toBe(0)
    expect((await alice('user/get', { userid: 'bob' })).errcode).toBe(60111)

    const hidden = await send(alice, { to: ['bob@c.com'], subject: '给隐藏成员' })
    const absent = await send(alice, { to: ['nobody@c.com'], subject: '给不存在的人' })
    for (const r of [hidden, absent])
      expect(r).toEqual({
        errcode: 0,
        errmsg: 'ok',
        mail_id: expect.any(String),
        message_id: expect.any(String),
      })
    expect(Object.keys(absent).sort()).toEqual(Object.keys(hidden).sort())

    // both are in Sent; bob got his; only the absent address bounced
    expect((await list(alice, 'personal', 'sent')).map((i) => i.subject).sort()).toEqual(
      ['给不存在的人', '给隐藏成员'].sort(),
    )
    expect((await list(bob, 'personal')).map((i) => i.subject)).toEqual(['给隐藏成员'])
    const notices = await bounces(alice, 'personal')
    expect(notices.map((n) => n.subject)).toEqual(['退信：给不存在的人'])
  })

  test('the notice: from the postmaster, names every undeliverable address and why, threads with the Sent copy', async () => {
    const { alice, bob } = setup()
    const r = await send(alice, {
      to: ['bob@c.com', 'Nobody@C.com', 'client@ext.com'],
      cc: ['typo@c.com'],
      bcc: ['ghost@c.com'],
    })
    expect(r.errcode).toBe(0)
    const [notice] = await bounces(alice, 'personal')
    expect(notice).toMatchObject({ from: '系统退信 <postmaster@c.com>', subject: '退信：报价', read: false })
    const m = await read(alice, 'personal', notice.mail_id)
    const sent = await read(alice, 'personal', r.mail_id as string)
    expect(m).toMatchObject({
      folder: 'inbox',
      to: ['alice@c.com'],
      in_reply_to: r.message_id,
      thread: sent.thread,
    })
    for (const a of ['nobody@c.com', 'typo@c.com', 'ghost@c.com'])
      expect(m.content).toContain(`${a}：收件人地址不存在`)
    // delivered and outside recipients are not named
    expect(m.content).not.toContain('bob@c.com')
    expect(m.content).not.toContain('client@ext.com')
    expect((await list(bob, 'personal')).length).toBe(1)
    // one notice per send, even with several undeliverable addresses
    expect((await bounces(alice, 'personal')).length).toBe(1)
  })

  test('outside addresses and deliverable ones do not bounce; a retried send does not bounce twice', async () => {
    const { alice } = setup()
    expect((await send(alice, { to: ['client@ext.com', 'bob@c.com', 'sales@c.com'] })).errcode).toBe(0)
    expect(await bounces(alice, 'personal')).toEqual([])
    const body = { to: ['nobody@c.com'], idempotency_key: 'once' }
    const first = await send(alice, body)
    const again = await send(alice, body)
    expect(again.mail_id).toBe(first.mail_id)
    expect((await bounces(alice, 'personal')).length).toBe(1)
  })

  test("a deleted member, a recycle-bin mailbox and a converted member's old address bounce", async () => {
    const { alice, bob, boss } = setup((corp) => {
      corp.users.carol.advanced = 1 // conversion needs an advanced seat on this edition
    })
    // deleted member: the address waits in the recycle bin, nothing is delivered
    expect((await boss('user/delete', { userid: 'dave' })).errcode).toBe(0)
    expect((await send(alice, { to: ['dave@c.com'], subject: '给已删除成员' })).errcode).toBe(0)
    // converted member: the old address now belongs to the business mailbox and is delivered there
    const converted = await boss('exmail/publicmail/create', {
      from_userid: 'carol',
      name: '卡罗的邮箱',
      userid_list: ['bob'],
    })
    expect(converted.errcode).toBe(0)
    expect((await send(alice, { to: ['carol@c.com'], subject: '转换后' })).errcode).toBe(0)
    expect((await list(bob, converted.id)).map((i) => i.subject)).toEqual(['转换后'])
    // then the business mailbox is deleted: into the recycle bin, and its address bounces
    expect((await boss('exmail/publicmail/delete', { id: converted.id })).errcode).toBe(0)
    expect((await send(alice, { to: ['carol@c.com'], subject: '删除后' })).errcode).toBe(0)
    expect((await bounces(alice, 'personal')).map((n) => n.subject).sort()).toEqual(
      ['退信：删除后', '退信：给已删除成员'].sort(),
    )
    // restored from the bin: delivered again
    const bin = (await boss('exmail/recycle/list')).list as { id: number; email: string }[]
    const entry = bin.find((e) => e.email === 'carol@c.com')!
    expect((await boss('exmail/recycle/restore', { id: entry.id })).errcode).toBe(0)
    expect((await send(alice, { to: ['carol@c.com'], subject: '恢复后' })).errcode).toBe(0)
    expect((await list(bob, converted.id)).map((i) => i.subject)).toEqual(['恢复后', '转换后'])
    expect((await bounces(alice, 'personal')).length).toBe(2)
  })

  test("replies and forwards from a business mailbox bounce into that mailbox, not the member's own", async () => {
    const { alice, boss } = setup()
    await boss('mail/message/send', {
      mailbox: 'personal',
      from: 'boss@c.com',
      to: ['sales@c.com'],
      subject: '询价',
      content: '请报价',
      idempotency_key: 'ask',
    })
    // flat list: the reply, the forward (same base subject) and both notices all join one thread
    await alice('mail/settings/update', { mailbox: 1, personal: { conversation_mode: false } })
    const [asked] = await list(alice, 1)
    const original = await read(alice, 1, asked.mail_id)
    const reply = await send(alice, {
      mailbox: 1,
      from: 'xiaoshou@c.com',
      to: ['boss@c.com'],
      cc: ['left@c.com'],
      subject: '回复：询价',
      in_reply_to: original.message_id,
    })
    expect(reply.errcode).toBe(0)
    const forward = await send(alice, {
      mailbox: 1,
      from: 'sales@c.com',
      to: ['gone@c.com'],
      subject: '转发：询价',
    })
    expect(forward.errcode).toBe(0)
    const notices = await bounces(alice, 1)
    expect(notices.map((n) => n.subject).sort()).toEqual(['退信：回复：询价', '退信：转发：询价'].sort())
    const replyNotice = await read(alice, 1, notices.find((n) => n.subject === '退信：回复：询价')!.mail_id)
    // the notice goes to the address the mail was sent from, and joins the conversation
    expect(replyNotice).toMatchObject({
      to: ['xiaoshou@c.com'],
      in_reply_to: reply.message_id,
      thread: original.thread,
    })
    expect(replyNotice.content).toContain('left@c.com：收件人地址不存在')
    expect(await bounces(alice, 'personal')).toEqual([])
  })

  test('routing follows directory writes: a new member receives at once, a dropped alias bounces, a new one delivers', async () => {
    const { alice, as, boss } = setup()
    expect((await boss('user/create', { userid: 'erin', name: '艾琳', department: [1] })).errcode).toBe(0)
    expect((await send(alice, { to: ['erin@c.com'], subject: '欢迎' })).errcode).toBe(0)
    expect((await list(as('erin'), 'personal')).map((i) => i.subject)).toEqual(['欢迎'])
    // alice's alias moves from ali@ to alice.w@
    expect((await boss('user/update', { userid: 'alice', alias: ['alice.w@c.com'] })).errcode).toBe(0)
    expect(
      (await send(as('erin'), { from: 'erin@c.com', to: ['ali@c.com'], subject: '旧别名' })).errcode,
    ).toBe(0)
    expect(
      (await send(as('erin'), { from: 'erin@c.com', to: ['alice.w@c.com'], subject: '新别名' })).errcode,
    ).toBe(0)
    expect((await list(alice, 'personal')).map((i) => i.subject)).toEqual(['新别名'])
    expect((await bounces(as('erin'), 'personal')).map((n) => n.subject)).toEqual(['退信：旧别名'])
  })
})
