// Member mail (api.md "Member mail"): mailbox switching, folders, messages, send, drafts, settings.
// Every call opens its mailbox through openMailbox, which re-checks access and enabled state now.
import type { AccessRoute } from '../../../policy/access'
import { ErrCode } from '../../../policy/codes'
import type { Verdict } from '../../../policy/result'
import { placeSignature } from '../../../policy/reply'
import type { ApiResult } from '../../contract'
import { mailAuthCodeApis } from '../mail/authCodeApis'
import { bounce } from '../mail/bounce'
import { checkDraft, checkSend } from '../mail/compose'
import { receive } from '../mail/delivery'
import { optBool, reqId } from '../mail/fields'
import { listMessages, parseCursor, parseLimit } from '../mail/listing'
import { reachableMailboxes } from '../mail/mailboxIndex'
import { openMailbox, type OpenMailbox } from '../mail/open'
import { planRecipients } from '../mail/routing'
import { applySettings, checkSettingsUpdate, personalOf, sharedView } from '../mail/settings'
import {
  addMessage,
  FIXED_FOLDERS,
  folderExists,
  folderStats,
  getMessage,
  isDraftIdOf,
  mailboxUnread,
  newDraftId,
  newestFirst,
  touchStore,
  updateMessage,
} from '../mail/store'
import { failure, success, type ApiTable, type Body, type HandlerContext } from '../registry'
import type { CorpState, MailMessage } from '../state'

const refusal = (v: Extract<Verdict<unknown>, { ok: false }>): ApiResult => failure(v.errcode, v.errmsg)

function routeName(corp: CorpState, r: AccessRoute) {
  if (r.kind === 'direct') return { type: 'direct' }
  if (r.kind === 'department')
    return { type: 'department', id: r.id, name: corp.departments[r.id]?.name ?? '' }
  return { type: 'tag', id: r.id, name: corp.tags[r.id]?.tagname ?? '' }
}

function mailboxList({ corp, caller }: HandlerContext): ApiResult {
  const mailboxes: Record<string, unknown>[] = []
  const own = caller.storeId && caller.biz_mail ? corp.stores[caller.storeId] : undefined
  // A member whose mailbox was converted into a business mailbox has no personal one.
  if (own) {
    mailboxes.push({
      id: 'personal',
      email: caller.biz_mail,
      name: caller.name,
      kind: 'personal',
      enabled: true,
      unread: mailboxUnread(own),
      access_via: [],
      aliases: caller.alias.slice(),
      // the member's new-mail reminder for this mailbox: the app badges only mailboxes with it on
      notify: personalOf(own, caller.userid).notify,
    })
  }
  for (const { mailbox: mb, routes } of reachableMailboxes(corp, caller)) {
    const store = corp.stores[mb.storeId]
    mailboxes.push({
      id: mb.id,
      email: mb.email,
      name: mb.name,
      kind: 'business',
      enabled: mb.enabled,
      unread: store ? mailboxUnread(store) : 0,
      access_via: routes.map((r) => routeName(corp, r)),
      aliases: mb.alias_list.slice(),
      notify: store ? personalOf(store, caller.userid).notify : true,
    })
  }
  return success({ mailboxes })
}

/** Opens body.mailbox for the caller, or answers the refusal. */
function withMailbox(handler: (ctx: HandlerContext, body: Body, box: OpenMailbox) => ApiResult) {
  return (ctx: HandlerContext, body: Body): ApiResult => {
    const box = openMailbox(ctx.corp, ctx.caller, body.mailbox)
    return box.ok ? handler(ctx, body, box.value) : refusal(box)
  }
}

const folderList = withMailbox(({ caller }, _body, { store }) => {
  const drafts = Object.values(store.drafts).filter((d) => d.owner === caller.userid).length
  const folders = [
    ...FIXED_FOLDERS.map((f) => ({
      id: f.id,
      name: f.name,
      ...(f.id === 'drafts' ? { unread: 0, total: drafts } : folderStats(store, f.id)),
    })),
    ...Object.entries(store.folders).map(([id, name]) => ({ id, name, ...folderStats(store, id) })),
  ]
  return success({ folders })
})

