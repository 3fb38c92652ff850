// Two orgs of the same creator: A (甲公司, own domain a.com, real mail) and B (乙集团, experience
// domain, its own old mailbox data), behind a real backend with Map storage.
import type { ApiResult } from '../../../src/api/contract'
import { createMockBackend, type MockBackend } from '../../../src/api/mock/index'
import { addMailbox, mapStorage } from '../../kit/mail'
import { addMessage } from '../../../src/api/mock/mail/store'
import { invalidateOrg } from '../../../src/api/mock/orgIndex'
import { readSavedState } from '../../../src/api/mock/persist/engine'
import { serialize, STATE_KEY } from '../../../src/api/mock/persistence'
import { newMember, stateFromSetups } from '../../../src/api/mock/seed'
import type { BackendState, CorpState, MailStore } from '../../../src/api/mock/state'

export const A = 'ca'
export const B = 'cb'
export const B_NAME = '乙集团'
export const T0 = Date.UTC(2025, 2, 3, 1, 0, 0)
/** the creator of A and B as a person (their WeCom account): what makes them the same creator */
export const CREATOR_ACCOUNT = 'wx-boss'

export function mail(store: MailStore, subject: string, folder = 'inbox', time = T0 - 86400000) {
  return addMessage(store, {
    folder,
    from: 'client@ext.com',
    to: ['x@a.com'],
    cc: [],
    bcc: [],
    subject,
    content: `正文：${subject}`,
    time,
    read: false,
    starred: false,
    message_id: '',
    in_reply_to: '',
    delivered_to: 'x@a.com',
  })
}

/**
 * A (ca, a.com, advanced, 4 seats): depts 销售部(2), 财务部(3); tag 客服(1) = carol + 财务部; rule 1
 * hides 财务部 except boss. Members boss, alice (销售部, alias ali@a.com, seat), bob (财务部),
 * carol (销售部; not in B), erin (mailbox converted into business mailbox 5).
 * Business mailboxes: 1 sales (dept 2 + alice, carol; alias xiaoshou@; a receive rule), 2 service
 * (tag 1), 3 ceo (boss, alice, carol), 4 old (bob, disabled), 5 erin@ (converted, no users).
 * Recycle: 6 event@ (business, dept 3), 7 frank@ (a deleted member). Mail group all@a.com.
 *
 * B (cb, cb.wecom.work, basic): dept 运营部(2), tag 合作方(1); members boss, alice, bob, erin,
 * gina (only in B), carol2; an old business mailbox 1 (old-b@) and a recycle entry, with mail.
 */
