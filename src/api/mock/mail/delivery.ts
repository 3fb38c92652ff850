// Receiving one message into a store: thread it, run the store's receive rules in order.
import { applyRules } from '../../../policy/receiveRules'
import type { MailHeaders } from '../../contract/mail'
import type { MailMessage, MailStore, ReceiveRule, StoredAttachment } from '../state'
import { addMessage, folderByName } from './store'

export interface Inbound extends MailHeaders {
  /** the References chain, oldest first, capped already (policy/references) */
  references?: string[]
  /** the address it was routed by (mailbox address or alias) */
  delivered_to: string
  time: number
  /** sanitised already (policy/mailHtml) */
  content_html?: string
  attachments?: StoredAttachment[]
}

/** `rules`: the store's receive rules (its shared settings, read through the settings port) */
export function receive(store: MailStore, rules: readonly ReceiveRule[], mail: Inbound): MailMessage {
  const outcome = applyRules(rules, {
    from: mail.from,
    to: [...mail.to, ...mail.cc],
    subject: mail.subject,
    body: mail.content,
  })
  const folder = outcome.delete ? 'trash' : outcome.moveTo ? folderByName(store, outcome.moveTo) : 'inbox'
  return addMessage(store, {
    folder,
    from: mail.from,
    to: mail.to,
    cc: mail.cc,
    bcc: [],
    subject: mail.subject,
    content: mail.content,
    time: mail.time,
    read: outcome.markRead,
    starred: outcome.star,
    message_id: mail.message_id,
    in_reply_to: mail.in_reply_to,
    ...(mail.references?.length ? { references: mail.references } : {}),
    delivered_to: mail.delivered_to,
    ...(mail.content_html ? { content_html: mail.content_html } : {}),
    // Each copy gets its own list (the bytes stay one shared blob).
    ...(mail.attachments?.length ? { attachments: mail.attachments.map((a) => ({ ...a })) } : {}),
  })
}
