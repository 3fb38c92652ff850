import { ErrCode } from '../../../src/policy/codes'
import type { ApiResult } from '../../../src/api/contract'
import type { BackendState, CorpState } from '../../../src/api/mock/state'
import { A, B, orgs, START, type Orgs } from './harness'

type Row = Record<string, unknown>

/** exmail/publicmail/get answers its lists WeCom-shaped ({list}); compare them as arrays */
const LIST_FIELDS = ['userid_list', 'department_list', 'tag_list', 'alias_list']
function unwrapped(rows: unknown): Row[] {
  return (rows as Row[]).map((m) => {
    const out: Row = { ...m }
    for (const f of LIST_FIELDS) out[f] = (m[f] as { list: unknown[] }).list
    return out
  })
}
const subjects = (corp: CorpState, storeId: string | null) =>
  storeId
    ? Object.values(corp.stores[storeId].messages)
        .map((m) => m.subject)
        .sort()
    : []

interface Run {
  o: Orgs
  before: BackendState
  after: BackendState
  a: CorpState
  b: CorpState
  precheck: ApiResult
  codes: { admin: string; alice: string; carol: string }
}

/** Client passwords on ceo@ (admin's, alice's, carol's), the pre-check, the run to the end. */
async function migrate(): Promise<Run> {
  const o = orgs()
  const boss = o.as(A, 'boss')
  const admin = await boss('exmail/publicmail/update', { id: 3, create_auth_code: 1 })
  const alice = await o.as(A, 'alice')('mail/authcode/create', { mailbox: 3 })
  const carol = await o.as(A, 'carol')('mail/authcode/create', { mailbox: 3 })
  for (const r of [admin, alice, carol]) expect(r.errcode).toBe(0)
  const precheck = await boss('exmail/migration/precheck', { target_corpid: B })
  expect(precheck.ok).toBe(true)
  const before = await o.saved()
  expect((await boss('exmail/migration/start', START)).errcode).toBe(0)
  await o.backend.settle()
  const after = await o.saved()
  return {
    o,
    before,
    after,
    a: after.corps[A],
    b: after.corps[B],
    precheck,
    codes: {
      admin: admin.auth_code as string,
      alice: alice.auth_code as string,
      carol: carol.auth_code as string,
    },
  }
}

let run: Run
beforeAll(async () => {
  run = await migrate()
})