export function buildOrgs(): BackendState {
  const state = stateFromSetups([
    {
      corpid: A,
      name: '甲公司',
      creator: 'boss',
      creatorAccount: CREATOR_ACCOUNT,
      admins: ['alice'],
      edition: 'advanced',
      advancedSeats: 4,
      domain: { name: 'a.com', kind: 'custom' },
    },
    {
      corpid: B,
      name: B_NAME,
      creator: 'boss',
      creatorAccount: CREATOR_ACCOUNT,
      admins: ['gina'],
      edition: 'basic',
      domain: { name: 'cb.wecom.work', kind: 'experience' },
    },
  ])
  const a = state.corps[A]
  a.users.boss.name = '老板'
  a.departments[2] = { id: 2, name: '销售部', parentid: 1, order: 1 }
  a.departments[3] = { id: 3, name: '财务部', parentid: 1, order: 2 }
  a.nextId.department = 4
  a.users.alice = newMember(a, {
    userid: 'alice',
    name: '爱丽丝',
    department: [2],
    alias: ['ali@a.com'],
    advanced: 1,
  })
  a.users.bob = newMember(a, { userid: 'bob', name: '鲍勃', department: [3] })
  a.users.carol = newMember(a, { userid: 'carol', name: '卡罗', department: [2], alias: ['carol.c@a.com'] })
  a.users.erin = newMember(a, { userid: 'erin', name: '艾琳', department: [2], biz_mail: '', storeId: null })
  a.tags[1] = { tagid: 1, tagname: '客服', userlist: ['carol'], partylist: [3] }
  a.nextId.tag = 2
  a.contactRules[1] = {
    rule_id: 1,
    rule_type: 1,
    range: { userid: [], partyid: [3], tagid: [] },
    whitelist: { userid: ['boss'], partyid: [], tagid: [] },
    extra_visible: { userid: [], partyid: [], tagid: [] },
  }
  a.nextId.rule = 2
  const sales = addMailbox(a, {
    email: 'sales@a.com',
    name: '销售',
    department_list: [2],
    userid_list: ['alice', 'carol'],
    alias_list: ['xiaoshou@a.com'],
  })
  a.stores[sales.storeId].shared.rules = [
    {
      conditions: [{ field: 'subject', op: 'contains', value: '发票' }],
      match: 'all',
      actions: [{ type: 'move', folder: '票据' }],
    },
  ]
  addMailbox(a, { email: 'service@a.com', name: '客服', tag_list: [1] })
  addMailbox(a, { email: 'ceo@a.com', name: '总经理', userid_list: ['boss', 'alice', 'carol'] })
  addMailbox(a, { email: 'old@a.com', name: '旧邮箱', userid_list: ['bob'], enabled: false })
  addMailbox(a, { email: 'erin@a.com', name: '艾琳（转）' })
  const event = addMailbox(a, { email: 'event@a.com', name: '年会', department_list: [3] })
  delete a.publicmails[event.id]
  a.recycle[event.id] = {
    id: event.id,
    kind: 'business',
    email: event.email,
    name: event.name,
    deleted_time: T0 - 5 * 86400000,
    expire_time: T0 + 55 * 86400000,
    mailbox: JSON.parse(JSON.stringify(event)),
    addresses: [event.email],
    storeId: event.storeId,
  }
  const frank = newMember(a, { userid: 'frank', name: '弗兰克' })
  const fid = a.nextId.publicmail++
  a.recycle[fid] = {
    id: fid,
    kind: 'member',
    email: frank.biz_mail,
    name: frank.name,
    deleted_time: T0 - 86400000,
    expire_time: T0 + 59 * 86400000,
    addresses: [frank.biz_mail],
    storeId: frank.storeId,
    userid: 'frank',
  }
  a.mailGroups = ['all@a.com']
  mail(a.stores[a.users.alice.storeId!], '爱丽丝的邮件 1')
  mail(a.stores[a.users.alice.storeId!], '爱丽丝的邮件 2')
  mail(a.stores[a.users.boss.storeId!], '老板的邮件')
  mail(a.stores[a.users.carol.storeId!], '卡罗的邮件')
  mail(a.stores[sales.storeId], '客户询价')
  mail(a.stores[event.storeId], '年会报名')
  mail(a.stores[frank.storeId!], '弗兰克的旧邮件')
  invalidateOrg(a)

  const b = state.corps[B]
  b.users.boss.name = '老板'
  b.departments[2] = { id: 2, name: '运营部', parentid: 1, order: 1 }
  b.nextId.department = 3
  for (const [userid, name] of [
    ['alice', '爱丽丝'],
    ['bob', '鲍勃'],
    ['erin', '艾琳'],
    ['gina', '吉娜'],
    ['hank', '汉克'],
  ]) {
    b.users[userid] = newMember(b, { userid, name, department: [2] })
  }
  b.tags[1] = { tagid: 1, tagname: '合作方', userlist: ['gina'], partylist: [] }
  b.nextId.tag = 2
  const oldB = addMailbox(b, { email: 'old-b@cb.wecom.work', name: '乙旧邮箱', userid_list: ['gina'] })
  mail(b.stores[oldB.storeId], 'B 业务邮件')
  mail(b.stores[b.users.gina.storeId!], 'B 吉娜的邮件 1')
  mail(b.stores[b.users.gina.storeId!], 'B 吉娜的邮件 2')
  mail(b.stores[b.users.alice.storeId!], 'B 爱丽丝的邮件')
  const gone = newMember(b, { userid: 'ivan', name: '伊万' })
  const gid = b.nextId.publicmail++
  b.recycle[gid] = {
    id: gid,
    kind: 'member',
    email: gone.biz_mail,
    name: gone.name,
    deleted_time: T0 - 86400000,
    expire_time: T0 + 59 * 86400000,
    addresses: [gone.biz_mail],
    storeId: gone.storeId,
    userid: 'ivan',
  }
  mail(b.stores[gone.storeId!], 'B 伊万的邮件')
  invalidateOrg(b)
  return state
}

export type Storage = ReturnType<typeof mapStorage>

export function storageWith(state: BackendState): Storage {
  const s = mapStorage()
  s.set(STATE_KEY, serialize(state))
  return s
}

export function savedState(storage: Storage): BackendState {
  const state = readSavedState((key) => storage.get(key))
  if (!state) throw new Error('storage holds no valid state')
  return state
}

/** the state the backend persisted for `storage`: read from the tables when the suite runs on SQL */
async function persisted(storage: Storage): Promise<BackendState> {
  const sql = (globalThis as { __bizmailSavedState?: (s: object) => Promise<BackendState> })
    .__bizmailSavedState
  return sql ? sql(storage) : savedState(storage)
}

export interface Orgs {
  backend: MockBackend
  storage: Storage
  now: () => number
  advance(ms?: number): void
  as(corpid: string, userid: string): (api: string, body?: Record<string, unknown>) => Promise<ApiResult>
  /** the persisted state after the last write (does not run background work) */
  saved(): Promise<BackendState>
  corp(corpid: string): Promise<CorpState>
}

export function orgs(state: BackendState = buildOrgs(), storage: Storage = storageWith(state)): Orgs {
  let t = T0
  const now = () => t
  const backend = createMockBackend({ storage, now, random: () => 0.42 })
  return {
    backend,
    storage,
    now,
    advance: (ms = 60_000) => void (t += ms),
    as:
      (corpid, userid) =>
      (api, body = {}) =>
        backend.call(api, body, { corpid, userid }),
    async saved() {
      await new Promise((r) => setTimeout(r, 0))
      return persisted(storage)
    },
    async corp(corpid) {
      await new Promise((r) => setTimeout(r, 0))
      return (await persisted(storage)).corps[corpid]
    },
  }
}

export const START = { target_corpid: B, confirm_name: B_NAME }
