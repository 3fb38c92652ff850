// mail/message/update answers each touched message as it was before (`previous`), so the app's
// undo can put back exactly that: a thread's messages with mixed read / star states included.
import { backendFrom, buildState, clock } from '../../../../test/kit/mail'
import type { ApiResult } from '../../contract'

type State = { mail_id: string; folder: string; read: boolean; starred: boolean }

function setup() {
  const { state } = buildState()
  const c = clock()
  const { backend } = backendFrom(state, { now: c.now })
  const alice = (api: string, body: Record<string, unknown> = {}) =>
    backend.call(api, body, { corpid: 'c1', userid: 'alice' })
  return { backend, clock: c, alice }
}

async function messages(alice: (api: string, body?: Record<string, unknown>) => Promise<ApiResult>) {
  const all: State[] = []
  for (const folder of ['inbox', 'trash', 'spam']) {
    const r = await alice('mail/message/list', { mailbox: 1, folder, limit: 100 })
    expect(r.errcode).toBe(0)
    for (const i of r.items as State[]) all.push({ ...i, folder })
  }
  return all
}

describe('mail/message/update: previous', () => {
  test('one message: its folder, read and star before the change', async () => {
    const { backend, alice } = setup()
    await alice('mail/settings/update', { mailbox: 1, personal: { conversation_mode: false } })
    await backend.deliver('c1', 'sales@c.com', { from: 'x@ext.com', subject: '询价', content: '请报价' })
    const [item] = (await alice('mail/message/list', { mailbox: 1, folder: 'inbox' })).items as State[]
    const r = await alice('mail/message/update', { mailbox: 1, mail_id: item.mail_id, folder: 'trash' })
    expect(r.errcode).toBe(0)
    expect(r.previous).toEqual([{ mail_id: item.mail_id, folder: 'inbox', read: false, starred: false }])
    // a refused change answers no previous state and changes nothing
    const refused = await alice('mail/message/update', { mailbox: 1, mail_id: item.mail_id, folder: 'nope' })
    expect(refused.errcode).not.toBe(0)
    expect(refused.previous).toBeUndefined()
  })

  test('a thread: every message of it in the folder, each with its own state; putting them back restores it exactly', async () => {
    const { backend, clock: c, alice } = setup()
    await backend.deliver('c1', 'sales@c.com', {
      from: 'x@ext.com',
      subject: '报价单',
      content: '一',
      message_id: '<t1@ext.com>',
    })
    c.advance()
    await backend.deliver('c1', 'sales@c.com', {
      from: 'x@ext.com',
      subject: '回复：报价单',
      content: '二',
      in_reply_to: '<t1@ext.com>',
    })
    await alice('mail/settings/update', { mailbox: 1, personal: { conversation_mode: false } })
    const [newer, older] = (await alice('mail/message/list', { mailbox: 1, folder: 'inbox' }))
      .items as State[]
    // mixed states: the older one read and starred, the newer unread
    await alice('mail/message/update', { mailbox: 1, mail_id: older.mail_id, read: true, starred: true })
    const before = await messages(alice)

    const r = await alice('mail/message/update', {
      mailbox: 1,
      mail_id: newer.mail_id,
      folder: 'spam',
      thread: true,
    })
    expect(r.errcode).toBe(0)
    expect(r.updated).toBe(2)
    expect(r.previous).toEqual(
      expect.arrayContaining([
        { mail_id: newer.mail_id, folder: 'inbox', read: false, starred: false },
        { mail_id: older.mail_id, folder: 'inbox', read: true, starred: true },
      ]),
    )
    // the inverse calls, as the app's undo makes them
    for (const p of r.previous as State[]) {
      const back = await alice('mail/message/update', { mailbox: 1, ...p })
      expect(back.errcode).toBe(0)
    }
    expect(await messages(alice)).toEqual(before)
  })
})
