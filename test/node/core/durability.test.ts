// The core keeps its promises (issue 19): an acknowledged write is saved, a failed or crashed call
// changes nothing, damaged saves recover to the last good state, and storage only grows with what
// a write changed.
import fc from 'fast-check'
import type { CorpSetup } from '../../../src/api/contract'
import { createMockBackend, type MockBackend } from '../../../src/api/mock'
import { apiTable } from '../../../src/api/mock/handlers'
import { KEY_PREFIX, readSavedState } from '../../../src/api/mock/persist/engine'
import { MapStorage } from './mapStorage'

const setup = (): CorpSetup => ({
  corpid: 'c1',
  name: '星河科技',
  creator: 'boss',
  admins: ['admin2'],
  edition: 'advanced',
  advancedSeats: 5,
  domain: { name: 'c1.com', kind: 'custom' },
})
const boss = { corpid: 'c1', userid: 'boss' }
const create = (userid: string, extra: object = {}) => ({
  userid,
  name: `成员${userid}`,
  department: [1],
  ...extra,
})

/** what a member can see of the directory and of boss's mail: equal fingerprints, equal data */
async function fingerprint(b: MockBackend): Promise<string> {
  const calls: [string, object][] = [
    ['user/list', { department_id: 1, fetch_child: 1 }],
    ['department/list', {}],
    ['tag/list', {}],
    ['exmail/publicmail/search', { fuzzy: 0 }],
    ['mail/folder/list', { mailbox: 'personal' }],
    ['mail/message/list', { mailbox: 'personal', folder: 'sent', limit: 100 }],
    ['mail/settings/get', { mailbox: 'personal' }],
  ]
  const out = []
  for (const [api, body] of calls) out.push(await b.call(api, body, boss))
  return JSON.stringify(out)
}

describe('acknowledged means saved', () => {
  test('a storage whose set() throws: the write answers -1 and is undone, in memory and after restart', async () => {
    const storage = new MapStorage()
    const a = createMockBackend({ corps: [setup()], storage })
    await a.call('user/create', create('kept'), boss)
    storage.failSets = true
    const r = await a.call('user/create', create('lost'), boss)
    expect(r.errcode).toBe(-1)
    expect((await a.call('user/get', { userid: 'lost' }, boss)).errcode).toBe(60111)
    const b = createMockBackend({ corps: [setup()], storage })
    expect((await b.call('user/get', { userid: 'lost' }, boss)).errcode).toBe(60111)
    expect((await b.call('user/get', { userid: 'kept' }, boss)).errcode).toBe(0)
    expect(await b.recovery()).toBeNull()
    // storage back: the same request now succeeds (nothing half-done was left to collide with)
    storage.failSets = false
    expect((await a.call('user/create', create('lost'), boss)).errcode).toBe(0)
  })

  test('a slow storage (50 ms a set): each write resolves only once it is saved', async () => {
    const storage = new MapStorage()
    const a = createMockBackend({ corps: [setup()], storage })
    await a.settle()
    storage.delayMs = 50
    const answered: string[] = []
    await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const r = await a.call('user/create', create(`u${i}`), boss)
        expect(r.errcode).toBe(0)
        answered.push(`u${i}`)
        const saved = readSavedState((k) => storage.map.get(k))
        for (const id of answered) expect(saved?.corps.c1.users[id]).toBeDefined()
      }),
    )
    expect(answered).toHaveLength(20)
  })

  test('property: a restart after any acknowledged write loses nothing', async () => {
    const op = fc.oneof(
      fc.record({ api: fc.constant('user/create'), n: fc.nat(30) }),
      fc.record({ api: fc.constant('user/update'), n: fc.nat(30) }),
      fc.record({ api: fc.constant('user/delete'), n: fc.nat(30) }),
      fc.record({ api: fc.constant('department/create'), n: fc.nat(30) }),
      fc.record({ api: fc.constant('mail/message/send'), n: fc.nat(30) }),
      fc.record({ api: fc.constant('mail/settings/update'), n: fc.nat(30) }),
      fc.record({ api: fc.constant('exmail/publicmail/create'), n: fc.nat(30) }),
    )
    const body = (api: string, n: number): object => {
      switch (api) {
        case 'user/create':
          return create(`p${n}`)
        case 'user/update':
          return { userid: `p${n}`, position: `职位${n}` }
        case 'user/delete':
          return { userid: `p${n}` }
        case 'department/create':
          return { name: `部门${n}`, parentid: 1 }
        case 'mail/message/send':
          return {
            mailbox: 'personal',
            from: 'boss@c1.com',
            to: [`p${n}@c1.com`],
            subject: `主题${n}`,
            content: '正文',
            idempotency_key: `k${n}`,
          }
        case 'mail/settings/update':
          return { mailbox: 'personal', personal: { conversation_mode: n % 2 === 0 } }
        default:
          return { email: `box${n}@c1.com`, name: `邮箱${n}`, userid_list: { list: ['boss'] } }
      }
    }
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        const storage = new MapStorage()
        const live = createMockBackend({ corps: [setup()], storage, now: () => 1_800_000_000_000 })
        for (const { api, n } of ops) {
          const r = await live.call(api, body(api, n), boss)
          if (r.errcode !== 0) continue
          const restarted = createMockBackend({ corps: [], storage, now: () => 1_800_000_000_000 })
          expect(await restarted.recovery()).toBeNull()
          expect(await fingerprint(restarted)).toBe(await fingerprint(live))
        }
      }),
      { numRuns: 25 },
    )
  })
})

