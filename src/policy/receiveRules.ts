// Receive rules of a mailbox (product spec 4.3): validated as a whole (≤ 100, well-formed), then
// applied in order to every incoming message.
import { ErrCode } from './codes'
import { isReservedFolderName } from './folders'
import { ok, refuse, type Verdict } from './result'

export type RuleField = 'from' | 'to' | 'subject' | 'body'

export type RuleAction =
  | { type: 'move'; folder: string }
  | { type: 'mark_read' }
  | { type: 'star' }
  | { type: 'delete' }
  | { type: 'stop' }

export interface ReceiveRule {
  conditions: { field: RuleField; op: 'contains'; value: string }[]
  match: 'all' | 'any'
  actions: RuleAction[]
}

export const MAX_RULES = 100
// Every condition scans a field of every incoming message (worst case ~0.2 ms per condition on a
// 100,000-character body), and the rules are stored in one ≤ 1 MB storage key: both stay bounded.
export const MAX_CONDITIONS = 10
/** conditions of all rules together */
export const MAX_TOTAL_CONDITIONS = 200
export const MAX_ACTIONS = 10
export const MAX_CONDITION_VALUE = 128
export const MAX_FOLDER_NAME = 64
/** rules look at the first 100,000 characters of each field (a longer body is not scanned further) */
export const MAX_SCANNED_LENGTH = 100_000

const FIELDS: RuleField[] = ['from', 'to', 'subject', 'body']
const ACTIONS = ['move', 'mark_read', 'star', 'delete', 'stop']

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** Validates and normalises (unknown keys dropped, folder names trimmed) the full rule list. */
export function validateRules(value: unknown): Verdict<ReceiveRule[]> {
  if (!Array.isArray(value)) return refuse(ErrCode.RULES_INVALID, '收信规则必须是数组 (rules)')
  if (value.length > MAX_RULES) {
    return refuse(ErrCode.RULES_INVALID, `收信规则最多 ${MAX_RULES} 条，当前 ${value.length} 条 (rules)`)
  }
  const out: ReceiveRule[] = []
  let conditions = 0
  for (let i = 0; i < value.length; i++) {
    const r = validateRule(value[i], i)
    if (!r.ok) return r
    conditions += r.value.conditions.length
    if (conditions > MAX_TOTAL_CONDITIONS) {
      return refuse(
        ErrCode.RULES_INVALID,
        `所有收信规则的条件合计最多 ${MAX_TOTAL_CONDITIONS} 个，到第 ${i + 1} 条规则已有 ${conditions} 个 (rules[${i}].conditions)`,
      )
    }
    out.push(r.value)
  }
  return ok(out)
}

function validateRule(raw: unknown, i: number): Verdict<ReceiveRule> {
  const bad = (what: string, field: string) =>
    refuse(ErrCode.RULES_INVALID, `第 ${i + 1} 条收信规则${what} (rules[${i}]${field})`)
  if (!isRecord(raw)) return bad('格式不正确', '')
  if (raw.match !== 'all' && raw.match !== 'any') return bad('的匹配方式必须是 all 或 any', '.match')
  const conds = raw.conditions
  if (!Array.isArray(conds) || conds.length === 0) return bad('至少需要一个条件', '.conditions')
  if (conds.length > MAX_CONDITIONS) {
    return bad(`的条件过多，最多 ${MAX_CONDITIONS} 个，当前 ${conds.length} 个`, '.conditions')
  }
  const conditions: ReceiveRule['conditions'] = []
  for (let j = 0; j < conds.length; j++) {
    const c = conds[j]
    const at = `.conditions[${j}]`
    if (!isRecord(c)) return bad(`的第 ${j + 1} 个条件格式不正确`, at)
    if (!FIELDS.includes(c.field as RuleField)) {
      return bad(`的第 ${j + 1} 个条件字段必须是 from / to / subject / body`, `${at}.field`)
    }
    if (c.op !== 'contains') return bad(`的第 ${j + 1} 个条件只支持 contains`, `${at}.op`)
    if (typeof c.value !== 'string' || c.value.trim() === '') {
      return bad(`的第 ${j + 1} 个条件内容不能为空`, `${at}.value`)
    }
    if (c.value.length > MAX_CONDITION_VALUE) {
      return bad(`的第 ${j + 1} 个条件内容过长，最多 ${MAX_CONDITION_VALUE} 个字符`, `${at}.value`)
    }
    conditions.push({ field: c.field as RuleField, op: 'contains', value: c.value })
  }
  const acts = raw.actions
  if (!Array.isArray(acts) || acts.length === 0) return bad('至少需要一个动作', '.actions')
  if (acts.length > MAX_ACTIONS) return bad(`的动作最多 ${MAX_ACTIONS} 个`, '.actions')
  const actions: RuleAction[] = []
  for (let j = 0; j < acts.length; j++) {
    const a = acts[j]
    const at = `.actions[${j}]`
    if (!isRecord(a) || !ACTIONS.includes(a.type as string)) {
      return bad(`的第 ${j + 1} 个动作必须是 move / mark_read / star / delete / stop`, `${at}.type`)
    }
    if (a.type === 'move') {
      const folder = typeof a.folder === 'string' ? a.folder.trim() : ''
      if (folder.length < 1 || folder.length > MAX_FOLDER_NAME) {
        return bad(`的目标文件夹名称需为 1–${MAX_FOLDER_NAME} 个字符`, `${at}.folder`)
      }
      if (isReservedFolderName(folder))
        return bad(`的目标文件夹不能是系统文件夹「${folder}」`, `${at}.folder`)
      actions.push({ type: 'move', folder })
    } else {
      actions.push({ type: a.type } as RuleAction)
    }
  }
  return ok({ conditions, match: raw.match, actions })
}

