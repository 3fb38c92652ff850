// Member mail (api.md "Member mail"): mailbox switching, folders, messages, send, drafts, settings.
// Every call opens its mailbox through openMailbox, which re-checks access and enabled state now.
import { sharesConversation } from '../../../policy/folders'
import type { AccessRoute } from '../../../policy/access'
import { ErrCode } from '../../../policy/codes'
import type { Verdict } from '../../../policy/result'
import type { ApiResult, Parsed } from '../../contract'
import { addUpload, attachmentViews, findAttachment, resolveAttachments } from '../mail/attachments'
import { deliveryOf } from '../mail/outbox'
import { mailAuthCodeApis } from '../mail/authCodeApis'
import { checkSend, draftFields } from '../mail/compose'
import { listMessages, parseCursor, parseLimit } from '../mail/listing'
import { reachableMailboxes } from '../mail/mailboxIndex'
import { openMailbox, type OpenMailbox } from '../mail/open'
import { releaseUnnamed } from '../mail/purge'
import { sendOutgoing } from '../mail/send'
import { applySettings, checkSettingsUpdate } from '../mail/settings'
import { settingsOf } from '../ports/settings'
import {
  FIXED_FOLDERS,
  folderExists,
  folderStats,
  getMessage,
  isDraftIdOf,
  mailboxUnread,
  newDraftId,
  newestFirst,
  updateMessage,
} from '../mail/store'
import {
  failure,
  refusal,
  success,
  type AnsweredApi,
  type Handler,
  type HandlerContext,
  type HandlerResult,
  type Handlers,
} from '../registry'
import type { CorpState, MailMessage } from '../state'

function routeName(corp: CorpState, r: AccessRoute) {
  if (r.kind === 'direct') return { type: 'direct' }
  if (r.kind === 'department')
    return { type: 'department', id: r.id, name: corp.departments[r.id]?.name ?? '' }
  return { type: 'tag', id: r.id, name: corp.tags[r.id]?.tagname ?? '' }
}

function mailboxList({ corp, caller, env, state }: HandlerContext): Promise<ApiResult> {
  const own = caller.storeId && caller.biz_mail ? corp.stores[caller.storeId] : undefined
  const reachable = reachableMailboxes(corp, caller)
  // the member's new-mail reminder of each mailbox: the app badges only mailboxes with it on
  return settingsOf(env, state)
    .personalIn(corp.corpid, caller.userid, [
      ...(own ? [own.id] : []),
      ...reachable.map(({ mailbox }) => mailbox.storeId),
    ])
    .then((mine) => {
      const mailboxes: Record<string, unknown>[] = []
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
          notify: mine[own.id].notify,
        })
      }
      for (const { mailbox: mb, routes } of reachable) {
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
          notify: store ? mine[mb.storeId].notify : true,
        })
      }
      return success({ mailboxes })
    })
}

type MailboxApi = Exclude<
  Extract<AnsweredApi, `mail/${string}`>,
  'mail/mailbox/list' | 'mail/publicmail/directory'
>

/** Opens the input's mailbox for the caller, or answers the refusal. */
function withMailbox<K extends MailboxApi>(
  handler: (ctx: HandlerContext, input: Parsed<K>, box: OpenMailbox) => HandlerResult,
): Handler<K> {
  return (ctx, input) => {
    const box = openMailbox(ctx.corp, ctx.caller, input.mailbox)
    return box.ok ? handler(ctx, input, box.value) : refusal(box)
  }
}

