// mail/message/search through the real backend: what matches, order, folders, paging, access.
import { ErrCode } from '../../../policy/codes'
import { backendFrom, buildState, clock } from '../../../../test/kit/mail'
import type { ApiResult } from '../../contract'

type Item = { mail_id: string; subject: string; folder: string; snippet: string; time: number; from: string }

function setup() {
  const { state, corp } = buildState()
  const c = clock()
  const { backend } = backendFrom(state, { now: c.now })
  const as =
    (userid: string) =>
    (api: string, body: Record<string, unknown> = {}) =>
      backend.call(api, body, { corpid: 'c1', userid })
  // each delivery a minute after the one before, so "newest first" has an answer
  const deliver = async (to: string, mail: Record<string, unknown>) => {
    c.advance()
    const r = await backend.deliver('c1', to, { from: 'client@ext.com', content: '', ...mail } as never)
    expect(r.errcode).toBe(0)
    return r.mail_id as string
  }
  return { backend, corp, clock: c, as, alice: as('alice'), bob: as('bob'), deliver }
}

async function search(
  call: (api: string, body?: Record<string, unknown>) => Promise<ApiResult>,
  body: object,
) {
  const r = await call('mail/message/search', { mailbox: 1, ...body })
  expect([r.errcode, r.errmsg]).toEqual([0, 'ok'])
  return { items: r.items as Item[], next: r.next_cursor as string }
}

const subjects = (items: Item[]) => items.map((i) => i.subject)

