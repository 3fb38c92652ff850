// The SQL adapter of the settings port (server/store/settings.ts): the cases every adapter shares,
// then what only the server has — settings in their rows, never in the state in memory, seen by
// every instance at once, undone with a call whose commit fails, gone with their store.
import { describe, test } from 'node:test'
import { expect } from 'expect'
import { createMockBackend } from '../../src/api/mock'
import { RECYCLE_DAYS } from '../../src/policy/recycle'
import { handOverCase, settingsPortCases } from '../../test/kit/settingsPort'
import { SMTP_BOSS } from '../../test/kit/mail'
import type { Db } from '../db'
import { sqlSettings } from '../store/settings'
import { sqlPort } from '../store/sqlPort'
import { refusedWrite } from '../store/units'
import { CORP, failingOnce, portInCall, withMigratedDb } from './harness'

let db: Db
withMigratedDb((d) => (db = d))

const underTest = () =>
  portInCall(
    () => db,
    (callTx) => sqlSettings(callTx),
  )

const signatureRow = async (storeId: string) =>
  (
    await db.query<{ signature: string; version: number }>(
      'SELECT signature, version FROM mailbox_settings WHERE store_id = $1',
      [storeId],
    )
  ).rows[0]

describe('the settings port, in SQL', () => {
  for (const [name, run] of [...settingsPortCases, handOverCase])
    test(name, async () => {
      await db.exec('DELETE FROM mailbox_settings; DELETE FROM personal_settings')
      await run(underTest())
    })

  test('outside a call it refuses rather than write where nothing can undo it', async () => {
    await expect(underTest().port.shared('ca', 's1')).rejects.toThrow('only inside a call')
  })

  test("a write to a store's settings in the state is refused: no row would keep it", () => {
    expect(refusedWrite(['corps', 'c1', 'stores', 'c1:s3', 'shared'])).toContain('through their port')
    expect(refusedWrite(['corps', 'c1', 'stores', 'c1:s3', 'personal', 'boss'])).toContain(
      'through their port',
    )
    expect(refusedWrite(['corps', 'c1', 'stores', 'c1:s3', 'messages', 'm1'])).toBeNull()
  })
})

describe('mailbox settings on the server', () => {
  const NOW = 1_800_000_000_000
  const boss = SMTP_BOSS
  const sales = { email: 'sales@test.com', name: '销售部', userid_list: { list: ['boss'] } }

  async function withMailbox() {
    const x = createMockBackend({ corps: [CORP], now: () => NOW, port: sqlPort(db), replace: true })
    const made = await x.call('exmail/publicmail/create', sales, boss)
    expect(made.errcode).toBe(0)
    const id = made.id as number
    const got = await x.call('mail/settings/get', { mailbox: id }, boss)
    expect(got.errcode).toBe(0)
    return { x, id }
  }
  const update = (signature: string, version: number, id: number) => ({
    mailbox: id,
    shared: { signature, version },
  })

  test('a signature saved on one instance is what another places on its next send; memory holds none', async () => {
    const { x, id } = await withMailbox()
    const y = createMockBackend({ corps: [], now: () => NOW, port: sqlPort(db) })
    expect((await y.call('mail/settings/update', update('销售部 张三', 1, id), boss)).errcode).toBe(0)
    // x has not read anything since: the stale version is judged on the row, not on its memory
    const stale = await x.call('mail/settings/update', update('旧的', 1, id), boss)
    expect(stale.errcode).toBe(6000)
    const sent = await x.call(
      'mail/message/send',
      {
        mailbox: id,
        idempotency_key: 'k1',
        from: 'sales@test.com',
        to: ['a@ext.com'],
        subject: '报价',
        content: '您好',
      },
      boss,
    )
    expect(sent.errcode).toBe(0)
    const read = await y.call('mail/message/read', { mailbox: id, mail_id: sent.mail_id }, boss)
    expect((read.message as { content: string }).content).toContain('销售部 张三')
    const store = await db.query<{ store_id: string }>(
      "SELECT store_id FROM business_mailboxes WHERE corpid = 'wwtest' AND id = $1",
      [id],
    )
    expect(await signatureRow(store.rows[0].store_id)).toEqual({ signature: '销售部 张三', version: 2 })
  })

  test('a settings update whose commit fails leaves the row as it was; the retry saves', async () => {
    const { id } = await withMailbox()
    const { port: failing, failNext } = failingOnce(db)
    const b = createMockBackend({ corps: [], now: () => NOW, port: failing })
    failNext()
    expect((await b.call('mail/settings/update', update('不会保存', 1, id), boss)).errcode).toBe(-1)
    const got = await b.call('mail/settings/get', { mailbox: id }, boss)
    expect(got.shared).toMatchObject({ signature: '', version: 1 })
    expect((await b.call('mail/settings/update', update('保存了', 1, id), boss)).errcode).toBe(0)
    expect(
      ((await b.call('mail/settings/get', { mailbox: id }, boss)).shared as { signature: string }).signature,
    ).toBe('保存了')
  })

  test("a deleted mailbox's settings stay while it can be restored and go with its store once purged", async () => {
    let now = NOW
    const x = createMockBackend({ corps: [CORP], now: () => now, port: sqlPort(db), replace: true })
    const id = (await x.call('exmail/publicmail/create', sales, boss)).id as number
    expect((await x.call('mail/settings/update', update('销售部', 1, id), boss)).errcode).toBe(0)
    const count = async () =>
      Number(
        (
          await db.query<{ n: number }>(
            "SELECT count(*)::int AS n FROM mailbox_settings WHERE signature = '销售部'",
          )
        ).rows[0].n,
      )
    expect(await count()).toBe(1)
    expect((await x.call('exmail/publicmail/delete', { id }, boss)).errcode).toBe(0)
    expect(await count()).toBe(1)
    now += (RECYCLE_DAYS + 1) * 86_400_000
    expect((await x.call('exmail/recycle/list', {}, boss)).errcode).toBe(0)
    expect(await count()).toBe(0)
  })
})