describe('a call that fails changes nothing', () => {
  const cases: [string, object][] = [
    ['user/create', create('newbie')],
    ['department/create', { name: '新部门', parentid: 1 }],
    ['exmail/publicmail/create', { email: 'sales@c1.com', name: '销售', userid_list: { list: ['boss'] } }],
    [
      'mail/message/send',
      {
        mailbox: 'personal',
        from: 'boss@c1.com',
        to: ['admin2@c1.com'],
        subject: 's',
        content: 'c',
        idempotency_key: 'x',
      },
    ],
    ['mail/settings/update', { mailbox: 'personal', personal: { conversation_mode: false, notify: false } }],
  ]
  test.each(cases)('%s throwing after its writes leaves the state byte-identical', async (api, b) => {
    const storage = new MapStorage()
    const backend = createMockBackend({ corps: [setup()], storage })
    await backend.call('user/create', create('admin2'), boss)
    const before = storage.snapshot()
    const seen = await fingerprint(backend)
    const original = apiTable[api].handler
    let ran = false
    apiTable[api].handler = async (ctx, body) => {
      const r = await original(ctx, body)
      ran = r.errcode === 0
      throw new Error('injected crash after the writes')
    }
    try {
      const r = await backend.call(api, b, boss)
      expect(r.errcode).toBe(-1)
    } finally {
      apiTable[api].handler = original
    }
    expect(ran).toBe(true)
    expect(storage.snapshot()).toBe(before)
    // memory too: the verify mode of the test setup compares it with what is saved after a call
    expect(await fingerprint(backend)).toBe(seen)
    expect((await backend.call(api, b, boss)).errcode).toBe(0)
  })

  test.each([
    ['stands', false],
    ['is undone', true],
  ])(
    'a handler that awaits holds its transaction: the write %s before any other call sees it',
    async (_, crash) => {
      const storage = new MapStorage()
      const backend = createMockBackend({ corps: [setup()], storage })
      await backend.call('user/create', create('admin2'), boss)
      const original = apiTable['user/update'].handler
      let release: () => void = () => undefined
      const gate = new Promise<void>((r) => (release = r))
      let awaiting = false
      apiTable['user/update'].handler = async (ctx, body) => {
        const r = await original(ctx, body)
        awaiting = true
        await gate // the handler waits on something (a port, a file) after its write
        if (crash) throw new Error('injected crash after an await')
        return r
      }
      try {
        const update = backend.call('user/update', { userid: 'admin2', position: '新岗位' }, boss)
        const read = backend.call('user/get', { userid: 'admin2' }, boss)
        let readDone = false
        void read.then(() => (readDone = true))
        while (!awaiting) await new Promise((r) => setTimeout(r, 1))
        await new Promise((r) => setTimeout(r, 20))
        expect(readDone).toBe(false) // the read waits for the open transaction
        release()
        expect((await update).errcode).toBe(crash ? -1 : 0)
        expect((await read).position ?? '').toBe(crash ? '' : '新岗位')
      } finally {
        apiTable['user/update'].handler = original
      }
    },
  )

  test.each([
    ['stands', false],
    ['is undone', true],
  ])('a background job that awaits runs as its own transaction: its write %s', async (_, crash) => {
    const storage = new MapStorage()
    const backend = createMockBackend({ corps: [setup()], storage })
    await backend.call('user/create', create('admin2'), boss)
    const original = apiTable['user/update'].handler
    apiTable['user/update'].handler = async (ctx, body) => {
      const r = await original(ctx, body)
      ctx.env.schedule(async () => {
        ctx.corp.users.admin2.position = '后台任务'
        await new Promise((r) => setTimeout(r, 5))
        if (crash) throw new Error('injected crash in a job after an await')
      })
      return r
    }
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined)
    try {
      await backend.call('user/update', { userid: 'admin2', position: '调用' }, boss)
      const saved = storage.snapshot()
      await backend.settle()
      const after = await backend.call('user/get', { userid: 'admin2' }, boss)
      expect(after.position).toBe(crash ? '调用' : '后台任务')
      if (crash) expect(storage.snapshot()).toBe(saved)
      else expect(storage.snapshot()).not.toBe(saved)
    } finally {
      spy.mockRestore()
      apiTable['user/update'].handler = original
    }
  })

  test('a tampered saved state is refused on load instead of failing half-way later', async () => {
    const storage = new MapStorage()
    const a = createMockBackend({ corps: [setup()], storage })
    await a.call(
      'exmail/publicmail/create',
      { email: 'sales@c1.com', name: '销售', userid_list: { list: ['boss'] } },
      boss,
    )
    // Rewrite the corp document with a broken client-password list and a fixed-up checksum.
    const { checksum } = await import('../../../src/api/mock/persistence')
    for (const [k, v] of storage.map) {
      if (!k.startsWith(`${KEY_PREFIX}c/c1@`)) continue
      const doc = JSON.parse(v.slice(8))
      for (const p of Object.values(doc.publicmails) as { authCodes: unknown[] }[]) p.authCodes = [null]
      const text = JSON.stringify(doc)
      storage.map.set(k, checksum(text) + text)
    }
    const b = createMockBackend({ corps: [setup()], storage })
    expect(await b.recovery()).toBeTruthy()
    const r = await b.call('user/create', create('fresh'), boss)
    expect(r.errcode).toBe(0)
  })
})