const messageList = withMailbox(({ caller }, body, { store }) => {
  if (typeof body.folder !== 'string' || !folderExists(store, body.folder)) {
    return failure(ErrCode.INVALID_PARAM, '文件夹不存在 (folder)')
  }
  const cursor = parseCursor(body.cursor)
  if (!cursor.ok) return refusal(cursor)
  const limit = parseLimit(body.limit)
  if (!limit.ok) return refusal(limit)
  const threaded = personalOf(store, caller.userid).conversation_mode
  return success({
    threaded,
    ...listMessages(store, body.folder, caller.userid, threaded, cursor.value, limit.value),
  })
})

function messageView(m: MailMessage) {
  return { ...m, to: m.to.slice(), cc: m.cc.slice(), bcc: m.bcc.slice() }
}

function findMessage(box: OpenMailbox, raw: unknown): Verdict<MailMessage> {
  const id = reqId(raw, 'mail_id')
  if (!id.ok) return id
  const m = getMessage(box.store, id.value)
  return m
    ? { ok: true, value: m }
    : { ok: false, errcode: ErrCode.INVALID_PARAM, errmsg: '邮件不存在 (mail_id)' }
}

/** The message (marks it read), its conversation (same thread and folder, oldest first), and the address a reply defaults to. */
const messageRead = withMailbox(({ caller }, body, box) => {
  const { store } = box
  // A draft id restores the caller's own draft.
  if (typeof body.mail_id === 'string' && Object.prototype.hasOwnProperty.call(store.drafts, body.mail_id)) {
    const d = store.drafts[body.mail_id]
    if (d.owner === caller.userid) return success({ draft: { ...d } })
  }
  const found = findMessage(box, body.mail_id)
  if (!found.ok) return refusal(found)
  const wholeThread = optBool(body.thread, 'thread')
  if (!wholeThread.ok) return refusal(wholeThread)
  const msg = found.value
  const thread = Object.values(store.messages)
    .filter((m) => m.thread === msg.thread && m.folder === msg.folder)
    .sort((a, b) => -newestFirst(a, b))
  for (const m of wholeThread.value ? thread : [msg]) m.read = true
  touchStore(store)
  // A reply goes out from the alias the original was sent to, when that is one of ours.
  const reply_from = box.addresses.includes(msg.delivered_to) ? msg.delivered_to : box.addresses[0]
  return success({ message: messageView(msg), conversation: thread.map(messageView), reply_from })
})

const messageUpdate = withMailbox((_ctx, body, box) => {
  const found = findMessage(box, body.mail_id)
  if (!found.ok) return refusal(found)
  const read = optBool(body.read, 'read')
  if (!read.ok) return refusal(read)
  const starred = optBool(body.starred, 'starred')
  if (!starred.ok) return refusal(starred)
  const wholeThread = optBool(body.thread, 'thread')
  if (!wholeThread.ok) return refusal(wholeThread)
  let folder: string | undefined
  if (body.folder !== undefined && body.folder !== null) {
    // Drafts hold drafts only; delete is a move to 'trash'.
    if (
      typeof body.folder !== 'string' ||
      body.folder === 'drafts' ||
      !folderExists(box.store, body.folder)
    ) {
      return failure(ErrCode.INVALID_PARAM, '目标文件夹不存在 (folder)')
    }
    folder = body.folder
  }
  if (read.value === undefined && starred.value === undefined && folder === undefined) {
    return failure(ErrCode.INVALID_PARAM, '没有要修改的内容 (read)')
  }
  const msg = found.value
  const targets = wholeThread.value
    ? Object.values(box.store.messages).filter((m) => m.thread === msg.thread && m.folder === msg.folder)
    : [msg]
  for (const m of targets) updateMessage(box.store, m, { read: read.value, starred: starred.value, folder })
  return success({ updated: targets.length })
})

