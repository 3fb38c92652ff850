// Bounces (退信): mail to an internal address with nowhere to go is accepted like any other and a
// notice from the postmaster lands in the sending mailbox's Inbox, threaded with the Sent copy.
// Delivered straight to the Inbox: the sender's receive rules must not file or delete it unseen.
import type { MailMessage, MailStore } from '../state'
import { addMessage } from './store'

export const BOUNCE_SENDER_NAME = '系统退信'
export const BOUNCE_REASON = '收件人地址不存在'

export function postmasterOf(domain: string): string {
  return `postmaster@${domain}`
}

export function bounceSubject(subject: string): string {
  return `退信：${subject.trim() || '(无主题)'}`
}

/** The notice's text: each undeliverable address with why, then what the original was. */
export function bounceContent(
  original: MailMessage,
  undeliverable: readonly string[],
  reason = BOUNCE_REASON,
): string {
  const lines = [
    '您发送的邮件未能送达以下收件人：',
    '',
    ...undeliverable.map((a) => `  ${a}：${reason}`),
    '',
    '请核对收件人地址后重新发送。其他收件人不受影响。',
    '',
    '----- 原邮件信息 -----',
    `发件人：${original.from}`,
    `主题：${original.subject.trim() || '(无主题)'}`,
  ]
  return lines.join('\n')
}

/** Stores the 退信 notice for `original` (the sender's Sent copy) in the sender's Inbox. */
export function bounce(
  store: MailStore,
  original: MailMessage,
  undeliverable: readonly string[],
  domain: string,
  time: number,
  reason = BOUNCE_REASON,
): MailMessage {
  return addMessage(store, {
    folder: 'inbox',
    from: `${BOUNCE_SENDER_NAME} <${postmasterOf(domain)}>`,
    to: [original.from],
    cc: [],
    bcc: [],
    subject: bounceSubject(original.subject),
    content: bounceContent(original, undeliverable, reason),
    time,
    read: false,
    starred: false,
    message_id: '',
    in_reply_to: original.message_id,
    delivered_to: original.from,
  })
}
