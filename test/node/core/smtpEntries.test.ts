// The core's entry points for the SMTP server: which recipients it routes (accepts), one stored
// copy per mailbox when a sender resends a Message-ID (deliver), and sending as a business
// mailbox after a client login (submit) through mail/message/send's code path.
import { submit } from '../../../src/api/mock/serverEntries'
import { createMockBackend, type ClientSession, type SubmittedMail } from '../../../src/api/mock'
import { ErrCode } from '../../../src/policy/codes'
import { createSales, SMTP_BOSS, SMTP_CORP } from '../../kit/mail'

const CORP = SMTP_CORP
const BOSS = SMTP_BOSS
let clock = Date.UTC(2026, 11, 1)

async function withMailbox() {
  const b = createMockBackend({ corps: [CORP], now: () => clock })
  const created = await createSales(b, '销售')
  expect(created.errcode).toBe(0)
  const alias = await b.call(
    'exmail/publicmail/update',
    { id: created.id, alias_list: { list: ['sell@test.com'] }, idempotency_key: 'k2' },
    BOSS,
  )
  expect(alias.errcode).toBe(0)
  const login = await b.clientLogin('sales@test.com', created.auth_code as string, 'smtp')
  expect(login.errcode).toBe(0)
  const session: ClientSession = { email: String(login.email), auth_code_id: String(login.auth_code_id) }
  return { b, id: created.id as number, session, authCodeId: created.auth_code_id as string }
}

async function list(b: ReturnType<typeof createMockBackend>, mailbox: string | number, folder: string) {
  const r = await b.call('mail/message/list', { mailbox, folder }, BOSS)
  expect(r.errcode).toBe(0)
  return r.items as { subject: string; from: string; mail_id: string }[]
}

const incoming = (message_id: string) => ({
  from: '客户 <client@outside.cn>',
  to: ['boss@test.com'],
  subject: '询价',
  content: '你好',
  message_id,
})

describe('accepts', () => {
  test('members, business mailboxes and aliases of a corp; nothing else', async () => {
    const { b } = await withMailbox()
    expect(await b.accepts('boss@test.com')).toEqual({ corpid: 'wwtest' })
    expect(await b.accepts('SALES@test.com')).toEqual({ corpid: 'wwtest' })
    expect(await b.accepts('sell@test.com')).toEqual({ corpid: 'wwtest' })
    expect(await b.accepts('nobody@test.com')).toBeNull()
    expect(await b.accepts('boss@elsewhere.com')).toBeNull()
  })
})

describe('deliver: a resent Message-ID is stored once per mailbox', () => {
  test('the same Message-ID twice: one copy, the same mail_id answered', async () => {
    const { b } = await withMailbox()
    const first = await b.deliver('wwtest', 'boss@test.com', incoming('<a1@outside.cn>'))
    const again = await b.deliver('wwtest', 'boss@test.com', incoming('<a1@outside.cn>'))
    expect(first.errcode).toBe(0)
    expect(again).toMatchObject({ errcode: 0, mail_id: first.mail_id, duplicate: true })
    expect(await list(b, 'personal', 'inbox')).toHaveLength(1)
  })

  test('another Message-ID, or none, is another mail; another mailbox gets its own copy', async () => {
    const { b, id } = await withMailbox()
    await b.deliver('wwtest', 'boss@test.com', incoming('<a1@outside.cn>'))
    await b.deliver('wwtest', 'boss@test.com', incoming('<a2@outside.cn>'))
    await b.deliver('wwtest', 'boss@test.com', incoming(''))
    await b.deliver('wwtest', 'boss@test.com', incoming(''))
    expect(await list(b, 'personal', 'inbox')).toHaveLength(4)
    const shared = await b.deliver('wwtest', 'sales@test.com', incoming('<a1@outside.cn>'))
    expect(shared.duplicate).toBeUndefined()
    expect(await list(b, id, 'inbox')).toHaveLength(1)
  })
})

describe('submit', () => {
  const mail = (over: Partial<SubmittedMail> = {}): SubmittedMail => ({
    from: '销售部 <sales@test.com>',
    to: ['boss@test.com'],
    cc: [],
    bcc: ['hidden@outside.cn'],
    subject: '报价单',
    content: '请查收',
    message_id: '<c1@client>',
    in_reply_to: '',
    ...over,
  })

  test('lands in the mailbox Sent (with its Bcc and the client Message-ID) and in the internal recipient inbox', async () => {
    const { b, id, session } = await withMailbox()
    const out = await submit(b, session, mail())
    expect(out).toMatchObject({ refused: null, result: { errcode: 0, message_id: '<c1@client>' } })
    const sent = await list(b, id, 'sent')
    expect(sent).toMatchObject([{ subject: '报价单', from: 'sales@test.com' }])
    const read = await b.call('mail/message/read', { mailbox: id, mail_id: sent[0].mail_id }, BOSS)
    expect(read.message).toMatchObject({ message_id: '<c1@client>', bcc: ['hidden@outside.cn'] })
    const inbox = await list(b, 'personal', 'inbox')
    expect(inbox).toMatchObject([{ subject: '报价单', from: 'sales@test.com' }])
  })

  test('from an alias is fine; from another address is refused as from and stores nothing', async () => {
    const { b, id, session } = await withMailbox()
    expect((await submit(b, session, mail({ from: 'sell@test.com' }))).result.errcode).toBe(0)
    const wrong = await submit(b, session, mail({ from: 'boss@test.com', message_id: '<c2@client>' }))
    expect(wrong.refused).toBe('from')
    expect(wrong.result.errcode).toBe(ErrCode.INVALID_PARAM)
    expect(await list(b, id, 'sent')).toHaveLength(1)
  })

  test('the same Message-ID submitted again is sent once', async () => {
    const { b, id, session } = await withMailbox()
    await submit(b, session, mail())
    const again = await submit(b, session, mail())
    expect(again.result).toMatchObject({ errcode: 0, duplicate: true })
    expect(await list(b, id, 'sent')).toHaveLength(1)
    expect(await list(b, 'personal', 'inbox')).toHaveLength(1)
  })

  test('a password revoked after the login stops the mail; last_use_time is updated by a send', async () => {
    const { b, id, session, authCodeId } = await withMailbox()
    const before = await b.call('exmail/publicmail/get_auth_code_list', { id }, BOSS)
    const t0 = (before.auth_code_list as { last_use_time: number }[])[0].last_use_time
    clock += 60_000
    await submit(b, session, mail())
    const after = await b.call('exmail/publicmail/get_auth_code_list', { id }, BOSS)
    expect((after.auth_code_list as { last_use_time: number }[])[0].last_use_time).toBeGreaterThan(t0)
    const del = await b.call(
      'exmail/publicmail/delete_auth_code',
      { id, auth_code_id: authCodeId, idempotency_key: 'd1' },
      BOSS,
    )
    expect(del.errcode).toBe(0)
    const out = await submit(b, session, mail({ message_id: '<c3@client>' }))
    expect(out.refused).toBe('login')
    expect(out.result.errcode).toBe(ErrCode.CLIENT_LOGIN_REFUSED)
    expect(await list(b, id, 'sent')).toHaveLength(1)
  })
})
