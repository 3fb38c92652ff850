// The whole backend state: plain JSON, so it persists through KeyValueStorage as one document.
// Derived lookups (indexes) live elsewhere and are rebuilt from this on load.
import type { ReceiveRule } from '../../policy/receiveRules'
import type { ContactRule, DraftView, Edition, Message, RuleTargets } from '../contract'
import type { LoginGuard } from '../../policy/clientLock'

export const SCHEMA_VERSION = 1

export interface BackendState {
  schema: number
  corps: Record<string, CorpState>
}

export interface Department {
  id: number
  name: string
  parentid: number
  order: number
}

export interface Member {
  userid: string
  name: string
  department: number[]
  position: string
  mobile: string
  gender: '0' | '1' | '2'
  /** 1 active, 2 disabled, 4 not yet activated, 5 left (WeCom codes) */
  status: number
  /** '' once the mailbox was converted into a business mailbox */
  biz_mail: string
  alias: string[]
  advanced: 0 | 1
  /** the member's personal mail store; null after conversion */
  storeId: string | null
}

export interface Tag {
  tagid: number
  tagname: string
  userlist: string[]
  partylist: number[]
}

/** a visibility rule is stored as the contract shows it */
export type { ContactRule, RuleTargets as RuleTargetsState }

export interface AuthCode {
  auth_code_id: string
  /** hex sha-256 of salt + secret; the secret itself is never stored */
  hash: string
  salt: string
  remark: string
  /** userid of whoever created it */
  creator: string
  by_admin: boolean
  create_time: number
  last_use_time: number
  revoked: boolean
  /**
   * the first 4 hex digits of the unsalted sha-256 of the secret: a login hashes only the codes
   * sharing it, not every live code (16 bits say nothing useful about an 80-bit secret)
   */
  lookup?: string
}

export interface Bindings {
  wechat: boolean
  mobile: boolean
  wecom: boolean
}

export interface BusinessMailbox {
  id: number
  email: string
  name: string
  userid_list: string[]
  department_list: number[]
  tag_list: number[]
  alias_list: string[]
  enabled: boolean
  storeId: string
  authCodes: AuthCode[]
  bindings: Bindings
  create_time: number
  /** recent failed client logins and the lock they caused (absent = none) */
  clientLogin?: LoginGuard
}

export interface RecycleEntry {
  id: number
  kind: 'business' | 'member'
  email: string
  name: string
  deleted_time: number
  expire_time: number
  /** the business mailbox as it was (kind business), restored with the same id */
  mailbox?: BusinessMailbox
  /** addresses still occupied while in the bin (address and aliases) */
  addresses: string[]
  storeId: string | null
  /** kind member: whose mailbox it was, so a restore can give it back to that member */
  userid?: string
}

export type FolderId = string

/** a stored message: the contract's Message with what the store keeps besides */
export interface MailMessage extends Message {
  folder: FolderId
  bcc: string[]
  /** thread key: message_id of the thread's root */
  thread: string
  /** the References chain, oldest first, capped (policy/references); absent = none */
  references?: string[]
  /** address the message arrived at (mailbox address or alias), for reply-from defaults */
  delivered_to: string
  /** a Sent copy with outside recipients, while and after the relay takes it (server only) */
  outbound?: Outbound
  /** the HTML part, sanitised when the mail was stored (policy/mailHtml) */
  content_html?: string
  attachments?: StoredAttachment[]
}

/** an attachment's metadata; its bytes are the blob (blobs.ts), shared by every copy */
export interface StoredAttachment {
  attachment_id: string
  name: string
  size: number
  content_type: string
  blob: string
}

/** a file uploaded for a mail not sent yet: usable by its owner in this mailbox for a day */
export interface Upload extends StoredAttachment {
  owner: string
  time: number
}

/** the relay's work on one sent message (policy/outbound) */
export interface Outbound {
  /** outside recipients (To, Cc and Bcc) */
  to: string[]
  /** queued: waiting for a worker (or a retry); sending: a worker holds it until next_at */
  state: 'queued' | 'sending' | 'sent' | 'failed'
  attempts: number
  next_at: number
  /** the relay's last refusal, in words for the sender */
  error: string
}

/** one receive rule; the shape and its limits live with the rule checks */
export type { ReceiveRule }

export interface SharedSettings {
  signature: string
  rules: ReceiveRule[]
  imap: boolean
  pop: boolean
  version: number
}

export interface PersonalSettings {
  conversation_mode: boolean
  notify: boolean
}

/** a saved draft: the fields the contract shows (DraftView), and who saved it when */
export interface Draft extends Omit<DraftView, 'attachments'> {
  /** who saved it (drafts of a shared mailbox are per member) */
  owner: string
  update_time: number
  attachments?: StoredAttachment[]
}

export interface MailStore {
  id: string
  /** rule-created folders: id -> name (fixed folders are implicit) */
  folders: Record<string, string>
  messages: Record<string, MailMessage>
  drafts: Record<string, Draft>
  shared: SharedSettings
  personal: Record<string, PersonalSettings>
  nextId: number
  /** mail/attachment/upload's files, by attachment id, until sent or a day old */
  uploads?: Record<string, Upload>
}

export interface MigrationState {
  migration_id: string
  source: string
  target: string
  state: 'running' | 'done'
  steps: { name: string; done: boolean }[]
  started: number
  finished?: number
  /** set when the migration ended without moving anything (a precondition broke meanwhile) */
  error?: { errcode: number; errmsg: string }
}

export interface IdempotencyRecord {
  /** sha-256 of the canonical JSON of the request body, without the key */
  digest: string
  result: Record<string, unknown>
  /** when the first request was answered (epoch ms); records expire after a day */
  time: number
}

export interface CorpState {
  corpid: string
  name: string
  creator: string
  creatorAccount?: string
  admins: string[]
  edition: Edition
  advancedSeats: number
  domain: { name: string; kind: 'custom' | 'experience' }
  departments: Record<string, Department>
  users: Record<string, Member>
  tags: Record<string, Tag>
  contactRules: Record<string, ContactRule>
  publicmails: Record<string, BusinessMailbox>
  recycle: Record<string, RecycleEntry>
  /** addresses of mail groups (occupied, not otherwise modelled) */
  mailGroups: string[]
  stores: Record<string, MailStore>
  migrated: boolean
  migration: MigrationState | null
  idempotency: Record<string, IdempotencyRecord>
  nextId: { department: number; tag: number; rule: number; publicmail: number; store: number }
}
