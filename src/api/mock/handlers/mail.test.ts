import { invalidateOrg } from '../orgIndex'
import { deliverMail } from './deliver'
import { backendFrom, buildState, clock, directCaller, testEnv } from '../../../../test/kit/mail'
import type { ApiResult } from '../../contract'
import { quoteOf } from '../../../policy/reply'

type Items = {
  mail_id: string
  subject: string
  read: boolean
  starred: boolean
  count?: number
  from: string
}[]

function setup(options: { failureRate?: number; random?: () => number } = {}) {
  const { state, corp } = buildState()
  const c = clock()
  const { backend, storage } = backendFrom(state, { now: c.now, ...options })
  const as =
    (userid: string) =>
    (api: string, body: Record<string, unknown> = {}) =>
      backend.call(api, body, { corpid: 'c1', userid })
  return { backend, storage, corp, clock: c, as, alice: as('alice'), bob: as('bob'), boss: as('boss') }
}

const inbound = (subject: string, extra: Record<string, unknown> = {}) => ({
  from: 'client@ext.com',
  subject,
  content: `正文：${subject}`,
  ...extra,
})

async function items(
  call: (api: string, body?: Record<string, unknown>) => Promise<ApiResult>,
  mailbox: unknown,
  folder = 'inbox',
) {
  const r = await call('mail/message/list', { mailbox, folder, limit: 100 })
  expect(r.errcode).toBe(0)
  return r.items as Items
}

describe('mail/mailbox/list', () => {
  test('personal first, then every usable business mailbox with its routes named', async () => {
    const { alice, bob, boss, as } = setup()
    const a = await alice('mail/mailbox/list')
    expect(a.mailboxes).toEqual([
      expect.objectContaining({
        id: 'personal',
        email: 'alice@c.com',
        kind: 'personal',
        enabled: true,
        unread: 0,
      }),
      expect.objectContaining({
        id: 1,
        email: 'sales@c.com',
        kind: 'business',
        enabled: true,
        access_via: [{ type: 'department', id: 2, name: '销售部' }], // via 华东销售's parent
      }),
      expect.objectContaining({ id: 3, access_via: [{ type: 'direct' }] }),
      // disabled mailboxes are listed, greyed
      expect.objectContaining({ id: 4, enabled: false }),
    ])
    // tag via the tag's department (bob is in 财务部) and via the tag's member list (carol)
    expect((await bob('mail/mailbox/list')).mailboxes).toEqual([
      expect.objectContaining({ id: 'personal' }),
      expect.objectContaining({ id: 2, access_via: [{ type: 'tag', id: 1, name: '客服' }] }),
    ])
    expect(
      ((await as('carol')('mail/mailbox/list')).mailboxes as { id: unknown }[]).map((m) => m.id),
    ).toEqual(['personal', 2])
    expect(((await boss('mail/mailbox/list')).mailboxes as { id: unknown }[]).map((m) => m.id)).toEqual([
      'personal',
      3,
    ])
  })

  test("each entry carries the caller's own new-mail reminder setting", async () => {
    const { alice, bob } = setup()
    const notifyOf = async (who: typeof alice, id: unknown) =>
      ((await who('mail/mailbox/list')).mailboxes as { id: unknown; notify: boolean }[]).find(
        (m) => m.id === id,
      )?.notify
    expect(await notifyOf(alice, 1)).toBe(true)
    expect(await notifyOf(alice, 'personal')).toBe(true)
    expect((await alice('mail/settings/update', { mailbox: 1, personal: { notify: false } })).errcode).toBe(0)
    expect(await notifyOf(alice, 1)).toBe(false)
    expect(await notifyOf(alice, 'personal')).toBe(true)
    // personal to alice: bob's reminder for the same shared mailbox is untouched
    await bob('mail/settings/update', { mailbox: 'personal', personal: { notify: false } })
    expect(await notifyOf(bob, 'personal')).toBe(false)
    expect(await notifyOf(alice, 'personal')).toBe(true)
  })

  test('a member whose mailbox was converted has no personal entry', async () => {
    const { state, corp } = buildState()
    corp.users.dave.biz_mail = ''
    corp.users.dave.storeId = null
    const call = directCaller(
      state,
      testEnv(() => 0),
    )
    expect((await call('dave', 'mail/mailbox/list')).mailboxes).toEqual([])
    expect((await call('dave', 'mail/folder/list', { mailbox: 'personal' })).errcode).toBe(680035)
  })

  test('unread counts the inbox and rule folders, not sent / trash / spam', async () => {
    const { backend, alice } = setup()
    await alice('mail/settings/update', {
      mailbox: 1,
      shared: {
        version: 1,
        rules: [
          {
            match: 'all',
            conditions: [{ field: 'subject', op: 'contains', value: '发票' }],
            actions: [{ type: 'move', folder: '票据' }],
          },
        ],
      },
    })
    await backend.deliver('c1', 'sales@c.com', inbound('询价'))
    await backend.deliver('c1', 'sales@c.com', inbound('三月发票'))
    const third = await backend.deliver('c1', 'sales@c.com', inbound('广告'))
    await alice('mail/message/update', { mailbox: 1, mail_id: third.mail_id, folder: 'spam' })
    await alice('mail/message/send', {
      mailbox: 1,
      from: 'sales@c.com',
      to: ['x@ext.com'],
      subject: 's',
      content: 'c',
      idempotency_key: 'u1',
    })
    const list = (await alice('mail/mailbox/list')).mailboxes as { id: unknown; unread: number }[]
    expect(list.find((m) => m.id === 1)?.unread).toBe(2)
    const folders = (await alice('mail/folder/list', { mailbox: 1 })).folders as {
      id: string
      name: string
      unread: number
      total: number
    }[]
    expect(folders.map((f) => f.id).slice(0, 5)).toEqual(['inbox', 'sent', 'drafts', 'trash', 'spam'])
    expect(folders.find((f) => f.name === '票据')).toMatchObject({ unread: 1, total: 1 })
    expect(folders.find((f) => f.id === 'spam')).toMatchObject({ unread: 1, total: 1 })
    expect(folders.find((f) => f.id === 'sent')).toMatchObject({ unread: 0, total: 1 })
  })
})

