// Demo tools over the embedded backend (mock builds only): what an outside sender would do. Pages
// ask here whether the tools exist at all, so none of them reaches the backend itself.
import { humanError } from './humanError'
import type { CallContext } from '../api/contract'
import type { MailboxSummary } from '../api/mailTypes'
import type { MockBackend } from '../api/mock'
import type { MailboxesStore } from './mailboxes'
import type { MessagesStore } from './messages'

export interface DemoDeps {
  /** the embedded backend; null in http builds */
  backend(): MockBackend | null
  identity(): CallContext
  messages: MessagesStore
  mailboxes: MailboxesStore
}

export interface OutsideMail {
  from: string
  subject: string
  content: string
}

export type DeliverOutcome = { ok: true } | { ok: false; reason: string }

export class DemoStore {
  constructor(private readonly deps: DemoDeps) {}

  /** the build embeds the demo backend (never true over HTTP) */
  get available(): boolean {
    return this.deps.backend() !== null
  }

  /** delivers `mail` to `box` as an outside sender; receive rules apply as for real mail */
  async deliver(box: MailboxSummary, mail: OutsideMail): Promise<DeliverOutcome> {
    const backend = this.deps.backend()
    if (!backend) return { ok: false, reason: '演示工具仅在内置演示后端下可用' }
    if (!mail.subject.trim() || !mail.content.trim()) return { ok: false, reason: '请填写主题和正文' }
    const r = await backend.deliver(this.deps.identity().corpid, box.email, {
      from: mail.from.trim(),
      to: [box.email],
      subject: mail.subject,
      content: mail.content,
    })
    if (r.errcode !== 0) return { ok: false, reason: `投递失败：${humanError(r.errmsg)}` }
    // Rules may have filed it anywhere: the inbox, the folder list (a new folder) and the counts.
    void this.deps.messages.view(box.id, 'inbox').refresh()
    void this.deps.messages.folders(box.id).load()
    void this.deps.mailboxes.refresh()
    return { ok: true }
  }
}
