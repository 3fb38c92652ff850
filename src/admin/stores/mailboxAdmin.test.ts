import { harness } from '../../../test/node/stores/harness'
import { clientLoginLockNotice, MailboxAdminStore } from './mailboxAdmin'
import type { MailboxForm } from './mailboxForm'

let n = 0
function setup() {
  const h = harness({ corpid: 'wwdemo', userid: 'lina' })
  const store = new MailboxAdminStore({ api: h.api, newKey: () => `k${++n}` })
  return { ...h, store }
}

function fill(form: MailboxForm, local: string, name: string, users: string[] = ['lina']) {
  form.setLocalPart(local)
  form.setName(name)
  form.users.userid.push(...users)
}

describe('MailboxAdminStore', () => {
  it('shows usage as n / quota and every mailbox with its users', async () => {
    const { store } = setup()
    await store.load()
    expect(store.state).toBe('ready')
    expect(store.quota).toMatchObject({ used: 4, quota: 6, edition: 'advanced' })
    expect(store.blockedReason).toBe('')
    expect(store.mailboxes.map((m) => m.email)).toEqual(
      expect.arrayContaining(['sales@xinghe.com', 'pr@xinghe.com', 'hr-jobs@xinghe.com']),
    )
    expect(store.mailboxes.find((m) => m.email === 'hr-jobs@xinghe.com')?.enabled).toBe(false)
    expect(store.domain).toBe('xinghe.com')
  })

  it('reads the domain kind from the quota answer (the experience-domain corp)', async () => {
    const h = harness({ corpid: 'wwdemo2', userid: 'zhangwei' })
    const store = new MailboxAdminStore({ api: h.api, newKey: () => `k${++n}` })
    await store.load()
    expect(store.quotaFacts?.domainKind).toBe('experience')
    expect(store.blockedReason).toContain('体验域名')
  })

  it('pre-validates the form with the policy module (address, width, uniqueness, users)', async () => {
    const { store } = setup()
    await store.load()
    const form = store.form('new')
    expect(form.blocker(store.domain, store.namesExcept())).toBe('请填写邮箱地址')
    form.setLocalPart('bad..name')
    expect(form.addressError(store.domain)).toContain('邮箱地址格式不正确')
    form.setLocalPart('support')
    form.setName('销售部公共邮箱')
    expect(form.nameError(store.namesExcept())).toContain('已被另一个业务邮箱使用')
    form.setName('客'.repeat(33))
    expect(form.nameWidth).toBe(66)
    expect(form.nameError([])).toContain('最多 64 个字符')
    // what the backend refuses, the form says before sending: a name that shows nothing
    form.setName('\u200b\u200b')
    expect(form.nameError([])).toContain('不能包含不可见或控制字符')
    form.setName('技术支持 Support')
    expect(form.nameWidth).toBe(16)
    expect(form.blocker(store.domain, store.namesExcept())).toContain('请至少选择一个')
    form.users.partyid.push(1)
    expect(form.blocker(store.domain, store.namesExcept())).toBe('')
    // The draft survives leaving the page: the same object comes back.
    expect(store.form('new')).toBe(form)
  })

  it('creates until the quota blocks, then explains why with n / quota', async () => {
    const { store } = setup()
    await store.load()
    fill(store.form('new'), 'support', '技术支持')
    const first = await store.create(store.form('new'))
    expect(first.ok).toBe(true)
    fill(store.form('new'), 'finance', '财务')
    expect((await store.create(store.form('new'))).ok).toBe(true)
    expect(store.quota).toMatchObject({ used: 6, quota: 6 })
    expect(store.blockedReason).toContain('6 / 6')
    expect(store.blockedReason).toContain('未分配的高级功能账号')
    // A full quota is not an experience domain: the kind comes from its own field, not the reason's text.
    expect(store.quotaFacts).toEqual({
      edition: 'advanced',
      domainKind: 'custom',
      purchased: 5,
      assigned: 2,
      used: 6,
    })

    fill(store.form('new'), 'legal', '法务')
    const refused = await store.create(store.form('new'))
    expect(refused).toMatchObject({ ok: false, errcode: 690001 })
    expect(!refused.ok && refused.errmsg).toContain('业务邮箱数量已达上限')
    // Nothing typed is lost after a refusal.
    expect(store.form('new').localPart).toBe('legal')
  })

  it('never creates twice when the answer to a create is lost', async () => {
    const { store, backend } = setup()
    await store.load()
    fill(store.form('new'), 'once', '只建一次')
    const form = store.form('new')
    // First attempt: the backend acts, the answer is lost (-1).
    const real = backend.call.bind(backend)
    let lose = true
    ;(backend as { call: typeof real }).call = async (api, body, ctx) => {
      const r = await real(api, body, ctx)
      if (api === 'exmail/publicmail/create' && lose) {
        lose = false
        return { errcode: -1, errmsg: '系统繁忙' }
      }
      return r
    }
    expect((await store.create(form)).ok).toBe(false)
    expect((await store.create(form)).ok).toBe(true)
    await store.load()
    expect(store.mailboxes.filter((m) => m.email === 'once@xinghe.com')).toHaveLength(1)
  })

  it('a key that waits for the secure source is still one key: a double tap creates once', async () => {
    // The first create is still on its way (20 ms) when the second tap has its key.
    const h = harness({ corpid: 'wwdemo', userid: 'lina' }, { latencyMs: 20 })
    let drawn = 0
    // WeChat's source answers asynchronously: both taps arrive while the first key is drawn.
    const newKey = () => new Promise<string>((r) => setTimeout(() => r(`slow${++drawn}`), 5))
    const store = new MailboxAdminStore({ api: h.api, newKey })
    await store.load()
    fill(store.form('new'), 'twice', '点两下')
    const form = store.form('new')
    const keys: string[] = []
    const real = h.backend.call.bind(h.backend)
    ;(h.backend as { call: typeof real }).call = async (api, body, ctx) => {
      if (api === 'exmail/publicmail/create') keys.push((body as { idempotency_key: string }).idempotency_key)
      return real(api, body, ctx)
    }
    const [a, b] = await Promise.all([store.create(form), store.create(form)])
    expect(keys).toHaveLength(2)
    expect(new Set(keys).size).toBe(1)
    expect([a.ok, b.ok]).toEqual([true, true]) // the second is the replay of the first
    await store.load()
    expect(store.mailboxes.filter((m) => m.email === 'twice@xinghe.com')).toHaveLength(1)
  })

  it('refuses to convert an ordinary member on the advanced edition, converts a seat holder', async () => {
    const { store, admin } = setup()
    await store.load()
    const plain = await store.convert('lisi', '李四的邮箱', { userid: [], partyid: [], tagid: [] })
    expect(plain).toMatchObject({ ok: false, errcode: 690003 })

    const seats = await admin('exmail/vip/list')
    const holder = (seats.userid_list as string[]).find((u) => u !== 'lina') as string
    const converted = await store.convert(holder, '转换邮箱', { userid: [], partyid: [], tagid: [] })
    expect(converted.ok).toBe(true)
    const id = converted.ok ? converted.id : 0
    const m = store.byId(id)
    expect(m?.userid_list).toEqual([])
    expect(store.quota?.seats.assigned).toBe(1)
    // A converted mailbox without users can still be renamed.
    const form = store.form(String(id))
    form.setName('转换后的邮箱')
    expect(await store.update(id, form)).toMatchObject({ ok: true })
    expect(store.byId(id)?.name).toBe('转换后的邮箱')
  })

  it('aliases, enable / disable, client passwords, delete and restore', async () => {
    const { store } = setup()
    await store.load()
    const sales = store.mailboxes.find((m) => m.email === 'sales@xinghe.com')!
    expect(await store.setAliases(sales.id, ['sales-cn@xinghe.com'])).toMatchObject({ ok: true })
    expect(store.byId(sales.id)?.alias_list).toEqual(['sales-cn@xinghe.com'])
    const taken = await store.setAliases(sales.id, ['pr@xinghe.com'])
    expect(taken).toMatchObject({ ok: false, errcode: 680033 })

    expect(await store.setEnabled(sales.id, false)).toMatchObject({ ok: true })
    expect(store.byId(sales.id)?.enabled).toBe(false)

    const code = await store.createAuthCode(sales.id, '前台电脑')
    expect(code.ok && code.auth_code.length).toBeGreaterThanOrEqual(16)
    const codes = await store.authCodes(sales.id)
    expect(codes.ok && codes.list.map((c) => c.remark)).toEqual(['前台电脑'])
    expect(JSON.stringify(codes)).not.toContain(code.ok ? code.auth_code : 'x')
    const id = codes.ok ? codes.list[0].auth_code_id : ''
    expect(await store.deleteAuthCode(sales.id, id)).toMatchObject({ ok: true })

    expect(await store.remove(sales.id)).toMatchObject({ ok: true, retention_days: 60 })
    expect(store.byId(sales.id)).toBeUndefined()
    expect(store.recycle.some((r) => r.id === sales.id)).toBe(true)
    expect(await store.restore(sales.id)).toMatchObject({ ok: true })
    expect(store.byId(sales.id)?.email).toBe('sales@xinghe.com')
  })

  it('explains a refused restore when the quota is full', async () => {
    const { store } = setup()
    await store.load()
    await store.loadRecycle()
    fill(store.form('new'), 'a-full', '满一')
    await store.create(store.form('new'))
    fill(store.form('new'), 'b-full', '满二')
    await store.create(store.form('new'))
    const event = store.recycle.find((r) => r.email === 'event2025@xinghe.com')!
    const r = await store.restore(event.id)
    expect(r).toMatchObject({ ok: false, errcode: 690001 })
  })
})

