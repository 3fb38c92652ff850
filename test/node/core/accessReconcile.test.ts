// Client passwords of members who lose access are revoked where access changes (user lists,
// departments, tags, members), and reading or moving mail never re-checks the whole corp.
import type { CorpSetup } from '../../../src/api/contract'
import { createMockBackend } from '../../../src/api/mock'
import * as reconcile from '../../../src/api/mock/handlers/reconcile'
import * as mailboxIndex from '../../../src/api/mock/mail/mailboxIndex'
import { LOCK_FAILURES } from '../../../src/policy/clientLock'

const CORP: CorpSetup = {
  corpid: 'wwacc',
  name: '访问测试',
  creator: 'boss',
  edition: 'advanced',
  advancedSeats: 2,
  domain: { name: 'acc.com', kind: 'custom' },
}
const boss = { corpid: CORP.corpid, userid: 'boss' }
const lina = { corpid: CORP.corpid, userid: 'lina' }

async function setup() {
  const backend = createMockBackend({ corps: [CORP] })
  const ok = async (ctx: typeof boss, api: string, body: object) => {
    const r = await backend.call(api, body, ctx)
    if (r.errcode !== 0) throw new Error(`${api}: ${r.errcode} ${r.errmsg}`)
    return r
  }
  await ok(boss, 'user/create', { userid: 'lina', name: '李娜', department: [1] })
  const id = (
    await ok(boss, 'exmail/publicmail/create', {
      email: 'sales@acc.com',
      name: '销售',
      userid_list: { list: ['boss', 'lina'] },
    })
  ).id as number
  await ok(lina, 'mail/authcode/create', { mailbox: id, remark: '电脑' })
  await backend.deliver(CORP.corpid, 'sales@acc.com', { from: 'c@ext.com', subject: '询价', content: '你好' })
  return { backend, ok, id }
}

test('reading, starring and moving mail do not re-check access; a user-list change does and revokes', async () => {
  const { backend, ok, id } = await setup()
  const spy = jest.spyOn(reconcile, 'reconcileAccess')
  try {
    const list = await ok(lina, 'mail/message/list', { mailbox: id, folder: 'inbox' })
    const mailId = (list.items as { mail_id: string }[])[0].mail_id
    await ok(lina, 'mail/message/read', { mailbox: id, mail_id: mailId })
    await ok(lina, 'mail/message/update', { mailbox: id, mail_id: mailId, starred: true })
    await ok(lina, 'mail/message/update', { mailbox: id, mail_id: mailId, folder: 'trash' })
    expect(spy).not.toHaveBeenCalled()

    await ok(boss, 'exmail/publicmail/update', { id, userid_list: { list: ['boss'] } })
    expect(spy).toHaveBeenCalled()
    const codes = await backend.call('mail/authcode/list', { mailbox: id }, lina)
    // lina lost the mailbox: she can no longer list its passwords, and her password is dead
    expect(codes.errcode).not.toBe(0)
    const codesAdmin = await ok(boss, 'exmail/publicmail/get_auth_code_list', { id })
    expect(codesAdmin.auth_code_list).toEqual([])
  } finally {
    spy.mockRestore()
  }
})

test('removing a member from the directory revokes their passwords', async () => {
  const { ok, id } = await setup()
  await ok(boss, 'user/delete', { userid: 'lina' })
  const codes = await ok(boss, 'exmail/publicmail/get_auth_code_list', { id })
  expect(codes.auth_code_list).toEqual([])
})

test("a client login's bookkeeping (last use, failures, the lock) re-checks no access and keeps every lookup", async () => {
  const { backend, ok, id } = await setup()
  const made = await ok(lina, 'mail/authcode/create', { mailbox: id, remark: '手机' })
  await ok(boss, 'mail/settings/update', { mailbox: id, shared: { imap: true, version: 1 } })
  const reconciled = jest.spyOn(reconcile, 'reconcileAccess')
  const bumped = jest.spyOn(mailboxIndex, 'bumpMailIndex')
  try {
    expect((await backend.clientLogin('sales@acc.com', made.auth_code as string, 'imap')).errcode).toBe(0)
    for (let i = 0; i < LOCK_FAILURES; i++) await backend.clientLogin('sales@acc.com', `wrong-${i}`, 'imap')
    const locked = await backend.clientLogin('sales@acc.com', made.auth_code as string, 'imap')
    expect(locked.errcode).not.toBe(0)
    expect(reconciled).not.toHaveBeenCalled()
    expect(bumped).not.toHaveBeenCalled()
    // and what the logins wrote stands: the last use is shown, the mailbox still reached
    const codes = await ok(boss, 'exmail/publicmail/get_auth_code_list', { id })
    const used = (codes.auth_code_list as { auth_code_id: string; last_use_time: number }[]).find(
      (c) => c.auth_code_id === made.auth_code_id,
    )
    expect(used?.last_use_time).toBeGreaterThan(0)
    const boxes = await ok(lina, 'mail/mailbox/list', {})
    expect(JSON.stringify(boxes)).toContain('sales@acc.com')
  } finally {
    reconciled.mockRestore()
    bumped.mockRestore()
  }
})