describe('access at call time', () => {
  test('unknown id 680035, no access 690007, disabled 680045, bad id 40058', async () => {
    const { alice, bob } = setup()
    expect((await alice('mail/folder/list', { mailbox: 99 })).errcode).toBe(680035)
    expect((await alice('mail/folder/list', { mailbox: '99' })).errcode).toBe(680035)
    expect((await bob('mail/folder/list', { mailbox: 1 })).errcode).toBe(690007)
    expect((await alice('mail/folder/list', { mailbox: 4 })).errcode).toBe(680045)
    expect((await alice('mail/folder/list', { mailbox: '1' })).errcode).toBe(0)
    for (const bad of [undefined, null, {}, [1], -1, 1.5, 'sales']) {
      expect((await alice('mail/folder/list', { mailbox: bad })).errcode).toBe(40058)
    }
  })

  test('no access answers 690007 even for a disabled mailbox (nothing leaks about it)', async () => {
    const { bob } = setup()
    expect((await bob('mail/settings/get', { mailbox: 4 })).errcode).toBe(690007)
  })

  test('every mail call is refused the moment access is lost, and the switcher drops the mailbox', async () => {
    const { state, corp } = buildState()
    const call = directCaller(
      state,
      testEnv(() => 1000),
    )
    expect((await call('alice', 'mail/folder/list', { mailbox: 1 })).errcode).toBe(0)
    expect(
      ((await call('alice', 'mail/mailbox/list')).mailboxes as { id: unknown }[]).map((m) => m.id),
    ).toContain(1)
    // directory change: alice moves out of 销售部's subtree
    corp.users.alice.department = [1]
    invalidateOrg(corp)
    for (const [api, body] of [
      ['mail/folder/list', {}],
      ['mail/message/list', { folder: 'inbox' }],
      ['mail/message/read', { mail_id: 'm1' }],
      ['mail/message/update', { mail_id: 'm1', read: true }],
      [
        'mail/message/send',
        { from: 'sales@c.com', to: ['x@ext.com'], subject: 's', content: 'c', idempotency_key: 'k' },
      ],
      ['mail/draft/save', { subject: 'x' }],
      ['mail/settings/get', {}],
      ['mail/settings/update', { personal: { notify: false } }],
    ] as const) {
      expect([api, (await call('alice', api, { mailbox: 1, ...body })).errcode]).toEqual([api, 690007])
    }
    expect(
      ((await call('alice', 'mail/mailbox/list')).mailboxes as { id: unknown }[]).map((m) => m.id),
    ).toEqual(['personal', 3, 4])
    // mailbox change: removed from the user list (the write itself voids the membership index)
    expect(
      (await call('boss', 'exmail/publicmail/update', { id: 3, userid_list: { list: ['boss'] } })).errcode,
    ).toBe(0)
    expect((await call('alice', 'mail/folder/list', { mailbox: 3 })).errcode).toBe(690007)
    expect(
      ((await call('alice', 'mail/mailbox/list')).mailboxes as { id: unknown }[]).map((m) => m.id),
    ).toEqual(['personal', 4])
  })

  test('a mailbox disabled after opening refuses the next call with 680045', async () => {
    const { state, corp } = buildState()
    const call = directCaller(
      state,
      testEnv(() => 1000),
    )
    expect((await call('alice', 'mail/settings/get', { mailbox: 1 })).errcode).toBe(0)
    corp.publicmails[1].enabled = false
    expect((await call('alice', 'mail/settings/get', { mailbox: 1 })).errcode).toBe(680045)
  })
})

