// The core's state in PostgreSQL tables (server/store): what a call acknowledges is in the tables
// row for row, a restart continues from them, a failed commit changes nothing, and two instances on
// one database see each other's writes at their next call. Runs on PGlite and (TEST_DATABASE_URL)
// on PostgreSQL 15.
import { describe, test } from 'node:test'
import { expect } from 'expect'
import fc from 'fast-check'
import type { CorpSetup } from '../../src/api/contract'
import { createMockBackend, type MockBackend, type StatePort } from '../../src/api/mock'
import type { BackendState } from '../../src/api/mock/state'
import type { Db, Queryable } from '../db'
import { loadState, sqlPort } from '../store/sqlPort'
import { withMigratedDb } from './harness'
import { firstDifference, observed as watched } from './statePorts'

let db: Db
withMigratedDb((d) => (db = d))

const NOW = 1_800_000_000_000
const setup = (): CorpSetup => ({
  corpid: 'c1',
  name: '星河科技',
  creator: 'boss',
  edition: 'advanced',
  advancedSeats: 5,
  domain: { name: 'c1.com', kind: 'custom' },
})
const boss = { corpid: 'c1', userid: 'boss' }

/** the tables hold exactly the core's state: same values, collections in the same order */
async function expectStored(live: BackendState): Promise<void> {
  const stored = await loadState(db)
  expect(firstDifference(stored, live)).toBeNull()
}

const fresh = (corps: CorpSetup[] | undefined, port: StatePort = sqlPort(db)): MockBackend =>
  createMockBackend({ corps, now: () => NOW, port, replace: true })
const reopen = (): MockBackend => createMockBackend({ corps: [], now: () => NOW, port: sqlPort(db) })

const ok = async (b: MockBackend, api: string, body: object, who = boss) => {
  const r = await b.call(api, body, who)
  expect({ api, errcode: r.errcode, errmsg: r.errmsg }).toEqual({ api, errcode: 0, errmsg: 'ok' })
  return r as Record<string, unknown>
}

describe('the state in tables', () => {
  test('the demo organisations round-trip: every entity, every field, every collection in order', async () => {
    const w = watched(sqlPort(db))
    const b = createMockBackend({ now: () => NOW, port: w.port, replace: true })
    await b.settle()
    await expectStored(w.live())
  })

  test('strings with U+0000 and U+E000 survive (PostgreSQL text cannot hold U+0000)', async () => {
    const w = watched(sqlPort(db))
    const b = fresh([setup()], w.port)
    const content = '甲\u0000乙\uE000丙\uE000\uE001'
    const r = await b.deliver('c1', 'boss@c1.com', { from: 'x@outside.com', subject: '控制字符', content })
    expect(r.errcode).toBe(0)
    await expectStored(w.live())
    const list = await reopen().call('mail/message/list', { mailbox: 'personal', folder: 'inbox' }, boss)
    const got = (list.items as { mail_id: string }[])[0]
    const read = await reopen().call('mail/message/read', { mailbox: 'personal', mail_id: got.mail_id }, boss)
    expect((read.message as { content: string }).content).toBe(content)
  })

  test('property: after every acknowledged call the tables equal the core state, and a restart sees it', async () => {
    const op = fc.oneof(
      ...[
        'user/create',
        'user/update',
        'user/delete',
        'department/create',
        'tag/create',
        'mail/message/send',
        'mail/message/move',
        'mail/draft/save',
        'mail/settings/update',
        'exmail/publicmail/create',
        'exmail/publicmail/update',
        'exmail/publicmail/delete',
      ].map((api) => fc.record({ api: fc.constant(api), n: fc.nat(6) })),
    )
    const body = (api: string, n: number): object => {
      switch (api) {
        case 'user/create':
          return { userid: `p${n}`, name: `成员${n}`, department: [1] }
        case 'user/update':
          return { userid: `p${n}`, position: `职位${n}` }
        case 'user/delete':
          return { userid: `p${n}` }
        case 'department/create':
          return { name: `部门${n}`, parentid: 1 }
        case 'tag/create':
          return { tagname: `标签${n}` }
        case 'mail/message/send':
          return {
            mailbox: 'personal',
            from: 'boss@c1.com',
            to: [`p${n}@c1.com`, 'boss@c1.com'],
            subject: `主题${n}`,
            content: `正文${n}`,
            idempotency_key: `k${n}`,
          }
        case 'mail/message/move':
          return { mailbox: 'personal', mail_id: `m${n}`, folder: n % 2 ? 'trash' : 'inbox' }
        case 'mail/draft/save':
          return {
            mailbox: 'personal',
            from: 'boss@c1.com',
            to: [],
            cc: [],
            bcc: [],
            subject: `草稿${n}`,
            content: '',
          }
        case 'mail/settings/update':
          return { mailbox: 'personal', personal: { conversation_mode: n % 2 === 0, notify: true } }
        case 'exmail/publicmail/create':
          return { email: `box${n}@c1.com`, name: `邮箱${n}`, userid_list: { list: ['boss'] } }
        case 'exmail/publicmail/update':
          return { id: n, alias_list: { list: [`alias${n}@c1.com`] } }
        default:
          return { id: n }
      }
    }
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 10 }), async (ops) => {
        const w = watched(sqlPort(db))
        const b = fresh([setup()], w.port)
        for (const { api, n } of ops) {
          const r = await b.call(api, body(api, n), boss)
          if (r.errcode !== 0) continue
          await expectStored(w.live())
        }
        const again = watched(sqlPort(db))
        const restarted = createMockBackend({ corps: [], now: () => NOW, port: again.port })
        await restarted.call('department/list', {}, boss)
        expect(firstDifference(again.live(), w.live())).toBeNull()
      }),
      { numRuns: 12 },
    )
  })
})