const messageSend = withMailbox(({ corp, caller, env }, body, box) => {
  const out = checkSend(body, box.addresses)
  if (!out.ok) return refusal(out)
  const m = out.value
  // Every recipient is accepted: internal ones without a mailbox are bounced after the Sent copy exists.
  const plan = planRecipients(corp, [...m.to, ...m.cc, ...m.bcc])
  const time = env.now()
  const content = placeSignature(m.content, box.store.shared.signature)
  const sent = addMessage(box.store, {
    folder: 'sent',
    from: m.from,
    to: m.to,
    cc: m.cc,
    bcc: m.bcc,
    subject: m.subject,
    content,
    time,
    read: true,
    starred: false,
    message_id: '',
    in_reply_to: m.in_reply_to,
    delivered_to: m.from,
  })
  for (const { address, dest } of plan.deliveries) {
    // Internal delivery runs the recipient mailbox's own receive rules; Bcc stays hidden.
    receive(corp.stores[dest.storeId], {
      from: m.from,
      to: m.to,
      cc: m.cc,
      subject: m.subject,
      content,
      message_id: sent.message_id,
      in_reply_to: m.in_reply_to,
      delivered_to: address,
      time,
    })
  }
  if (plan.undeliverable.length) bounce(box.store, sent, plan.undeliverable, corp.domain.name, time)
  const draft = m.draft_id ? box.store.drafts[m.draft_id] : undefined
  if (draft && draft.owner === caller.userid) delete box.store.drafts[m.draft_id]
  return success({ mail_id: sent.mail_id, message_id: sent.message_id })
})

/** Saves the caller's draft whole. An unknown (or someone else's) draft_id saves a new draft: never lose text. */
const draftSave = withMailbox(({ caller, env }, body, { store }) => {
  if (body.draft_id !== undefined && body.draft_id !== null && typeof body.draft_id !== 'string') {
    return failure(ErrCode.INVALID_PARAM, '草稿 id 无效 (draft_id)')
  }
  const fields = checkDraft(body)
  if (!fields.ok) return refusal(fields)
  const existing = typeof body.draft_id === 'string' ? store.drafts[body.draft_id] : undefined
  const draft_id =
    existing && existing.owner === caller.userid ? existing.draft_id : newDraftId(store, caller.userid)
  store.drafts[draft_id] = { draft_id, ...fields.value, owner: caller.userid, update_time: env.now() }
  return success({ draft_id })
})

/**
 * Deletes the caller's own draft. Deleting one's own draft again after it is gone (sent, or a retried
 * delete) succeeds; any other id — another member's draft in a shared mailbox included — answers
 * 40058 "草稿不存在" exactly as an id that never existed, and changes nothing.
 */
const draftDelete = withMailbox(({ caller }, body, { store }) => {
  const id = reqId(body.draft_id, 'draft_id')
  if (!id.ok) return refusal(id)
  const d = Object.prototype.hasOwnProperty.call(store.drafts, id.value) ? store.drafts[id.value] : undefined
  if (d && d.owner === caller.userid) {
    delete store.drafts[id.value]
    return success({ draft_id: id.value })
  }
  if (!d && isDraftIdOf(id.value, caller.userid)) return success({ draft_id: id.value })
  return failure(ErrCode.INVALID_PARAM, '草稿不存在 (draft_id)')
})

const settingsGet = withMailbox(({ caller }, _body, { store }) =>
  success({ shared: sharedView(store), personal: personalOf(store, caller.userid) }),
)

const settingsUpdate = withMailbox(({ caller }, body, { store }) => {
  const change = checkSettingsUpdate(body, store)
  if (!change.ok) {
    // 6000 carries the current shared settings so the app can show the newest version.
    return { ...failure(change.errcode, change.errmsg), ...(change.shared ? { shared: change.shared } : {}) }
  }
  applySettings(store, caller.userid, change.value)
  return success({
    version: store.shared.version,
    shared: sharedView(store),
    personal: personalOf(store, caller.userid),
  })
})

export const mailApis: ApiTable = {
  'mail/mailbox/list': { handler: mailboxList },
  'mail/folder/list': { handler: folderList },
  'mail/message/list': { handler: messageList },
  'mail/message/read': { handler: messageRead, write: true },
  'mail/message/update': { handler: messageUpdate, write: true },
  'mail/message/send': { handler: messageSend, write: true },
  'mail/draft/save': { handler: draftSave, write: true },
  'mail/draft/delete': { handler: draftDelete, write: true },
  'mail/settings/get': { handler: settingsGet },
  'mail/settings/update': { handler: settingsUpdate, write: true },
  ...mailAuthCodeApis,
}