describe('deliver', () => {
  test('routes member addresses, aliases and business mailboxes, case-insensitively', async () => {
    const { backend, alice, bob, corp } = setup()
    expect((await backend.deliver('c1', 'ALI@C.COM', inbound('别名'))).errcode).toBe(0)
    expect((await backend.deliver('c1', 'Alice@c.com', inbound('地址'))).errcode).toBe(0)
    expect((await backend.deliver('c1', 'XiaoShou@c.com', inbound('业务别名'))).errcode).toBe(0)
    expect((await items(alice, 'personal')).map((i) => i.subject).sort()).toEqual(['别名', '地址'])
    const sales = await alice('mail/message/list', { mailbox: 1, folder: 'inbox' })
    expect((sales.items as Items).map((i) => i.subject)).toEqual(['业务别名'])
    expect(await items(bob, 'personal')).toEqual([])
    expect(corp.corpid).toBe('c1')
  })

  test('a disabled business mailbox still receives (seen once re-enabled)', async () => {
    const { state, corp } = buildState()
    const env = testEnv(() => 1000)
    expect((await deliverMail(state, env, 'c1', 'old@c.com', inbound('停用期间'))).errcode).toBe(0)
    const call = directCaller(state, env)
    expect((await call('alice', 'mail/message/list', { mailbox: 4, folder: 'inbox' })).errcode).toBe(680045)
    corp.publicmails[4].enabled = true
    const r = await call('alice', 'mail/message/list', { mailbox: 4, folder: 'inbox' })
    expect((r.items as Items).map((i) => i.subject)).toEqual(['停用期间'])
  })

  test('unknown address 680032; malformed fields 40058 naming the field', async () => {
    const { backend } = setup()
    expect((await backend.deliver('c1', 'nobody@c.com', inbound('x'))).errcode).toBe(680032)
    expect((await backend.deliver('nope', 'alice@c.com', inbound('x'))).errcode).toBe(40058)
    const bad: [string, unknown, string][] = [
      ['not-an-address', inbound('x'), '(to)'],
      ['alice@c.com', { ...inbound('x'), from: 'bad' }, '(from)'],
      ['alice@c.com', { ...inbound('x'), subject: 3 }, '(subject)'],
      ['alice@c.com', { ...inbound('x'), content: 'x'.repeat(500_001) }, '(content)'],
      ['alice@c.com', { ...inbound('x'), cc: ['ok@c.com', 'bad'] }, '(cc[1])'],
      ['alice@c.com', { ...inbound('x'), in_reply_to: 5 }, '(in_reply_to)'],
      ['alice@c.com', null, '(mail)'],
    ]
    for (const [to, mail, field] of bad) {
      const r = await backend.deliver('c1', to, mail as never)
      expect([r.errcode, r.errmsg.includes(field)]).toEqual([40058, true])
    }
  })

  test('receive rules: in order, stop honoured, move creates the folder by name, read / star / delete', async () => {
    const { backend, alice } = setup()
    const rules = [
      {
        match: 'any',
        conditions: [{ field: 'subject', op: 'contains', value: '发票' }],
        actions: [{ type: 'move', folder: '财务票据' }, { type: 'mark_read' }],
      },
      {
        match: 'all',
        conditions: [{ field: 'from', op: 'contains', value: 'VIP' }],
        actions: [{ type: 'star' }, { type: 'stop' }],
      },
      {
        match: 'all',
        conditions: [{ field: 'body', op: 'contains', value: '正文' }],
        actions: [{ type: 'move', folder: '其他' }],
      },
      {
        match: 'all',
        conditions: [{ field: 'subject', op: 'contains', value: '广告' }],
        actions: [{ type: 'delete' }],
      },
    ]
    expect((await alice('mail/settings/update', { mailbox: 1, shared: { version: 1, rules } })).errcode).toBe(
      0,
    )
    await backend.deliver('c1', 'sales@c.com', inbound('三月发票', { from: 'vip@ext.com' }))
    await backend.deliver('c1', 'sales@c.com', inbound('四月发票'))
    await backend.deliver('c1', 'sales@c.com', inbound('询价', { from: 'vip@ext.com' }))
    await backend.deliver('c1', 'sales@c.com', inbound('广告'))
    const folders = (await alice('mail/folder/list', { mailbox: 1 })).folders as {
      id: string
      name: string
    }[]
    const fid = (name: string) => folders.find((f) => f.name === name)?.id
    expect(
      folders.filter((f) => !['inbox', 'sent', 'drafts', 'trash', 'spam'].includes(f.id)).map((f) => f.name),
    ).toEqual(['财务票据', '其他'])
    // 三月发票 (VIP): rule 1 files and marks read, rule 2 stars and stops — rule 3 never moves it on
    expect(await items(alice, 1, fid('财务票据'))).toEqual([
      expect.objectContaining({ subject: '三月发票', read: true, starred: true }),
    ])
    // 四月发票: rule 1 filed it, rule 3 (body) matched too and the later move wins
    expect(await items(alice, 1, fid('其他'))).toEqual([
      expect.objectContaining({ subject: '四月发票', read: true, starred: false }),
    ])
    // 询价 (VIP): starred, stop keeps rule 3 from moving it
    expect(await items(alice, 1, 'inbox')).toEqual([
      expect.objectContaining({ subject: '询价', starred: true, read: false }),
    ])
    // 广告: moved by rule 3, then delete sends it to Trash
    expect((await items(alice, 1, 'trash')).map((i) => i.subject)).toEqual(['广告'])
  })
})

describe('threads, lists and paging', () => {
  async function conversation() {
    const ctx = setup()
    const { backend, clock: c } = ctx
    const first = await backend.deliver(
      'c1',
      'sales@c.com',
      inbound('报价单', { message_id: '<q1@ext.com>' }),
    )
    c.advance()
    await backend.deliver('c1', 'sales@c.com', inbound('别的事'))
    c.advance()
    // a reply to the first: joins by In-Reply-To even with another subject
    await backend.deliver('c1', 'sales@c.com', inbound('补充说明', { in_reply_to: '<q1@ext.com>' }))
    c.advance()
    // parent unknown, reply subject: joins by the normalised subject
    await backend.deliver('c1', 'sales@c.com', inbound('回复：报价单', { in_reply_to: '<lost@ext.com>' }))
    c.advance()
    // same plain subject, no In-Reply-To: a new thread
    await backend.deliver('c1', 'sales@c.com', inbound('报价单'))
    return { ...ctx, first }
  }

  test('threads by In-Reply-To, then the reply-subject fallback; items newest first', async () => {
    const { alice } = await conversation()
    const threads = await items(alice, 1)
    expect(threads.map((t) => [t.subject, t.count])).toEqual([
      ['报价单', 1],
      ['回复：报价单', 3],
      ['别的事', 1],
    ])
    expect(threads[1].read).toBe(false)
  })

  test('conversation mode is personal: another member of the same mailbox sees a flat list', async () => {
    const { alice, as } = await conversation()
    const carolInSales = as('carol')
    expect((await carolInSales('mail/folder/list', { mailbox: 1 })).errcode).toBe(690007) // carol has no access
    expect(
      (await alice('mail/settings/update', { mailbox: 1, personal: { conversation_mode: false } })).errcode,
    ).toBe(0)
    const flat = await items(alice, 1)
    expect(flat.map((i) => i.subject)).toEqual(['报价单', '回复：报价单', '补充说明', '别的事', '报价单'])
    expect(flat.every((i) => i.count === undefined)).toBe(true)
    // the shared settings did not move: still version 1
    expect(((await alice('mail/settings/get', { mailbox: 1 })).shared as { version: number }).version).toBe(1)
  })

  test('personal conversation mode is per member: two users of one mailbox', async () => {
    const { state, corp } = buildState()
    corp.publicmails[1].userid_list = ['bob']
    const env = testEnv(() => 5000)
    await deliverMail(state, env, 'c1', 'sales@c.com', inbound('报价单', { message_id: '<p@x.com>' }))
    await deliverMail(state, env, 'c1', 'sales@c.com', inbound('Re: 报价单', { in_reply_to: '<p@x.com>' }))
    const call = directCaller(state, env)
    await call('bob', 'mail/settings/update', { mailbox: 1, personal: { conversation_mode: false } })
    expect(
      ((await call('alice', 'mail/message/list', { mailbox: 1, folder: 'inbox' })).items as Items).length,
    ).toBe(1)
    expect(
      ((await call('bob', 'mail/message/list', { mailbox: 1, folder: 'inbox' })).items as Items).length,
    ).toBe(2)
  })

  test('cursor paging walks every item once; limits are checked', async () => {
    const { backend, alice, clock: c } = setup()
    await alice('mail/settings/update', { mailbox: 'personal', personal: { conversation_mode: false } })
    for (let i = 0; i < 7; i++) {
      await backend.deliver('c1', 'alice@c.com', inbound(`第${i}封`))
      if (i % 2) c.advance() // some share a timestamp: the order still is total
    }
    const seen: string[] = []
    let cursor = ''
    let pages = 0
    do {
      const r = await alice('mail/message/list', { mailbox: 'personal', folder: 'inbox', cursor, limit: 3 })
      expect(r.errcode).toBe(0)
      seen.push(...(r.items as Items).map((i) => i.subject))
      cursor = r.next_cursor as string
      pages++
    } while (cursor)
    expect(pages).toBe(3)
    expect(seen).toEqual(['第6封', '第5封', '第4封', '第3封', '第2封', '第1封', '第0封'])
    for (const limit of [0, 101, 2.5, '10']) {
      const r = await alice('mail/message/list', { mailbox: 'personal', folder: 'inbox', limit })
      expect([r.errcode, r.errmsg.includes('(limit)')]).toEqual([40058, true])
    }
    expect(
      (await alice('mail/message/list', { mailbox: 'personal', folder: 'inbox', limit: 100 })).errcode,
    ).toBe(0)
    expect(
      (await alice('mail/message/list', { mailbox: 'personal', folder: 'inbox', cursor: 'zz' })).errcode,
    ).toBe(40058)
    expect((await alice('mail/message/list', { mailbox: 'personal', folder: 'nope' })).errcode).toBe(40058)
  })

  test('items carry from, subject, an ~80 character snippet, time, read, starred', async () => {
    const { backend, alice, clock: c } = setup()
    await backend.deliver('c1', 'alice@c.com', {
      from: 'x@ext.com',
      subject: '长文',
      content: `${'字'.repeat(120)}\n尾`,
    })
    const [item] = await items(alice, 'personal')
    expect(item).toMatchObject({
      from: 'x@ext.com',
      subject: '长文',
      read: false,
      starred: false,
      time: c.now(),
    })
    expect((item as unknown as { snippet: string }).snippet).toBe(`${'字'.repeat(80)}…`)
  })
})