describe('editing who may use a mailbox', () => {
  it('starts from the current lists, saves the new ones, and members who lost access lose the mailbox and their passwords', async () => {
    const { store, backend } = setup()
    await store.load()
    const sales = store.mailboxes.find((m) => m.email === 'sales@xinghe.com')!
    const zhangsan = { corpid: 'wwdemo', userid: 'zhangsan' }
    const code = await backend.call(
      'mail/authcode/create',
      { mailbox: sales.id, remark: '家里电脑' },
      zhangsan,
    )
    expect(code.errcode).toBe(0)
    expect((await backend.clientLogin('sales@xinghe.com', code.auth_code as string, 'imap')).errcode).toBe(0)

    const form = store.form(String(sales.id))
    expect(form.users.partyid).toEqual(sales.department_list) // prefilled from the mailbox
    form.users.userid.splice(0, form.users.userid.length, 'lina')
    form.users.partyid.splice(0, form.users.partyid.length)
    form.users.tagid.splice(0, form.users.tagid.length)
    const r = await store.update(sales.id, form)
    expect(r.ok).toBe(true)

    const got = await backend.call(
      'exmail/publicmail/get',
      { id_list: [sales.id] },
      { corpid: 'wwdemo', userid: 'lina' },
    )
    // exmail/publicmail/get answers the lists WeCom-shaped
    expect((got.list as object[])[0]).toMatchObject({
      userid_list: { list: ['lina'] },
      department_list: { list: [] },
    })
    const list = await backend.call('mail/mailbox/list', {}, zhangsan)
    expect((list.mailboxes as { id: unknown }[]).some((m) => m.id === sales.id)).toBe(false)
    const login = await backend.clientLogin('sales@xinghe.com', code.auth_code as string, 'imap')
    expect(login.errcode).toBe(690008)
  })
})