describe('B holds A’s mailbox', () => {
  test('A’s domain, edition and seats, and mail groups', () => {
    const { b, before } = run
    expect(b.domain).toEqual({ name: 'a.com', kind: 'custom' })
    expect([b.edition, b.advancedSeats]).toEqual([before.corps[A].edition, before.corps[A].advancedSeats])
    expect(b.mailGroups).toEqual(['all@a.com'])
  })

  test('B members get the mailbox (mail, address, aliases, seat) of A’s member with the same userid', () => {
    const { b, before } = run
    const a0 = before.corps[A]
    for (const u of ['boss', 'alice', 'bob']) {
      const m = b.users[u]
      expect([u, m.biz_mail, m.alias, m.advanced]).toEqual([
        u,
        a0.users[u].biz_mail,
        a0.users[u].alias,
        a0.users[u].advanced,
      ])
      expect(subjects(b, m.storeId)).toEqual(
        subjects(a0, a0.users[u].storeId)
          .concat(u === 'boss' ? [expect.stringContaining('邮箱迁移')] : [])
          .sort(),
      )
    }
    // the directory itself is B's: names, departments untouched
    expect(b.users.alice.department).toEqual(before.corps[B].users.alice.department)
    expect(b.departments).toEqual(before.corps[B].departments)
    expect(b.tags).toEqual(before.corps[B].tags)
  })

  test('B members without an A mailbox start empty in A’s domain, or without one when the address is taken', () => {
    const { b } = run
    for (const u of ['gina', 'hank']) {
      expect(b.users[u].biz_mail).toBe(`${u}@a.com`)
      expect(subjects(b, b.users[u].storeId)).toEqual([])
      expect(b.users[u].advanced).toBe(0)
    }
    // erin's A mailbox was converted: erin@a.com is a business mailbox now
    expect([b.users.erin.biz_mail, b.users.erin.storeId]).toEqual(['', null])
  })

  test('business mailboxes keep id, address, name, aliases, enabled state and mail; department/tag lists are dropped', async () => {
    const { o, b, before } = run
    const got = await o.as(B, 'boss')('exmail/publicmail/get', { id_list: [1, 2, 3, 4, 5] })
    expect(got.errcode).toBe(0)
    const byId = Object.fromEntries(unwrapped(got.list).map((m) => [m.id, m]))
    expect(byId[1]).toMatchObject({
      email: 'sales@a.com',
      name: '销售',
      alias_list: ['xiaoshou@a.com'],
      enabled: true,
      userid_list: ['alice'],
      department_list: [],
      tag_list: [],
    })
    expect(byId[2]).toMatchObject({
      email: 'service@a.com',
      userid_list: [],
      department_list: [],
      tag_list: [],
    })
    expect(byId[3]).toMatchObject({ email: 'ceo@a.com', userid_list: ['boss', 'alice'] })
    expect(byId[4]).toMatchObject({ email: 'old@a.com', enabled: false, userid_list: ['bob'] })
    expect(byId[5]).toMatchObject({ email: 'erin@a.com', userid_list: [] })
    const a0 = before.corps[A]
    for (const id of [1, 2, 3, 4, 5]) {
      expect(subjects(b, b.publicmails[id].storeId)).toEqual(subjects(a0, a0.publicmails[id].storeId))
      expect(b.stores[b.publicmails[id].storeId].shared).toEqual(a0.stores[a0.publicmails[id].storeId].shared)
    }
    // B's old business mailbox is gone
    expect(Object.values(b.publicmails).map((m) => m.email)).not.toContain('old-b@cb.wecom.work')
  })

  test('receive rules keep working on arrival in B', async () => {
    const { o } = run
    expect(
      (await o.backend.deliver(B, 'xiaoshou@a.com', { from: 'x@ext.com', subject: '发票 123', content: '.' }))
        .errcode,
    ).toBe(0)
    const folders = await o.as(B, 'alice')('mail/folder/list', { mailbox: 1 })
    expect((folders.folders as Row[]).find((f) => f.name === '票据')).toMatchObject({ total: 1 })
  })

  test('client passwords: the mailbox’s own survive, those of people B lacks are revoked', async () => {
    const { o, codes } = run
    expect((await o.backend.clientLogin('ceo@a.com', codes.admin, 'imap')).errcode).toBe(0)
    expect((await o.backend.clientLogin('ceo@a.com', codes.alice, 'imap')).errcode).toBe(0)
    expect((await o.backend.clientLogin('ceo@a.com', codes.carol, 'imap')).errcode).toBe(
      ErrCode.CLIENT_LOGIN_REFUSED,
    )
    // B's admin sees the live ones; carol's is revoked for good (the port keeps it, not the list)
    const listed = await o.as(B, 'boss')('exmail/publicmail/get_auth_code_list', { id: 3 })
    expect((listed.auth_code_list as Row[]).map((c) => c.creator)).toEqual(['boss', 'alice'])
  })

  test('members use it right away: mailbox list, access by the kept lists', async () => {
    const { o } = run
    const list = await o.as(B, 'alice')('mail/mailbox/list')
    expect((list.mailboxes as Row[]).map((m) => [m.id, m.email])).toEqual([
      ['personal', 'alice@a.com'],
      [1, 'sales@a.com'],
      [3, 'ceo@a.com'],
    ])
    const gina = await o.as(B, 'gina')('mail/mailbox/list')
    expect((gina.mailboxes as Row[]).map((m) => [m.id, m.email, m.unread])).toEqual([
      ['personal', 'gina@a.com', 0],
    ])
  })

  test('A’s recycle bin moves; A mailboxes with nobody in B land there too, with their mail', async () => {
    const { o, b, precheck } = run
    const r = await o.as(B, 'boss')('exmail/recycle/list')
    const rows = (r.list as Row[]).map((x) => [x.email, x.kind]).sort()
    expect(rows).toEqual([
      ['carol@a.com', 'member'],
      ['event@a.com', 'business'],
      ['frank@a.com', 'member'],
    ])
    const carol = Object.values(b.recycle).find((x) => x.email === 'carol@a.com')!
    expect(carol).toMatchObject({ userid: 'carol', addresses: ['carol@a.com', 'carol.c@a.com'] })
    expect(subjects(b, carol.storeId)).toEqual(['卡罗的邮件'])
    expect(
      (precheck.impact as { unmatched_mailboxes: Row[] }).unmatched_mailboxes.map((m) => m.email),
    ).toEqual(['carol@a.com'])
    // ids stay unique across mailboxes and the bin
    const ids = [...Object.keys(b.publicmails), ...Object.keys(b.recycle)]
    expect(new Set(ids).size).toBe(ids.length)
    // a recycled business mailbox restores in B, without its old department list
    const restored = await o.as(B, 'boss')('exmail/recycle/restore', { id: 6 })
    expect(restored.errcode).toBe(0)
    const got = await o.as(B, 'boss')('exmail/publicmail/get', { id_list: [6] })
    expect(unwrapped(got.list)).toEqual([
      expect.objectContaining({ email: 'event@a.com', department_list: [], tag_list: [] }),
    ])
  })

  test('B’s old mailbox data is deleted for good', () => {
    const { after, b } = run
    const everything = JSON.stringify(after)
    for (const s of ['B 业务邮件', 'B 吉娜的邮件 1', 'B 爱丽丝的邮件', 'B 伊万的邮件', 'cb.wecom.work']) {
      expect([s, everything.includes(s)]).toEqual([s, false])
    }
    expect(Object.values(b.recycle).map((r) => r.email)).not.toContain('ivan@cb.wecom.work')
  })

  test('addresses route to the right mailbox in B and nowhere in A', async () => {
    const { o, b } = run
    const got = await o.backend.deliver(B, 'ali@a.com', {
      from: 'x@ext.com',
      subject: '给别名',
      content: '.',
    })
    expect(got.errcode).toBe(0)
    const saved = await o.saved()
    expect(subjects(saved.corps[B], b.users.alice.storeId)).toContain('给别名')
    expect(
      (await o.backend.deliver(A, 'alice@a.com', { from: 'x@ext.com', subject: 'x', content: '.' })).errcode,
    ).not.toBe(0)
  })

  test('stores: re-keyed into each corp’s id space, every reference resolves, none shared', () => {
    const { a, b } = run
    for (const corp of [a, b]) {
      for (const id of Object.keys(corp.stores)) {
        expect(id.startsWith(`${corp.corpid}:`)).toBe(true)
        expect(corp.stores[id].id).toBe(id)
      }
      const refs = [
        ...Object.values(corp.users).map((u) => u.storeId),
        ...Object.values(corp.publicmails).map((p) => p.storeId),
        ...Object.values(corp.recycle).map((r) => r.storeId),
      ].filter((x): x is string => x !== null)
      for (const r of refs) expect(corp.stores[r]).toBeDefined()
      expect(new Set(refs).size).toBe(refs.length)
    }
  })
})