describe('mail/message/search', () => {
  test('matches subject, from, to, cc and body; Chinese substrings; Latin letters in any case', async () => {
    const { alice, deliver } = setup()
    await deliver('sales@c.com', { subject: '含税报价单', content: '请查收' })
    await deliver('sales@c.com', { subject: '你好', content: '附件是最新的报价，请确认' })
    await deliver('sales@c.com', { subject: '来自陈经理', from: '陈经理 <Chen.Li@Customer.cn>' })
    await deliver('sales@c.com', { subject: '抄送我', to: ['sales@c.com'], cc: ['Finance-Team@c.com'] })
    await deliver('sales@c.com', { subject: 'Invoice March', content: 'see the INVOICE attached' })
    await deliver('sales@c.com', { subject: '无关', content: '报 价 分开写不算' })

    expect(subjects((await search(alice, { query: '报价' })).items)).toEqual(['你好', '含税报价单'])
    expect(subjects((await search(alice, { query: 'chen.li@customer' })).items)).toEqual(['来自陈经理'])
    expect(subjects((await search(alice, { query: '陈经理' })).items)).toEqual(['来自陈经理'])
    expect(subjects((await search(alice, { query: 'FINANCE-team' })).items)).toEqual(['抄送我'])
    expect(subjects((await search(alice, { query: 'invoice' })).items)).toEqual(['Invoice March'])
    expect(subjects((await search(alice, { query: 'iNvOiCe mar' })).items)).toEqual(['Invoice March'])
    // every term must match somewhere; whitespace inside the text does not join a term
    expect(subjects((await search(alice, { query: '报价 确认' })).items)).toEqual(['你好'])
    expect((await search(alice, { query: '报价 不存在的词' })).items).toEqual([])
    // the mailbox's own address is in every To: it matches them all
    expect((await search(alice, { query: 'sales@c.com' })).items).toHaveLength(6)
  })

  test('newest first with each folder; Trash and Spam only when named', async () => {
    const { alice, deliver } = setup()
    const a = await deliver('sales@c.com', { subject: '订单 A' })
    const b = await deliver('sales@c.com', { subject: '订单 B' })
    const c = await deliver('sales@c.com', { subject: '订单 C' })
    await alice('mail/message/update', { mailbox: 1, mail_id: a, folder: 'trash' })
    await alice('mail/message/update', { mailbox: 1, mail_id: b, folder: 'spam' })
    await alice('mail/message/send', {
      mailbox: 1,
      from: 'sales@c.com',
      to: ['x@ext.com'],
      subject: '回复：订单 D',
      content: '已发货',
      idempotency_key: 'k1',
    })
    const all = (await search(alice, { query: '订单' })).items
    expect(all.map((i) => [i.subject, i.folder])).toEqual([
      ['回复：订单 D', 'sent'],
      ['订单 C', 'inbox'],
    ])
    expect(all.map((i) => i.mail_id)).toContain(c)
    expect(subjects((await search(alice, { query: '订单', folder: 'trash' })).items)).toEqual(['订单 A'])
    expect(subjects((await search(alice, { query: '订单', folder: 'spam' })).items)).toEqual(['订单 B'])
    expect(subjects((await search(alice, { query: '订单', folder: 'inbox' })).items)).toEqual(['订单 C'])
    // moved back: found again where it is now
    await alice('mail/message/update', { mailbox: 1, mail_id: a, folder: 'inbox' })
    expect(subjects((await search(alice, { query: '订单', folder: 'inbox' })).items)).toEqual([
      '订单 C',
      '订单 A',
    ])
    const unknown = await alice('mail/message/search', { mailbox: 1, query: '订单', folder: 'nope' })
    expect([unknown.errcode, unknown.errmsg]).toEqual([ErrCode.INVALID_PARAM, '文件夹不存在 (folder)'])
  })

  test('keyset paging: pages join into the whole answer, mail arriving meanwhile neither shifts nor repeats', async () => {
    const { alice, deliver } = setup()
    for (let i = 1; i <= 7; i++) await deliver('sales@c.com', { subject: `询价 ${i}` })
    const first = await search(alice, { query: '询价', limit: 3 })
    expect(subjects(first.items)).toEqual(['询价 7', '询价 6', '询价 5'])
    expect(first.next).not.toBe('')
    await deliver('sales@c.com', { subject: '询价 8' })
    const second = await search(alice, { query: '询价', limit: 3, cursor: first.next })
    expect(subjects(second.items)).toEqual(['询价 4', '询价 3', '询价 2'])
    const third = await search(alice, { query: '询价', limit: 3, cursor: second.next })
    expect(subjects(third.items)).toEqual(['询价 1'])
    expect(third.next).toBe('')
    // an exact last page says there is nothing more
    const exact = await search(alice, { query: '询价', limit: 8 })
    expect([exact.items.length, exact.next]).toEqual([8, ''])
    expect((await search(alice, { query: '询价' })).items).toHaveLength(8) // default page 20
  })

  test('the snippet shows the body around the first match', async () => {
    const { alice, deliver } = setup()
    const long = `${'前言很长的一段话。'.repeat(12)}\n\n这里是含税报价单的说明，请于周五前确认。`
    await deliver('sales@c.com', { subject: '长邮件', content: long })
    const [item] = (await search(alice, { query: '报价单' })).items
    expect(item.snippet.startsWith('…')).toBe(true)
    expect(item.snippet).toContain('含税报价单的说明')
    // a match in the subject only: the usual snippet (start of the body)
    const [bySubject] = (await search(alice, { query: '长邮件' })).items
    expect(bySubject.snippet.startsWith('前言很长')).toBe(true)
  })

  test('refuses what api.md refuses: blank or over-long query, bad limit or cursor', async () => {
    const { alice } = setup()
    const call = (body: object) => alice('mail/message/search', { mailbox: 1, query: '报价', ...body })
    const codeOf = async (body: object) => {
      const r = await call(body)
      return [r.errcode, r.errmsg]
    }
    expect(await codeOf({ query: '' })).toEqual([ErrCode.INVALID_PARAM, '搜索内容不能为空 (query)'])
    expect(await codeOf({ query: '   ' })).toEqual([ErrCode.INVALID_PARAM, '搜索内容不能为空 (query)'])
    expect(await codeOf({ query: '报'.repeat(101) })).toEqual([
      ErrCode.INVALID_PARAM,
      '搜索内容最多 100 个字符 (query)',
    ])
    expect((await call({ query: '报'.repeat(100) })).errcode).toBe(0)
    expect((await call({ limit: 51 })).errcode).toBe(ErrCode.INVALID_PARAM)
    expect((await call({ limit: 50 })).errcode).toBe(0)
    expect(await codeOf({ cursor: 'x' })).toEqual([ErrCode.INVALID_PARAM, '分页游标无效 (cursor)'])
  })

  test('the same access check as mail/message/list, at the moment of the call', async () => {
    const { alice, bob, as, deliver } = setup()
    await deliver('sales@c.com', { subject: '机密报价' })
    await deliver('alice@c.com', { subject: '个人报价' })
    // bob is not in 销售部: the sales mailbox is not his, whatever he searches
    for (const call of ['mail/message/list', 'mail/message/search']) {
      const r = await bob(call, { mailbox: 1, folder: 'inbox', query: '报价' })
      expect([call, r.errcode]).toEqual([call, ErrCode.NO_MAILBOX_ACCESS])
    }
    // disabled mailbox (alice is on its list)
    expect((await alice('mail/message/search', { mailbox: 4, query: '报价' })).errcode).toBe(
      ErrCode.MAILBOX_DISABLED,
    )
    // personal is the caller's own mailbox: bob never sees alice's mail
    expect(subjects((await search(alice, { mailbox: 'personal', query: '报价' })).items)).toEqual([
      '个人报价',
    ])
    expect((await search(bob, { mailbox: 'personal', query: '报价' })).items).toEqual([])
    // alice leaves 销售部: refused from that call on
    const admin = as('boss')
    const moved = await admin('user/update', { userid: 'alice', department: [4] })
    expect(moved.errcode).toBe(0)
    expect((await alice('mail/message/search', { mailbox: 1, query: '报价' })).errcode).toBe(
      ErrCode.NO_MAILBOX_ACCESS,
    )
  })
})
