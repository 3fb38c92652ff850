// Through the real dispatcher: admin-only, migration lock, idempotency, persistence, demo data.
import fc from 'fast-check'
import { createMockBackend } from '../../../src/api/mock'
import { serialize, STATE_KEY } from '../../../src/api/mock/persistence'
import { createAuthCode } from '../../../src/api/mock/publicmail/authCodes'
import { memoryClientPasswords } from '../../../src/api/mock/ports/clientPasswords'
import { insertMailbox } from '../../../src/api/mock/publicmail/mailboxes'
import { newMember, stateFromSetups } from '../../../src/api/mock/seed'
import type { BackendState } from '../../../src/api/mock/state'
import { ErrCode } from '../../../src/policy/codes'
import type { KeyValueStorage } from '../../../src/api/contract'
import { testSecureBytes } from '../../kit/mail'

function memoryStorage(initial?: BackendState) {
  const map = new Map<string, string>()
  if (initial) map.set(STATE_KEY, serialize(initial))
  const storage: KeyValueStorage = {
    get: (k) => map.get(k),
    set: (k, v) => void map.set(k, v),
    remove: (k) => void map.delete(k),
  }
  return { map, storage }
}

function corpWithMember(): BackendState {
  const state = stateFromSetups([
    {
      corpid: 'c1',
      name: '测试',
      creator: 'boss',
      edition: 'advanced',
      advancedSeats: 2,
      domain: { name: 'corp.com', kind: 'custom' },
    },
  ])
  state.corps.c1.users.staff = newMember(state.corps.c1, { userid: 'staff', name: '员工' })
  return state
}

const ADMIN = { corpid: 'c1', userid: 'boss' }
const STAFF = { corpid: 'c1', userid: 'staff' }

const EXMAIL_APIS: [string, object][] = [
  ['exmail/publicmail/create', { email: 'a1@corp.com', name: 'a', userid_list: { list: ['boss'] } }],
  ['exmail/publicmail/update', { id: 1, name: 'x' }],
  ['exmail/publicmail/delete', { id: 1 }],
  ['exmail/publicmail/get', { id_list: { list: [1] } }],
  ['exmail/publicmail/search', { fuzzy: 0 }],
  ['exmail/publicmail/get_auth_code_list', { id: 1 }],
  ['exmail/publicmail/delete_auth_code', { id: 1, auth_code_id: 'x' }],
  ['exmail/publicmail/quota', {}],
  ['exmail/recycle/list', {}],
  ['exmail/recycle/restore', { id: 1 }],
  ['exmail/account/act_email', { publicemail_id: 1, type: 2 }],
  ['exmail/vip/batch_add', { userid_list: ['staff'] }],
  ['exmail/vip/batch_del', { userid_list: ['staff'] }],
  ['exmail/vip/list', {}],
]

