// Member mail (api.md "Member mail", this product's own): mailboxes, folders, messages, drafts,
// settings, the member's client-specific passwords. Times are epoch ms, except the auth-code
// list, which answers unix seconds like exmail/publicmail/get_auth_code_list.
import { MAX_ADDRESS_LENGTH, MAX_RECIPIENTS } from '../../policy/mailAddress'
import { SEARCH_PAGE_MAX, SEARCH_QUERY_MAX } from '../../policy/mailSearch'
import type { ReceiveRule } from '../../policy/receiveRules'
import type { AuthCodeInfo } from './publicmail'
import { authCodeId, def, idempotencyKey, idText, limit, opt, required, text } from './schema'
import * as v from 'valibot'

export type { ReceiveRule }

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
  /** a Sent copy with outside recipients: the relay's progress (server only) */
  delivery?: Delivery
  /** how many attachments the message carries (absent: none) */
  attachments?: number
}

/** 发送中 / 已发送 / 发送失败（原因） of mail to outside addresses (policy/outbound deliveryLabel) */
export interface Delivery {
  state: 'sending' | 'sent' | 'failed'
  /** the relay's last refusal, '' when none */
  error: string
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
  delivery?: Delivery
  /** the HTML part, sanitised by the backend (policy/mailHtml); absent for plain-text mail */
  content_html?: string
  attachments?: AttachmentInfo[]
}

/** the headers and text every form of a mail shares: stored, received, parsed from MIME, relayed */
export type MailHeaders = Pick<
  Message,
  'from' | 'to' | 'cc' | 'subject' | 'content' | 'message_id' | 'in_reply_to'
>

/** a message's triage state: mail/message/update answers it as it was before, for undo */
export interface MessageState {
  mail_id: string
  folder: string
  read: boolean
  starred: boolean
}

/** mail/message/read: the message, its conversation (oldest first) and the From a reply defaults to */
export interface ReadResult {
  message: Message
  conversation: Message[]
  reply_from: string
}

/** what a member writes: a draft's fields, as saved and as the compose screen edits them */
export interface DraftFields extends Omit<MailHeaders, 'message_id'> {
  bcc: string[]
}

export interface DraftView extends DraftFields {
  draft_id: string
  attachments?: AttachmentInfo[]
}

export interface MailSettings {
  shared: { signature: string; rules: ReceiveRule[]; imap: boolean; pop: boolean; version: number }
  personal: { conversation_mode: boolean; notify: boolean }
}

export interface AttachmentInfo {
  attachment_id: string
  name: string
  size: number
  content_type: string
}

export const MAX_SUBJECT = 512
export const MAX_CONTENT = 500_000
export const MAX_HEADER_ID = 998
/** api.md: 20 attachments per mail */
export const MAX_ATTACHMENTS = 20

/** 'personal' or a business mailbox id (a number or its decimal string); access is checked by the handler */
const mailbox = required(v.union([v.string(), v.number()], '邮箱必须是 personal 或业务邮箱 id'), '缺少邮箱')
const mailId = idText('缺少或无效的 id')
const bool = opt(v.boolean('必须是 true 或 false'))
const subject = opt(text(MAX_SUBJECT, '主题必须是文本', `主题不能超过 ${MAX_SUBJECT} 个字符`))
const inReplyTo = opt(
  text(MAX_HEADER_ID, 'In-Reply-To 必须是文本', `In-Reply-To 不能超过 ${MAX_HEADER_ID} 个字符`),
)
const draftId = opt(text(64, '草稿 id 无效', '草稿 id 无效'))
/** inbound References (policy/references caps what is stored) */
export const MAX_INCOMING_REFERENCES = 200
const references = opt(
  v.pipe(
    v.array(
      text(
        MAX_HEADER_ID,
        'References 需为 Message-ID 文本',
        `References 中每项不能超过 ${MAX_HEADER_ID} 个字符`,
      ),
      'References 必须是数组',
    ),
    v.maxLength(MAX_INCOMING_REFERENCES, `References 最多 ${MAX_INCOMING_REFERENCES} 项`),
  ),
)
/** send checks each address (policy/mailAddress); a draft may hold half-typed ones */
const sendList = opt(
  v.pipe(
    v.array(v.unknown(), '收件人列表必须是数组'),
    v.maxLength(MAX_RECIPIENTS, `收件人最多 ${MAX_RECIPIENTS} 个`),
  ),
)
const draftList = opt(
  v.pipe(
    v.array(
      text(
        MAX_ADDRESS_LENGTH,
        `收件人需为不超过 ${MAX_ADDRESS_LENGTH} 个字符的文本`,
        `收件人需为不超过 ${MAX_ADDRESS_LENGTH} 个字符的文本`,
      ),
      `收件人列表需为最多 ${MAX_RECIPIENTS} 项的数组`,
    ),
    v.maxLength(MAX_RECIPIENTS, `收件人列表需为最多 ${MAX_RECIPIENTS} 项的数组`),
  ),
)
const WRITE = { write: true, idempotent: true } as const

