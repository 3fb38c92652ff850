// The SQL adapter of the idempotency port (server/store/idempotency.ts): the cases every adapter
// shares, then what only the server has — records in their own table, never in the state in
// memory, written and undone with the call's transaction, seen by every instance.
import { beforeEach, describe, test } from 'node:test'
import { expect } from 'expect'
import { createMockBackend } from '../../src/api/mock'
import type { Db } from '../db'
import { sqlIdempotency } from '../store/idempotency'
import { loadState, sqlPort } from '../store/sqlPort'
import { idempotencyPortCases, idempotencyPortProperty } from '../../test/kit/idempotencyPort'
import { SMTP_BOSS } from '../../test/kit/mail'
import { CORP, failingOnce, portInCall, withMigratedDb } from './harness'

let db: Db
withMigratedDb((d) => (db = d))
beforeEach(async () => {
  await db.exec('DELETE FROM idempotency')
})

/** the adapter over a transaction of this test's own */
const underTest = () =>
  portInCall(
    () => db,
    (callTx) => sqlIdempotency(callTx),
  )

const rows = async () =>
  Number((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM idempotency')).rows[0].n)

describe('the idempotency port, in SQL', () => {
  for (const [name, run] of idempotencyPortCases) test(name, () => run(underTest()))

  test('any sequence of writes leaves what a plain model holds', () =>
    idempotencyPortProperty(async () => {
      await db.exec('DELETE FROM idempotency')
      return underTest()
    }, 40))

  test('a record written in a transaction that rolls back is gone', async () => {
    const { port, inCall } = underTest()
    await expect(
      inCall(async () => {
        await port.put('ca', 'k', { digest: 'd', result: { errcode: 0 }, time: 1 })
        throw new Error('the call failed after remembering')
      }),
    ).rejects.toThrow('the call failed')
    expect(await rows()).toBe(0)
  })

  test('outside a call it refuses rather than write where nothing can undo it', async () => {
    const { port } = underTest()
    await expect(port.get('ca', 'k')).rejects.toThrow('only inside a call')
  })
})

describe('idempotency records on the server', () => {
  const NOW = 1_800_000_000_000
  const corp = CORP
  const boss = SMTP_BOSS
  const create = {
    email: 'sales@test.com',
    name: '销售部',
    userid_list: { list: ['boss'] },
    idempotency_key: 'create-sales',
  }

  test('a retry on another instance replays from the table; the state in memory holds no record', async () => {
    const x = createMockBackend({ corps: [corp], now: () => NOW, port: sqlPort(db), replace: true })
    const first = await x.call('exmail/publicmail/create', create, boss)
    expect(first.errcode).toBe(0)
    const y = createMockBackend({ corps: [], now: () => NOW, port: sqlPort(db) })
    const retry = await y.call('exmail/publicmail/create', create, boss)
    expect(retry).toEqual(first)
    const listed = await y.call('exmail/publicmail/search', { fuzzy: 0, email: 'sales@test.com' }, boss)
    expect(listed.list as unknown[]).toHaveLength(1)
    const other = await y.call('exmail/publicmail/create', { ...create, name: '另一个' }, boss)
    expect(other.errcode).toBe(690015)
    expect(await rows()).toBe(1)
    expect((await loadState(db)).corps.wwtest.idempotency).toEqual({})
  })

  test('a keyed create whose commit fails leaves no record: the retry acts, once', async () => {
    const { port: failing, failNext } = failingOnce(db)
    const b = createMockBackend({ corps: [corp], now: () => NOW, port: failing, replace: true })
    failNext()
    expect((await b.call('exmail/publicmail/create', create, boss)).errcode).toBe(-1)
    expect(await rows()).toBe(0)
    const retry = await b.call('exmail/publicmail/create', create, boss)
    expect(retry.errcode).toBe(0)
    expect(await rows()).toBe(1)
  })

  test('the sweep of day-old records commits even when the call that ran it wrote nothing else', async () => {
    const b = createMockBackend({ corps: [corp], now: () => NOW, port: sqlPort(db), replace: true })
    await db.query(
      `INSERT INTO idempotency (corpid, key, digest, result, time) VALUES ('wwtest', 'old', 'd', '{}', $1)`,
      [NOW - 2 * 24 * 60 * 60 * 1000],
    )
    // the first answered call of an instance sweeps; a read writes nothing of the state
    expect((await b.call('department/list', {}, boss)).errcode).toBe(0)
    expect(await rows()).toBe(0)
  })
})