describe('damaged saves recover to the last good state', () => {
  test('the newest save truncated: back to the save before it, saying the last change is lost', async () => {
    const storage = new MapStorage()
    const a = createMockBackend({ corps: [setup()], storage })
    await a.call('user/create', create('first'), boss)
    await a.call('user/create', create('second'), boss)
    const newest = Math.max(...[...storage.map.keys()].map((k) => Number(/@(\d+)$/.exec(k)?.[1] ?? 0)))
    const key = [...storage.map.keys()].find((k) => k.endsWith(`@${newest}`))!
    storage.map.set(key, storage.map.get(key)!.slice(0, -10))
    const b = createMockBackend({ corps: [setup()], storage })
    expect(await b.recovery()).toMatch(/上一次完整保存/)
    expect((await b.call('user/get', { userid: 'first' }, boss)).errcode).toBe(0)
    expect((await b.call('user/get', { userid: 'second' }, boss)).errcode).toBe(60111)
    // and it goes on saving normally
    expect((await b.call('user/create', create('third'), boss)).errcode).toBe(0)
    const c = createMockBackend({ corps: [setup()], storage })
    expect(await c.recovery()).toBeNull()
    expect((await c.call('user/get', { userid: 'third' }, boss)).errcode).toBe(0)
  })

  test('an old document both saves rely on is damaged: everything else is kept, and the loss named', async () => {
    const storage = new MapStorage()
    const a = createMockBackend({ corps: [setup()], storage })
    for (let i = 0; i < 3; i++) {
      await a.call(
        'mail/message/send',
        {
          mailbox: 'personal',
          from: 'boss@c1.com',
          to: ['x@outside.cn'],
          subject: `s${i}`,
          content: 'c',
          idempotency_key: `k${i}`,
        },
        boss,
      )
    }
    await a.call('user/create', create('later'), boss)
    const msgKey = [...storage.map.keys()].find((k) => k.includes('/msg#'))!
    storage.map.set(msgKey, 'garbage')
    const b = createMockBackend({ corps: [setup()], storage })
    expect(await b.recovery()).toMatch(/邮件/)
    expect((await b.call('user/get', { userid: 'later' }, boss)).errcode).toBe(0)
  })
})

