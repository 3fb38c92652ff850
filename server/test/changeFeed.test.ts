// Several instances, one database, row by row: a write on one instance reaches the other as the
// rows it wrote (core_changes.paths), patched into the other's state, with that instance's derived
// lookups (search index, org tree, routing, visibility, mail indexes) brought along in place. After
// every write the second instance holds the same state as the writer, answers every probe as an
// instance freshly loaded from the tables does, and never reloaded the corp wholesale.
import { describe, test } from 'node:test'
import { isDeepStrictEqual } from 'node:util'
import { expect } from 'expect'
import fc from 'fast-check'
import { createMockBackend, type MockBackend } from '../../src/api/mock'
import type { Db } from '../db'
import { sqlPort } from '../store/sqlPort'
import { UnitSet, unitOf } from '../store/units'
import { withMigratedDb } from './harness'
import { firstDifference, observed } from './statePorts'

let db: Db
withMigratedDb((d) => (db = d))

const NOW = 1_800_000_000_000
const admin = { corpid: 'wwdemo', userid: 'zhangwei' }
const as = (userid: string) => ({ corpid: 'wwdemo', userid })

async function ok(b: MockBackend, api: string, body: object, who = admin) {
  const r = await b.call(api, body, who)
  if (r.errcode !== 0) throw new Error(`${api}: ${r.errcode} ${r.errmsg}`)
  return r
}

async function sharedVersion(b: MockBackend, mailbox: number): Promise<number> {
  const got = await ok(b, 'mail/settings/get', { mailbox }, as('zhangsan'))
  return (got.shared as { version: number }).version
}

/** read-only answers that go through every derived lookup */
async function probes(b: MockBackend, sales: number): Promise<unknown[]> {
  const out: unknown[] = []
  const read = async (api: string, body: object, who = admin) => out.push(await b.call(api, body, who))
  for (const who of ['zhangsan', 'lina', 'xinqiao']) {
    await read('user/search', { query: '张' }, as(who))
    await read('user/search', { query: 'xq' }, as(who))
    await read('user/search', { query: '新桥' }, as(who))
    await read('user/list', { department_id: 1, fetch_child: 1, limit: 1000 }, as(who))
    await read('department/list', {}, as(who))
    await read('mail/mailbox/list', {}, as(who))
    await read('mail/folder/list', { mailbox: 'personal' }, as(who))
    await read('mail/message/list', { mailbox: 'personal', folder: 'inbox' }, as(who))
    await read('mail/message/search', { mailbox: 'personal', query: '报价' }, as(who))
    await read('mail/folder/list', { mailbox: sales }, as(who))
    await read('mail/message/list', { mailbox: sales, folder: 'inbox' }, as(who))
    await read('mail/message/search', { mailbox: sales, query: '报价' }, as(who))
  }
  await read('tag/list', {})
  await read('contactrule/preview', { userid: 'zhangsan', query: '李' })
  await read('exmail/publicmail/search', { fuzzy: 0 })
  await read('exmail/recycle/list', {})
  for (const a of [
    'xinqiao@xinghe.com',
    'qiao@xinghe.com',
    'sales@xinghe.com',
    'deals@xinghe.com',
    'deals2@xinghe.com',
  ])
    out.push(await b.accepts(a))
  return out
}

