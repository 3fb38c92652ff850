// Attachments (api.md "Mail content and files"): uploads waiting for a mail, the attachments a
// send or a draft carries, and those arriving with inbound mail. Metadata lives in the state; the
// bytes are blobs (../blobs.ts) written through env.putBlob.
import { ErrCode } from '../../../policy/codes'
import { ok, refuse, type Verdict } from '../../../policy/result'
import type { AttachmentInfo } from '../../contract'
import { MAX_ATTACHMENTS } from '../../contract/mail'
import { base64Size, isBase64 } from '../blobs'
import type { MockEnv } from '../env'
import type { Draft, MailStore, StoredAttachment, Upload } from '../state'

export const UPLOAD_TTL_MS = 24 * 60 * 60 * 1000
const DEFAULT_TYPE = 'application/octet-stream'
/** api.md: 2 MB per file in the in-device backend */
export const DEFAULT_MAX_BYTES = 2 * 1024 * 1024

export function attachmentView(a: StoredAttachment): AttachmentInfo {
  return { attachment_id: a.attachment_id, name: a.name, size: a.size, content_type: a.content_type }
}

export const attachmentViews = (list: StoredAttachment[] | undefined): AttachmentInfo[] | undefined =>
  list && list.length ? list.map(attachmentView) : undefined

/** "2 MB", "500 KB": the limit as a person reads it */
export function sizeLabel(bytes: number): string {
  return bytes >= 1 << 20 ? `${Math.round(bytes / (1 << 20))} MB` : `${Math.round(bytes / 1024)} KB`
}

/** A file name as stored: no path, no control characters, never empty. */
export function cleanFileName(name: string): string {
  const base = name
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/^.*[\\/]/, '')
    .trim()
  return base || '未命名附件'
}

/** Checks one file's bytes against the limit and stores them: the attachment, or the refusal naming `field`. */
export function storeFile(
  env: MockEnv,
  file: { name: string; content_type: string; data: string },
  field: string,
): Verdict<StoredAttachment> {
  if (!isBase64(file.data)) return refuse(ErrCode.INVALID_PARAM, `附件内容不是有效的 base64 (${field})`)
  const size = base64Size(file.data)
  const max = env.maxAttachmentBytes ?? DEFAULT_MAX_BYTES
  if (!env.putBlob) throw new Error('this backend keeps no attachment bytes (env.putBlob)')
  if (size > max) {
    return refuse(
      ErrCode.INVALID_PARAM,
      `附件「${cleanFileName(file.name).slice(0, 64)}」超过 ${sizeLabel(max)}，无法添加 (${field})`,
    )
  }
  const blob = env.putBlob(file.data.replace(/\s/g, ''))
  return ok({
    // one id per stored file: the blob's (copies of a message share both)
    attachment_id: `a${blob.slice(1)}`,
    name: cleanFileName(file.name),
    size,
    content_type: file.content_type.trim().toLowerCase() || DEFAULT_TYPE,
    blob,
  })
}

/**
 * mail/attachment/upload: the file waits in the store for its owner's send or draft (a day).
 * `onExpired` hears the blobs of the uploads that expire meanwhile (their bytes may be freed).
 */
export function addUpload(
  store: MailStore,
  env: MockEnv,
  owner: string,
  file: { name: string; content_type: string; data: string },
  onExpired: (blobs: string[]) => void = () => undefined,
): Verdict<Upload> {
  if (!file.name.trim()) return refuse(ErrCode.INVALID_PARAM, '缺少附件名 (name)')
  const stored = storeFile(env, file, 'data')
  if (!stored.ok) return stored
  const now = env.now()
  const uploads = store.uploads ?? (store.uploads = {})
  // Uploads never used expire here, where they grow.
  const expired: string[] = []
  for (const [id, u] of Object.entries(uploads))
    if (now - u.time > UPLOAD_TTL_MS) {
      expired.push(u.blob)
      delete uploads[id]
    }
  if (expired.length) onExpired(expired)
  const upload: Upload = { ...stored.value, owner, time: now }
  uploads[upload.attachment_id] = upload
  return ok(upload)
}

const has = (o: object | undefined, k: string): boolean => !!o && Object.prototype.hasOwnProperty.call(o, k)

export interface AttachmentRequest {
  attachment_ids?: string[] | null
  forward_attachments?: { mail_id: string; attachment_id: string }[] | null
}

/**
 * What a send or a draft save carries: the caller's uploads (a day old at most) or attachments of
 * the draft being saved / sent, then the forwarded originals' attachments (same mailbox). Each once.
 */
export function resolveAttachments(
  store: MailStore,
  owner: string,
  request: AttachmentRequest,
  draft: Draft | undefined,
  now: number,
): Verdict<StoredAttachment[]> {
  const ids = request.attachment_ids ?? []
  const forwards = request.forward_attachments ?? []
  if (ids.length + forwards.length > MAX_ATTACHMENTS) {
    return refuse(ErrCode.INVALID_PARAM, `每封邮件最多 ${MAX_ATTACHMENTS} 个附件 (attachment_ids)`)
  }
  const out: StoredAttachment[] = []
  const seen = new Set<string>()
  const add = (a: StoredAttachment) => {
    if (seen.has(a.attachment_id)) return
    seen.add(a.attachment_id)
    out.push({
      attachment_id: a.attachment_id,
      name: a.name,
      size: a.size,
      content_type: a.content_type,
      blob: a.blob,
    })
  }
  for (const id of ids) {
    const own = draft?.attachments?.find((a) => a.attachment_id === id)
    const upload = has(store.uploads, id) ? store.uploads?.[id] : undefined
    if (own) add(own)
    else if (upload && upload.owner === owner && now - upload.time <= UPLOAD_TTL_MS) add(upload)
    else return refuse(ErrCode.INVALID_PARAM, '附件不存在或已过期，请重新添加 (attachment_ids)')
  }
  for (const f of forwards) {
    const original = has(store.messages, f.mail_id) ? store.messages[f.mail_id] : undefined
    const a = original?.attachments?.find((x) => x.attachment_id === f.attachment_id)
    if (!a) return refuse(ErrCode.INVALID_PARAM, '转发的附件不存在 (forward_attachments)')
    add(a)
  }
  return ok(out)
}

/** mail/attachment/get: an attachment of a message of this store, or of the caller's own draft. */
export function findAttachment(
  store: MailStore,
  caller: string,
  mailId: string,
  attachmentId: string,
): StoredAttachment | undefined {
  const draft = has(store.drafts, mailId) ? store.drafts[mailId] : undefined
  const list =
    draft && draft.owner === caller
      ? draft.attachments
      : has(store.messages, mailId)
        ? store.messages[mailId].attachments
        : undefined
  return list?.find((a) => a.attachment_id === attachmentId)
}
