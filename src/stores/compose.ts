// Writing a mail as the current mailbox. The draft is kept locally on every keystroke and on the
// server when the page is left, so nothing typed is ever lost; sending carries one idempotency key
// for the whole compose session, so retries after faults can never send twice.
import { humanError } from './humanError'
import { makeAutoObservable, runInAction } from 'mobx'
import type { ApiClient } from '../api/client'
import type { KeyValueStorage } from '../api/contract'
import type { DraftView, Message } from '../api/mailTypes'
import { bareAddress } from './addresses'
import { initialFields, type ComposeMode } from './composeInit'

export interface ComposeFields {
  from: string
  to: string[]
  cc: string[]
  bcc: string[]
  subject: string
  content: string
  in_reply_to: string
}

interface SavedDraft {
  fields: ComposeFields
  draftId: string
  idempotencyKey: string
  savedAt: number
}

export interface ComposeDeps {
  api: ApiClient
  storage: KeyValueStorage
  /** fresh random key from the platform's secure source (may have to wait for it) */
  newKey(): string | Promise<string>
  /** wait before an automatic retry (tests pass a no-op) */
  sleep(ms: number): Promise<void>
  now(): number
}

export const EMPTY_FIELDS: ComposeFields = {
  from: '',
  to: [],
  cc: [],
  bcc: [],
  subject: '',
  content: '',
  in_reply_to: '',
}

/** attempts for a send that fails with -1 (nothing was done) before asking the member */
export const SEND_ATTEMPTS = 4

/** how long typing must pause before colleagues are looked up */
export const SUGGEST_DEBOUNCE_MS = 150

/** a colleague offered while typing a recipient */
export interface Suggestion {
  userid: string
  name: string
  biz_mail: string
  position?: string
}

/** what the compose page was opened for */
export interface ComposeStart {
  /** `${corpid}.${userid}`: local drafts belong to one identity */
  scope: string
  mailbox: string
  /** the mailbox's address and aliases: the From choices, never replied to */
  mine: string[]
  mode: ComposeMode
  /** the message answered or forwarded, or the draft reopened ('' for a new mail) */
  refId: string
  /** "write to" from the directory: a new mail to this address (kept apart from a blank one) */
  prefillTo: string
}

export class ComposeStore {
  fields: ComposeFields = { ...EMPTY_FIELDS }
  mailbox = ''
  draftId = ''
  idempotencyKey = ''
  restored = false
  sending = false
  sent = false
  error = ''
  /** the mailbox's signature (HTML as saved), appended by the backend when sending */
  signature = ''
  /** colleagues matching the recipient being typed */
  suggestions: Suggestion[] = []
  private storageKey = ''
  private suggestSeq = 0

  constructor(private readonly deps: ComposeDeps) {
    makeAutoObservable<ComposeStore, 'deps' | 'storageKey' | 'suggestSeq'>(
      this,
      { deps: false, storageKey: false, suggestSeq: false },
      { autoBind: true },
    )
  }

  /**
   * Opens the compose page's mail: reads the message answered (or the draft reopened), starts
   * from what a reply / forward begins with unless a local draft of the same mail is kept, then
   * fetches the signature. Returns '' when ready, else why the mail could not be opened.
   */
  async start(o: ComposeStart): Promise<string> {
    let original: Message | null = null
    let replyFrom = ''
    let draft: DraftView | null = null
    this.signature = ''
    this.suggestions = []
    if (o.mode !== 'new') {
      const r = await this.deps.api.call('mail/message/read', {
        mailbox: o.mailbox,
        mail_id: o.refId,
      })
      if (r.errcode !== 0) return humanError(r.errmsg)
      if (o.mode === 'draft') draft = r.draft ?? null
      else {
        original = r.message ?? null
        replyFrom = r.reply_from ?? ''
      }
    }
    // a mail to someone keeps its own local draft, apart from a blank new one
    const context = o.mode === 'new' ? (o.prefillTo ? `new:${o.prefillTo}` : 'new') : `${o.mode}:${o.refId}`
    const fields = draft
      ? { ...draft, cc: draft.cc ?? [], bcc: draft.bcc ?? [] }
      : initialFields(o.mode, original, o.mine, replyFrom)
    const initial = o.prefillTo ? { ...fields, to: [o.prefillTo] } : fields
    await this.open(o.scope, o.mailbox, context, initial, draft?.draft_id ?? '')
    void this.loadSignature(o.mailbox)
    return ''
  }

  /** best effort: without it the mail is still sent (the backend appends the signature) */
  private async loadSignature(mailbox: string): Promise<void> {
    const s = await this.deps.api.call('mail/settings/get', { mailbox })
    runInAction(() => {
      if (s.errcode === 0 && s.shared && this.mailbox === mailbox) this.signature = s.shared.signature
    })
  }