describe('the change feed: another instance reads back just the rows a commit wrote', () => {
  test('after each kind of write the other instance matches the writer and a fresh load, without reloading the corp', async () => {
    const a = observed(sqlPort(db))
    const writer = createMockBackend({ now: () => NOW, port: a.port, replace: true })
    const sales = Number(
      (
        (await ok(writer, 'exmail/publicmail/search', { fuzzy: 1, email: 'sales@' })).list as { id: number }[]
      )[0].id,
    )
    const b = observed(sqlPort(db))
    const reader = createMockBackend({ now: () => NOW, port: b.port })
    await probes(reader, sales) // the reader's lookups are built before the writes begin

    let draft = ''
    let mailId = ''
    let tagid = 0
    let dept = 0
    let box = 0
    const steps: Array<[string, () => Promise<unknown>]> = [
      ['user/create', () => ok(writer, 'user/create', { userid: 'xinqiao', name: '新桥', department: [1] })],
      [
        'user/update name and alias',
        () => ok(writer, 'user/update', { userid: 'xinqiao', name: '辛乔', alias: ['qiao@xinghe.com'] }),
      ],
      [
        'department/create',
        async () =>
          (dept = Number((await ok(writer, 'department/create', { name: '新部门', parentid: 1 })).id)),
      ],
      ['user/update department', () => ok(writer, 'user/update', { userid: 'xinqiao', department: [dept] })],
      [
        'tag/create',
        async () => (tagid = Number((await ok(writer, 'tag/create', { tagname: '新标签' })).tagid)),
      ],
      ['tag/addtagusers', () => ok(writer, 'tag/addtagusers', { tagid, userlist: ['xinqiao'] })],
      [
        'contactrule/create',
        () =>
          ok(writer, 'contactrule/create', {
            rule_type: 1,
            range: { userid: ['zhangsan'], partyid: [], tagid: [] },
            whitelist: { userid: ['xinqiao'], partyid: [], tagid: [] },
          }),
      ],
      [
        'exmail/publicmail/update members and alias',
        () =>
          ok(writer, 'exmail/publicmail/update', {
            id: sales,
            userid_list: { list: ['xinqiao'] },
            alias_list: { list: ['deals@xinghe.com'] },
          }),
      ],
      [
        'mail/message/send',
        async () =>
          (mailId = String(
            (
              await ok(
                writer,
                'mail/message/send',
                {
                  mailbox: sales,
                  from: 'sales@xinghe.com',
                  to: ['xinqiao@xinghe.com', 'zhangsan@xinghe.com'],
                  subject: '报价单',
                  content: '新的报价',
                  idempotency_key: 'feed-1',
                },
                as('zhangsan'),
              )
            ).mail_id,
          )),
      ],
      [
        'mail/message/update read + star',
        () =>
          ok(
            writer,
            'mail/message/update',
            { mailbox: sales, mail_id: mailId, read: false, starred: true },
            as('zhangsan'),
          ),
      ],
      [
        'mail/message/update move',
        () =>
          ok(
            writer,
            'mail/message/update',
            { mailbox: sales, mail_id: mailId, folder: 'trash' },
            as('zhangsan'),
          ),
      ],
      [
        'mail/draft/save',
        async () =>
          (draft = String(
            (
              await ok(
                writer,
                'mail/draft/save',
                { mailbox: 'personal', to: ['lina@xinghe.com'], subject: '草稿', content: '未完' },
                as('xinqiao'),
              )
            ).draft_id,
          )),
      ],
      [
        'mail/draft/delete',
        () => ok(writer, 'mail/draft/delete', { mailbox: 'personal', draft_id: draft }, as('xinqiao')),
      ],
      [
        'mail/settings/update',
        async () =>
          ok(
            writer,
            'mail/settings/update',
            {
              mailbox: sales,
              shared: { signature: '销售部 新桥', version: await sharedVersion(writer, sales) },
              personal: { conversation_mode: false },
            },
            as('zhangsan'),
          ),
      ],
      [
        'deliver from outside',
        () =>
          writer.deliver('wwdemo', 'xinqiao@xinghe.com', {
            from: 'client@example.com',
            to: ['xinqiao@xinghe.com'],
            subject: '报价请求',
            content: '请报价',
          }),
      ],
      ['tag/deltagusers', () => ok(writer, 'tag/deltagusers', { tagid, userlist: ['xinqiao'] })],
      ['user/delete (to the recycle bin)', () => ok(writer, 'user/delete', { userid: 'xinqiao' })],
      ['department/delete', () => ok(writer, 'department/delete', { id: dept })],
      [
        'exmail/publicmail/create (a new store)',
        async () =>
          (box = Number(
            (
              await ok(writer, 'exmail/publicmail/create', {
                email: 'deals2@xinghe.com',
                name: '大客户',
                userid_list: { list: ['zhangsan'] },
              })
            ).id,
          )),
      ],
      [
        'mail/authcode/create',
        () => ok(writer, 'mail/authcode/create', { mailbox: box, remark: '手机' }, as('zhangsan')),
      ],
      ['exmail/publicmail/delete', () => ok(writer, 'exmail/publicmail/delete', { id: box })],
      [
        'exmail/recycle/restore',
        async () => {
          const list = (await ok(writer, 'exmail/recycle/list', {})).list as { id: number; email: string }[]
          const entry = list.find((e) => e.email === 'deals2@xinghe.com')
          return ok(writer, 'exmail/recycle/restore', { id: entry?.id })
        },
      ],
    ]
    for (const [name, step] of steps) {
      const seenBefore = b.refreshes.length
      await step()
      const here = await probes(reader, sales)
      const fresh = await probes(createMockBackend({ now: () => NOW, port: sqlPort(db) }), sales)
      expect({ step: name, diff: firstDifference(here, fresh) }).toEqual({ step: name, diff: null })
      expect({ step: name, diff: firstDifference(b.live(), a.live()) }).toEqual({ step: name, diff: null })
      const brought = b.refreshes.slice(seenBefore)
      expect({ step: name, replaced: brought.flatMap((r) => r.replaced) }).toEqual({
        step: name,
        replaced: [],
      })
      // Client passwords and settings are written through their ports: nothing in memory to
      // bring in, yet seen.
      const inPort = name === 'mail/authcode/create' || name === 'mail/settings/update'
      expect({ step: name, patched: brought.some((r) => r.paths.length > 0) }).toEqual({
        step: name,
        patched: !inPort,
      })
      if (name === 'mail/settings/update') {
        const got = await ok(reader, 'mail/settings/get', { mailbox: sales }, as('zhangsan'))
        expect((got.shared as { signature: string }).signature).toBe('销售部 新桥')
        expect((got.personal as { conversation_mode: boolean }).conversation_mode).toBe(false)
      }
      if (name === 'mail/authcode/create') {
        const listed = await ok(reader, 'mail/authcode/list', { mailbox: box }, as('zhangsan'))
        expect((listed.auth_code_list as unknown[]).length).toBe(1)
      }
    }
    // The member edits reached the reader as member patches (its search index was updated, not rebuilt).
    expect(b.refreshes.flatMap((r) => r.members).length).toBeGreaterThanOrEqual(4)
  })

  test('a commit too large to list is logged by corp, and the other instance reloads that corp whole', async () => {
    const writer = createMockBackend({ now: () => NOW, port: sqlPort(db), replace: true })
    const b = observed(sqlPort(db))
    const reader = createMockBackend({ now: () => NOW, port: b.port })
    // The writer's own start (replace: true) is a commit of both demo corps: let the reader take it first.
    await ok(writer, 'department/list', {})
    await ok(reader, 'department/list', {})
    const before = b.refreshes.length
    await ok(writer, 'user/create', { userid: 'bulk1', name: '批量', department: [1] })
    // Simulates an oversized commit: its record names the corp but no paths.
    await db.query(
      `UPDATE core_changes SET paths = NULL WHERE version = (SELECT max(version) FROM core_changes)`,
    )
    const r = await ok(reader, 'user/get', { userid: 'bulk1' })
    expect(r.name).toBe('批量')
    expect(b.refreshes.slice(before).flatMap((r) => r.replaced)).toEqual(['wwdemo'])
  })
})

