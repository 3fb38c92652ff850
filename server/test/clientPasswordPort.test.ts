// The SQL adapter of the client-password port (server/store/clientPasswords.ts): the cases every
// adapter shares, then what only the server has — codes in their own table, never in the state in
// memory, written and undone with the call's transaction, seen by every instance, and the upgrade
// (0008) that moved them there from rows by position and from recycle-bin copies.
import { describe, test } from 'node:test'
import { expect } from 'expect'
import { createMockBackend } from '../../src/api/mock'
import { clientPasswordPortCases } from '../../test/kit/clientPasswordPort'
import { SMTP_BOSS } from '../../test/kit/mail'
import { bundledMigrations, migrate } from '../db/migrate'
import { openPglite } from '../db/pglite'
import type { Db } from '../db'
import { sqlClientPasswords } from '../store/clientPasswords'
import { loadState, sqlPort } from '../store/sqlPort'
import { unitOf } from '../store/units'
import { CORP, failingOnce, portInCall, withMigratedDb } from './harness'

let db: Db
withMigratedDb((d) => (db = d))

const underTest = () =>
  portInCall(
    () => db,
    (callTx) => sqlClientPasswords(callTx),
  )

const count = async () =>
  Number((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM client_passwords')).rows[0].n)

describe('the client-password port, in SQL', () => {
  for (const [name, run] of clientPasswordPortCases)
    test(name, async () => {
      await db.exec('DELETE FROM client_passwords')
      await run(underTest())
    })

  test('outside a call it refuses rather than write where nothing can undo it', async () => {
    await expect(underTest().port.list('ca', 1)).rejects.toThrow('only inside a call')
  })

  test("a write to a mailbox's authCodes in the state is refused: no row would keep it", () => {
    expect(() => unitOf(['corps', 'c1', 'publicmails', '3', 'authCodes', '0', 'revoked'])).toThrow(
      'through their port',
    )
    expect(unitOf(['corps', 'c1', 'publicmails', '3', 'clientLogin'])).toEqual({
      k: 'mailboxRow',
      c: 'c1',
      id: '3',
    })
  })
})

describe('client passwords on the server', () => {
  const NOW = 1_800_000_000_000
  const boss = SMTP_BOSS
  const sales = { email: 'sales@test.com', name: '销售部', userid_list: { list: ['boss'] } }

  async function withMailbox() {
    const x = createMockBackend({ corps: [CORP], now: () => NOW, port: sqlPort(db), replace: true })
    const made = await x.call('exmail/publicmail/create', { ...sales, create_auth_code: 1 }, boss)
    expect(made.errcode).toBe(0)
    const id = made.id as number
    expect(
      (await x.call('mail/settings/update', { mailbox: id, shared: { imap: true, version: 1 } }, boss))
        .errcode,
    ).toBe(0)
    return { x, id, secret: made.auth_code as string }
  }

  test('a code made on one instance opens the mailbox on another; the state in memory holds none', async () => {
    const { x, id, secret } = await withMailbox()
    const y = createMockBackend({ corps: [], now: () => NOW, port: sqlPort(db) })
    expect((await y.clientLogin('sales@test.com', secret, 'imap')).errcode).toBe(0)
    const mine = await y.call('mail/authcode/create', { mailbox: id, remark: '手机' }, boss)
    expect(mine.errcode).toBe(0)
    expect((await x.clientLogin('sales@test.com', mine.auth_code as string, 'imap')).errcode).toBe(0)
    const listed = await x.call('exmail/publicmail/get_auth_code_list', { id }, boss)
    expect((listed.auth_code_list as unknown[]).length).toBe(2)
    expect(await count()).toBe(2)
    const saved = await loadState(db)
    expect(saved.corps.wwtest.publicmails[id].authCodes).toEqual([])
  })

  test('a create whose commit fails leaves no code; the retry makes one', async () => {
    const { id } = await withMailbox()
    const { port: failing, failNext } = failingOnce(db)
    const b = createMockBackend({ corps: [], now: () => NOW, port: failing })
    failNext()
    expect((await b.call('mail/authcode/create', { mailbox: id }, boss)).errcode).toBe(-1)
    expect(await count()).toBe(1)
    expect((await b.call('mail/authcode/create', { mailbox: id }, boss)).errcode).toBe(0)
    expect(await count()).toBe(2)
  })

  test('losing access revokes the member code in the table; deleting it removes the row', async () => {
    const { x, id } = await withMailbox()
    expect(
      (await x.call('user/create', { userid: 'lisi', name: '李四', department: [1] }, boss)).errcode,
    ).toBe(0)
    await x.call('exmail/publicmail/update', { id, userid_list: { list: ['boss', 'lisi'] } }, boss)
    const lisi = { ...boss, userid: 'lisi' }
    const made = await x.call('mail/authcode/create', { mailbox: id }, lisi)
    expect(made.errcode).toBe(0)
    await x.call('exmail/publicmail/update', { id, userid_list: { list: ['boss'] } }, boss)
    const row = await db.query<{ revoked: boolean }>(
      'SELECT revoked FROM client_passwords WHERE auth_code_id = $1',
      [made.auth_code_id],
    )
    expect(row.rows[0].revoked).toBe(true)
    expect((await x.clientLogin('sales@test.com', made.auth_code as string, 'imap')).errcode).not.toBe(0)
    const listed = await x.call('exmail/publicmail/get_auth_code_list', { id }, boss)
    const admin = (listed.auth_code_list as { auth_code_id: string }[])[0]
    await x.call('exmail/publicmail/delete_auth_code', { id, auth_code_id: admin.auth_code_id }, boss)
    expect(await count()).toBe(1)
  })
})

describe('the upgrade to client passwords by id (0008)', () => {
  test('rows by position and the codes inside recycle-bin copies move to the table, in order', async () => {
    const old = await openPglite()
    try {
      await migrate(
        old,
        bundledMigrations().filter((m) => m.name < '0008'),
      )
      const code = (id: string, extra: Record<string, unknown> = {}) => ({
        auth_code_id: id,
        hash: `h-${id}`,
        salt: `s-${id}`,
        remark: '办公PC',
        creator: 'boss',
        by_admin: true,
        create_time: 1000,
        last_use_time: 0,
        revoked: false,
        ...extra,
      })
      const insert = `INSERT INTO client_passwords (corpid, mailbox_id, position, auth_code_id, hash, salt,
        remark, creator, by_admin, create_time, last_use_time, revoked, lookup)
        VALUES ('c1', 7, $1, $2, 'h', 's', 'r', 'boss', true, 1000, 0, false, 'abcd')`
      // positions out of insertion order on purpose: the list keeps position order
      await old.query(insert, [1, 'ac-second'])
      await old.query(insert, [0, 'ac-first'])
      const binned = {
        id: 9,
        authCodes: [code('ac-binned', { lookup: 'beef', future: 1 }), code('ac-binned-2')],
      }
      await old.query(
        `INSERT INTO recycle_entries (corpid, id, kind, email, name, deleted_time, expire_time, mailbox,
          addresses, store_id) VALUES ('c1', 9, 'business', 'old@c1.com', '旧', 1, 2, $1::jsonb, '{}', 's9')`,
        [JSON.stringify(binned)],
      )
      await migrate(old)
      const port = sqlClientPasswords(() => old)
      expect((await port.list('c1', 7)).map((c) => c.auth_code_id)).toEqual(['ac-first', 'ac-second'])
      const moved = await port.list('c1', 9)
      expect(moved).toEqual([code('ac-binned', { lookup: 'beef', future: 1 }), code('ac-binned-2')])
      const copy = await old.query<{ m: { authCodes: unknown[] } }>(
        'SELECT mailbox AS m FROM recycle_entries',
      )
      expect(copy.rows[0].m.authCodes).toEqual([])
    } finally {
      await old.close()
    }
  })
})