describe('storage grows with what a write changes', () => {
  test('600 sends: no key near 1 MB, each send writes a small part of the state, all sent mail reloads', async () => {
    const storage = new MapStorage()
    // the full-state write check of the test set-up would make this test quadratic
    const g = globalThis as { __BIZMAIL_VERIFY_WRITES__?: boolean }
    g.__BIZMAIL_VERIFY_WRITES__ = false
    const a = createMockBackend({ corps: [setup()], storage })
    g.__BIZMAIL_VERIFY_WRITES__ = true
    await a.call('user/create', create('peer'), boss)
    let written = 0
    for (let i = 0; i < 600; i++) {
      const before = storage.written
      const r = await a.call(
        'mail/message/send',
        {
          mailbox: 'personal',
          from: 'boss@c1.com',
          to: ['peer@c1.com'],
          subject: `第 ${i} 封报价单`,
          content: '您好，附上本季度的报价单，请查收。'.repeat(8),
          idempotency_key: `send-${i}`,
        },
        boss,
      )
      expect(r.errcode).toBe(0)
      if (i >= 500) written += storage.written - before
    }
    const usage = await a.storageUsage()
    expect(usage.largest).toBeLessThan(512 * 1024)
    // the last 100 sends each wrote well under a tenth of what the state occupies
    expect(written / 100).toBeLessThan(usage.bytes / 10)
    const b = createMockBackend({ corps: [setup()], storage })
    const sent = (await b.call('mail/folder/list', { mailbox: 'personal' }, boss)).folders as {
      id: string
      total: number
    }[]
    expect(sent.find((f) => f.id === 'sent')?.total).toBe(600)
  })

  test('idempotency records hold a digest and a small result, and expire after a day', async () => {
    let now = 1_800_000_000_000
    const storage = new MapStorage()
    const a = createMockBackend({ corps: [setup()], storage, now: () => now })
    const content = '很长的正文'.repeat(2000)
    const send = {
      mailbox: 'personal',
      from: 'boss@c1.com',
      to: ['x@outside.cn'],
      subject: 's',
      content,
      idempotency_key: 'k',
    }
    const first = await a.call('mail/message/send', send, boss)
    const saved = [...storage.map.values()].join('\n')
    // the content is stored once (the message), not again in the idempotency record
    expect(saved.split('很长的正文很长的正文很长的正文').length - 1).toBeLessThan(1000)
    expect(await a.call('mail/message/send', send, boss)).toEqual(first)
    now += 25 * 60 * 60 * 1000
    const later = await a.call('mail/message/send', send, boss)
    expect(later.errcode).toBe(0)
    expect(later.mail_id).not.toBe(first.mail_id)
  })

  test('a key on a read stores nothing; a 10 MB junk field is refused at the door', async () => {
    const storage = new MapStorage()
    const a = createMockBackend({ corps: [setup()], storage })
    await a.settle()
    const size = () => [...storage.map.values()].reduce((n, v) => n + v.length, 0)
    const before = size()
    const junk = 'x'.repeat(10 * 1024 * 1024)
    const r = await a.call('user/get', { userid: 'boss', junk, idempotency_key: 'k1' }, boss)
    expect(r.errcode).toBe(40058)
    expect(r.errmsg).toMatch(/junk/)
    expect((await a.call('user/get', { userid: 'boss', idempotency_key: 'k2' }, boss)).errcode).toBe(0)
    expect(size()).toBe(before)
  })

  test('a replay after the caller lost access to the mailbox is refused, not replayed', async () => {
    const a = createMockBackend({ corps: [setup()] })
    await a.call('user/create', create('zhang'), boss)
    const mb = await a.call(
      'exmail/publicmail/create',
      { email: 'sales@c1.com', name: '销售', userid_list: { list: ['zhang'] } },
      boss,
    )
    const zhang = { corpid: 'c1', userid: 'zhang' }
    const send = {
      mailbox: mb.id,
      from: 'sales@c1.com',
      to: ['x@outside.cn'],
      subject: 's',
      content: 'c',
      idempotency_key: 'k',
    }
    expect((await a.call('mail/message/send', send, zhang)).errcode).toBe(0)
    await a.call('exmail/publicmail/update', { id: mb.id, userid_list: { list: ['boss'] } }, boss)
    expect((await a.call('mail/message/send', send, zhang)).errcode).toBe(690007)
  })
})