/** uploads (mail/attachment/upload) or attachments already on the draft being sent / saved */
const attachmentIds = opt(
  v.pipe(
    v.array(idText('附件 id 无效'), '附件列表必须是数组'),
    v.maxLength(MAX_ATTACHMENTS, `每封邮件最多 ${MAX_ATTACHMENTS} 个附件`),
  ),
)
/** forward: the original's attachments, by message and attachment id */
const forwardAttachments = opt(
  v.pipe(
    v.array(
      v.object(
        { mail_id: mailId, attachment_id: idText('附件 id 无效') },
        '转发的附件需为 {mail_id, attachment_id}',
      ),
      '转发的附件必须是数组',
    ),
    v.maxLength(MAX_ATTACHMENTS, `每封邮件最多 ${MAX_ATTACHMENTS} 个附件`),
  ),
)
const incomingAttachment = v.object(
  {
    filename: text(255, '附件名必须是文本', '附件名不能超过 255 个字符'),
    content_type: text(255, '附件类型必须是文本', '附件类型不能超过 255 个字符'),
    content: v.string('附件内容必须是 base64 文本'),
  },
  '附件需为 {filename, content_type, content}',
)

/** MockBackend.deliver's mail (api.md IncomingMail): addresses are checked by policy/mailAddress */
export const incomingMail = v.object(
  {
    from: v.string('发件人地址格式不正确'),
    to: sendList,
    cc: sendList,
    subject: text(MAX_SUBJECT, '主题必须是文本', `主题不能超过 ${MAX_SUBJECT} 个字符`),
    content: text(MAX_CONTENT, '正文必须是文本', `正文不能超过 ${MAX_CONTENT} 个字符`),
    message_id: opt(
      text(MAX_HEADER_ID, 'Message-ID 必须是文本', `Message-ID 不能超过 ${MAX_HEADER_ID} 个字符`),
    ),
    in_reply_to: inReplyTo,
    references,
    html: opt(text(MAX_CONTENT * 4, 'HTML 正文必须是文本', 'HTML 正文过长')),
    attachments: opt(
      v.pipe(
        v.array(incomingAttachment, '附件列表必须是数组'),
        v.maxLength(MAX_ATTACHMENTS, `每封邮件最多 ${MAX_ATTACHMENTS} 个附件`),
      ),
    ),
  },
  '邮件必须是对象',
)

