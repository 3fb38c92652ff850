// One mailbox's mail store: folders, messages, drafts, and a derived (non-persisted) index over them.
// The index is dropped on every tracked write to the store (src/api/mock/derived.ts noteWrite) and
// rebuilt on next use; a new message moves nextId, which voids it too.
import { BUILT_IN_FOLDERS, countsAsUnread, isBuiltInFolder } from '../../../policy/folders'
import { normalizeSubject, threadFor } from '../../../policy/threading'
import type { MailMessage, MailStore } from '../state'
import { raw } from '../tx'
import { derivedSlot } from '../derivedSlot'

export const FIXED_FOLDERS = BUILT_IN_FOLDERS

export function isFixedFolder(id: string): boolean {
  return isBuiltInFolder(id)
}

export function folderExists(store: MailStore, id: string): boolean {
  return isBuiltInFolder(id) || Object.prototype.hasOwnProperty.call(store.folders, id)
}

/** Id of the rule folder with this name (case-insensitive), created when absent. */
export function folderByName(store: MailStore, name: string): string {
  const wanted = name.trim().toLowerCase()
  for (const [id, n] of Object.entries(store.folders)) if (n.toLowerCase() === wanted) return id
  const id = `f${store.nextId++}`
  store.folders[id] = name.trim()
  return id
}

/** Numeric sequence of an id like m12 / d7 / d7-1a2b3c: the tie-breaker for equal times. */
export function seqOf(id: string): number {
  const n = parseInt(id.slice(1), 10)
  return Number.isFinite(n) ? n : 0
}