describe('malformed input is refused, never "system busy"', () => {
  const deep = (n: number): unknown => {
    let v: unknown = 'x'
    for (let i = 0; i < n; i++) v = [v]
    return v
  }
  const deepObject = (n: number): unknown => {
    let v: unknown = 1
    for (let i = 0; i < n; i++) v = { a: v }
    return v
  }
  test.each([
    [
      '3,000-deep arrays in userid_list.list',
      'exmail/publicmail/create',
      { email: 'a@c1.com', name: 'a', userid_list: { list: deep(3000) } },
      'userid_list',
    ],
    [
      'a 2,400-deep object beside a key',
      'department/create',
      { name: 'd', parentid: 1, idempotency_key: 'k', extra: deepObject(2400) },
      'extra',
    ],
    ['a BigInt', 'user/create', { ...create('big'), mobile: BigInt(1) }, 'mobile'],
    ['a function', 'user/create', { ...create('fn'), name: () => 1 }, 'name'],
    ['NaN', 'department/create', { name: 'd', parentid: NaN }, 'parentid'],
    ['a Date', 'user/create', { ...create('d'), position: new Date() }, 'position'],
  ])('%s: 40058 naming the field', async (_, api, body, field) => {
    const a = createMockBackend({ corps: [setup()] })
    const r = await a.call(api, body as object, boss)
    expect(r.errcode).toBe(40058)
    expect(r.errmsg).toContain(field)
  })
})

describe('the secure random source', () => {
  test('a platform source that fails: calls still answer, only those needing a secret are refused', async () => {
    const a = createMockBackend({
      corps: [setup()],
      secureRandom: () => Promise.reject(new Error('wx says no')),
    })
    expect((await a.call('user/get', { userid: 'boss' }, boss)).errcode).toBe(0)
    const mb = await a.call(
      'exmail/publicmail/create',
      { email: 'sales@c1.com', name: '销售', userid_list: { list: ['boss'] }, create_auth_code: 1 },
      boss,
    )
    expect(mb.errcode).toBe(-1)
    expect(mb.auth_code).toBeUndefined()
    // nothing half-made: the mailbox does not exist either
    expect((await a.call('exmail/publicmail/search', { fuzzy: 0 }, boss)).list).toEqual([])
  })
})

describe('a write costs what it changes', () => {
  test('1,000 members, each with a mail store: updating one writes one small bucket and a small manifest', async () => {
    const storage = new MapStorage()
    const g = globalThis as { __BIZMAIL_VERIFY_WRITES__?: boolean }
    g.__BIZMAIL_VERIFY_WRITES__ = false // quadratic here, and the other tests cover it
    const a = createMockBackend({ corps: [setup()], storage })
    g.__BIZMAIL_VERIFY_WRITES__ = true
    for (let i = 0; i < 2000; i++)
      expect((await a.call('user/create', create(`m${i}`), boss)).errcode).toBe(0)
    const total = (await a.storageUsage()).bytes
    const before = storage.written
    expect((await a.call('user/update', { userid: 'm7', position: '经理' }, boss)).errcode).toBe(0)
    const written = storage.written - before
    expect(written).toBeLessThan(total / 5)
    expect(written).toBeLessThan(80 * 1024)
    const b = createMockBackend({ corps: [setup()], storage })
    expect((await b.call('user/get', { userid: 'm7' }, boss)).position).toBe('经理')
  })
})