describe('the backup of the dropped settings', () => {
  test('is mailed to the creator’s mailbox in B, listing every invalidated setting', async () => {
    const { o, precheck } = run
    const inbox = await o.as(B, 'boss')('mail/message/list', { mailbox: 'personal', folder: 'inbox' })
    const backup = (inbox.items as Row[]).find((m) => String(m.subject).includes('邮箱迁移'))!
    expect(backup).toBeDefined()
    expect(backup.read).toBe(false)
    const read = await o.as(B, 'boss')('mail/message/read', { mailbox: 'personal', mail_id: backup.mail_id })
    const content = (read.message as { content: string }).content
    const invalidated = (precheck.impact as { invalidated: { kind: string; text: string }[] }).invalidated
    expect(invalidated.map((x) => x.kind).sort()).toEqual([
      'contact_rule',
      'publicmail_department',
      'publicmail_department',
      'publicmail_tag',
      'publicmail_user',
      'publicmail_user',
    ])
    for (const x of invalidated) expect(content).toContain(x.text)
    // the same data, machine-readable
    const json = JSON.parse(content.slice(content.indexOf('{')))
    expect(json).toEqual({ source: A, target: B, dropped: invalidated })
  })
})

describe('A after the migration', () => {
  test('a brand-new empty experience-domain mailbox, the directory kept, the entry gone', async () => {
    const { o, a, before } = run
    const a0 = before.corps[A]
    expect(a.domain).toEqual({ name: 'ca.wecom.work', kind: 'experience' })
    expect([a.edition, a.advancedSeats, a.migrated]).toEqual(['basic', 0, true])
    expect([a.publicmails, a.recycle, a.mailGroups]).toEqual([{}, {}, []])
    for (const m of Object.values(a.users)) {
      expect([m.biz_mail, m.alias, m.advanced]).toEqual([`${m.userid}@ca.wecom.work`, [], 0])
      expect(subjects(a, m.storeId)).toEqual([])
    }
    expect(Object.keys(a.users).sort()).toEqual(Object.keys(a0.users).sort())
    expect([a.departments, a.tags, a.contactRules]).toEqual([a0.departments, a0.tags, a0.contactRules])
    const boss = o.as(A, 'boss')
    expect((await boss('exmail/publicmail/search', { fuzzy: 0 })).list).toEqual([])
    expect((await boss('mail/mailbox/list')).mailboxes).toEqual([
      expect.objectContaining({ id: 'personal', email: 'boss@ca.wecom.work', unread: 0 }),
    ])
    const status = await boss('exmail/migration/status')
    expect(status).toMatchObject({ state: 'done', migrated: true })
    expect((status.steps as Row[]).every((s) => s.done)).toBe(true)
    expect(status.error).toBeUndefined()
  })
})
