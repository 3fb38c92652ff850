// createMockBackend options and the dispatcher's guarantees (issue 3, core).
import fc from 'fast-check'
import type { CorpSetup, KeyValueStorage } from '../contract'
import { createMockBackend } from './index'
import { MapStorage } from '../../../test/node/core/mapStorage'
import { checksum, serialize, STATE_KEY } from './persistence'
import { SCHEMA_VERSION } from './state'

const setup = (corpid = 'c1', creator = 'boss'): CorpSetup => ({
  corpid,
  name: `企业${corpid}`,
  creator,
  admins: ['admin2'],
  edition: 'basic',
  domain: { name: `${corpid}.com`, kind: 'custom' },
})
const ctx = { corpid: 'c1', userid: 'boss' }
const create = (userid: string, extra: object = {}) => ({
  userid,
  name: `成员${userid}`,
  department: [1],
  ...extra,
})

const saved = (storage: MapStorage) => storage.saved()

/** a read-only fingerprint of everything the directory answers (the state itself is private) */
async function fingerprint(b: ReturnType<typeof createMockBackend>) {
  const list = await b.call('user/list', { department_id: 1, fetch_child: 1 }, ctx)
  const depts = await b.call('department/list', {}, ctx)
  const tags = await b.call('tag/list', {}, ctx)
  const rules = await b.call('contactrule/list', {}, ctx)
  return JSON.stringify([list, depts, tags, rules])
}

describe('options', () => {
  test('now: time comes from the option (a deleted member lands in the bin at now())', async () => {
    const storage = new MapStorage()
    const b = createMockBackend({ corps: [setup()], now: () => 1234, storage })
    await b.call('user/create', create('temp'), ctx)
    await b.call('user/delete', { userid: 'temp' }, ctx)
    await b.settle()
    const entry = Object.values(saved(storage)!.corps.c1.recycle)[0] as {
      deleted_time: number
      expire_time: number
    }
    expect(entry.deleted_time).toBe(1234)
    expect(entry.expire_time).toBe(1234 + 60 * 86_400_000)
  })

  test('failureRate with random: an injected fault answers -1 and changes nothing', async () => {
    let next = 0
    const rolls = [0.1, 0.9] // first call fails (0.1 < 0.5), second passes
    const b = createMockBackend({ corps: [setup()], failureRate: 0.5, random: () => rolls[next++ % 2] })
    const r = await b.call('user/create', create('a1'), ctx)
    expect(r.errcode).toBe(-1)
    expect(r.errmsg).toBeTruthy()
    const get = await b.call('user/get', { userid: 'a1' }, ctx) // roll 0.9: passes
    expect(get.errcode).toBe(60111)
  })

  test('failureRate 1 fails everything; 0 nothing', async () => {
    const all = createMockBackend({ corps: [setup()], failureRate: 1 })
    for (let i = 0; i < 5; i++) expect((await all.call('user/get', { userid: 'boss' }, ctx)).errcode).toBe(-1)
    const none = createMockBackend({ corps: [setup()], failureRate: 0 })
    for (let i = 0; i < 5; i++) expect((await none.call('user/get', { userid: 'boss' }, ctx)).errcode).toBe(0)
    const silly = createMockBackend({ corps: [setup()], failureRate: NaN, latencyMs: -5 })
    expect((await silly.call('user/get', { userid: 'boss' }, ctx)).errcode).toBe(0)
  })

  test('latencyMs delays every call', async () => {
    const b = createMockBackend({ corps: [setup()], latencyMs: 30 })
    const t = Date.now()
    await b.call('user/get', { userid: 'boss' }, ctx)
    expect(Date.now() - t).toBeGreaterThanOrEqual(25)
  })

  test('multiple corps are independent', async () => {
    const b = createMockBackend({ corps: [setup('c1'), setup('c2', 'other')] })
    await b.call('user/create', create('same'), ctx)
    expect((await b.call('user/get', { userid: 'same' }, { corpid: 'c2', userid: 'other' })).errcode).toBe(
      60111,
    )
    expect((await b.call('user/get', { userid: 'boss' }, { corpid: 'c2', userid: 'boss' })).errcode).toBe(
      60111,
    )
    const r = await b.call('user/create', create('same'), { corpid: 'c2', userid: 'other' })
    expect(r.errcode).toBe(0)
    expect((await b.call('user/get', { userid: 'same' }, { corpid: 'c2', userid: 'other' })).biz_mail).toBe(
      'same@c2.com',
    )
  })

  test('a new corp: department 1 named after the corp, the creator in it', async () => {
    const b = createMockBackend({ corps: [setup()] })
    expect((await b.call('department/list', {}, ctx)).department).toEqual([
      { id: 1, name: '企业c1', parentid: 0, order: 0 },
    ])
    expect((await b.call('user/get', { userid: 'boss' }, ctx)).department).toEqual([1])
  })
})

