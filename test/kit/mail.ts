// Test fixtures for member mail: a small corp written straight into state (the directory and
// mailbox admin APIs are separate areas), and ways to call the mail APIs against it.
import { randomFillSync } from 'node:crypto'
import type { CorpSetup } from '../../src/api/contract'
import { createEntropyPool } from '../../src/api/mock/entropy'
import type { MockEnv } from '../../src/api/mock/env'
import { trackedDispatch } from './dispatch'
import { createMockBackend, type MockBackend, type MockBackendOptions } from '../../src/api/mock'
import { invalidateOrg } from '../../src/api/mock/orgIndex'
import { serialize, STATE_KEY } from '../../src/api/mock/persistence'
import type { ApiResult } from '../../src/api/contract'
import { newMember, newStore, stateFromSetups } from '../../src/api/mock/seed'
import type { BackendState, BusinessMailbox, CorpState } from '../../src/api/mock/state'

export const CORP: CorpSetup = {
  corpid: 'c1',
  name: '测试公司',
  creator: 'boss',
  edition: 'advanced',
  advancedSeats: 5,
  domain: { name: 'c.com', kind: 'custom' },
}

export function addMailbox(
  corp: CorpState,
  fields: Partial<BusinessMailbox> & { email: string; name: string },
): BusinessMailbox {
  const id = corp.nextId.publicmail++
  const mb: BusinessMailbox = {
    id,
    userid_list: [],
    department_list: [],
    tag_list: [],
    alias_list: [],
    enabled: true,
    storeId: newStore(corp),
    authCodes: [],
    bindings: { wechat: false, mobile: false, wecom: false },
    create_time: 0,
    ...fields,
  }
  corp.publicmails[id] = mb
  return mb
}

/**
 * 测试公司 (c.com): 销售部(2) ⊃ 华东销售(3), 财务部(4); tag 客服(1) = carol + 财务部.
 * Mailboxes: 1 sales (销售部, alias xiaoshou@), 2 service (tag 客服), 3 boss (direct boss, alice),
 * 4 old (direct alice, disabled).
 */
export function buildState(): { state: BackendState; corp: CorpState } {
  const state = stateFromSetups([CORP])
  const corp = state.corps[CORP.corpid]
  corp.departments[2] = { id: 2, name: '销售部', parentid: 1, order: 1 }
  corp.departments[3] = { id: 3, name: '华东销售', parentid: 2, order: 1 }
  corp.departments[4] = { id: 4, name: '财务部', parentid: 1, order: 2 }
  corp.nextId.department = 5
  corp.users.boss.name = '老板'
  corp.users.alice = newMember(corp, {
    userid: 'alice',
    name: '爱丽丝',
    department: [3],
    alias: ['ali@c.com'],
  })
  corp.users.bob = newMember(corp, { userid: 'bob', name: '鲍勃', department: [4] })
  corp.users.carol = newMember(corp, { userid: 'carol', name: '卡罗', department: [1] })
  corp.users.dave = newMember(corp, { userid: 'dave', name: '戴夫', department: [1] })
  corp.tags[1] = { tagid: 1, tagname: '客服', userlist: ['carol'], partylist: [4] }
  corp.nextId.tag = 2
  addMailbox(corp, {
    email: 'sales@c.com',
    name: '销售',
    department_list: [2],
    alias_list: ['xiaoshou@c.com'],
  })
  addMailbox(corp, { email: 'service@c.com', name: '客服', tag_list: [1] })
  addMailbox(corp, { email: 'ceo@c.com', name: '总经理', userid_list: ['boss', 'alice'] })
  addMailbox(corp, { email: 'old@c.com', name: '旧邮箱', userid_list: ['alice'], enabled: false })
  invalidateOrg(corp)
  return { state, corp }
}

export function mapStorage() {
  const map = new Map<string, string>()
  return {
    map,
    get: (k: string) => map.get(k),
    set: (k: string, v: string) => void map.set(k, v),
    remove: (k: string) => void map.delete(k),
  }
}

/** A real backend (dispatcher, idempotency, persistence) over a prepared state. */
export function backendFrom(
  state: BackendState,
  options: Omit<MockBackendOptions, 'storage' | 'corps'> = {},
): { backend: MockBackend; storage: ReturnType<typeof mapStorage> } {
  const storage = mapStorage()
  storage.set(STATE_KEY, serialize(state))
  return { backend: createMockBackend({ ...options, storage }), storage }
}

export function clock(start = Date.UTC(2024, 4, 6, 2, 0, 0)) {
  let t = start
  return { now: () => t, advance: (ms = 60_000) => (t += ms) }
}

/** Calls the backend's dispatcher on a live state: for tests that edit the state between calls. */
export function directCaller(state: BackendState, env: MockEnv) {
  const dispatch = trackedDispatch(env)
  return (userid: string, api: string, body: Record<string, unknown> = {}): Promise<ApiResult> =>
    dispatch(state, api, body, { corpid: CORP.corpid, userid })
}

export function testEnv(now: () => number): MockEnv {
  return { now, random: Math.random, secureBytes: testSecureBytes(), schedule: () => undefined }
}

/** env.secureBytes for tests: the backend's pool over node:crypto, topped up before each draw */
export function testSecureBytes(): (n: number) => Uint8Array {
  const pool = createEntropyPool((n) => randomFillSync(new Uint8Array(n)))
  return (n) => {
    void pool.ready() // a synchronous source refills at once
    return pool.take(n)
  }
}

/** a corp on its own domain (test.com): what SMTP tests need to send as a business mailbox */
export const SMTP_CORP: CorpSetup = {
  corpid: 'wwtest',
  name: '测试科技',
  creator: 'boss',
  edition: 'advanced',
  advancedSeats: 5,
  domain: { name: 'test.com', kind: 'custom' },
}
export const SMTP_BOSS = { corpid: 'wwtest', userid: 'boss' }

/** sales@test.com for boss, with a client password made at creation (`auth_code` in the answer) */
export function createSales(b: MockBackend, name: string): Promise<ApiResult> {
  return b.call(
    'exmail/publicmail/create',
    {
      email: 'sales@test.com',
      name,
      userid_list: { list: ['boss'] },
      create_auth_code: 1,
      idempotency_key: 'k1',
    },
    SMTP_BOSS,
  )
}
