// The settings that do not survive the move because they name A's departments, tags or members
// that B does not have (product spec 6): listed one by one in the pre-check and mailed as a backup.
import { movedUsers } from '../../../policy/migration'
import type { BusinessMailbox, ContactRule, CorpState, RuleTargetsState } from '../state'

export interface MailboxRef {
  id: number
  email: string
  name: string
  /** the mailbox is in A's recycle bin (it moves there too) */
  in_recycle: boolean
}

export interface NamedTargets {
  users: { userid: string; name: string }[]
  departments: { id: number; name: string }[]
  tags: { id: number; name: string }[]
}

export type DroppedSetting =
  | { kind: 'publicmail_department'; mailbox: MailboxRef; id: number; name: string; text: string }
  | { kind: 'publicmail_tag'; mailbox: MailboxRef; id: number; name: string; text: string }
  | { kind: 'publicmail_user'; mailbox: MailboxRef; userid: string; name: string; text: string }
  | {
      kind: 'contact_rule'
      rule_id: number
      rule_type: 1 | 2 | 3
      range: NamedTargets
      whitelist: NamedTargets
      extra_visible: NamedTargets
      text: string
    }

export const RULE_TYPE_LABEL: Record<1 | 2 | 3, string> = {
  1: '隐藏成员',
  2: '只能查看本部门',
  3: '不能查看任何人',
}

const has = (o: object, k: string | number) => Object.prototype.hasOwnProperty.call(o, String(k))

export const deptName = (corp: CorpState, id: number): string =>
  has(corp.departments, id) ? corp.departments[id].name : `部门 ${id}（已删除）`
export const tagName = (corp: CorpState, id: number): string =>
  has(corp.tags, id) ? corp.tags[id].tagname : `标签 ${id}（已删除）`
export const userName = (corp: CorpState, userid: string): string =>
  has(corp.users, userid) ? corp.users[userid].name : userid

function named(corp: CorpState, t: RuleTargetsState): NamedTargets {
  return {
    users: t.userid.map((userid) => ({ userid, name: userName(corp, userid) })),
    departments: t.partyid.map((id) => ({ id, name: deptName(corp, id) })),
    tags: t.tagid.map((id) => ({ id, name: tagName(corp, id) })),
  }
}

export function describeTargets(t: NamedTargets): string {
  const parts = [
    ...t.departments.map((d) => `部门「${d.name}」`),
    ...t.tags.map((x) => `标签「${x.name}」`),
    ...t.users.map((u) => `成员 ${u.name}（${u.userid}）`),
  ]
  return parts.length ? parts.join('、') : '无'
}

function ruleSetting(corp: CorpState, r: ContactRule): DroppedSetting {
  const range = named(corp, r.range)
  const whitelist = named(corp, r.whitelist)
  const extra = named(corp, r.extra_visible)
  let text = `通讯录查看权限规则 #${r.rule_id}（${RULE_TYPE_LABEL[r.rule_type]}）：范围 ${describeTargets(range)}`
  text += `；例外 ${describeTargets(whitelist)}`
  if (r.rule_type === 2) text += `；额外可见 ${describeTargets(extra)}`
  return {
    kind: 'contact_rule',
    rule_id: r.rule_id,
    rule_type: r.rule_type,
    range,
    whitelist,
    extra_visible: extra,
    text,
  }
}

function mailboxSettings(
  source: CorpState,
  mb: BusinessMailbox,
  inRecycle: boolean,
  targetUserid: (u: string) => string | undefined,
): DroppedSetting[] {
  const mailbox: MailboxRef = { id: mb.id, email: mb.email, name: mb.name, in_recycle: inRecycle }
  const where = `${inRecycle ? '回收站中的' : ''}业务邮箱「${mb.name}」(${mb.email})`
  const { dropped } = movedUsers(mb, targetUserid)
  const out: DroppedSetting[] = []
  for (const id of dropped.departments) {
    const name = deptName(source, id)
    out.push({ kind: 'publicmail_department', mailbox, id, name, text: `${where} 的可用部门「${name}」` })
  }
  for (const id of dropped.tags) {
    const name = tagName(source, id)
    out.push({ kind: 'publicmail_tag', mailbox, id, name, text: `${where} 的可用标签「${name}」` })
  }
  for (const userid of dropped.userids) {
    const name = userName(source, userid)
    out.push({
      kind: 'publicmail_user',
      mailbox,
      userid,
      name,
      text: `${where} 的可用成员 ${name}（${userid}）：目标企业没有该成员`,
    })
  }
  return out
}

/** Every setting of A that becomes invalid in B, in a stable order (mailboxes by id, then rules). */
export function droppedSettings(
  source: CorpState,
  targetUserid: (userid: string) => string | undefined,
): DroppedSetting[] {
  const out: DroppedSetting[] = []
  const boxes: { mb: BusinessMailbox; inRecycle: boolean }[] = [
    ...Object.values(source.publicmails).map((mb) => ({ mb, inRecycle: false })),
    ...Object.values(source.recycle)
      .filter((r) => r.kind === 'business' && r.mailbox)
      .map((r) => ({ mb: r.mailbox as BusinessMailbox, inRecycle: true })),
  ].sort((a, b) => a.mb.id - b.mb.id)
  for (const { mb, inRecycle } of boxes) out.push(...mailboxSettings(source, mb, inRecycle, targetUserid))
  const rules = Object.values(source.contactRules).sort((a, b) => a.rule_id - b.rule_id)
  for (const r of rules) out.push(ruleSetting(source, r))
  return out
}