describe('client-login lock in the password list', () => {
  it('is reported with the time it ends, and cleared when not locked', async () => {
    const { store, backend } = setup()
    await store.load()
    const sales = store.mailboxes.find((m) => m.email === 'sales@xinghe.com')!
    const code = await store.createAuthCode(sales.id, '前台电脑')
    expect(code.ok).toBe(true)
    const before = await store.authCodes(sales.id)
    expect(before).toMatchObject({ ok: true, lockedUntil: 0 })
    for (let i = 0; i < 10; i++) await backend.clientLogin('sales@xinghe.com', `wrong-guess-${i}`, 'imap')
    const after = await store.authCodes(sales.id)
    if (!after.ok) throw new Error(after.errmsg)
    const now = Date.now() / 1000
    expect(after.lockedUntil).toBeGreaterThan(now + 14 * 60)
    expect(after.lockedUntil).toBeLessThanOrEqual(Math.ceil(now + 15 * 60))
    // the right password is refused too while locked
    const right = await backend.clientLogin('sales@xinghe.com', code.ok ? code.auth_code : '', 'imap')
    expect(right.errcode).toBe(690008)
  })

  it('words the notice as 客户端登录已锁定，HH:mm 后解除 (local time)', () => {
    const at = new Date(2025, 2, 3, 9, 5, 30)
    expect(clientLoginLockNotice(Math.floor(at.getTime() / 1000))).toBe('客户端登录已锁定，09:05 后解除')
    expect(clientLoginLockNotice(0)).toBe('')
  })
})
