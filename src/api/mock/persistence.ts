// Saving and loading the whole state through KeyValueStorage, with corruption detection.
import type { KeyValueStorage } from '../contract'
import { SCHEMA_VERSION, type BackendState } from './state'

export const STATE_KEY = 'bizmail.mock.state'

/** FNV-1a over UTF-16 code units: cheap and enough to notice truncation or tampering. */
export function checksum(text: string): string {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return (h >>> 0).toString(16).padStart(8, '0')
}

export function serialize(state: BackendState): string {
  const body = JSON.stringify(state)
  return JSON.stringify({ schema: SCHEMA_VERSION, checksum: checksum(body), body })
}

export type LoadOutcome =
  { kind: 'empty' } | { kind: 'loaded'; state: BackendState } | { kind: 'rejected'; reason: string }

export function parseSaved(raw: string | undefined): LoadOutcome {
  if (raw === undefined || raw === null || raw === '') return { kind: 'empty' }
  let envelope: unknown
  try {
    envelope = JSON.parse(raw)
  } catch {
    return { kind: 'rejected', reason: '保存的数据已损坏（无法解析）' }
  }
  if (!isRecord(envelope) || typeof envelope.body !== 'string') {
    return { kind: 'rejected', reason: '保存的数据格式不正确' }
  }
  if (envelope.schema !== SCHEMA_VERSION) {
    return { kind: 'rejected', reason: `保存的数据版本不兼容（${String(envelope.schema)}）` }
  }
  if (envelope.checksum !== checksum(envelope.body)) {
    return { kind: 'rejected', reason: '保存的数据校验失败（可能被截断或篡改）' }
  }
  let state: unknown
  try {
    state = JSON.parse(envelope.body)
  } catch {
    return { kind: 'rejected', reason: '保存的数据已损坏（无法解析）' }
  }
  if (!isRecord(state) || state.schema !== SCHEMA_VERSION || !isRecord(state.corps)) {
    return { kind: 'rejected', reason: '保存的数据结构不正确' }
  }
  const problem = stateShapeProblem(state.corps)
  if (problem) return { kind: 'rejected', reason: `保存的数据结构不正确（${problem}）` }
  return { kind: 'loaded', state: state as unknown as BackendState }
}

// A state that parses but has the wrong shape (an older build, a hand edit with a fixed-up checksum)
// would make every handler fail later; check the shape the handlers rely on, field by field.
const isStr = (v: unknown): v is string => typeof v === 'string'
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)
const strList = (v: unknown): boolean => Array.isArray(v) && v.every(isStr)
const numList = (v: unknown): boolean => Array.isArray(v) && v.every(isNum)
const targets = (v: unknown): boolean =>
  isRecord(v) && strList(v.userid) && numList(v.partyid) && numList(v.tagid)

function recordOf(v: unknown, each: (x: Record<string, unknown>, key: string) => boolean): boolean {
  return isRecord(v) && Object.entries(v).every(([k, x]) => isRecord(x) && each(x, k))
}

/** the first thing wrong with the corps' shape, or null */
export function stateShapeProblem(corps: Record<string, unknown>): string | null {
  for (const [id, c] of Object.entries(corps)) {
    const where = `corp ${id.slice(0, 32)}`
    if (
      !isRecord(c) ||
      c.corpid !== id ||
      !isStr(c.name) ||
      !isStr(c.creator) ||
      !strList(c.admins) ||
      !(c.creatorAccount === undefined || isStr(c.creatorAccount))
    ) {
      return `${where}: 基本信息`
    }
    if (!['basic', 'trial', 'advanced'].includes(c.edition as string) || !isNum(c.advancedSeats)) {
      return `${where}: 版本`
    }
    if (
      !isRecord(c.domain) ||
      !isStr(c.domain.name) ||
      !['custom', 'experience'].includes(c.domain.kind as string)
    ) {
      return `${where}: 域名`
    }
    const depts = (d: Record<string, unknown>, k: string) =>
      d.id === Number(k) && isStr(d.name) && isNum(d.parentid) && isNum(d.order)
    if (!recordOf(c.departments, depts) || !isRecord(c.departments) || !isRecord(c.departments['1'])) {
      return `${where}: 部门`
    }
    const member = (m: Record<string, unknown>, k: string) =>
      m.userid === k &&
      isStr(m.name) &&
      numList(m.department) &&
      isStr(m.position) &&
      isStr(m.mobile) &&
      isStr(m.gender) &&
      isNum(m.status) &&
      isStr(m.biz_mail) &&
      strList(m.alias) &&
      (m.advanced === 0 || m.advanced === 1) &&
      (m.storeId === null || isStr(m.storeId))
    if (!recordOf(c.users, member)) return `${where}: 成员`
    const tag = (t: Record<string, unknown>, k: string) =>
      t.tagid === Number(k) && isStr(t.tagname) && strList(t.userlist) && numList(t.partylist)
    if (!recordOf(c.tags, tag)) return `${where}: 标签`
    const rule = (r: Record<string, unknown>) =>
      [1, 2, 3].includes(r.rule_type as number) &&
      targets(r.range) &&
      targets(r.whitelist) &&
      targets(r.extra_visible)
    if (!recordOf(c.contactRules, rule)) return `${where}: 查看权限规则`
    const mailbox = (p: Record<string, unknown>) =>
      isNum(p.id) &&
      isStr(p.email) &&
      isStr(p.name) &&
      strList(p.userid_list) &&
      numList(p.department_list) &&
      numList(p.tag_list) &&
      strList(p.alias_list) &&
      Array.isArray(p.authCodes) &&
      p.authCodes.every(
        (a: unknown) =>
          isRecord(a) &&
          isStr(a.auth_code_id) &&
          isStr(a.hash) &&
          isStr(a.salt) &&
          isStr(a.creator) &&
          typeof a.revoked === 'boolean' &&
          isNum(a.create_time) &&
          isNum(a.last_use_time) &&
          (a.lookup === undefined || isStr(a.lookup)),
      ) &&
      (p.clientLogin === undefined ||
        (isRecord(p.clientLogin) && numList(p.clientLogin.failures) && isNum(p.clientLogin.locked_until))) &&
      isStr(p.storeId) &&
      typeof p.enabled === 'boolean'
    if (!recordOf(c.publicmails, mailbox)) return `${where}: 业务邮箱`
    if (!recordOf(c.recycle, (r) => isNum(r.id) && isStr(r.email) && strList(r.addresses)))
      return `${where}: 回收站`
    if (!strList(c.mailGroups)) return `${where}: 邮件群组`
    const store = (s: Record<string, unknown>) =>
      isRecord(s.folders) &&
      isRecord(s.messages) &&
      isRecord(s.drafts) &&
      isRecord(s.shared) &&
      isRecord(s.personal)
    if (!recordOf(c.stores, store)) return `${where}: 邮件数据`
    if (typeof c.migrated !== 'boolean' || !(c.migration === null || isRecord(c.migration)))
      return `${where}: 迁移`
    if (!isRecord(c.idempotency)) return `${where}: 幂等记录`
    const n = c.nextId
    if (!isRecord(n) || !['department', 'tag', 'rule', 'publicmail', 'store'].every((k) => isNum(n[k]))) {
      return `${where}: 编号`
    }
  }
  return null
}

export async function readSaved(storage: KeyValueStorage): Promise<LoadOutcome> {
  try {
    return parseSaved(await storage.get(STATE_KEY))
  } catch {
    return { kind: 'rejected', reason: '无法读取本地存储' }
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
