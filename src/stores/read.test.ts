import { harness } from '../../test/node/stores/harness'
import { MessagesStore } from './messages'
import { ReadStore } from './read'

function setup() {
  const h = harness()
  const failures: number[] = []
  const onFailure = (f: { errcode: number }) => void failures.push(f.errcode)
  const messages = new MessagesStore(h.api, onFailure)
  const store = new ReadStore({ api: h.api, messages, onFailure })
  made.push(messages)
  return { ...h, messages, store, failures }
}

// an undo notice's 5 s timer must not outlive its test
const made: MessagesStore[] = []
afterEach(() => made.splice(0).forEach((m) => m.clear()))

async function deliver(h: ReturnType<typeof setup>, subject: string): Promise<string> {
  await h.backend.deliver('wwdemo', 'zhangsan@xinghe.com', {
    from: 'c@example.com',
    subject,
    content: '正文',
  })
  const inbox = h.messages.view('personal', 'inbox')
  await inbox.refresh()
  return inbox.items.find((i) => i.subject === subject)!.mail_id
}

describe('ReadStore', () => {
  it('opens a message (marking it read) and stars it, the list it came from showing the star', async () => {
    const h = setup()
    const id = await deliver(h, '询价一')
    const inbox = h.messages.view('personal', 'inbox')
    expect(inbox.items.find((i) => i.mail_id === id)?.read).toBe(false)

    const opened = h.store.open('personal', id)
    await opened.load()
    expect(opened.result.data?.message.subject).toBe('询价一')
    expect(await opened.change({ starred: true })).toBe('')
    await inbox.refresh()
    expect(inbox.items.find((i) => i.mail_id === id)).toMatchObject({ read: true, starred: true })
    expect(opened.result.data?.message.starred).toBe(true)
  })

  it('moves a message to the trash', async () => {
    const h = setup()
    const id = await deliver(h, '询价二')
    const opened = h.store.open('personal', id)
    await opened.load()
    expect(await opened.change({ folder: 'trash' })).toBe('')
    const trash = h.messages.view('personal', 'trash')
    await trash.refresh()
    expect(trash.items.some((i) => i.mail_id === id)).toBe(true)
  })

  it('标为未读: the message is unread again on the list it came from', async () => {
    const h = setup()
    const id = await deliver(h, '询价四')
    const opened = h.store.open('personal', id)
    await opened.load()
    const inbox = h.messages.view('personal', 'inbox')
    await inbox.refresh()
    expect(inbox.items.find((i) => i.mail_id === id)?.read).toBe(true)
    expect(await opened.markUnread()).toBe('')
    expect(inbox.items.find((i) => i.mail_id === id)?.read).toBe(false) // at once
    await inbox.refresh()
    expect(inbox.items.find((i) => i.mail_id === id)?.read).toBe(false) // and kept
  })

  it('delete from a conversation list takes the whole conversation, and 撤销 brings it back', async () => {
    const h = setup()
    const inbox = h.messages.view('personal', 'inbox')
    await inbox.refresh()
    const thread = inbox.items.find((i) => (i.count ?? 1) > 1)!
    const opened = h.store.open('personal', thread.mail_id)
    await opened.load()
    expect(await opened.change({ folder: 'trash' })).toBe('')
    expect(h.messages.notice).toMatchObject({ text: '已删除' })
    expect(h.messages.notice?.previous).toHaveLength(thread.count!)
    await inbox.refresh()
    expect(inbox.items.some((i) => i.mail_id === thread.mail_id)).toBe(false)
    expect(await h.messages.undo()).toBe('')
    await inbox.refresh()
    expect(inbox.items.find((i) => i.mail_id === thread.mail_id)?.count).toBe(thread.count)
  })

  it('star offers 撤销, and undoing it shows the message unstarred again', async () => {
    const h = setup()
    const id = await deliver(h, '询价五')
    const opened = h.store.open('personal', id)
    await opened.load()
    expect(await opened.change({ starred: true })).toBe('')
    expect(h.messages.notice?.text).toBe('已加星标')
    await h.messages.undo()
    for (let i = 0; i < 20 && opened.result.data?.message.starred; i++)
      await new Promise((r) => setTimeout(r, 5))
    expect(opened.result.data?.message.starred).toBe(false)
  })

  it('says in words why a change was refused and reports it like the lists do', async () => {
    const h = setup()
    const id = await deliver(h, '询价三')
    const opened = h.store.open('personal', id)
    await opened.load()
    const refused = await opened.change({ folder: 'no-such-folder' })
    expect(refused).not.toBe('')
    expect(refused).not.toMatch(/\([a-z_]+\)/) // no field key in what people read
    expect(h.failures).toHaveLength(1)
  })

  it('a business mailbox the member lost: lostAccess, and the failure is reported for the notice', async () => {
    const h = setup()
    const found = await h.admin('exmail/publicmail/search', { fuzzy: 1, email: 'sales@' })
    const sales = String((found.list as { id: number }[])[0].id)
    const inbox = h.messages.view(sales, 'inbox')
    await inbox.refresh()
    const id = inbox.items[0].mail_id
    const r = await h.admin('exmail/publicmail/update', {
      id: Number(sales),
      userid_list: { list: ['lina'] },
      department_list: { list: [] },
      tag_list: { list: [] },
    })
    expect(r.errcode).toBe(0)

    const opened = h.store.open(sales, id)
    await opened.load()
    expect(opened.result.state).toBe('error')
    expect(opened.lostAccess).toBe(true)
    expect(h.failures).toEqual([opened.result.errcode])
    // The personal mailbox never counts as lost.
    const mine = h.store.open('personal', 'no-such-mail')
    await mine.load()
    expect(mine.lostAccess).toBe(false)
  })
})