describe('read and update', () => {
  test('read returns the message, marks it read, and defaults a reply to the alias it came to', async () => {
    const { backend, alice } = setup()
    const { mail_id } = await backend.deliver('c1', 'XIAOSHOU@c.com', inbound('询价'))
    const r = await alice('mail/message/read', { mailbox: 1, mail_id })
    expect(r.message).toMatchObject({
      mail_id,
      subject: '询价',
      content: '正文：询价',
      read: true,
      delivered_to: 'xiaoshou@c.com',
    })
    expect(r.reply_from).toBe('xiaoshou@c.com')
    expect((await items(alice, 1))[0].read).toBe(true)
    expect((await alice('mail/message/read', { mailbox: 1, mail_id: 'm999' })).errcode).toBe(40058)
    expect((await alice('mail/message/read', { mailbox: 1 })).errcode).toBe(40058)
  })

  test('star, move to a rule folder, delete to trash; bad input changes nothing', async () => {
    const { backend, alice } = setup()
    await alice('mail/settings/update', {
      mailbox: 'personal',
      shared: {
        version: 1,
        rules: [
          {
            match: 'all',
            conditions: [{ field: 'subject', op: 'contains', value: 'zz' }],
            actions: [{ type: 'move', folder: '归档' }],
          },
        ],
      },
    })
    await backend.deliver('c1', 'alice@c.com', inbound('zz 建文件夹'))
    const folders = (await alice('mail/folder/list', { mailbox: 'personal' })).folders as {
      id: string
      name: string
    }[]
    const archive = folders.find((f) => f.name === '归档')?.id as string
    const { mail_id } = await backend.deliver('c1', 'alice@c.com', inbound('要处理'))
    const upd = (body: Record<string, unknown>) =>
      alice('mail/message/update', { mailbox: 'personal', mail_id, ...body })
    expect((await upd({ starred: true })).errcode).toBe(0)
    expect((await items(alice, 'personal'))[0]).toMatchObject({ subject: '要处理', starred: true })
    for (const body of [
      { folder: 'nope' },
      { folder: 'drafts' },
      { folder: 3 },
      {},
      { read: 'yes' },
      { starred: 1 },
      { mail_id: 'm404', read: true },
    ]) {
      expect((await upd(body)).errcode).toBe(40058)
    }
    expect((await upd({ folder: archive, read: true, starred: 'x' })).errcode).toBe(40058) // nothing applied
    expect((await items(alice, 'personal'))[0]).toMatchObject({ subject: '要处理', read: false })
    expect((await upd({ folder: archive, read: true })).errcode).toBe(0)
    expect((await items(alice, 'personal', archive)).map((i) => i.subject)).toContain('要处理')
    expect((await upd({ folder: 'trash' })).errcode).toBe(0)
    expect((await items(alice, 'personal', 'trash')).map((i) => i.subject)).toEqual(['要处理'])
  })
})

