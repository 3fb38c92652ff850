// mail/message/list: newest first, keyset-paged (a cursor is the key of the last item shown, so
// mail arriving meanwhile never shifts or repeats a page). Threads group a folder's messages by
// thread key when the caller's conversation mode is on; the Drafts folder lists the caller's own
// drafts (drafts of a shared mailbox belong to whoever saved them).
import { ErrCode } from '../../../policy/codes'
import { snippet } from '../../../policy/mailText'
import { ok, refuse, type Verdict } from '../../../policy/result'
import type { MessageItem } from '../../contract'
import type { Draft, MailMessage, MailStore } from '../state'
import { deliveryOf } from './outbox'
import { folderMessages, newestFirst, seqOf } from './store'

export const DEFAULT_PAGE = 20
export const MAX_PAGE = 100

/** a list row as the contract shows it; the backend always fills in To */
export type ListItem = MessageItem & { to: string[] }

interface Key {
  time: number
  seq: number
}

export function parseCursor(raw: unknown): Verdict<Key | null> {
  if (raw === undefined || raw === null || raw === '') return ok(null)
  const m = typeof raw === 'string' ? /^(\d{1,15})_(\d{1,15})$/.exec(raw) : null
  if (!m) return refuse(ErrCode.INVALID_PARAM, '分页游标无效 (cursor)')
  return ok({ time: Number(m[1]), seq: Number(m[2]) })
}

export function parseLimit(raw: unknown): Verdict<number> {
  if (raw === undefined || raw === null) return ok(DEFAULT_PAGE)
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 1 || raw > MAX_PAGE) {
    return refuse(ErrCode.INVALID_PARAM, `每页数量需为 1–${MAX_PAGE} 的整数 (limit)`)
  }
  return ok(raw)
}

const keyOf = (item: { time: number; mail_id: string }): Key => ({
  time: item.time,
  seq: seqOf(item.mail_id),
})
const olderThan = (item: { time: number; mail_id: string }, k: Key) =>
  item.time < k.time || (item.time === k.time && seqOf(item.mail_id) < k.seq)

/** One page of entries (sorted newest first); only the shown ones are turned into items. */
function page<T extends { time: number; mail_id: string }>(
  entries: T[],
  cursor: Key | null,
  limit: number,
  toItem: (e: T) => ListItem,
) {
  const start = cursor ? entries.findIndex((e) => olderThan(e, cursor)) : 0
  const shown = start < 0 ? [] : entries.slice(start, start + limit)
  const last = shown[shown.length - 1]
  const more = start >= 0 && entries.length > start + limit
  return {
    items: shown.map(toItem),
    next_cursor: more && last ? `${keyOf(last).time}_${keyOf(last).seq}` : '',
  }
}

function messageItem(m: MailMessage): ListItem {
  const delivery = deliveryOf(m)
  return {
    ...(delivery ? { delivery } : {}),
    ...(m.attachments?.length ? { attachments: m.attachments.length } : {}),
    mail_id: m.mail_id,
    from: m.from,
    to: m.to,
    subject: m.subject,
    snippet: snippet(m.content),
    time: m.time,
    read: m.read,
    starred: m.starred,
  }
}

function draftItem(d: Draft, threaded: boolean): ListItem {
  const item: ListItem = {
    mail_id: d.draft_id,
    draft_id: d.draft_id,
    from: d.from,
    to: d.to,
    subject: d.subject,
    snippet: snippet(d.content),
    time: d.update_time,
    read: true,
    starred: false,
    ...(d.attachments?.length ? { attachments: d.attachments.length } : {}),
  }
  if (threaded) item.count = 1
  return item
}

interface ThreadEntry {
  time: number
  mail_id: string
  latest: MailMessage
  count: number
  read: boolean
  starred: boolean
}

/** Thread entries: the newest message of each thread in the folder; unread if any is, starred if any is. */
function threads(messages: MailMessage[]): ThreadEntry[] {
  const byThread = new Map<string, ThreadEntry>()
  const out: ThreadEntry[] = []
  for (const m of messages) {
    const t = byThread.get(m.thread)
    if (t) {
      t.count++
      if (!m.read) t.read = false
      if (m.starred) t.starred = true
      continue
    }
    const entry = { time: m.time, mail_id: m.mail_id, latest: m, count: 1, read: m.read, starred: m.starred }
    byThread.set(m.thread, entry)
    out.push(entry)
  }
  return out
}

export function listMessages(
  store: MailStore,
  folder: string,
  owner: string,
  threaded: boolean,
  cursor: Key | null,
  limit: number,
) {
  if (folder === 'drafts') {
    const drafts = Object.values(store.drafts)
      .filter((d) => d.owner === owner)
      .map((d) => ({ time: d.update_time, mail_id: d.draft_id, draft: d }))
      .sort(newestFirst)
    return page(drafts, cursor, limit, (e) => draftItem(e.draft, threaded))
  }
  const messages = folderMessages(store, folder)
  if (!threaded) return page(messages, cursor, limit, messageItem)
  return page(threads(messages), cursor, limit, (t) => ({
    ...messageItem(t.latest),
    read: t.read,
    starred: t.starred,
    count: t.count,
  }))
}