describe('storage', () => {
  test('round trip: writes persist and a new backend on the same storage loads them (corps ignored)', async () => {
    const storage = new MapStorage()
    const a = createMockBackend({ corps: [setup()], storage })
    await a.call('department/create', { name: '销售部', parentid: 1 }, ctx)
    await a.call('user/create', create('zhangsan', { name: '张三', department: [2] }), ctx)
    await a.settle()
    expect(await a.recovery()).toBeNull()
    const b = createMockBackend({ corps: [setup('ignored')], storage })
    expect(await b.recovery()).toBeNull()
    expect((await b.call('user/get', { userid: 'zhangsan' }, ctx)).name).toBe('张三')
    expect((await b.call('user/search', { query: 'zs' }, ctx)).userlist).toHaveLength(1)
    expect(await fingerprint(b)).toBe(await fingerprint(a))
  })

  test('every acknowledged write is saved before it is answered', async () => {
    const storage = new MapStorage()
    const b = createMockBackend({ corps: [setup()], storage })
    await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        expect((await b.call('user/create', create(`m${i}`), ctx)).errcode).toBe(0)
        // answered: it is in storage already, no settle() needed
        expect(saved(storage)?.corps.c1.users[`m${i}`]).toBeDefined()
      }),
    )
  })

  // A state saved by the previous build (one key, schema 1) is still read, and every kind of
  // damage to it is detected and replaced by the seed, with a notice.
  const bad: Array<[string, (good: string) => string]> = [
    ['not JSON', () => '{{{'],
    ['truncated', (good) => good.slice(0, good.length / 2)],
    ['tampered body', (good) => good.replace('boss', 'bosz')],
    ['old schema', (good) => JSON.stringify({ ...JSON.parse(good), schema: SCHEMA_VERSION + 99 })],
    ['an array', () => '[]'],
    ['no body', () => JSON.stringify({ schema: SCHEMA_VERSION, checksum: 'x' })],
    [
      'wrong shape with a valid checksum',
      () => {
        const body = JSON.stringify({ schema: SCHEMA_VERSION, corps: { c1: { corpid: 'c1', users: [] } } })
        return JSON.stringify({ schema: SCHEMA_VERSION, checksum: checksum(body), body })
      },
    ],
    [
      'a member of the wrong shape with a valid checksum',
      (good) => {
        const state = JSON.parse(JSON.parse(good).body)
        state.corps.c1.users.boss.department = 'one'
        const body = JSON.stringify(state)
        return JSON.stringify({ schema: SCHEMA_VERSION, checksum: checksum(body), body })
      },
    ],
  ]
  test.each(bad)(
    "an older build's state, %s: detected, reported, replaced by a clean seeded state — never a crash",
    async (_, spoil) => {
      const first = new MapStorage()
      const a = createMockBackend({ corps: [setup()], storage: first })
      await a.call('user/create', create('lost'), ctx)
      const good = serialize(saved(first)!)
      const storage = new MapStorage()
      storage.map.set(STATE_KEY, good)
      const ok = createMockBackend({ corps: [setup()], storage })
      expect(await ok.recovery()).toBeNull()
      expect((await ok.call('user/get', { userid: 'lost' }, ctx)).errcode).toBe(0)
      expect(storage.map.has(STATE_KEY)).toBe(false) // rewritten in the new layout
      const spoiled = new MapStorage()
      spoiled.map.set(STATE_KEY, spoil(good))
      const b = createMockBackend({ corps: [setup()], storage: spoiled })
      expect(await b.recovery()).toMatch(/保存的数据/)
      expect((await b.call('user/get', { userid: 'boss' }, ctx)).errcode).toBe(0)
      expect((await b.call('user/get', { userid: 'lost' }, ctx)).errcode).toBe(60111)
      // the clean state was written back and loads without complaint
      const c = createMockBackend({ corps: [setup()], storage: spoiled })
      expect(await c.recovery()).toBeNull()
    },
  )

  test('a storage that cannot read or save: the app runs, and no write is acknowledged', async () => {
    const storage: KeyValueStorage = {
      get: () => {
        throw new Error('disk gone')
      },
      set: () => Promise.reject(new Error('disk full')),
      remove: () => undefined,
    }
    const b = createMockBackend({ corps: [setup()], storage })
    expect(await b.recovery()).toMatch(/无法读取/)
    expect((await b.call('user/get', { userid: 'boss' }, ctx)).errcode).toBe(0)
    const r = await b.call('user/create', create('x1'), ctx)
    expect(r.errcode).toBe(-1)
    expect(r.errmsg).toMatch(/保存失败/)
    expect((await b.call('user/get', { userid: 'x1' }, ctx)).errcode).toBe(60111)
  })

  test('the serialized demo state passes the shape check', async () => {
    const storage = new MapStorage()
    await createMockBackend({ storage }).settle()
    const again = createMockBackend({ storage })
    expect(await again.recovery()).toBeNull()
    expect(serialize({ schema: SCHEMA_VERSION, corps: {} })).toContain('checksum')
  })
})

