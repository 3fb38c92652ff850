import { harness } from '../../test/node/stores/harness'
import { DemoStore } from './demo'
import { MailboxesStore } from './mailboxes'
import { MessagesStore } from './messages'

function setup(withBackend = true) {
  const h = harness()
  const messages = new MessagesStore(h.api, () => {})
  const mailboxes = new MailboxesStore({ api: h.api, storage: h.storage, identity: () => h.identity.current })
  const demo = new DemoStore({
    backend: () => (withBackend ? h.backend : null),
    identity: () => h.identity.current,
    messages,
    mailboxes,
  })
  return { ...h, messages, mailboxes, demo }
}

describe('DemoStore', () => {
  it('delivers as an outside sender into the mailbox and refreshes its inbox', async () => {
    const h = setup()
    await h.mailboxes.refresh()
    const personal = h.mailboxes.list.find((m) => m.id === 'personal')!
    expect(h.demo.available).toBe(true)
    const r = await h.demo.deliver(personal, {
      from: ' 客户 <c@example.com> ',
      subject: '演示投递',
      content: '你好',
    })
    expect(r).toEqual({ ok: true })
    const inbox = h.messages.view('personal', 'inbox')
    await inbox.refresh()
    expect(inbox.items[0]).toMatchObject({ subject: '演示投递', from: '客户 <c@example.com>' })
  })

  it('asks for a subject and a body, and is unavailable without the embedded backend', async () => {
    const h = setup()
    await h.mailboxes.refresh()
    const personal = h.mailboxes.list[0]
    expect(await h.demo.deliver(personal, { from: 'c@example.com', subject: ' ', content: 'x' })).toEqual({
      ok: false,
      reason: '请填写主题和正文',
    })
    const none = setup(false)
    expect(none.demo.available).toBe(false)
    expect(
      (await none.demo.deliver(personal, { from: 'c@example.com', subject: 's', content: 'c' })).ok,
    ).toBe(false)
  })
})