describe('a commit that fails changes nothing', () => {
  test('the database refusing a write: -1, the tables and the core as before, the retry succeeds', async () => {
    const w = watched(sqlPort(db))
    const b = fresh([setup()], w.port)
    await ok(b, 'user/create', { userid: 'kept', name: '保留', department: [1] })
    const before = await loadState(db)
    // Fail the first write of member rows inside the call's transaction (after the delete phase).
    const original = db.transaction.bind(db)
    let armed = true
    db.transaction = <T>(fn: (tx: Queryable) => Promise<T>) =>
      original((tx) =>
        fn({
          ...tx,
          query: (sql: string, params?: unknown[]) => {
            if (armed && sql.startsWith('INSERT INTO members')) {
              armed = false
              return Promise.reject(new Error('injected: disk full'))
            }
            return tx.query(sql, params)
          },
        } as Queryable),
      )
    try {
      const r = await b.call('user/create', { userid: 'lost', name: '丢失', department: [1] }, boss)
      expect(r.errcode).toBe(-1)
    } finally {
      db.transaction = original
    }
    expect(armed).toBe(false)
    expect(firstDifference(await loadState(db), before)).toBeNull()
    expect(firstDifference(w.live(), before)).toBeNull()
    expect((await b.call('user/get', { userid: 'lost' }, boss)).errcode).toBe(60111)
    await ok(b, 'user/create', { userid: 'lost', name: '丢失', department: [1] })
    await expectStored(w.live())
  })
})

describe('several instances, one database', () => {
  test('a write on one instance is seen by the next call on the other, both ways, in any interleaving', async () => {
    const a = fresh([setup()])
    await a.settle()
    const b = reopen()
    const created = await ok(a, 'exmail/publicmail/create', {
      email: 'sales@c1.com',
      name: '销售',
      userid_list: { list: ['boss'] },
    })
    const listed = await ok(b, 'exmail/publicmail/search', { fuzzy: 0 })
    expect(JSON.stringify(listed)).toContain('sales@c1.com')
    await ok(b, 'mail/settings/update', {
      mailbox: created.id,
      shared: { signature: '销售部', version: 1 },
    })
    const seen = await ok(a, 'mail/settings/get', { mailbox: created.id })
    expect((seen.shared as { signature: string }).signature).toBe('销售部')
    // Interleaved creates from both: every one lands once, and both instances agree with the tables.
    const wa = watched(sqlPort(db))
    const wb = watched(sqlPort(db))
    const x = createMockBackend({ corps: [], now: () => NOW, port: wa.port })
    const y = createMockBackend({ corps: [], now: () => NOW, port: wb.port })
    const results = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        (i % 2 ? x : y).call('user/create', { userid: `u${i}`, name: `成员${i}`, department: [1] }, boss),
      ),
    )
    expect(results.map((r) => r.errcode)).toEqual(Array(16).fill(0))
    // The same userid from both instances: exactly one wins, the other is told it exists.
    const dup = await Promise.all(
      [x, y].map((i) => i.call('user/create', { userid: 'same', name: '同名', department: [1] }, boss)),
    )
    expect(dup.map((r) => r.errcode).sort()).toEqual([0, 60145])
    await x.call('department/list', {}, boss)
    await y.call('department/list', {}, boss)
    expect(firstDifference(wa.live(), wb.live())).toBeNull()
    await expectStored(wa.live())
  })
})

