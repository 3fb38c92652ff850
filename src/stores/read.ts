// One opened message (the read page): loading it marks it read; star / move / delete go through
// here so the page never calls the api, and a mailbox the member lost is handled like the lists do.
import { humanError } from './humanError'
import type { ApiClient } from '../api/client'
import type { ReadResult } from '../api/mailTypes'
import { LOST_ACCESS_CODES, PERSONAL } from './mailboxes'
import type { Failure, MessagesStore } from './messages'
import { Resource } from './resource'

export type { Message, ReadResult } from '../api/mailTypes'

export interface ReadDeps {
  api: ApiClient
  messages: MessagesStore
  /** a refusal (errmsg for people): the same handler the message lists report to */
  onFailure(f: Failure): void
}

export type MessageChange = { starred?: boolean; folder?: string }

export class OpenedMessage {
  /** the message with its conversation and the address a reply is sent from */
  readonly result: Resource<ReadResult>

  constructor(
    readonly mailbox: string,
    readonly mailId: string,
    private readonly deps: ReadDeps,
  ) {
    this.result = new Resource(() => deps.api.request('mail/message/read', { mailbox, mail_id: mailId }))
  }

  /** the business mailbox is no longer the member's to open: the page goes back */
  get lostAccess(): boolean {
    return this.mailbox !== PERSONAL && LOST_ACCESS_CODES.has(this.result.errcode)
  }

  async load(): Promise<void> {
    await this.result.load()
    if (this.result.state === 'error')
      this.deps.onFailure({ errcode: this.result.errcode, errmsg: this.result.error })
  }

  /** star or move the message; '' when done, else why not (in words) */
  async change(change: MessageChange): Promise<string> {
    const msg = this.result.data?.message
    if (!msg) return '邮件尚未加载'
    const r = await this.deps.api.call('mail/message/update', {
      mailbox: this.mailbox,
      mail_id: msg.mail_id,
      ...change,
    })
    if (r.errcode !== 0) {
      this.deps.onFailure(r)
      return humanError(r.errmsg)
    }
    // The list it came from shows the new star / loses the moved row.
    void this.deps.messages.view(this.mailbox, msg.folder).refresh()
    if (!change.folder) void this.result.load()
    return ''
  }
}

export class ReadStore {
  constructor(private readonly deps: ReadDeps) {}

  open(mailbox: string, mailId: string): OpenedMessage {
    return new OpenedMessage(mailbox, mailId, this.deps)
  }
}