describe('idempotency keys', () => {
  test('the same key and body replay the first result; a different body is 690015', async () => {
    const b = createMockBackend({ corps: [setup()] })
    const body = { name: '销售部', parentid: 1, idempotency_key: 'k1' }
    const first = await b.call('department/create', body, ctx)
    expect(first.errcode).toBe(0)
    const again = await b.call(
      'department/create',
      { parentid: 1, name: '销售部', idempotency_key: 'k1' },
      ctx,
    )
    expect(again).toEqual(first)
    expect((await b.call('department/list', {}, ctx)).department).toHaveLength(2) // created once
    const other = await b.call(
      'department/create',
      { name: '市场部', parentid: 1, idempotency_key: 'k1' },
      ctx,
    )
    expect(other.errcode).toBe(690015)
    expect((await b.call('department/list', {}, ctx)).department).toHaveLength(2)
    // keys are per caller: another admin's identical key is a fresh request
    await b.call('user/create', create('admin2'), ctx)
    const theirs = await b.call(
      'department/create',
      { name: '市场部', parentid: 1, idempotency_key: 'k1' },
      { corpid: 'c1', userid: 'admin2' },
    )
    expect(theirs.errcode).toBe(0)
  })

  test('a failed first attempt is not remembered; a malformed key is 40058', async () => {
    const b = createMockBackend({ corps: [setup()] })
    expect(
      (await b.call('department/create', { name: '', parentid: 1, idempotency_key: 'k2' }, ctx)).errcode,
    ).toBe(40058)
    expect(
      (await b.call('department/create', { name: '好名字', parentid: 1, idempotency_key: 'k2' }, ctx))
        .errcode,
    ).toBe(0)
    expect(
      (await b.call('department/create', { name: 'x', parentid: 1, idempotency_key: 5 }, ctx)).errcode,
    ).toBe(40058)
    expect(
      (await b.call('department/create', { name: 'x', parentid: 1, idempotency_key: 'k'.repeat(129) }, ctx))
        .errcode,
    ).toBe(40058)
  })
})