  /**
   * Looks colleagues up by the last recipient being typed in `text` (after a pause; an address
   * with @ or an empty entry clears the list). Only the latest typing's answer is shown.
   */
  async suggest(text: string): Promise<void> {
    const last =
      text
        .split(/[,;，；]/)
        .pop()
        ?.trim() ?? ''
    const seq = ++this.suggestSeq
    if (last.length === 0 || last.includes('@')) {
      this.suggestions = []
      return
    }
    await this.deps.sleep(SUGGEST_DEBOUNCE_MS)
    if (seq !== this.suggestSeq) return
    const r = await this.deps.api.call('user/search', { query: last, limit: 5 })
    runInAction(() => {
      if (seq !== this.suggestSeq) return
      this.suggestions = r.errcode === 0 ? (r.userlist ?? []).filter((u) => u.biz_mail) : []
    })
  }

  clearSuggestions(): void {
    this.suggestSeq++
    this.suggestions = []
  }

  /**
   * Start composing in `mailbox`. `context` names what is being written ('new', 'reply:<id>' …) so
   * coming back to the same reply restores what was typed instead of starting over.
   */
  async open(
    scope: string,
    mailbox: string,
    context: string,
    initial: ComposeFields,
    draftId = '',
  ): Promise<void> {
    this.storageKey = `bizmail.draft.${scope}.${mailbox}.${context}`
    this.mailbox = mailbox
    this.sent = false
    this.error = ''
    this.sending = false
    const saved = await this.readLocal()
    const key = saved ? saved.idempotencyKey : await this.deps.newKey()
    runInAction(() => {
      if (saved) {
        this.fields = saved.fields
        this.draftId = saved.draftId
        this.idempotencyKey = key
        this.restored = true
      } else {
        this.fields = { ...initial }
        this.draftId = draftId
        this.idempotencyKey = key
        this.restored = false
      }
    })
  }

  get isBlank(): boolean {
    const f = this.fields
    return f.to.length + f.cc.length + f.bcc.length === 0 && !f.subject.trim() && !f.content.trim()
  }

  update(patch: Partial<ComposeFields>): void {
    if (this.sent) return
    Object.assign(this.fields, patch)
    this.error = ''
    void this.writeLocal()
  }

  /** on leaving the page: keep the draft on the server too (best effort; the local copy stays) */
  async saveDraft(): Promise<void> {
    if (this.sent || this.isBlank) return
    const r = await this.deps.api.call('mail/draft/save', {
      mailbox: this.mailbox,
      ...(this.draftId ? { draft_id: this.draftId } : {}),
      ...this.fields,
    })
    if (r.errcode === 0 && r.draft_id) {
      runInAction(() => {
        this.draftId = String(r.draft_id)
      })
      await this.writeLocal()
    }
  }

  /** throw the draft away (local and server) */
  async discard(): Promise<void> {
    const draftId = this.draftId
    this.fields = { ...EMPTY_FIELDS, from: this.fields.from }
    this.draftId = ''
    await this.removeLocal()
    if (draftId) await this.deps.api.call('mail/draft/delete', { mailbox: this.mailbox, draft_id: draftId })
  }

  /** true when sent; otherwise `error` says why and the draft is untouched */
  async send(): Promise<boolean> {
    if (this.sending || this.sent) return this.sent
    this.sending = true
    this.error = ''
    const f = this.fields
    // The API takes bare addresses; display names typed or picked stay in the draft only.
    const body = {
      mailbox: this.mailbox,
      ...f,
      to: f.to.map(bareAddress),
      cc: f.cc.map(bareAddress),
      bcc: f.bcc.map(bareAddress),
      idempotency_key: this.idempotencyKey,
    }
    let r = await this.deps.api.call('mail/message/send', body)
    for (let attempt = 1; r.errcode === -1 && attempt < SEND_ATTEMPTS; attempt++) {
      await this.deps.sleep(300 * 2 ** (attempt - 1))
      r = await this.deps.api.call('mail/message/send', body)
    }
    if (r.errcode !== 0) {
      runInAction(() => {
        this.sending = false
        this.error =
          r.errcode === -1
            ? `发送失败：${humanError(r.errmsg)}。草稿已保存，可稍后重试`
            : humanError(r.errmsg)
      })
      return false
    }
    const draftId = this.draftId
    runInAction(() => {
      this.sending = false
      this.sent = true
      this.draftId = ''
    })
    await this.removeLocal()
    if (draftId) await this.deps.api.call('mail/draft/delete', { mailbox: this.mailbox, draft_id: draftId })
    return true
  }

  private async readLocal(): Promise<SavedDraft | null> {
    try {
      const raw = await this.deps.storage.get(this.storageKey)
      if (!raw) return null
      const v = JSON.parse(raw) as SavedDraft
      if (!v || typeof v.idempotencyKey !== 'string' || !v.fields || !Array.isArray(v.fields.to)) return null
      return { ...v, fields: { ...EMPTY_FIELDS, ...v.fields } }
    } catch {
      return null // a corrupt local draft is dropped rather than crashing compose
    }
  }

  private async writeLocal(): Promise<void> {
    const saved: SavedDraft = {
      fields: this.fields,
      draftId: this.draftId,
      idempotencyKey: this.idempotencyKey,
      savedAt: this.deps.now(),
    }
    try {
      await this.deps.storage.set(this.storageKey, JSON.stringify(saved))
    } catch {
      // storage full: the server draft on leave is the fallback
    }
  }

  private async removeLocal(): Promise<void> {
    try {
      await this.deps.storage.remove(this.storageKey)
    } catch {
      // nothing to do
    }
  }
}