describe('a client login on the server', () => {
  test('its bookkeeping writes one password row or the guard, and another instance reads them back', async () => {
    const w = watched(sqlPort(db))
    const b = fresh([setup()], w.port)
    const { id } = await ok(b, 'exmail/publicmail/create', {
      email: 'sales@c1.com',
      name: '销售部',
      userid_list: { list: ['boss'] },
    })
    await ok(b, 'exmail/publicmail/update', { id, alias_list: { list: ['xiaoshou@c1.com'] } })
    await ok(b, 'mail/settings/update', { mailbox: id, shared: { imap: true, version: 1 } })
    const codes: Record<string, unknown>[] = []
    for (const remark of ['电脑', '手机', '平板'])
      codes.push(await ok(b, 'mail/authcode/create', { mailbox: id, remark }))
    const wy = watched(sqlPort(db))
    const y = createMockBackend({ corps: [], now: () => NOW, port: wy.port })
    await ok(y, 'department/list', {})
    // xmin: the transaction that last wrote a row (a rewritten row gets the writer's)
    const versions = async () => ({
      mailbox: (await db.query<{ x: string }>(`SELECT xmin::text AS x FROM business_mailboxes`)).rows[0].x,
      aliases: (await db.query<{ x: string }>(`SELECT xmin::text AS x FROM mailbox_aliases`)).rows.map(
        (r) => r.x,
      ),
      passwords: (
        await db.query<{ x: string }>(`SELECT xmin::text AS x FROM client_passwords ORDER BY seq`)
      ).rows.map((r) => r.x),
    })
    const before = await versions()
    expect((await b.clientLogin('sales@c1.com', codes[1].auth_code as string, 'imap')).errcode).toBe(0)
    const afterLogin = await versions()
    expect(afterLogin.mailbox).toBe(before.mailbox)
    expect(afterLogin.aliases).toEqual(before.aliases)
    expect(afterLogin.passwords.map((x, i) => x !== before.passwords[i])).toEqual([false, true, false])
    await expectStored(w.live())

    for (let i = 0; i < 10; i++) await b.clientLogin('sales@c1.com', `wrong-${i}`, 'imap')
    const afterLock = await versions()
    expect(afterLock.mailbox).not.toBe(before.mailbox)
    expect(afterLock.aliases).toEqual(before.aliases)
    expect(afterLock.passwords).toEqual(afterLogin.passwords)
    await expectStored(w.live())

    // The other instance reads the last use and the lock back, row for row.
    const listed = await ok(y, 'exmail/publicmail/get_auth_code_list', { id })
    const used = (listed.auth_code_list as { auth_code_id: string; last_use_time: number }[]).find(
      (c) => c.auth_code_id === codes[1].auth_code_id,
    )
    expect(used?.last_use_time).toBe(Math.floor(NOW / 1000))
    expect((await y.clientLogin('sales@c1.com', codes[0].auth_code as string, 'imap')).errcode).not.toBe(0)
    expect(firstDifference(wy.live(), w.live())).toBeNull()
  })
})

describe('background work on the server', () => {
  test('a migration cut off by a crash resumes on the next start and finishes without settle()', async () => {
    const zhangwei = { corpid: 'wwdemo', userid: 'zhangwei' }
    // The first instance starts the migration and dies before any step ran (its queue was memory).
    const crashed = createMockBackend({ now: () => Date.now(), port: sqlPort(db), replace: true })
    const started = await crashed.call(
      'exmail/migration/start',
      { target_corpid: 'wwdemo2', confirm_name: '星河科技（集团）' },
      zhangwei,
    )
    expect(started.errcode).toBe(0)
    expect(started.state).toBe('running')
    const { sqlCore } = await import('../core')
    const core = await sqlCore(db, undefined, () => Date.now())
    let status: Record<string, unknown> = {}
    for (let i = 0; i < 100; i++) {
      status = await core.call('exmail/migration/status', {}, zhangwei)
      if (status.state === 'done') break
      await new Promise((r) => setTimeout(r, 50))
    }
    expect(status.errcode).toBe(0)
    expect(status.state).toBe('done')
    expect((status.steps as { done: boolean }[]).every((s) => s.done)).toBe(true)
    // and it is in the tables: a third instance reads the same
    expect((await reopen().call('exmail/migration/status', {}, zhangwei)).state).toBe('done')
  })
})
