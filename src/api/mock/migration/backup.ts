// The backup of every dropped setting, mailed to the creator when the migration switches over
// (product spec 6): readable first, then the same data as JSON so nothing has to be retyped.
import type { CorpState, MailStore } from '../state'
import { addMessage } from '../mail/store'
import type { DroppedSetting } from './dropped'

export const BACKUP_FROM = '企业邮箱迁移 <noreply@wecom.work>'

export function backupSubject(source: CorpState, target: CorpState): string {
  return `【邮箱迁移】已失效设置的备份（${source.name} → ${target.name}）`
}

export function backupContent(source: CorpState, target: CorpState, dropped: DroppedSetting[]): string {
  const lines = [
    '您好：',
    '',
    `「${source.name}」的邮箱已迁移到「${target.name}」，通讯录以「${target.name}」为准。`,
  ]
  if (dropped.length) {
    lines.push(
      '以下设置按部门、标签或目标企业中不存在的成员定义，迁移后已失效并被移除。特此备份，供您在新企业中重新设置：',
      '',
      ...dropped.map((d, i) => `${i + 1}. ${d.text}`),
      '',
      `共 ${dropped.length} 项。`,
    )
  } else {
    lines.push('没有按部门或标签定义的设置需要移除，无需重新设置。')
  }
  lines.push(
    '',
    '机器可读的备份数据（JSON）：',
    JSON.stringify({ source: source.corpid, target: target.corpid, dropped }, null, 2),
  )
  return lines.join('\n')
}

/** Drops the backup into the store's inbox, unread: receive rules are bypassed so it cannot be filtered away. */
export function deliverBackup(
  store: MailStore,
  to: string,
  source: CorpState,
  target: CorpState,
  dropped: DroppedSetting[],
  now: number,
): string {
  const msg = addMessage(store, {
    folder: 'inbox',
    from: BACKUP_FROM,
    to: [to],
    cc: [],
    bcc: [],
    subject: backupSubject(source, target),
    content: backupContent(source, target, dropped),
    time: now,
    read: false,
    starred: false,
    message_id: '',
    in_reply_to: '',
    delivered_to: to,
  })
  return msg.mail_id
}
