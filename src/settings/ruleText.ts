// Receive rules in the member's words: "主题包含「发票」 → 移动到「财务票据」".
import type { ReceiveRule } from '../api/mailTypes'

export type RuleField = ReceiveRule['conditions'][number]['field']
export type RuleActionType = ReceiveRule['actions'][number]['type']

export const FIELD_LABELS: Record<RuleField, string> = {
  from: '发件人',
  to: '收件人',
  subject: '主题',
  body: '正文',
}
export const FIELDS: RuleField[] = ['from', 'to', 'subject', 'body']

export const ACTION_LABELS: Record<RuleActionType, string> = {
  move: '移动到文件夹',
  mark_read: '标为已读',
  star: '加星标',
  delete: '删除（移到已删除）',
  stop: '不再处理后面的规则',
}
/** the order actions are offered and stored in */
export const ACTION_TYPES: RuleActionType[] = ['move', 'mark_read', 'star', 'delete', 'stop']

export function conditionsText(rule: ReceiveRule): string {
  const parts = rule.conditions.map((c) => `${FIELD_LABELS[c.field]}包含「${c.value}」`)
  return parts.join(rule.match === 'all' ? ' 且 ' : ' 或 ')
}

export function actionsText(rule: ReceiveRule): string {
  return rule.actions
    .map((a) => (a.type === 'move' ? `移动到「${a.folder}」` : ACTION_LABELS[a.type]))
    .join('，')
}
