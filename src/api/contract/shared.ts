// The wire contract shared by every transport (../shared/spec/api.md): envelope, set-up and storage.
import type { Edition } from '../../policy/edition'

export type ApiResult = { errcode: number; errmsg: string } & Record<string, unknown>

export interface CallContext {
  corpid: string
  userid: string
}

export interface IncomingMail {
  from: string
  to?: string[]
  cc?: string[]
  subject: string
  content: string
  message_id?: string
  in_reply_to?: string
  /** the References header's Message-IDs, oldest first (the backend keeps the root and the newest 19) */
  references?: string[]
  /** the HTML part (the backend sanitises it) */
  html?: string
  /** content in base64 */
  attachments?: { filename: string; content_type: string; content: string }[]
}

/** Taro storage in the app, a Map in tests. */
export interface KeyValueStorage {
  get(key: string): string | undefined | Promise<string | undefined>
  set(key: string, value: string): void | Promise<void>
  remove(key: string): void | Promise<void>
}

export type { Edition }

export interface CorpSetup {
  corpid: string
  name: string
  /** userid; created automatically as a member of dept 1 if absent */
  creator: string
  /**
   * the creator as a person across orgs (their WeCom account; userids differ between orgs). Two
   * corps have the same creator iff both name the same non-empty creatorAccount; absent = matches
   * no other corp
   */
  creatorAccount?: string
  admins?: string[]
  edition: Edition
  advancedSeats?: number
  domain: { name: string; kind: 'custom' | 'experience' }
}

/** A transport carries one call to a backend and brings back its envelope. */
export interface Transport {
  call(api: string, body: object, ctx: CallContext): Promise<ApiResult>
}
