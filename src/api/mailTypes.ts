// Response shapes of the member mail API (`mail/*` in ../shared/spec/api.md).

import type { ReceiveRule } from '../policy/receiveRules'
export type AccessVia =
  | { type: 'direct' }
  | { type: 'department'; id: number; name: string }
  | { type: 'tag'; id: number; name: string }

export interface MailboxSummary {
  /** 'personal' or the business mailbox id */
  id: string
  email: string
  name: string
  kind: 'personal' | 'business'
  enabled: boolean
  unread: number
  access_via: AccessVia[]
  /** aliases the member may send from (business mailbox aliases, or the member's own) */
  aliases?: string[]
  /** the member's new-mail reminder for this mailbox */
  notify?: boolean
}

export interface FolderSummary {
  id: string
  name: string
  unread: number
  total: number
}

export interface MessageItem {
  mail_id: string
  /** set on items of the Drafts folder */
  draft_id?: string
  to?: string[]
  from: string
  subject: string
  snippet: string
  time: number
  read: boolean
  starred: boolean
  /** messages in the thread (conversation mode) */
  count?: number
}

export interface Message {
  mail_id: string
  folder: string
  from: string
  to: string[]
  cc: string[]
  bcc?: string[]
  subject: string
  content: string
  time: number
  read: boolean
  starred: boolean
  message_id: string
  in_reply_to: string
  delivered_to?: string
}

/** mail/message/read: the message, its conversation (oldest first) and the From a reply defaults to */
export interface ReadResult {
  message: Message
  conversation: Message[]
  reply_from: string
}

export interface DraftView {
  draft_id: string
  from: string
  to: string[]
  cc: string[]
  bcc: string[]
  subject: string
  content: string
  in_reply_to: string
}

/** one receive rule; the shape and its limits live with the rule checks */
export type { ReceiveRule }

export interface MailSettings {
  shared: { signature: string; rules: ReceiveRule[]; imap: boolean; pop: boolean; version: number }
  personal: { conversation_mode: boolean; notify: boolean }
}