describe('roles and malformed input', () => {
  test('admin APIs answer 48002 to non-admins; admins listed in setup may act once they exist', async () => {
    const b = createMockBackend({ corps: [setup()] })
    await b.call('user/create', create('plain'), ctx)
    expect((await b.call('user/create', create('x'), { corpid: 'c1', userid: 'plain' })).errcode).toBe(48002)
    await b.call('user/create', create('admin2'), ctx)
    expect((await b.call('user/create', create('x'), { corpid: 'c1', userid: 'admin2' })).errcode).toBe(0)
  })

  test('unknown api, corp or caller', async () => {
    const b = createMockBackend({ corps: [setup()] })
    expect((await b.call('no/such', {}, ctx)).errcode).toBe(40058)
    expect((await b.call('x'.repeat(100_000), {}, ctx)).errmsg.length).toBeLessThan(200)
    expect((await b.call('user/get', { userid: 'boss' }, { corpid: 'nope', userid: 'boss' })).errcode).toBe(
      48002,
    )
    expect((await b.call('user/get', { userid: 'boss' }, { corpid: 'c1', userid: 'ghost' })).errcode).toBe(
      60111,
    )
    expect(
      (await b.call('user/get', { userid: 'boss' }, { corpid: '__proto__', userid: 'boss' })).errcode,
    ).toBe(48002)
    expect(
      (await b.call('user/get', { userid: 'boss' }, { corpid: 'c1', userid: 'constructor' })).errcode,
    ).toBe(60111)
    expect((await b.call('user/get', { userid: 'boss' }, null as never)).errcode).toBe(48002)
    expect((await b.call(null as never, {}, ctx)).errcode).toBe(40058)
  })

  test('any body, api or caller: the call resolves with an envelope and changes nothing when refused', async () => {
    const b = createMockBackend({ corps: [setup()] })
    await b.call('department/create', { name: '销售部', parentid: 1 }, ctx)
    await b.call('user/create', create('zhangsan', { department: [2] }), ctx)
    const apis = [
      'user/create',
      'user/update',
      'user/delete',
      'department/create',
      'department/update',
      'department/delete',
      'tag/create',
      'tag/addtagusers',
      'contactrule/create',
      'user/search',
      'user/list',
      'nope',
    ]
    const body = fc.oneof(
      fc.constantFrom(
        null,
        undefined,
        [],
        'str',
        42,
        { userid: null },
        { userid: 'x'.repeat(100_000), name: 'y'.repeat(100_000), department: [1] },
        { userid: 'zhangsan', department: '1' },
        { id: '2' },
        { name: '销售部', parentid: '1' },
        { query: ['a'] },
        { department_id: '1' },
      ),
      fc.anything(),
      fc.dictionary(
        fc.constantFrom('userid', 'name', 'department', 'id', 'parentid', 'query', 'tagname', 'range'),
        fc.anything(),
      ),
    )
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...apis),
        body,
        fc.constantFrom('boss', 'zhangsan', 'nobody'),
        async (api, raw, userid) => {
          const before = await fingerprint(b)
          const r = await b.call(api, raw as object, { corpid: 'c1', userid })
          expect(typeof r.errcode).toBe('number')
          expect(typeof r.errmsg).toBe('string')
          expect(r.errcode).not.toBe(-1) // no handler crashed
          if (r.errcode !== 0) expect(await fingerprint(b)).toBe(before)
        },
      ),
      { numRuns: 400 },
    )
  })

  test('deliver and clientLogin resolve for malformed input too', async () => {
    const b = createMockBackend({ corps: [setup()] })
    await expect(b.clientLogin(null as never, undefined as never, 'ftp' as never)).resolves.toHaveProperty(
      'errcode',
    )
    await expect(b.deliver('nope', null as never, null as never)).resolves.toHaveProperty('errcode')
  })
})