/** 8 hex digits of FNV-1a over the userid: marks whose draft an id was, without naming them. */
function ownerTag(userid: string): string {
  let h = 0x811c9dc5
  for (let i = 0; i < userid.length; i++) {
    h ^= userid.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return (h >>> 0).toString(16).padStart(8, '0')
}

/**
 * A new draft id for `owner`: d<seq>-<owner tag>. The tag lets a repeated delete of one's own draft
 * succeed after it is gone while any other id (someone else's draft, gone or not) is refused alike.
 */
export function newDraftId(store: MailStore, owner: string): string {
  return `d${store.nextId++}-${ownerTag(owner)}`
}

/** Was this draft id issued to `owner` (whether or not the draft still exists)? */
export function isDraftIdOf(id: string, owner: string): boolean {
  return id.endsWith(`-${ownerTag(owner)}`)
}

/** newest first: time, then creation order */
export function newestFirst(a: { time: number; mail_id: string }, b: { time: number; mail_id: string }) {
  return b.time - a.time || seqOf(b.mail_id) - seqOf(a.mail_id)
}

export interface FolderStats {
  unread: number
  total: number
}

interface StoreIndex {
  /** guard: a store changed behind our back (nextId moved) rebuilds the index */
  nextId: number
  byMessageId: Map<string, MailMessage>
  /** Message-ID -> a copy that arrived (any folder but Sent), and -> the Sent copy */
  received: Map<string, MailMessage>
  sent: Map<string, MailMessage>
  /** normalised subject -> newest message with it */
  bySubject: Map<string, MailMessage>
  stats: Map<string, FolderStats>
  unread: number
  sorted: Map<string, MailMessage[]>
}

const cache = derivedSlot<MailStore, StoreIndex>('mail store index')

export function touchStore(store: MailStore): void {
  cache.delete(raw(store))
}

function storeIndex(store: MailStore): StoreIndex {
  const hit = cache.get(raw(store))
  if (hit && hit.nextId === store.nextId) return hit
  const idx: StoreIndex = {
    nextId: store.nextId,
    byMessageId: new Map(),
    received: new Map(),
    sent: new Map(),
    bySubject: new Map(),
    stats: new Map(),
    unread: 0,
    sorted: new Map(),
  }
  for (const m of Object.values(store.messages)) {
    if (m.message_id) {
      idx.byMessageId.set(m.message_id, m)
      ;(m.folder === 'sent' ? idx.sent : idx.received).set(m.message_id, m)
    }
    const base = normalizeSubject(m.subject)
    if (base) {
      const prev = idx.bySubject.get(base)
      if (!prev || newestFirst(m, prev) < 0) idx.bySubject.set(base, m)
    }
    const s = idx.stats.get(m.folder) ?? { unread: 0, total: 0 }
    s.total++
    if (!m.read) {
      s.unread++
      if (countsAsUnread(m.folder)) idx.unread++
    }
    idx.stats.set(m.folder, s)
  }
  cache.set(raw(store), idx)
  return idx
}

export function mailboxUnread(store: MailStore): number {
  return storeIndex(store).unread
}

export function folderStats(store: MailStore, folder: string): FolderStats {
  return storeIndex(store).stats.get(folder) ?? { unread: 0, total: 0 }
}

/** Messages of a folder, newest first (cached until the store changes). */
export function folderMessages(store: MailStore, folder: string): MailMessage[] {
  const idx = storeIndex(store)
  let list = idx.sorted.get(folder)
  if (!list) {
    list = Object.values(store.messages).filter((m) => m.folder === folder)
    list.sort(newestFirst)
    idx.sorted.set(folder, list)
  }
  return list
}

/**
 * The copy of a Message-ID this store already holds: one that arrived (`received`) or its own Sent
 * copy (`sent`). A sender that retries after a dropped connection resends the same Message-ID.
 */
export function copyOf(
  store: MailStore,
  messageId: string,
  kind: 'received' | 'sent',
): MailMessage | undefined {
  return messageId ? storeIndex(store)[kind].get(messageId) : undefined
}

export function getMessage(store: MailStore, mailId: string): MailMessage | undefined {
  return Object.prototype.hasOwnProperty.call(store.messages, mailId) ? store.messages[mailId] : undefined
}

/** a message before it is stored: the store assigns mail_id and thread ('' message_id = generate one) */
export type NewMessage = Omit<MailMessage, 'mail_id' | 'thread'>

/** A Message-ID unique across stores: store id, sequence and time, at the sender's domain. */
export function makeMessageId(store: MailStore, seq: number, time: number, from: string): string {
  const domain = from.slice(from.lastIndexOf('@') + 1) || 'localhost'
  return `<${store.id.replace(/[^A-Za-z0-9.-]/g, '.')}.${seq}.${time.toString(36)}@${domain}>`
}

/** The message of this store with this Message-ID (any folder; the last stored when several). */
export function messageById(store: MailStore, messageId: string): MailMessage | undefined {
  return messageId ? storeIndex(store).byMessageId.get(messageId) : undefined
}

/**
 * Stores a message, threading it (In-Reply-To, then References, then reply-subject fallback; see
 * policy/threading). An empty References chain is not stored.
 */
export function addMessage(store: MailStore, fields: NewMessage): MailMessage {
  const idx = storeIndex(store)
  const seq = store.nextId++
  const message_id = fields.message_id || makeMessageId(store, seq, fields.time, fields.from)
  const { references, ...rest } = fields
  const thread = threadFor(
    { message_id, in_reply_to: fields.in_reply_to, subject: fields.subject, references },
    {
      threadOfMessageId: (id) => idx.byMessageId.get(id)?.thread,
      threadOfSubject: (base) => idx.bySubject.get(base)?.thread,
    },
  )
  const msg: MailMessage = {
    ...rest,
    ...(references?.length ? { references: references.slice() } : {}),
    mail_id: `m${seq}`,
    message_id,
    thread,
  }
  store.messages[msg.mail_id] = msg
  return msg
}

export function updateMessage(
  msg: MailMessage,
  change: { read?: boolean; starred?: boolean; folder?: string },
): void {
  if (change.read !== undefined) msg.read = change.read
  if (change.starred !== undefined) msg.starred = change.starred
  if (change.folder !== undefined) msg.folder = change.folder
}