describe('send', () => {
  const send = (over: Record<string, unknown> = {}) => ({
    mailbox: 1,
    from: 'sales@c.com',
    to: ['client@ext.com'],
    subject: '报价',
    content: '您好，报价见下。',
    idempotency_key: `k-${Math.random()}`,
    ...over,
  })

  test('From must be the mailbox address or one of its aliases', async () => {
    const { alice } = setup()
    for (const from of ['alice@c.com', 'ali@c.com', 'service@c.com', 'x@ext.com', 3]) {
      const r = await alice('mail/message/send', send({ from }))
      expect([r.errcode, r.errmsg.includes('(from)')]).toEqual([40058, true])
    }
    expect((await alice('mail/message/send', send({ from: 'XiaoShou@c.com' }))).errcode).toBe(0)
    // personal: biz_mail or a member alias
    expect((await alice('mail/message/send', send({ mailbox: 'personal', from: 'ali@c.com' }))).errcode).toBe(
      0,
    )
    expect(
      (await alice('mail/message/send', send({ mailbox: 'personal', from: 'sales@c.com' }))).errcode,
    ).toBe(40058)
  })

  test('recipients: valid, at least one, at most 100 in total; idempotency key required', async () => {
    const { alice } = setup()
    const many = Array.from({ length: 60 }, (_, i) => `u${i}@ext.com`)
    const cases: [Record<string, unknown>, string][] = [
      [{ to: ['bad'] }, '(to[0])'],
      [{ to: [], cc: [] }, '(to)'],
      [{ to: many, cc: many }, '(cc)'], // the list where the total passes 100
      [{ to: many.slice(0, 30), cc: many.slice(0, 30), bcc: many.slice(0, 50) }, '(bcc)'],
      [{ to: [...many, ...many] }, '(to)'],
      [{ cc: ['x@ext.com', 'bad'] }, '(cc[1])'],
      [{ bcc: ['x@ext.com', 'y@ext.com', '不是地址'] }, '(bcc[2])'],
      [{ bcc: 'x@ext.com' }, '(bcc)'],
      [{ subject: 'x'.repeat(513) }, '(subject)'],
      [{ content: 5 }, '(content)'],
      [{ idempotency_key: undefined }, '(idempotency_key)'],
    ]
    for (const [over, field] of cases) {
      const r = await alice('mail/message/send', send(over))
      expect([r.errcode, r.errmsg.includes(field)]).toEqual([40058, true])
    }
    expect((await items(alice, 1, 'sent')).length).toBe(0)
    expect(
      (await alice('mail/message/send', send({ to: many.slice(0, 50), cc: many.slice(0, 50) }))).errcode,
    ).toBe(0)
  })

  test('signature appended once, copy in Sent, internal recipients receive through their rules, Bcc hidden', async () => {
    const { alice, bob, as } = setup()
    await alice('mail/settings/update', {
      mailbox: 1,
      shared: { version: 1, signature: '<p><b>星河销售部</b></p><script>x</script>电话 010-1' },
    })
    await bob('mail/settings/update', {
      mailbox: 'personal',
      shared: {
        version: 1,
        rules: [
          {
            match: 'all',
            conditions: [{ field: 'from', op: 'contains', value: 'sales@' }],
            actions: [{ type: 'move', folder: '销售来信' }, { type: 'star' }],
          },
        ],
      },
    })
    const r = await alice(
      'mail/message/send',
      send({ to: ['bob@c.com', 'client@ext.com'], cc: ['ceo@c.com'], bcc: ['carol@c.com', 'dave@c.com'] }),
    )
    expect(r.errcode).toBe(0)
    const sent = await alice('mail/message/read', { mailbox: 1, mail_id: r.mail_id })
    const expected = '您好，报价见下。\n\n-- \n星河销售部\n电话 010-1'
    expect(sent.message).toMatchObject({
      folder: 'sent',
      content: expected,
      bcc: ['carol@c.com', 'dave@c.com'],
      read: true,
    })
    // bob's rule filed and starred it
    const folders = (await bob('mail/folder/list', { mailbox: 'personal' })).folders as {
      id: string
      name: string
    }[]
    const bobs = await items(bob, 'personal', folders.find((f) => f.name === '销售来信')?.id)
    expect(bobs).toEqual([expect.objectContaining({ subject: '报价', from: 'sales@c.com', starred: true })])
    const got = await bob('mail/message/read', { mailbox: 'personal', mail_id: bobs[0].mail_id })
    expect(got.message).toMatchObject({ content: expected, bcc: [], cc: ['ceo@c.com'] })
    // cc to a business mailbox, bcc to members
    expect((await items(as('boss'), 3)).map((i) => i.subject)).toEqual(['报价'])
    expect((await items(as('carol'), 'personal')).map((i) => i.subject)).toEqual(['报价'])
    // a body that already carries the signature does not get it twice
    const again = await alice('mail/message/send', send({ content: expected }))
    expect((await alice('mail/message/read', { mailbox: 1, mail_id: again.mail_id })).message).toMatchObject({
      content: expected,
    })
  })

  test('a reply to one’s own signed mail is signed under the new text, above the quote', async () => {
    const { alice } = setup()
    await alice('mail/settings/update', {
      mailbox: 1,
      shared: { version: 1, signature: '<b>星河销售部</b>' },
    })
    const first = await alice('mail/message/send', send({ idempotency_key: 'first' }))
    const mine = (await alice('mail/message/read', { mailbox: 1, mail_id: first.mail_id })).message as {
      from: string
      to: string[]
      subject: string
      content: string
    }
    const body = `补充一下交期。${quoteOf(mine)}`
    const reply = await alice('mail/message/send', send({ content: body, idempotency_key: 'reply' }))
    const sent = (await alice('mail/message/read', { mailbox: 1, mail_id: reply.mail_id })).message as {
      content: string
    }
    expect(sent.content).toBe(`补充一下交期。\n\n-- \n星河销售部${quoteOf(mine)}`)
  })

  test('one copy per mailbox when an address and its alias are both listed', async () => {
    const { alice, bob } = setup()
    await bob('mail/message/send', {
      mailbox: 'personal',
      from: 'bob@c.com',
      to: ['alice@c.com', 'ALI@c.com'],
      subject: '一封',
      content: 'x',
      idempotency_key: 'one',
    })
    expect((await items(alice, 'personal')).length).toBe(1)
  })

  test('a reply threads with the original in Sent and at the recipient', async () => {
    const { alice, bob } = setup()
    await alice('mail/settings/update', { mailbox: 'personal', personal: { conversation_mode: true } })
    const first = await bob('mail/message/send', {
      mailbox: 'personal',
      from: 'bob@c.com',
      to: ['alice@c.com'],
      subject: '周报',
      content: '见附件',
      idempotency_key: 'a',
    })
    const [got] = await items(alice, 'personal')
    const orig = (await alice('mail/message/read', { mailbox: 'personal', mail_id: got.mail_id }))
      .message as { message_id: string }
    expect(orig.message_id).toBe(first.message_id)
    await alice('mail/message/send', {
      mailbox: 'personal',
      from: 'alice@c.com',
      to: ['bob@c.com'],
      subject: '回复：周报',
      content: '收到',
      in_reply_to: orig.message_id,
      idempotency_key: 'b',
    })
    await bob('mail/message/send', {
      mailbox: 'personal',
      from: 'bob@c.com',
      to: ['alice@c.com'],
      subject: 'Re: 回复：周报',
      content: '好',
      in_reply_to: 'unknown',
      idempotency_key: 'c',
    })
    expect((await items(alice, 'personal')).map((t) => t.count)).toEqual([2])
    expect((await items(bob, 'personal', 'sent')).map((t) => t.count)).toEqual([2])
  })

  test('idempotent under injected faults and retries: exactly one copy in Sent per key', async () => {
    let seed = 42
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    const { alice, bob } = setup({ failureRate: 0.5, random })
    const retry = async (fn: () => Promise<ApiResult>) => {
      for (let i = 0; i < 200; i++) {
        const r = await fn()
        if (r.errcode !== -1) return r
      }
      throw new Error('never got through')
    }
    let faults = 0
    const ids = new Set<string>()
    for (let n = 0; n < 10; n++) {
      const body = {
        mailbox: 1,
        from: 'sales@c.com',
        to: ['bob@c.com'],
        subject: `第${n}封`,
        content: 'x',
        idempotency_key: `send-${n}`,
      }
      const r = await retry(async () => {
        const out = await alice('mail/message/send', body)
        if (out.errcode === -1) faults++
        return out
      })
      expect(r.errcode).toBe(0)
      // the response was "lost": the app retries the same key again later
      const replay = await retry(() => alice('mail/message/send', body))
      expect(replay.mail_id).toBe(r.mail_id)
      ids.add(r.mail_id as string)
    }
    expect(faults).toBeGreaterThan(0)
    const sent = await retry(() => alice('mail/message/list', { mailbox: 1, folder: 'sent', limit: 100 }))
    expect((sent.items as Items).map((i) => i.subject).sort()).toEqual(
      Array.from({ length: 10 }, (_, n) => `第${n}封`).sort(),
    )
    expect(ids.size).toBe(10)
    const inbox = await retry(() =>
      bob('mail/message/list', { mailbox: 'personal', folder: 'inbox', limit: 100 }),
    )
    expect((inbox.items as Items).length).toBe(10)
    // the same key with another body is refused
    const other = await retry(() =>
      alice('mail/message/send', {
        mailbox: 1,
        from: 'sales@c.com',
        to: ['bob@c.com'],
        subject: '改了',
        content: 'x',
        idempotency_key: 'send-0',
      }),
    )
    expect(other.errcode).toBe(690015)
  })
})