describe('the change record of a commit', () => {
  test('property: the paths a unit set logs add back up to the same units', () => {
    const key = fc.constantFrom('a', 'b', '7', 'row', 'shared')
    const path = fc.oneof(
      fc.tuple(fc.constant('corps'), key),
      fc.tuple(fc.constant('corps'), key, fc.constantFrom('name', 'nextId', 'users', 'tags', 'stores')),
      fc.tuple(fc.constant('corps'), key, fc.constantFrom('users', 'departments', 'publicmails'), key),
      fc.tuple(fc.constant('corps'), key, fc.constant('stores'), key),
      // a client login's bookkeeping: the guard (its passwords are written through their port)
      fc.tuple(fc.constant('corps'), key, fc.constant('publicmails'), key, fc.constant('clientLogin')),
      fc.tuple(
        fc.constant('corps'),
        key,
        fc.constant('stores'),
        key,
        // (its settings are written through their port, never as state paths)
        fc.constantFrom('nextId', 'messages', 'folders'),
      ),
      fc.tuple(
        fc.constant('corps'),
        key,
        fc.constant('stores'),
        key,
        fc.constantFrom('messages', 'drafts'),
        key,
      ),
    )
    fc.assert(
      fc.property(fc.array(path, { maxLength: 30 }), (paths) => {
        const units = new UnitSet()
        for (const p of paths) units.add(p)
        const logged = JSON.parse(JSON.stringify(units.paths())) as string[][]
        const back = new UnitSet()
        for (const p of logged) back.add(p)
        // Read back, the record logs itself again: nothing is lost or widened on the way.
        expect(back.paths()).toEqual(units.paths())
        // Every written path is covered: by a logged prefix, or a logged path of the same unit.
        for (const p of paths) {
          const covered = logged.some(
            (q) => q.every((k, i) => p[i] === k) || isDeepStrictEqual(unitOf(q), unitOf(p)),
          )
          expect({ path: p, covered }).toEqual({ path: p, covered: true })
        }
      }),
    )
  })
})
