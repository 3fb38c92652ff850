import { harness } from '../../test/node/stores/harness'
import { MessagesStore, PAGE_SIZE, UNDO_MS } from './messages'

async function mailboxId(
  admin: (api: string, body?: object) => Promise<Record<string, unknown>>,
  local: string,
) {
  const found = await admin('exmail/publicmail/search', { fuzzy: 1, email: `${local}@` })
  return String((found.list as { id: number }[])[0].id)
}

function setup() {
  const h = harness()
  const failures: number[] = []
  const store = new MessagesStore(h.api, (f) => failures.push(f.errcode))
  made.push(store)
  return { ...h, store, failures }
}

// an undo notice's 5 s timer must not outlive its test
const made: MessagesStore[] = []
afterEach(() => made.splice(0).forEach((s) => s.clear()))

describe('MessagesStore', () => {
  it('caches one view per (mailbox, folder) so switching back renders at once', async () => {
    const { store } = setup()
    const inbox = store.view('personal', 'inbox')
    await inbox.refresh()
    expect(inbox.items.length).toBeGreaterThan(0)
    expect(store.view('personal', 'inbox')).toBe(inbox)
    expect(store.view('personal', 'sent')).not.toBe(inbox)
  })

  it('pages with the cursor without repeating items', async () => {
    const { store, backend } = setup()
    for (let i = 0; i < PAGE_SIZE + 5; i++) {
      await backend.deliver('wwdemo', 'zhangsan@xinghe.com', {
        from: 'x@y.com',
        subject: `批量 ${i}`,
        content: 'x',
      })
    }
    const v = store.view('personal', 'inbox')
    await v.refresh()
    expect(v.items.length).toBe(PAGE_SIZE)
    expect(v.hasMore).toBe(true)
    await v.loadMore()
    expect(new Set(v.items.map((i) => i.mail_id)).size).toBe(v.items.length)
    expect(v.items.length).toBeGreaterThan(PAGE_SIZE)
  })

  it('applies read / star at once and moves to Trash, undoing on refusal', async () => {
    const { store } = setup()
    const v = store.view('personal', 'inbox')
    await v.refresh()
    const item = v.items[0]
    const wasStarred = item.starred
    expect(await store.change(v, item, { starred: !wasStarred })).toBe('')
    expect(item.starred).toBe(!wasStarred) // shown at once
    await v.refresh()
    expect(v.items.find((i) => i.mail_id === item.mail_id)?.starred).toBe(!wasStarred) // and kept

    expect(await store.change(v, v.items[0], { folder: 'nowhere' })).not.toBe('')
    await new Promise((r) => setTimeout(r, 0))
    expect(v.items.some((i) => i.mail_id === item.mail_id)).toBe(true)

    const gone = v.items[0]
    expect(await store.change(v, gone, { folder: 'trash' })).toBe('')
    expect(v.items.some((i) => i.mail_id === gone.mail_id)).toBe(false)
    const trash = store.view('personal', 'trash')
    await trash.refresh()
    expect(trash.items.some((i) => i.subject === gone.subject)).toBe(true)
  })

  it('move offers "已移至 X · 撤销"; 撤销 puts it back exactly (folder and read state)', async () => {
    const { store, backend } = setup()
    await backend.deliver('wwdemo', 'zhangsan@xinghe.com', {
      from: 'x@y.com',
      subject: '未读的询价',
      content: 'x',
    })
    const v = store.view('personal', 'inbox')
    await v.refresh()
    await store.folders('personal').load()
    const item = v.items.find((i) => i.subject === '未读的询价')!
    expect(item.read).toBe(false)
    expect(await store.change(v, item, { folder: 'spam' })).toBe('')
    expect(store.notice?.text).toBe('已移至垃圾箱')
    expect(v.items.some((i) => i.mail_id === item.mail_id)).toBe(false)

    expect(await store.undo()).toBe('')
    expect(store.notice).toBeNull()
    await v.refresh()
    expect(v.items.find((i) => i.mail_id === item.mail_id)).toMatchObject({ read: false, starred: false })
    const spam = store.view('personal', 'spam')
    await spam.refresh()
    expect(spam.items.some((i) => i.mail_id === item.mail_id)).toBe(false)
  })

  it('delete says 已删除 and a conversation comes back whole, each message as it was', async () => {
    const { store } = setup()
    const v = store.view('personal', 'inbox')
    await v.refresh()
    expect(v.threaded).toBe(true)
    const thread = v.items.find((i) => (i.count ?? 1) > 1)!
    const before = (await store['api'].call('mail/message/list', { mailbox: 'personal', folder: 'trash' }))
      .items
    expect(await store.change(v, thread, { folder: 'trash' })).toBe('')
    expect(store.notice?.text).toBe('已删除')
    expect(store.notice?.previous.length).toBe(thread.count)
    expect(await store.undo()).toBe('')
    await v.refresh()
    expect(v.items.find((i) => i.mail_id === thread.mail_id)).toMatchObject({
      count: thread.count,
      read: thread.read,
    })
    const after = (await store['api'].call('mail/message/list', { mailbox: 'personal', folder: 'trash' }))
      .items
    expect(after).toEqual(before)
  })

  it('star offers 撤销 too; read / unread gives no notice; the notice goes after 5 s', async () => {
    const h = harness()
    const timers: Array<{ fn: () => void; ms: number }> = []
    const store = new MessagesStore(h.api, () => {}, {
      setTimer: (fn, ms) => timers.push({ fn, ms }),
      clearTimer: () => {},
    })
    const v = store.view('personal', 'inbox')
    await v.refresh()
    const item = v.items.find((i) => !i.starred)!
    expect(await store.change(v, item, { read: !item.read })).toBe('')
    expect(store.notice).toBeNull()
    expect(await store.change(v, item, { starred: true })).toBe('')
    expect(store.notice?.text).toBe('已加星标')
    expect(timers.at(-1)?.ms).toBe(UNDO_MS)
    timers.at(-1)!.fn()
    expect(store.notice).toBeNull()

    expect(await store.change(v, item, { starred: false })).toBe('')
    expect(store.notice?.text).toBe('已取消星标')
    store.clear()
    expect(store.notice).toBeNull()
  })

  it('an undo the backend refuses says why', async () => {
    const { store, admin } = setup()
    const id = await mailboxId(admin, 'sales')
    const v = store.view(id, 'inbox')
    await v.refresh()
    expect(await store.change(v, v.items[0], { folder: 'trash' })).toBe('')
    // access taken away before 撤销
    await admin('exmail/publicmail/update', {
      id: Number(id),
      userid_list: { list: ['lina'] },
      department_list: { list: [] },
      tag_list: { list: [] },
    })
    expect(await store.undo()).not.toBe('')
  })

  it('reports "no access" failures so the app can go home', async () => {
    const { store, failures } = setup()
    const v = store.view('2', 'inbox') // pr@: 市场部 only, zhangsan is in 销售部
    await v.refresh()
    expect(v.state).toBe('error')
    expect(failures).toEqual([690007])
  })

  it('clear() forgets every cached list', async () => {
    const { store } = setup()
    const v = store.view('personal', 'inbox')
    await v.refresh()
    store.clear()
    expect(store.view('personal', 'inbox')).not.toBe(v)
    expect(store.view('personal', 'inbox').items).toEqual([])
  })
})