describe('drafts', () => {
  test('save, update, list for the owner only, restore through read, delete; send removes it', async () => {
    const { alice, boss } = setup()
    const saved = await alice('mail/draft/save', {
      mailbox: 3,
      from: 'ceo@c.com',
      to: ['半个地址'],
      subject: '草稿',
      content: '写了一半',
    })
    expect(saved.errcode).toBe(0)
    const again = await alice('mail/draft/save', {
      mailbox: 3,
      draft_id: saved.draft_id,
      from: 'ceo@c.com',
      to: ['client@ext.com'],
      subject: '草稿 v2',
      content: '写完了',
    })
    expect(again.draft_id).toBe(saved.draft_id)
    expect((await items(alice, 3, 'drafts')).map((d) => d.subject)).toEqual(['草稿 v2'])
    expect(await items(boss, 3, 'drafts')).toEqual([]) // drafts of a shared mailbox are per member
    const folders = (await alice('mail/folder/list', { mailbox: 3 })).folders as {
      id: string
      total: number
    }[]
    expect(folders.find((f) => f.id === 'drafts')?.total).toBe(1)
    const restored = await alice('mail/message/read', { mailbox: 3, mail_id: saved.draft_id })
    expect(restored.draft).toMatchObject({ subject: '草稿 v2', content: '写完了', to: ['client@ext.com'] })
    // someone else's draft id: a new draft, the other is untouched
    const bossDraft = await boss('mail/draft/save', {
      mailbox: 3,
      draft_id: saved.draft_id,
      subject: '老板的',
    })
    expect(bossDraft.draft_id).not.toBe(saved.draft_id)
    expect((await items(alice, 3, 'drafts')).map((d) => d.subject)).toEqual(['草稿 v2'])
    // bad fields change nothing
    for (const body of [{ to: 'x' }, { subject: 'x'.repeat(600) }, { content: 1 }, { draft_id: 5 }]) {
      expect(
        (await alice('mail/draft/save', { mailbox: 3, draft_id: saved.draft_id, ...body })).errcode,
      ).toBe(40058)
    }
    expect((await items(alice, 3, 'drafts')).map((d) => d.subject)).toEqual(['草稿 v2'])
    await alice('mail/message/send', {
      mailbox: 3,
      from: 'ceo@c.com',
      to: ['client@ext.com'],
      subject: '草稿 v2',
      content: '写完了',
      draft_id: saved.draft_id,
      idempotency_key: 'd',
    })
    expect(await items(alice, 3, 'drafts')).toEqual([])
    // delete: own drafts only — another member's draft answers exactly like an id that never existed
    const notMine = await alice('mail/draft/delete', { mailbox: 3, draft_id: bossDraft.draft_id })
    const never = await alice('mail/draft/delete', { mailbox: 3, draft_id: 'd999' })
    expect(notMine).toEqual({ errcode: 40058, errmsg: '草稿不存在 (draft_id)' })
    expect(never).toEqual(notMine)
    expect((await items(boss, 3, 'drafts')).map((d) => d.subject)).toEqual(['老板的'])
    // a repeated delete of one's own draft still succeeds, and so does deleting a draft already sent
    expect((await boss('mail/draft/delete', { mailbox: 3, draft_id: bossDraft.draft_id })).errcode).toBe(0)
    expect((await boss('mail/draft/delete', { mailbox: 3, draft_id: bossDraft.draft_id })).errcode).toBe(0)
    expect((await alice('mail/draft/delete', { mailbox: 3, draft_id: saved.draft_id })).errcode).toBe(0)
    expect(await items(boss, 3, 'drafts')).toEqual([])
    // once gone, the owner's id stays refused to everyone else alike
    expect(await alice('mail/draft/delete', { mailbox: 3, draft_id: bossDraft.draft_id })).toEqual(notMine)
    expect((await boss('mail/draft/delete', { mailbox: 3 })).errcode).toBe(40058)
  })
})

