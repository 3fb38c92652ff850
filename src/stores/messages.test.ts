import { harness } from '../../test/node/stores/harness'
import { MessagesStore, PAGE_SIZE } from './messages'

function setup() {
  const h = harness()
  const failures: number[] = []
  const store = new MessagesStore(h.api, (f) => failures.push(f.errcode))
  return { ...h, store, failures }
}

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