export interface RuleSubject {
  from: string
  /** every recipient (to and cc) */
  to: string[]
  subject: string
  body: string
}

export interface RuleOutcome {
  /** folder name of the last move, or null */
  moveTo: string | null
  markRead: boolean
  star: boolean
  /** a delete sends the message to Trash, whatever moves said */
  delete: boolean
  /** indexes of the rules that matched, in order */
  matched: number[]
}

/** How a field and a condition value are compared: case-folded (Latin letters), as typed otherwise. */
export type Normaliser = (text: string) => string

export const foldCase: Normaliser = (text) => text.toLowerCase()

/**
 * The fields of one message, each cut to MAX_SCANNED_LENGTH and normalised at most once (on first
 * use), however many rules and conditions look at it; repeated (field, value) pairs are answered
 * from a memo.
 */
function matcher(mail: RuleSubject, normalise: Normaliser) {
  const folded: Partial<Record<RuleField, string>> = {}
  const memo = new Map<string, boolean>()
  const field = (f: RuleField): string => {
    let text = folded[f]
    if (text === undefined) {
      const raw = f === 'to' ? mail.to.join(', ') : f === 'body' ? mail.body : mail[f]
      text = normalise(raw.length > MAX_SCANNED_LENGTH ? raw.slice(0, MAX_SCANNED_LENGTH) : raw)
      folded[f] = text
    }
    return text
  }
  return (c: ReceiveRule['conditions'][number]): boolean => {
    const key = `${c.field}\u0000${c.value}`
    let hit = memo.get(key)
    if (hit === undefined) {
      hit = field(c.field).includes(normalise(c.value))
      memo.set(key, hit)
    }
    return hit
  }
}

/**
 * Applies the rules in order. A matching rule runs all of its actions; `stop` then ends the
 * processing (later rules are not looked at). Later moves override earlier ones; delete wins.
 */
export function applyRules(
  rules: readonly ReceiveRule[],
  mail: RuleSubject,
  normalise: Normaliser = foldCase,
): RuleOutcome {
  const out: RuleOutcome = { moveTo: null, markRead: false, star: false, delete: false, matched: [] }
  const test = matcher(mail, normalise)
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i]
    const hit = rule.match === 'all' ? rule.conditions.every(test) : rule.conditions.some(test)
    if (!hit) continue
    out.matched.push(i)
    let stop = false
    for (const a of rule.actions) {
      if (a.type === 'move') out.moveTo = a.folder
      else if (a.type === 'mark_read') out.markRead = true
      else if (a.type === 'star') out.star = true
      else if (a.type === 'delete') out.delete = true
      else stop = true
    }
    if (stop) break
  }
  return out
}