export const mailApis = {
  'mail/mailbox/list': def<{ mailboxes: MailboxSummary[] }>()(v.object({})),
  'mail/folder/list': def<{ folders: FolderSummary[] }>()(v.object({ mailbox })),
  'mail/message/list': def<{ items: MessageItem[]; next_cursor: string; threaded: boolean }>()(
    v.object({
      mailbox,
      folder: v.string('文件夹不存在'),
      cursor: opt(v.string('分页游标无效')),
      limit: opt(limit(100, '每页数量需为 1–100 的整数')),
    }),
  ),
  // Marks the message (or, with `thread`, its thread) read: a write, but nothing to repeat.
  'mail/message/read': def<ReadResult & { draft?: DraftView }>()(
    v.object({ mailbox, mail_id: mailId, thread: bool }),
    { write: true },
  ),
  'mail/message/update': def<{ updated: number; previous: MessageState[] }>()(
    v.object({
      mailbox,
      mail_id: mailId,
      read: bool,
      starred: bool,
      folder: opt(v.string('目标文件夹不存在')),
      thread: bool,
      idempotency_key: idempotencyKey,
    }),
    WRITE,
  ),
  'mail/message/send': def<{ mail_id: string; message_id: string }>()(
    v.object({
      mailbox,
      idempotency_key: required(
        v.pipe(
          v.string('发送邮件需要幂等键，以免重试时重复发送'),
          v.minLength(1, '发送邮件需要幂等键，以免重试时重复发送'),
        ),
        '发送邮件需要幂等键，以免重试时重复发送',
      ),
      from: text(MAX_ADDRESS_LENGTH, '缺少发件地址', '缺少发件地址'),
      to: sendList,
      cc: sendList,
      bcc: sendList,
      subject,
      content: opt(text(MAX_CONTENT, '正文必须是文本', `正文不能超过 ${MAX_CONTENT} 个字符`)),
      in_reply_to: inReplyTo,
      draft_id: draftId,
      attachment_ids: attachmentIds,
      forward_attachments: forwardAttachments,
    }),
    WRITE,
  ),
  'mail/draft/save': def<{ draft_id: string }>()(
    v.object({
      mailbox,
      draft_id: draftId,
      from: opt(
        text(MAX_ADDRESS_LENGTH, '发件地址必须是文本', `发件地址不能超过 ${MAX_ADDRESS_LENGTH} 个字符`),
      ),
      to: draftList,
      cc: draftList,
      bcc: draftList,
      subject,
      content: opt(text(MAX_CONTENT, '正文必须是文本', `正文不能超过 ${MAX_CONTENT} 个字符`)),
      in_reply_to: inReplyTo,
      attachment_ids: attachmentIds,
      forward_attachments: forwardAttachments,
      idempotency_key: idempotencyKey,
    }),
    WRITE,
  ),
  'mail/draft/delete': def<{ draft_id: string }>()(
    v.object({ mailbox, draft_id: mailId, idempotency_key: idempotencyKey }),
    WRITE,
  ),
  'mail/settings/get': def<MailSettings>()(v.object({ mailbox })),
  'mail/settings/update': def<
    { version: number } & MailSettings & {
        /** with 6000: the current shared settings */
        shared: MailSettings['shared']
      }
  >()(
    v.object({
      mailbox,
      shared: opt(
        v.object(
          {
            version: v.pipe(
              v.number('修改共享设置需要带上当前版本号'),
              v.integer('修改共享设置需要带上当前版本号'),
            ),
            signature: v.optional(v.string('签名必须是文本')),
            // the rules' own checks (690009) are policy/receiveRules
            rules: v.optional(v.custom<ReceiveRule[]>(() => true)),
            imap: bool,
            pop: bool,
          },
          '共享设置必须是对象',
        ),
      ),
      personal: opt(v.object({ conversation_mode: bool, notify: bool }, '个人设置必须是对象')),
      idempotency_key: idempotencyKey,
    }),
    WRITE,
  ),
  'mail/authcode/create': def<{ auth_code_id: string; auth_code: string }>()(
    v.object({ mailbox, remark: opt(v.string('备注必须是文本')), idempotency_key: idempotencyKey }),
    WRITE,
  ),
  'mail/authcode/list': def<{ auth_code_list: AuthCodeInfo[] }>()(v.object({ mailbox })),
  'mail/authcode/delete': def<object>()(
    v.object({
      mailbox,
      auth_code_id: authCodeId,
      idempotency_key: idempotencyKey,
    }),
    WRITE,
  ),
  // Any folder but Trash and Spam unless one is named; newest first, paged like mail/message/list.
  'mail/message/search': def<{ items: (MessageItem & { folder: string })[]; next_cursor: string }>()(
    v.object({
      mailbox,
      query: v.pipe(
        v.string('搜索内容必须是文本'),
        v.minLength(1, '搜索内容不能为空'),
        v.maxLength(SEARCH_QUERY_MAX, `搜索内容最多 ${SEARCH_QUERY_MAX} 个字符`),
      ),
      folder: opt(v.string('文件夹不存在')),
      cursor: opt(v.string('分页游标无效')),
      limit: opt(limit(SEARCH_PAGE_MAX)),
    }),
  ),
  'mail/attachment/upload': def<{ attachment_id: string }>()(
    v.object({
      mailbox,
      name: text(255, '附件名必须是文本'),
      content_type: text(255, '附件类型必须是文本'),
      data: v.string('附件内容必须是 base64 文本'),
    }),
    WRITE,
  ),
  'mail/attachment/get': def<{
    name: string
    content_type: string
    size: number
    data: string
    url?: string
  }>()(v.object({ mailbox, mail_id: mailId, attachment_id: idText('缺少或无效的 id') })),
  'mail/publicmail/directory': def<{ list: { id: number; email: string; name: string }[] }>()(v.object({})),
}
