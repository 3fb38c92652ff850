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

  describe('attachments and images', () => {
    async function withFile(h: ReturnType<typeof setup>) {
      const data = Buffer.from('%PDF-1.4 发票').toString('base64')
      await h.backend.deliver('wwdemo', 'zhangsan@xinghe.com', {
        from: 'billing@vendor.cn',
        subject: '发票',
        content: '见附件',
        attachments: [{ filename: '发票.pdf', content_type: 'application/pdf', content: data }],
      })
      const inbox = h.messages.view('personal', 'inbox')
      await inbox.refresh()
      const id = inbox.items.find((i) => i.subject === '发票')!.mail_id
      const opened = h.store.open('personal', id)
      await opened.load()
      const att = opened.result.data!.message.attachments![0]
      return { opened, id, att, data }
    }

    it('fetches the bytes through mail/attachment/get and hands them over, busy meanwhile', async () => {
      const h = setup()
      const { opened, id, att, data } = await withFile(h)
      const seen: unknown[] = []
      let busyDuring: boolean | undefined
      await opened.withAttachment(id, att.attachment_id, 'open', async (file) => {
        busyDuring = opened.fileState(id, att.attachment_id)?.busy
        seen.push(file)
      })
      expect(seen).toEqual([
        { attachment_id: att.attachment_id, name: '发票.pdf', content_type: 'application/pdf', data },
      ])
      expect(busyDuring).toBe(true)
      expect(opened.fileState(id, att.attachment_id)).toEqual({})
    })

    it('a second tap while it loads does nothing', async () => {
      const h = setup()
      const { opened, id, att } = await withFile(h)
      let uses = 0
      let release: () => void = () => undefined
      const first = opened.withAttachment(id, att.attachment_id, 'open', () => {
        uses++
        return new Promise<void>((r) => (release = r))
      })
      await new Promise((r) => setTimeout(r, 5))
      await opened.withAttachment(id, att.attachment_id, 'open', async () => void uses++)
      release()
      await first
      expect(uses).toBe(1)
    })

    it('why it failed, in words, and which action to repeat: the platform refusing, or the backend', async () => {
      const h = setup()
      const { opened, id, att } = await withFile(h)
      await opened.withAttachment(id, att.attachment_id, 'save', () =>
        Promise.reject(new Error('微信暂不能打开此类文件')),
      )
      expect(opened.fileState(id, att.attachment_id)).toEqual({
        error: '微信暂不能打开此类文件',
        failed: 'save',
      })
      // an attachment the message does not have: the backend's refusal, without the field key
      await opened.withAttachment(id, 'a-gone', 'open', async () => undefined)
      const gone = opened.fileState(id, 'a-gone')!
      expect(gone.failed).toBe('open')
      expect(gone.error).toBeTruthy()
      expect(gone.error).not.toMatch(/\([a-z_]+\)/)
      expect(h.failures).toHaveLength(1)
      // the other row is untouched
      expect(opened.fileState(id, att.attachment_id)?.failed).toBe('save')
    })

    it('显示图片 is kept per message of the conversation', async () => {
      const h = setup()
      const { opened, id } = await withFile(h)
      expect(opened.imagesShown.has(id)).toBe(false)
      opened.showImages(id)
      expect(opened.imagesShown.has(id)).toBe(true)
      expect(opened.imagesShown.has('another')).toBe(false)
    })
  })
})