const folderList = withMailbox<'mail/folder/list'>(({ caller }, _body, { store }) => {
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

const messageList = withMailbox<'mail/message/list'>(({ corp, caller, env, state }, body, { store }) => {
  if (!folderExists(store, body.folder)) {
    return failure(ErrCode.INVALID_PARAM, '文件夹不存在 (folder)')
  }
  const cursor = parseCursor(body.cursor)
  if (!cursor.ok) return refusal(cursor)
  const limit = parseLimit(body.limit)
  if (!limit.ok) return refusal(limit)
  return settingsOf(env, state)
    .personal(corp.corpid, store.id, caller.userid)
    .then(({ conversation_mode: threaded }) =>
      success({
        threaded,
        ...listMessages(store, body.folder, caller.userid, threaded, cursor.value, limit.value),
      }),
    )
})

function messageView(m: MailMessage) {
  // The References chain is for mail clients (the relay's headers), not for the app.
  const { outbound: _queue, attachments: _files, references: _chain, ...rest } = m
  const delivery = deliveryOf(m)
  const attachments = attachmentViews(m.attachments)
  return {
    ...rest,
    to: m.to.slice(),
    cc: m.cc.slice(),
    bcc: m.bcc.slice(),
    ...(delivery ? { delivery } : {}),
    ...(attachments ? { attachments } : {}),
  }
}

function findMessage(box: OpenMailbox, id: string): Verdict<MailMessage> {
  const m = getMessage(box.store, id)
  return m
    ? { ok: true, value: m }
    : { ok: false, errcode: ErrCode.INVALID_PARAM, errmsg: '邮件不存在 (mail_id)' }
}

/**
 * The message (marks it read), its conversation (the thread across folders, policy/folders
 * sharesConversation; oldest first), and the address a reply defaults to.
 */
const messageRead = withMailbox<'mail/message/read'>(({ caller }, body, box) => {
  const { store } = box
  // A draft id restores the caller's own draft.
  if (Object.prototype.hasOwnProperty.call(store.drafts, body.mail_id)) {
    const d = store.drafts[body.mail_id]
    if (d.owner === caller.userid) {
      const { attachments: files, ...rest } = d
      const attachments = attachmentViews(files)
      return success({ draft: { ...rest, ...(attachments ? { attachments } : {}) } })
    }
  }
  const found = findMessage(box, body.mail_id)
  if (!found.ok) return refusal(found)
  const msg = found.value
  const thread = Object.values(store.messages)
    .filter((m) => m.thread === msg.thread && sharesConversation(m.folder, msg.folder))
    .sort((a, b) => -newestFirst(a, b))
  for (const m of body.thread ? thread : [msg]) m.read = true
  // A reply goes out from the alias the original was sent to, when that is one of ours.
  const reply_from = box.addresses.includes(msg.delivered_to) ? msg.delivered_to : box.addresses[0]
  return success({ message: messageView(msg), conversation: thread.map(messageView), reply_from })
})

const messageUpdate = withMailbox<'mail/message/update'>((_ctx, body, box) => {
  const found = findMessage(box, body.mail_id)
  if (!found.ok) return refusal(found)
  const read = body.read ?? undefined
  const starred = body.starred ?? undefined
  const folder = body.folder ?? undefined
  // Drafts hold drafts only; delete is a move to 'trash'.
  if (folder !== undefined && (folder === 'drafts' || !folderExists(box.store, folder))) {
    return failure(ErrCode.INVALID_PARAM, '目标文件夹不存在 (folder)')
  }
  if (read === undefined && starred === undefined && folder === undefined) {
    return failure(ErrCode.INVALID_PARAM, '没有要修改的内容 (read)')
  }
  const msg = found.value
  const targets = body.thread
    ? Object.values(box.store.messages).filter((m) => m.thread === msg.thread && m.folder === msg.folder)
    : [msg]
  // What each message was before: the app's undo puts exactly these back (a thread's mixed states too).
  const previous = targets.map((m) => ({
    mail_id: m.mail_id,
    folder: m.folder,
    read: m.read,
    starred: m.starred,
  }))
  for (const m of targets) updateMessage(m, { read, starred, folder })
  return success({ updated: targets.length, previous })
})

/** the caller's own draft of that id, if any */
function ownDraft(box: OpenMailbox, caller: string, id: string | null | undefined) {
  const d =
    id && Object.prototype.hasOwnProperty.call(box.store.drafts, id) ? box.store.drafts[id] : undefined
  return d && d.owner === caller ? d : undefined
}

const messageSend = withMailbox<'mail/message/send'>(({ state, corp, caller, env }, body, box) => {
  const out = checkSend(body, box.addresses)
  if (!out.ok) return refusal(out)
  const m = out.value
  const draft = ownDraft(box, caller.userid, m.draft_id)
  const files = resolveAttachments(box.store, caller.userid, body, draft, env.now())
  if (!files.ok) return refusal(files)
  return sendOutgoing(state, corp, env, box, { ...m, attachments: files.value }).then((sent) => {
    if (draft) delete box.store.drafts[draft.draft_id]
    return success({ mail_id: sent.mail_id, message_id: sent.message_id })
  })
})

/** Saves the caller's draft whole. An unknown (or someone else's) draft_id saves a new draft: never lose text. */
const draftSave = withMailbox<'mail/draft/save'>(({ caller, env }, body, box) => {
  const { store } = box
  const fields = draftFields(body)
  const existing = ownDraft(box, caller.userid, body.draft_id)
  const files = resolveAttachments(store, caller.userid, body, existing, env.now())
  if (!files.ok) return refusal(files)
  const draft_id = existing ? existing.draft_id : newDraftId(store, caller.userid)
  store.drafts[draft_id] = {
    draft_id,
    ...fields,
    owner: caller.userid,
    update_time: env.now(),
    ...(files.value.length ? { attachments: files.value } : {}),
  }
  return success({ draft_id })
})

const attachmentUpload = withMailbox<'mail/attachment/upload'>(({ state, caller, env }, body, { store }) => {
  const upload = addUpload(store, env, caller.userid, body, (blobs) => releaseUnnamed(state, env, blobs))
  return upload.ok ? success({ attachment_id: upload.value.attachment_id }) : refusal(upload)
})

/** The attachment's metadata and its bytes, read from the file port within the call. */
const attachmentGet = withMailbox<'mail/attachment/get'>(async ({ caller, env }, body, { store }) => {
  const a = findAttachment(store, caller.userid, body.mail_id, body.attachment_id)
  if (!a) return failure(ErrCode.INVALID_PARAM, '附件不存在 (attachment_id)')
  const data = env.readBlob ? await env.readBlob(a.blob) : null
  if (data === null) return failure(ErrCode.BUSY, '附件暂时无法读取，请稍后重试')
  return success({ name: a.name, content_type: a.content_type, size: a.size, data })
})

/**
 * Deletes the caller's own draft. Deleting one's own draft again after it is gone (sent, or a retried
 * delete) succeeds; any other id — another member's draft in a shared mailbox included — answers
 * 40058 "草稿不存在" exactly as an id that never existed, and changes nothing.
 */
const draftDelete = withMailbox<'mail/draft/delete'>(
  ({ state, env, caller }, { draft_id: id }, { store }) => {
    const d = Object.prototype.hasOwnProperty.call(store.drafts, id) ? store.drafts[id] : undefined
    if (d && d.owner === caller.userid) {
      delete store.drafts[id]
      // its files stay while an upload of the last 24 h, a message or another draft names them
      releaseUnnamed(
        state,
        env,
        (d.attachments ?? []).map((a) => a.blob),
      )
      return success({ draft_id: id })
    }
    if (!d && isDraftIdOf(id, caller.userid)) return success({ draft_id: id })
    return failure(ErrCode.INVALID_PARAM, '草稿不存在 (draft_id)')
  },
)

/** the store's shared settings and the caller's own there */
const settingsIn = ({ corp, caller, env, state }: HandlerContext, storeId: string) => {
  const port = settingsOf(env, state)
  return Promise.all([
    port.shared(corp.corpid, storeId),
    port.personal(corp.corpid, storeId, caller.userid),
  ]).then(([shared, personal]) => ({ port, shared, personal }))
}

const settingsGet = withMailbox<'mail/settings/get'>((ctx, _body, { store }) =>
  settingsIn(ctx, store.id).then(({ shared, personal }) => success({ shared, personal })),
)

const settingsUpdate = withMailbox<'mail/settings/update'>((ctx, body, { store }) =>
  settingsIn(ctx, store.id).then(({ port, ...current }) => {
    const change = checkSettingsUpdate(body, current.shared)
    if (!change.ok) {
      // 6000 carries the current shared settings so the app can show the newest version.
      return {
        ...failure(change.errcode, change.errmsg),
        ...(change.shared ? { shared: change.shared } : {}),
      }
    }
    const next = applySettings(current, change.value)
    const c = ctx.corp.corpid
    const shared = next.shared ?? current.shared
    const personal = next.personal ?? current.personal
    return (next.shared ? port.putShared(c, store.id, shared) : Promise.resolve())
      .then(() => (next.personal ? port.putPersonal(c, store.id, ctx.caller.userid, personal) : undefined))
      .then(() => success({ version: shared.version, shared, personal }))
  }),
)

export const mailApis = {
  'mail/mailbox/list': mailboxList,
  'mail/folder/list': folderList,
  'mail/message/list': messageList,
  'mail/message/read': messageRead,
  'mail/message/update': messageUpdate,
  'mail/message/send': messageSend,
  'mail/draft/save': draftSave,
  'mail/draft/delete': draftDelete,
  'mail/settings/get': settingsGet,
  'mail/settings/update': settingsUpdate,
  'mail/attachment/upload': attachmentUpload,
  'mail/attachment/get': attachmentGet,
  ...mailAuthCodeApis,
} satisfies Partial<Handlers>