describe('exmail/* through the dispatcher', () => {
  test('every exmail API is admin-only (48002)', async () => {
    const b = createMockBackend({ storage: memoryStorage(corpWithMember()).storage })
    for (const [api, body] of EXMAIL_APIS) {
      const r = await b.call(api, body, STAFF)
      expect([api, r.errcode]).toEqual([api, ErrCode.NO_PRIVILEGE])
    }
  })

  test('every exmail API is locked while a migration runs (690013)', async () => {
    const state = corpWithMember()
    state.corps.c1.migration = {
      migration_id: 'm1',
      source: 'c1',
      target: 'c2',
      state: 'running',
      steps: [],
      started: 0,
    }
    const b = createMockBackend({ storage: memoryStorage(state).storage })
    for (const [api, body] of EXMAIL_APIS) {
      const r = await b.call(api, body, ADMIN)
      expect([api, r.errcode]).toEqual([api, ErrCode.MIGRATION_IN_PROGRESS])
    }
  })

  test('an idempotent create is done once; the replay does not reveal or persist the secret', async () => {
    const { map, storage } = memoryStorage(corpWithMember())
    const b = createMockBackend({ storage })
    const body = {
      email: 'sales@corp.com',
      name: '销售',
      userid_list: { list: ['staff'] },
      create_auth_code: 1,
      idempotency_key: 'k1',
    }
    const first = await b.call('exmail/publicmail/create', body, ADMIN)
    expect(first.errcode).toBe(0)
    const secret = first.auth_code as string
    const again = await b.call('exmail/publicmail/create', body, ADMIN)
    expect(again).toMatchObject({ errcode: 0, id: first.id, auth_code_id: first.auth_code_id })
    expect(again.auth_code).toBeUndefined()
    expect((await b.call('exmail/publicmail/quota', {}, ADMIN)).used).toBe(1)
    await b.settle()
    expect([...map.values()].join('\n')).not.toContain(secret)
    expect((await b.clientLogin('sales@corp.com', secret, 'imap')).errcode).toBe(0)
    // the last-used time survives a restart
    await b.settle()
    const restarted = createMockBackend({ storage })
    const list = await restarted.call('exmail/publicmail/get_auth_code_list', { id: first.id }, ADMIN)
    expect((list.auth_code_list as { last_use_time: number }[])[0].last_use_time).toBeGreaterThan(0)
  })

  test('demo corp: business mailboxes, seats and a recycle bin entry, within the quota', async () => {
    const b = createMockBackend({ now: () => 1_750_000_000_000 })
    const ctx = { corpid: 'wwdemo', userid: 'zhangwei' }
    const q = await b.call('exmail/publicmail/quota', {}, ctx)
    expect(q).toMatchObject({ errcode: 0, edition: 'advanced', seats: { purchased: 5 } })
    expect(q.used as number).toBeGreaterThanOrEqual(4)
    expect(q.used as number).toBeLessThanOrEqual(q.quota as number)
    expect((q.seats as { assigned: number }).assigned).toBeGreaterThanOrEqual(1)
    const all = await b.call('exmail/publicmail/search', { fuzzy: 0 }, ctx)
    const emails = (all.list as { email: string }[]).map((m) => m.email)
    expect(emails).toEqual(
      expect.arrayContaining([
        'sales@xinghe.com',
        'pr@xinghe.com',
        'service@xinghe.com',
        'hr-jobs@xinghe.com',
      ]),
    )
    const ids = (all.list as { id: number }[]).map((m) => m.id)
    const got = await b.call('exmail/publicmail/get', { id_list: { list: ids } }, ctx)
    const byEmail = Object.fromEntries((got.list as { email: string }[]).map((m) => [m.email, m]))
    expect(byEmail['pr@xinghe.com']).toMatchObject({ alias_list: { list: ['media@xinghe.com'] } })
    expect(byEmail['hr-jobs@xinghe.com']).toMatchObject({ enabled: false })
    for (const m of got.list as { no_users: boolean }[]) expect(m.no_users).toBe(false)
    const bin = await b.call('exmail/recycle/list', {}, ctx)
    expect(bin.list).toEqual([expect.objectContaining({ email: 'event2025@xinghe.com', kind: 'business' })])
  })

  test('the experience-domain demo corp is blocked from creating, and says why', async () => {
    const b = createMockBackend()
    const q = await b.call('exmail/publicmail/quota', {}, { corpid: 'wwdemo2', userid: 'zhangwei' })
    expect(q.domain_kind).toBe('experience')
    expect(q.blocked_reason).toContain('体验域名')
    const own = await b.call('exmail/publicmail/quota', {}, { corpid: 'wwdemo', userid: 'zhangwei' })
    expect(own.domain_kind).toBe('custom')
  })

  test('no exmail API throws (-1) on arbitrary bodies', async () => {
    const b = createMockBackend({ storage: memoryStorage(corpWithMember()).storage })
    await b.call('exmail/publicmail/create', EXMAIL_APIS[0][1], ADMIN)
    const field = fc.oneof(
      fc.constant(undefined),
      fc.constant(null),
      fc.integer(),
      fc.double(),
      fc.string({ maxLength: 30 }),
      fc.constantFrom('__proto__', 'constructor', '1', 'a1@corp.com', 'boss'),
      fc.array(fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.constant(null)), { maxLength: 4 }),
      fc.record({ list: fc.array(fc.oneof(fc.string({ maxLength: 8 }), fc.integer()), { maxLength: 4 }) }),
      fc.object({ maxDepth: 1 }),
    )
    const names = [
      'email',
      'name',
      'id',
      'id_list',
      'userid_list',
      'department_list',
      'tag_list',
      'alias_list',
      'create_auth_code',
      'auth_code_info',
      'from_userid',
      'fuzzy',
      'auth_code_id',
      'publicemail_id',
      'type',
      'cursor',
      'limit',
    ]
    const body = fc.dictionary(fc.constantFrom(...names), field, { maxKeys: 6 })
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...EXMAIL_APIS.map(([api]) => api)), body, async (api, b0) => {
        const r = await b.call(api, b0, ADMIN)
        expect(r.errcode).not.toBe(-1)
        expect(typeof r.errmsg).toBe('string')
      }),
      { numRuns: 400 },
    )
  })

  test('a write through the dispatcher revokes the passwords of members who lost access', async () => {
    const state = corpWithMember()
    const corp = state.corps.c1
    const now = () => 1_750_000_000_000
    const env = { now, random: () => 0.5, secureBytes: testSecureBytes(), schedule: () => undefined }
    const mb = insertMailbox(
      corp,
      {
        email: 'team@corp.com',
        name: '团队',
        userid_list: ['staff', 'boss'],
        department_list: [],
        tag_list: [],
      },
      now(),
    )
    const code = await createAuthCode(
      memoryClientPasswords(() => state),
      corp.corpid,
      mb.id,
      { creator: 'staff', byAdmin: false },
      env,
    )
    if (!code.ok) throw new Error(code.errmsg)
    const b = createMockBackend({ storage: memoryStorage(state).storage, now })
    expect((await b.clientLogin('team@corp.com', code.value.auth_code, 'imap')).errcode).toBe(0)
    const r = await b.call('exmail/publicmail/update', { id: mb.id, userid_list: { list: ['boss'] } }, ADMIN)
    expect(r.errcode).toBe(0)
    expect((await b.clientLogin('team@corp.com', code.value.auth_code, 'imap')).errcode).toBe(
      ErrCode.CLIENT_LOGIN_REFUSED,
    )
    await b.call('exmail/publicmail/update', { id: mb.id, userid_list: { list: ['boss', 'staff'] } }, ADMIN)
    expect((await b.clientLogin('team@corp.com', code.value.auth_code, 'imap')).errcode).toBe(
      ErrCode.CLIENT_LOGIN_REFUSED,
    )
  })
})
