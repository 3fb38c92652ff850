import { ErrCode } from '../../../src/policy/codes'
import { apiTable } from '../../../src/api/mock/handlers'
import { A, B, orgs, START } from './harness'

const mailAdminApis = Object.keys(apiTable).filter(
  (api) => api.startsWith('exmail/') && !api.startsWith('exmail/migration/'),
)
const DIRECTORY_WRITES = [
  'department/create',
  'department/update',
  'department/delete',
  'user/create',
  'user/update',
  'user/delete',
  'tag/create',
  'tag/delete',
  'tag/addtagusers',
  'tag/deltagusers',
  'contactrule/create',
  'contactrule/delete',
]

async function running() {
  const o = orgs()
  const r = await o.as(A, 'boss')('exmail/migration/start', START)
  expect(r.errcode).toBe(0)
  return o
}

describe('the lock while a migration runs', () => {
  test('every exmail/* administration api is declared admin + mailAdmin', () => {
    expect(mailAdminApis.length).toBeGreaterThanOrEqual(14)
    for (const api of mailAdminApis)
      expect([api, apiTable[api].admin, apiTable[api].lock]).toEqual([api, true, 'mailAdmin'])
  })

  test('every directory write is declared directoryWrite', () => {
    for (const api of DIRECTORY_WRITES) expect([api, apiTable[api]?.lock]).toEqual([api, 'directoryWrite'])
  })

  test('status says running, with the lock step done and the rest pending', async () => {
    const o = await running()
    const s = await o.as(A, 'boss')('exmail/migration/status')
    expect(s).toMatchObject({
      errcode: 0,
      state: 'running',
      source_corpid: A,
      target_corpid: B,
      migrated: false,
    })
    const steps = s.steps as { name: string; label: string; done: boolean }[]
    expect(steps.map((x) => x.done)).toEqual([true, false, false, false, false])
    for (const x of steps) expect(x.label.length).toBeGreaterThan(0)
    // B's creator sees the same migration from B's side.
    expect(await o.as(B, 'boss')('exmail/migration/status')).toMatchObject({
      state: 'running',
      target_corpid: B,
    })
  })

  test.each(mailAdminApis)('%s is refused with 690013 on A and on B', async (api) => {
    const o = await running()
    for (const corpid of [A, B]) {
      const r = await o.as(corpid, 'boss')(api, { id: 1 })
      expect(r.errcode).toBe(ErrCode.MIGRATION_IN_PROGRESS)
      expect(r.errmsg).toContain('迁移')
    }
  })

  test('mail administration works again once it is done', async () => {
    const o = await running()
    await o.backend.settle()
    expect((await o.as(A, 'boss')('exmail/publicmail/quota')).errcode).toBe(0)
    expect((await o.as(B, 'boss')('exmail/publicmail/search', { fuzzy: 0 })).errcode).toBe(0)
  })

  test('directory writes are refused on B only; A keeps its directory', async () => {
    const o = await running()
    const bBoss = o.as(B, 'boss')
    for (const api of DIRECTORY_WRITES) {
      expect([api, (await bBoss(api, {})).errcode]).toEqual([api, ErrCode.MIGRATION_IN_PROGRESS])
    }
    const aBoss = o.as(A, 'boss')
    expect((await aBoss('department/create', { name: '新部门', parentid: 1 })).errcode).toBe(0)
    expect((await aBoss('user/create', { userid: 'newbie', name: '新人', department: [1] })).errcode).toBe(0)
    // directory reads on B keep working
    expect((await bBoss('department/list')).errcode).toBe(0)
    await o.backend.settle()
    expect((await bBoss('department/create', { name: '新部门', parentid: 1 })).errcode).toBe(0)
  })

  test('members keep reading and sending mail during the run, and nothing of it is lost', async () => {
    const o = await running()
    const alice = o.as(A, 'alice')
    const list = await alice('mail/message/list', { mailbox: 'personal', folder: 'inbox' })
    expect(list.errcode).toBe(0)
    const first = (list.items as { mail_id: string }[])[0]
    expect((await alice('mail/message/read', { mailbox: 'personal', mail_id: first.mail_id })).errcode).toBe(
      0,
    )
    const sent = await alice('mail/message/send', {
      mailbox: 'personal',
      from: 'alice@a.com',
      to: ['bob@a.com', 'sales@a.com'],
      subject: '迁移期间的邮件',
      content: '照常收发',
      idempotency_key: 'k-during',
    })
    expect(sent.errcode).toBe(0)
    const fromSales = await alice('mail/message/send', {
      mailbox: 1,
      from: 'xiaoshou@a.com',
      to: ['client@ext.com'],
      subject: '报价单',
      content: '见附件',
      idempotency_key: 'k-sales',
    })
    expect(fromSales.errcode).toBe(0)
    expect(
      (
        await o.backend.deliver(A, 'sales@a.com', {
          from: 'client@ext.com',
          subject: '询价 2',
          content: '你好',
        })
      ).errcode,
    ).toBe(0)
    // B's members too (their old mailbox is what B loses; it still works until the switch)
    expect((await o.as(B, 'gina')('mail/mailbox/list')).errcode).toBe(0)

    await o.backend.settle()
    // Everything written during the run arrived with the mailboxes in B.
    const bAlice = o.as(B, 'alice')
    const sentBox = await bAlice('mail/message/list', { mailbox: 'personal', folder: 'sent' })
    expect((sentBox.items as { subject: string }[]).map((m) => m.subject)).toContain('迁移期间的邮件')
    const read = await bAlice('mail/message/read', { mailbox: 'personal', mail_id: first.mail_id })
    expect(read.errcode).toBe(0)
    expect((read.message as { read: boolean }).read).toBe(true)
    const bobInbox = await o.as(B, 'bob')('mail/message/list', { mailbox: 'personal', folder: 'inbox' })
    expect((bobInbox.items as { subject: string }[]).map((m) => m.subject)).toContain('迁移期间的邮件')
    const salesInbox = await bAlice('mail/message/list', { mailbox: 1, folder: 'inbox', limit: 100 })
    expect((salesInbox.items as { subject: string }[]).map((m) => m.subject)).toEqual(
      expect.arrayContaining(['迁移期间的邮件', '询价 2', '客户询价']),
    )
    const salesSent = await bAlice('mail/message/list', { mailbox: 1, folder: 'sent' })
    expect((salesSent.items as { subject: string }[]).map((m) => m.subject)).toContain('报价单')
    // a retried send with the same key replays instead of sending twice
    const retry = await bAlice('mail/message/send', {
      mailbox: 'personal',
      from: 'alice@a.com',
      to: ['bob@a.com', 'sales@a.com'],
      subject: '迁移期间的邮件',
      content: '照常收发',
      idempotency_key: 'k-during',
    })
    expect(retry).toMatchObject({ errcode: 0, mail_id: sent.mail_id })
  })
})