describe('settings', () => {
  test('defaults: conversation mode and reminders on; shared version 1', async () => {
    const { alice } = setup()
    expect(await alice('mail/settings/get', { mailbox: 1 })).toMatchObject({
      errcode: 0,
      shared: { signature: '', rules: [], imap: true, pop: false, version: 1 },
      personal: { conversation_mode: true, notify: true },
    })
  })

  test('shared writes need the current version: stale → 6000 with the newest settings', async () => {
    const { alice, boss } = setup()
    // both read version 1 of 总经理 (mailbox 3); alice saves first
    const ok = await alice('mail/settings/update', { mailbox: 3, shared: { version: 1, pop: true } })
    expect(ok).toMatchObject({ errcode: 0, version: 2 })
    const stale = await boss('mail/settings/update', {
      mailbox: 3,
      shared: { version: 1, imap: false },
      personal: { notify: false },
    })
    expect(stale.errcode).toBe(6000)
    expect(stale.shared).toMatchObject({ version: 2, pop: true, imap: true })
    // nothing of the stale write landed, not even its personal part
    expect(await boss('mail/settings/get', { mailbox: 3 })).toMatchObject({
      shared: { version: 2, imap: true },
      personal: { notify: true },
    })
    // with the newest version it goes through
    expect(
      await boss('mail/settings/update', { mailbox: 3, shared: { version: 2, imap: false } }),
    ).toMatchObject({
      errcode: 0,
      version: 3,
    })
    expect((await alice('mail/settings/update', { mailbox: 3, shared: { imap: false } })).errcode).toBe(40058)
    expect(
      (await alice('mail/settings/update', { mailbox: 3, shared: { version: '3', imap: false } })).errcode,
    ).toBe(40058)
  })

  test('a rejected update changes nothing: valid personal + invalid shared', async () => {
    const { alice } = setup()
    const rejected: [Record<string, unknown>, number][] = [
      [{ signature: 'x'.repeat(10_001) }, 40058],
      [{ signature: 5 }, 40058],
      [{ rules: [{ match: 'all', conditions: [], actions: [{ type: 'star' }] }] }, 690009],
      [
        {
          rules: Array.from({ length: 101 }, () => ({
            match: 'all',
            conditions: [{ field: 'from', op: 'contains', value: 'a' }],
            actions: [{ type: 'star' }],
          })),
        },
        690009,
      ],
      [{ imap: 'on' }, 40058],
    ]
    for (const [shared, code] of rejected) {
      const r = await alice('mail/settings/update', {
        mailbox: 1,
        shared: { version: 1, signature: '<b>新签名</b>', ...shared },
        personal: { conversation_mode: false },
      })
      expect(r.errcode).toBe(code)
    }
    expect(
      (await alice('mail/settings/update', { mailbox: 1, personal: { conversation_mode: 'no' } })).errcode,
    ).toBe(40058)
    expect((await alice('mail/settings/update', { mailbox: 1 })).errcode).toBe(40058)
    expect(await alice('mail/settings/get', { mailbox: 1 })).toMatchObject({
      shared: { signature: '', version: 1 },
      personal: { conversation_mode: true },
    })
  })

  test('personal settings are per member and per mailbox; the signature is stored sanitised', async () => {
    const { alice, boss } = setup()
    await alice('mail/settings/update', {
      mailbox: 3,
      personal: { notify: false },
      shared: { version: 1, signature: '<i onclick="x">总经理办公室</i><img src="https://t/x.png">' },
    })
    expect(await alice('mail/settings/get', { mailbox: 3 })).toMatchObject({
      personal: { notify: false },
      shared: { signature: '<i>总经理办公室</i>', version: 2 },
    })
    expect(await boss('mail/settings/get', { mailbox: 3 })).toMatchObject({
      personal: { notify: true },
      shared: { version: 2 },
    })
    expect(await alice('mail/settings/get', { mailbox: 'personal' })).toMatchObject({
      personal: { notify: true },
    })
  })
})

