// One opened message (the read page): loading it marks it read; star / move / delete go through
// here so the page never calls the api, and a mailbox the member lost is handled like the lists do.
// It also keeps what the member chose per message of the conversation (显示图片) and each
// attachment's loading / failure while it is fetched (mail/attachment/get) and opened.
import { action, makeObservable, observable } from 'mobx'
import { humanError } from './humanError'
import type { ApiClient } from '../api/client'
import type { ReadResult } from '../api/mailTypes'
import { LOST_ACCESS_CODES, PERSONAL } from './mailboxes'
import type { Failure, MessagesStore } from './messages'
import { Resource } from './resource'

export type { AttachmentInfo, Message, ReadResult } from '../api/mailTypes'

export interface ReadDeps {
  api: ApiClient
  messages: MessagesStore
  /** a refusal (errmsg for people): the same handler the message lists report to */
  onFailure(f: Failure): void
}

export type MessageChange = { starred?: boolean; folder?: string }

/** an attachment's bytes as the backend answered them (base64) */
export type AttachmentFile = { attachment_id: string; name: string; content_type: string; data: string }

export type FileAction = 'open' | 'save'

/** one attachment row: loading, or why the last open / save failed (in words) and which one */
export interface FileState {
  busy?: boolean
  error?: string
  failed?: FileAction
}

export class OpenedMessage {
  /** the message with its conversation and the address a reply is sent from */
  readonly result: Resource<ReadResult>
  /** messages of the conversation whose remote images the member chose to load */
  readonly imagesShown = observable.set<string>()
  /** by `${mail_id}/${attachment_id}` */
  readonly files = observable.map<string, FileState>()

  constructor(
    readonly mailbox: string,
    readonly mailId: string,
    private readonly deps: ReadDeps,
  ) {
    this.result = new Resource(() => deps.api.request('mail/message/read', { mailbox, mail_id: mailId }))
    makeObservable<OpenedMessage, 'setFile'>(this, { showImages: action, setFile: action })
  }

  /** 显示图片 for one message of the conversation (the others still hold theirs back) */
  showImages(mailId: string): void {
    this.imagesShown.add(mailId)
  }

  fileState(mailId: string, attachmentId: string): FileState | undefined {
    return this.files.get(`${mailId}/${attachmentId}`)
  }

  private setFile(mailId: string, attachmentId: string, state: FileState): void {
    this.files.set(`${mailId}/${attachmentId}`, state)
  }

  /**
   * Fetches an attachment's bytes and hands them to `handle` (the platform's open or save), the row
   * showing its progress meanwhile and, when either step fails, why in words (the row offers 重试).
   * A second tap while it loads does nothing.
   */
  async withAttachment(
    mailId: string,
    attachmentId: string,
    kind: FileAction,
    handle: (file: AttachmentFile) => Promise<void>,
  ): Promise<void> {
    if (this.fileState(mailId, attachmentId)?.busy) return
    this.setFile(mailId, attachmentId, { busy: true })
    const r = await this.deps.api.call('mail/attachment/get', {
      mailbox: this.mailbox,
      mail_id: mailId,
      attachment_id: attachmentId,
    })
    let error = ''
    if (r.errcode !== 0) {
      this.deps.onFailure(r)
      error = humanError(r.errmsg)
    } else {
      const file = {
        attachment_id: attachmentId,
        name: r.name ?? '',
        content_type: r.content_type ?? '',
        data: r.data ?? '',
      }
      error = await handle(file).then(
        () => '',
        (e: unknown) => (e instanceof Error && e.message) || '无法打开附件，请重试',
      )
    }
    this.setFile(mailId, attachmentId, error ? { error, failed: kind } : {})
  }

  /** the business mailbox is no longer the member's to open: the page goes back */
  get lostAccess(): boolean {
    return this.mailbox !== PERSONAL && LOST_ACCESS_CODES.has(this.result.errcode)
  }

  async load(): Promise<void> {
    await this.result.load()
    if (this.result.state === 'error')
      this.deps.onFailure({ errcode: this.result.errcode, errmsg: this.result.error })
    const data = this.result.data
    if (data) {
      const all = [data.message, ...data.conversation]
      const heads = all.map((m) => [m.from, ...m.to, ...m.cc, ...(m.bcc ?? [])])
      this.deps.messages.people.resolve(([] as string[]).concat(...heads))
    }
  }

  /**
   * Star or move the message; '' when done, else why not (in words). A move takes the whole
   * conversation when the list it came from shows conversations. Move / delete / star offer 撤销.
   */
  async change(change: MessageChange): Promise<string> {
    const msg = this.result.data?.message
    if (!msg) return '邮件尚未加载'
    const origin = this.deps.messages.view(this.mailbox, msg.folder)
    const r = await this.deps.api.call('mail/message/update', {
      mailbox: this.mailbox,
      mail_id: msg.mail_id,
      ...change,
      ...(change.folder !== undefined && origin.threaded ? { thread: true } : {}),
    })
    if (r.errcode !== 0) {
      this.deps.onFailure(r)
      return humanError(r.errmsg)
    }
    // The list it came from shows the new star / loses the moved row.
    void origin.refresh()
    void this.deps.messages.folders(this.mailbox).load()
    if (change.folder) void this.deps.messages.view(this.mailbox, change.folder).refresh()
    if (!change.folder) void this.result.load()
    // after an undo of a star the page shows the message as it is again
    this.deps.messages.offerUndo(
      this.mailbox,
      change,
      r.previous,
      change.folder ? undefined : () => void this.result.load(),
    )
    return ''
  }

  /** 彻底删除 (in 已删除 / 垃圾箱), as its list does it; the page then goes back to the list */
  async purge(): Promise<string> {
    const msg = this.result.data?.message
    if (!msg) return '邮件尚未加载'
    return this.deps.messages.purge(this.deps.messages.view(this.mailbox, msg.folder), msg)
  }

  /** 标为未读: this message only (the thread shows unread again); the page then goes back to the list */
  async markUnread(): Promise<string> {
    const msg = this.result.data?.message
    if (!msg) return '邮件尚未加载'
    const r = await this.deps.api.call('mail/message/update', {
      mailbox: this.mailbox,
      mail_id: msg.mail_id,
      read: false,
    })
    if (r.errcode !== 0) {
      this.deps.onFailure(r)
      return humanError(r.errmsg)
    }
    const origin = this.deps.messages.view(this.mailbox, msg.folder)
    // shown at once on the list it came from, then confirmed by the refresh
    origin.patch(msg.mail_id, { read: false })
    void origin.refresh()
    void this.deps.messages.folders(this.mailbox).load()
    return ''
  }
}

export class ReadStore {
  constructor(private readonly deps: ReadDeps) {}

  open(mailbox: string, mailId: string): OpenedMessage {
    return new OpenedMessage(mailbox, mailId, this.deps)
  }
}
