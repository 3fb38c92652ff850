import { harness } from '../../test/node/stores/harness'
import { currentKey, describeAccess, INBOX, MailboxesStore, newMail, PERSONAL } from './mailboxes'

async function salesId(admin: ReturnType<typeof harness>['admin']): Promise<string> {
  const r = await admin('exmail/publicmail/search', { fuzzy: 1, email: 'sales@' })
  return String((r.list as { id: number }[])[0].id)
}

function setup() {
  const h = harness()
  const store = new MailboxesStore({ api: h.api, storage: h.storage, identity: () => h.identity.current })
  return { ...h, store }
}

describe('MailboxesStore', () => {
  it('lists personal first and business mailboxes with string ids and routes', async () => {
    const { store } = setup()
    await store.reset()
    await store.refresh()
    expect(store.list[0].id).toBe(PERSONAL)
    expect(store.list.slice(1).every((m) => m.kind === 'business' && typeof m.id === 'string')).toBe(true)
    expect(store.current?.id).toBe(PERSONAL)
  })

  it('switches in one call, remembers the choice per identity, and restores it', async () => {
    const { store, storage, admin, identity } = setup()
    await store.reset()
    await store.refresh()
    const id = await salesId(admin)
    expect(store.select(id)).toBeNull()
    expect(store.current?.email).toBe('sales@xinghe.com')
    await Promise.resolve()
    expect(storage.data.get(currentKey(identity.current))).toBe(id)
    await store.reset()
    expect(store.currentId).toBe(id)
  })

  it('refuses disabled or unknown mailboxes with a reason', async () => {
    const { store, admin } = setup()
    await store.reset()
    await store.refresh()
    const id = await salesId(admin)
    expect((await admin('exmail/account/act_email', { publicemail_id: Number(id), type: 2 })).errcode).toBe(0)
    await store.refresh()
    expect(store.select(id)).toContain('停用')
    expect(store.select('999')).toContain('不存在')
    expect(store.currentId).toBe(PERSONAL)
  })

  it('goes home with a notice when the current mailbox is disabled or access is lost', async () => {
    const { store, admin } = setup()
    await store.reset()
    await store.refresh()
    const id = await salesId(admin)
    store.select(id)
    await admin('exmail/publicmail/update', {
      id: Number(id),
      userid_list: { list: ['lina'] },
      department_list: { list: [] },
      tag_list: { list: [] },
    })
    await store.refresh()
    expect(store.currentId).toBe(PERSONAL)
    // The list no longer has it, yet the notice names it (the app knew it before losing access).
    expect(store.notice).toBe('你已无权使用「销售部公共邮箱」，已返回个人邮箱')
  })

  it('the chosen folder belongs to the mailbox: switching, losing access or another identity opens the inbox', async () => {
    const { store, admin, identity } = setup()
    await store.reset()
    await store.refresh()
    const id = await salesId(admin)
    store.setFolder('sent')
    expect(store.folder).toBe('sent')
    expect(store.select(id)).toBeNull()
    expect(store.folder).toBe(INBOX)
    store.setFolder('trash')
    // a refused switch leaves the folder as it was
    expect(store.select('999')).not.toBeNull()
    expect(store.folder).toBe('trash')
    // access lost: home, at the inbox
    await admin('exmail/publicmail/update', {
      id: Number(id),
      userid_list: { list: ['lina'] },
      department_list: { list: [] },
      tag_list: { list: [] },
    })
    await store.refresh()
    expect(store.currentId).toBe(PERSONAL)
    expect(store.folder).toBe(INBOX)
    // another identity
    store.setFolder('spam')
    identity.current = { corpid: 'wwdemo', userid: 'lina' }
    const resetting = store.reset()
    expect(store.folder).toBe(INBOX) // at once, before the saved choice is read
    await resetting
    expect(store.folder).toBe(INBOX)
  })

  it('names the lost mailbox after a restart too (the name is remembered with the choice)', async () => {
    const { store, storage, admin, identity, api } = setup()
    await store.reset()
    await store.refresh()
    const id = await salesId(admin)
    store.select(id)
    await new Promise((r) => setTimeout(r, 0))
    await admin('exmail/publicmail/update', {
      id: Number(id),
      userid_list: { list: ['lina'] },
      department_list: { list: [] },
      tag_list: { list: [] },
    })
    // a fresh app start: a new store over the same storage, whose first list lacks the mailbox
    const next = new MailboxesStore({ api, storage, identity: () => identity.current })
    await next.reset()
    expect(next.currentId).toBe(id)
    await next.refresh()
    expect(next.currentId).toBe(PERSONAL)
    expect(next.notice).toBe('你已无权使用「销售部公共邮箱」，已返回个人邮箱')
  })

  it('announces new mail only for mailboxes whose reminder is on, and badges only those', async () => {
    const { store, backend, api } = setup()
    await store.reset()
    await store.refresh()
    const before = store.badgeCount
    await backend.deliver('wwdemo', 'sales@xinghe.com', { from: 'a@b.com', subject: '新询价', content: 'x' })
    await store.refresh()
    expect(store.arrival).toBe('「销售部公共邮箱」有 1 封新邮件')
    expect(store.badgeCount).toBe(before + 1)
    // tapping the notice opens that mailbox
    expect(store.openArrival()).toBeNull()
    expect(store.current?.email).toBe('sales@xinghe.com')
    expect(store.arrival).toBe('')
    store.select(PERSONAL)

    store.dismissArrival()
    const sales = store.list.find((m) => m.email === 'sales@xinghe.com')!
    await api.call('mail/settings/update', { mailbox: sales.id, personal: { notify: false } })
    await backend.deliver('wwdemo', 'sales@xinghe.com', { from: 'a@b.com', subject: '又一封', content: 'x' })
    await store.refresh()
    expect(store.arrival).toBe('')
    expect(store.badgeCount).toBe(before + 1 - sales.unread)
  })

  it('explains access routes in words', () => {
    expect(
      describeAccess([
        { type: 'department', id: 2, name: '销售部' },
        { type: 'tag', id: 1, name: '客服' },
      ]),
    ).toBe('通过部门「销售部」、通过标签「客服」')
    expect(describeAccess([{ type: 'direct' }])).toBe('直接授权')
  })

  it('newMail compares unread counts', () => {
    const m = (id: string, unread: number, notify = true) => ({
      id,
      name: id,
      email: `${id}@x.com`,
      kind: 'business' as const,
      enabled: true,
      unread,
      access_via: [],
      notify,
    })
    expect(newMail([m('a', 1), m('b', 2, false)], [m('a', 3), m('b', 5, false), m('c', 9)])).toEqual([
      { id: 'a', name: 'a', count: 2 },
    ])
  })
})

describe('after a migration into my org', () => {
  it('notices the moved mailbox, reloads and says so', async () => {
    const h = harness({ corpid: 'wwdemo2', userid: 'zhangwei' })
    let moved = 0
    const store = new MailboxesStore({
      api: h.api,
      storage: h.storage,
      identity: () => h.identity.current,
      onMoved: () => moved++,
    })
    await store.reset()
    await store.refresh()
    const before = store.list[0].email
    const start = await h.backend.call(
      'exmail/migration/start',
      { target_corpid: 'wwdemo2', confirm_name: '星河科技（集团）' },
      { corpid: 'wwdemo', userid: 'zhangwei' },
    )
    expect(start.errcode).toBe(0)
    await h.backend.settle()
    await store.refresh()
    expect(store.list[0].email).not.toBe(before)
    expect(store.list[0].email).toBe('zhangwei@xinghe.com')
    expect(moved).toBe(1)
    expect(store.notice).toContain('已迁移')
  })
})