test('persistence round trip: a new backend on the same storage sees sent mail and settings', async () => {
  const { alice, backend, storage, clock: c } = setup()
  await alice('mail/settings/update', {
    mailbox: 1,
    shared: { version: 1, signature: '销售部' },
    personal: { conversation_mode: false },
  })
  const r = await alice('mail/message/send', {
    mailbox: 1,
    from: 'sales@c.com',
    to: ['bob@c.com'],
    subject: '持久化',
    content: 'x',
    idempotency_key: 'p1',
  })
  await backend.deliver('c1', 'sales@c.com', inbound('外来'))
  await backend.settle()
  const { createMockBackend } = await import('../index')
  const reopened = createMockBackend({ storage, now: c.now })
  const call = (userid: string, api: string, body: Record<string, unknown>) =>
    reopened.call(api, body, { corpid: 'c1', userid })
  const sent = await call('alice', 'mail/message/list', { mailbox: 1, folder: 'sent' })
  expect((sent.items as Items).map((i) => [i.mail_id, i.subject])).toEqual([[r.mail_id, '持久化']])
  expect((await call('bob', 'mail/message/list', { mailbox: 'personal', folder: 'inbox' })).items).toEqual([
    expect.objectContaining({ subject: '持久化' }),
  ])
  expect(await call('alice', 'mail/settings/get', { mailbox: 1 })).toMatchObject({
    shared: { signature: '销售部', version: 2 },
    personal: { conversation_mode: false },
  })
  expect(
    ((await call('alice', 'mail/mailbox/list', {})).mailboxes as { id: unknown; unread: number }[]).find(
      (m) => m.id === 1,
    )?.unread,
  ).toBe(1)
  // the idempotency record survived too: a late retry does not send twice
  const retry = await call('alice', 'mail/message/send', {
    mailbox: 1,
    from: 'sales@c.com',
    to: ['bob@c.com'],
    subject: '持久化',
    content: 'x',
    idempotency_key: 'p1',
  })
  expect(retry.mail_id).toBe(r.mail_id)
  expect(
    ((await call('alice', 'mail/message/list', { mailbox: 1, folder: 'sent' })).items as Items).length,
  ).toBe(1)
})

test('no mail call throws or answers -1 on junk input', async () => {
  const { alice } = setup()
  const junk: unknown[] = [null, 0, 'x', [], {}, { a: 1 }, 'x'.repeat(100_000), -1, true]
  const apis = [
    'mail/mailbox/list',
    'mail/folder/list',
    'mail/message/list',
    'mail/message/read',
    'mail/message/update',
    'mail/message/send',
    'mail/draft/save',
    'mail/draft/delete',
    'mail/settings/get',
    'mail/settings/update',
  ]
  for (const api of apis) {
    for (const v of junk) {
      for (const field of [
        'mailbox',
        'folder',
        'mail_id',
        'shared',
        'personal',
        'to',
        'from',
        'cursor',
        'limit',
        'draft_id',
      ]) {
        const r = await alice(api, { mailbox: 1, folder: 'inbox', [field]: v })
        expect(r.errcode).not.toBe(-1)
      }
    }
  }
})

describe('mail/authcode/*', () => {
  test('a member creates, lists (own only, no secret) and deletes client passwords of a usable business mailbox', async () => {
    const { alice, boss, backend } = setup()
    const created = await alice('mail/authcode/create', { mailbox: 3, remark: '家里电脑' })
    expect(created.errcode).toBe(0)
    expect(typeof created.auth_code).toBe('string')
    expect((created.auth_code as string).length).toBeGreaterThanOrEqual(16)
    await boss('mail/authcode/create', { mailbox: 3 })
    const list = await alice('mail/authcode/list', { mailbox: 3 })
    expect(list.auth_code_list).toEqual([
      expect.objectContaining({
        auth_code_id: created.auth_code_id,
        remark: '家里电脑',
        creator: 'alice',
        last_use_time: 0,
      }),
    ])
    expect(JSON.stringify(list)).not.toContain(created.auth_code as string)
    // the code logs a client in (IMAP is on by default)
    expect((await backend.clientLogin('ceo@c.com', created.auth_code as string, 'imap')).errcode).toBe(0)
    // someone else's code cannot be deleted
    const bossId = (
      (await boss('mail/authcode/list', { mailbox: 3 })).auth_code_list as { auth_code_id: string }[]
    )[0].auth_code_id
    expect((await alice('mail/authcode/delete', { mailbox: 3, auth_code_id: bossId })).errcode).toBe(40058)
    expect(
      (await alice('mail/authcode/delete', { mailbox: 3, auth_code_id: created.auth_code_id })).errcode,
    ).toBe(0)
    expect((await alice('mail/authcode/list', { mailbox: 3 })).auth_code_list).toEqual([])
    expect((await backend.clientLogin('ceo@c.com', created.auth_code as string, 'imap')).errcode).toBe(690008)
  })

  test('business mailboxes only, with access, enabled', async () => {
    const { alice, bob } = setup()
    expect((await alice('mail/authcode/create', { mailbox: 'personal' })).errcode).toBe(40058)
    expect((await bob('mail/authcode/create', { mailbox: 3 })).errcode).toBe(690007)
    expect((await alice('mail/authcode/create', { mailbox: 4 })).errcode).toBe(680045)
    expect((await alice('mail/authcode/list', { mailbox: 99 })).errcode).toBe(680035)
    expect((await alice('mail/authcode/create', { mailbox: 3, remark: 'x'.repeat(200) })).errcode).toBe(40058)
  })
})

test('counts and lists follow every change (read, move, new mail) without going stale', async () => {
  const { backend, alice } = setup()
  const unread = async () =>
    ((await alice('mail/mailbox/list')).mailboxes as { id: unknown; unread: number }[]).find(
      (m) => m.id === 1,
    )?.unread
  const a = await backend.deliver('c1', 'sales@c.com', inbound('一'))
  await backend.deliver('c1', 'sales@c.com', inbound('二'))
  expect(await unread()).toBe(2)
  expect((await items(alice, 1)).length).toBe(2)
  expect((await items(alice, 1, 'trash')).length).toBe(0)
  await alice('mail/message/update', { mailbox: 1, mail_id: a.mail_id, read: true })
  expect(await unread()).toBe(1)
  await alice('mail/message/update', { mailbox: 1, mail_id: a.mail_id, read: false, folder: 'trash' })
  expect(await unread()).toBe(1) // trash does not count
  expect((await items(alice, 1)).map((i) => i.subject)).toEqual(['二'])
  expect((await items(alice, 1, 'trash')).map((i) => i.subject)).toEqual(['一'])
  const folders = (await alice('mail/folder/list', { mailbox: 1 })).folders as {
    id: string
    unread: number
    total: number
  }[]
  expect(folders.find((f) => f.id === 'trash')).toMatchObject({ unread: 1, total: 1 })
  await backend.deliver('c1', 'sales@c.com', inbound('三'))
  expect(await unread()).toBe(2)
})
