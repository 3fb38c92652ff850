// Writing a mail as the current mailbox. The draft is kept locally on every keystroke and on the
// server when the page is left, so nothing typed is ever lost; sending carries one idempotency key
// for the whole compose session, so retries after faults can never send twice. Attachments are
// uploaded as they are added (composeAttachments.ts); send and draft save name them.
import { humanError } from './humanError'
import { makeAutoObservable, runInAction } from 'mobx'
import type { ApiClient } from '../api/client'
import type { KeyValueStorage } from '../api/contract'
import type { DraftFields, DraftView, Message } from '../api/mailTypes'
import { checkAddressList, domainOf, parseMailbox } from '../policy/mailAddress'
import type { PickedFile } from '../utils/pickFiles.common'
import { bareAddress, parseRecipients } from './addresses'
import {
  ATTACHMENT_FAILED,
  ATTACHMENTS_BUSY,
  AttachmentList,
  type ComposeAttachment,
} from './composeAttachments'
import { draftAttachments, initialAttachments, initialFields, type ComposeMode } from './composeInit'

/** the compose screen edits exactly a draft's fields */
export type ComposeFields = DraftFields

/** the recipient lists of a mail */
export type RecipientField = 'to' | 'cc' | 'bcc'
export const RECIPIENT_FIELDS: readonly RecipientField[] = ['to', 'cc', 'bcc']

/** who an address is (stores/people.ts answers it from the directory) */
export interface PeopleLookup {
  person(header: string): { name: string; kind: 'member' | 'mailbox' | 'outside' | 'pending' }
  resolve(headers: readonly string[]): void
}

/** a recipient as compose shows it: a chip */
export interface RecipientChip {
  /** as kept in the draft: "张三 <zs@x.com>" or "zs@x.com" */
  value: string
  /** the bare address ('' when none could be read) */
  address: string
  /** the directory's name, else the typed one, else the address */
  name: string
  /** why the address cannot be sent to ('' when it can) */
  invalid: string
  /** a warning for an address outside the visible directory ('' for colleagues and mailboxes) */
  warning: string
}

/** a chip's warning: an outside address, or one in the corp's domain the directory does not know */
export const OUTSIDE_WARNING = '外部地址'
export const UNKNOWN_INTERNAL_WARNING = '不在通讯录中'

interface SavedDraft {
  fields: ComposeFields
  /** the ready ones (uploaded, the draft's own, forwarded): bytes never live on the device */
  attachments?: ComposeAttachment[]
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

/** a colleague (or a business mailbox) offered while typing a recipient */
export interface Suggestion {
  /** userid, or `mailbox:<id>` for a business mailbox */
  key: string
  name: string
  biz_mail: string
  /** position, or 业务邮箱 */
  detail?: string
}

const SEPARATOR = /[,;，；\n]/

/** what blocks a send before it is tried (the backend checks everything again) */
export const NO_RECIPIENT = '请填写收件人'
export const INVALID_RECIPIENT = '有收件人地址不正确，请修改标红的地址'

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
  /** the last send was tried and failed in transit (nothing refused it): offer 重试 */
  failedInTransit = false
  /** recipient text being typed in each field, not yet a chip */
  pending: Record<RecipientField, string> = { to: '', cc: '', bcc: '' }
  /** the mailbox's signature (HTML as saved), appended by the backend when sending */
  signature = ''
  /** colleagues matching the recipient being typed */
  suggestions: Suggestion[] = []
  /** the mail's attachments (rows with their upload state) */
  readonly attachments: AttachmentList
  private storageKey = ''
  private suggestSeq = 0
  /** what the mail started as: leaving it unchanged saves no draft */
  private initial: ComposeFields = { ...EMPTY_FIELDS }
  private initialAttachments = ''
  /** the fields (and attachments) the server draft last got */
  private lastSaved: { fields: ComposeFields; attachments: string } | null = null
  private saving: Promise<void> = Promise.resolve()
  /** bumped by open / discard: a save waiting for uploads of an earlier mail gives up */
  private session = 0

  constructor(private readonly deps: ComposeDeps) {
    this.attachments = new AttachmentList(deps.api, () => this.attachmentsChanged())
    makeAutoObservable<
      ComposeStore,
      | 'deps'
      | 'storageKey'
      | 'suggestSeq'
      | 'initial'
      | 'initialAttachments'
      | 'lastSaved'
      | 'saving'
      | 'session'
    >(
      this,
      {
        deps: false,
        attachments: false,
        storageKey: false,
        suggestSeq: false,
        initial: false,
        initialAttachments: false,
        lastSaved: false,
        saving: false,
        session: false,
      },
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
    const fields = draft ? draftFields(draft) : initialFields(o.mode, original, o.mine, replyFrom)
    const initial = o.prefillTo ? { ...fields, to: [o.prefillTo] } : fields
    const files = draft ? draftAttachments(draft) : initialAttachments(o.mode, original)
    await this.open(o.scope, o.mailbox, context, initial, draft?.draft_id ?? '', files)
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
   * Looks colleagues and business mailboxes up by the recipient being typed in `text` (after a
   * pause; an address with @ or an empty entry clears the list). Only the latest typing's answer is
   * shown, and no one already among the recipients.
   */
  async suggest(text: string): Promise<void> {
    const last = text.split(SEPARATOR).pop()?.trim() ?? ''
    const seq = ++this.suggestSeq
    if (last.length === 0 || last.includes('@')) {
      this.suggestions = []
      return
    }
    await this.deps.sleep(SUGGEST_DEBOUNCE_MS)
    if (seq !== this.suggestSeq) return
    const r = await this.deps.api.call('user/search', { query: last, limit: 5, fetch_publicmail: 1 })
    runInAction(() => {
      if (seq !== this.suggestSeq) return
      if (r.errcode !== 0) {
        this.suggestions = []
        return
      }
      const f = this.fields
      const chosen = new Set([...f.to, ...f.cc, ...f.bcc].map(bareAddress))
      const members: Suggestion[] = (r.userlist ?? [])
        .filter((u) => u.biz_mail)
        .map((u) => ({ key: u.userid, name: u.name, biz_mail: u.biz_mail, detail: u.position || undefined }))
      const boxes: Suggestion[] = (r.publicmail ?? []).map((m) => ({
        key: `mailbox:${m.id}`,
        name: m.name,
        biz_mail: m.email,
        detail: '业务邮箱',
      }))
      this.suggestions = [...members, ...boxes]
        .filter((s) => !chosen.has(bareAddress(s.biz_mail)))
        .slice(0, 6)
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
    initialFiles: ComposeAttachment[] = [],
  ): Promise<void> {
    this.session++
    this.storageKey = `bizmail.draft.${scope}.${mailbox}.${context}`
    this.mailbox = mailbox
    this.sent = false
    this.error = ''
    this.sending = false
    this.failedInTransit = false
    this.pending = { to: '', cc: '', bcc: '' }
    this.initial = { ...initial }
    this.attachments.reset(mailbox, initialFiles)
    this.initialAttachments = this.attachments.signature
    this.lastSaved = null
    const saved = await this.readLocal()
    const key = saved ? saved.idempotencyKey : await this.deps.newKey()
    runInAction(() => {
      if (saved) {
        this.fields = saved.fields
        this.attachments.reset(mailbox, saved.attachments ?? [])
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
    return (
      f.to.length + f.cc.length + f.bcc.length === 0 &&
      !f.subject.trim() &&
      !f.content.trim() &&
      this.attachments.items.length === 0
    )
  }

  /**
   * Something was written: the fields differ from what the mail started with, or an address is
   * half typed, or this is a restored local draft. Leaving an untouched compose saves nothing (a
   * shared mailbox's colleagues would all see the junk draft).
   */
  get touched(): boolean {
    if (this.restored) return true
    if (RECIPIENT_FIELDS.some((f) => this.pending[f].trim() !== '')) return true
    if (this.attachments.signature !== this.initialAttachments) return true
    return !sameFields(this.fields, this.initial)
  }

  /** files picked by the member (utils/pickFiles): read and uploaded at once, within the limits */
  addFiles(files: PickedFile[]): void {
    if (this.sent || this.sending) return
    this.attachments.add(files)
  }

  removeAttachment(key: string): void {
    if (this.sent || this.sending) return
    this.attachments.remove(key)
  }

  retryAttachment(key: string): void {
    if (this.sent) return
    this.attachments.retry(key)
  }

  /** a row was added, removed or uploaded: what a send said no longer holds; keep the local copy */
  private attachmentsChanged(): void {
    this.error = ''
    this.failedInTransit = false
    void this.keepLocal()
  }

  update(patch: Partial<ComposeFields>): void {
    if (this.sent) return
    Object.assign(this.fields, patch)
    this.error = ''
    this.failedInTransit = false
    void this.keepLocal()
  }

  /** the chips of one recipient field, named from the directory through `people` */
  chips(field: RecipientField, people: PeopleLookup): RecipientChip[] {
    const home = this.fields.from ? domainOf(bareAddress(this.fields.from)) : ''
    return this.fields[field].map((value) => {
      const parsed = parseMailbox(value)
      if (!parsed) {
        // The policy's own message, said at the field (no "(to[0])" key): 邮件地址格式不正确：…
        const address = bareAddress(value)
        const v = checkAddressList([address], field)
        const invalid = v.ok ? '邮件地址格式不正确' : humanError(v.errmsg, { field })
        return { value, address: '', name: value.trim(), invalid, warning: '' }
      }
      const who = people.person(value)
      const warning =
        who.kind !== 'outside'
          ? ''
          : home && domainOf(parsed.address) === home
            ? UNKNOWN_INTERNAL_WARNING
            : OUTSIDE_WARNING
      const name = who.kind === 'member' || who.kind === 'mailbox' ? who.name : parsed.name || parsed.address
      return { value, address: parsed.address.toLowerCase(), name, invalid: '', warning }
    })
  }

  /** what is being typed in `field`; text before a separator (, ; Enter) becomes chips */
  setPending(field: RecipientField, text: string): void {
    if (this.sent) return
    const parts = text.split(SEPARATOR)
    const rest = parts.pop() ?? ''
    this.pending[field] = rest
    if (parts.length > 0) this.addRecipients(field, parseRecipients(parts.join(',')))
    else void this.keepLocal()
    void this.suggest(rest)
  }

  /** the typed text of `field` (or of every field) becomes chips: Enter, blur, send, leave */
  commitPending(field?: RecipientField): void {
    for (const f of field ? [field] : RECIPIENT_FIELDS) {
      const text = this.pending[f]
      if (!text.trim()) continue
      this.pending[f] = ''
      this.addRecipients(f, parseRecipients(text))
    }
  }

  /** a suggestion picked: it replaces what was being typed */
  pick(field: RecipientField, s: Suggestion): void {
    this.pending[field] = ''
    this.clearSuggestions()
    this.addRecipients(field, [`${s.name} <${s.biz_mail}>`])
  }

  removeRecipient(field: RecipientField, index: number): void {
    if (this.sent) return
    const list = this.fields[field].slice()
    list.splice(index, 1)
    this.update({ [field]: list })
  }

  /** appends to `field`, skipping addresses already there */
  private addRecipients(field: RecipientField, values: string[]): void {
    const list = this.fields[field].slice()
    const have = new Set(list.map(bareAddress))
    for (const v of values) {
      const k = bareAddress(v)
      if (have.has(k)) continue
      have.add(k)
      list.push(v)
    }
    this.update({ [field]: list })
  }

  /** why the mail cannot be sent as it is ('' when it can be tried) */
  get blocked(): string {
    if (this.attachments.busy) return ATTACHMENTS_BUSY
    if (this.attachments.hasFailed) return ATTACHMENT_FAILED
    const f = this.fields
    const typed = RECIPIENT_FIELDS.some((k) => this.pending[k].trim() !== '')
    if (f.to.length + f.cc.length + f.bcc.length === 0 && !typed) return NO_RECIPIENT
    const bad = RECIPIENT_FIELDS.some((k) => f[k].some((v) => !parseMailbox(v)))
    return bad ? INVALID_RECIPIENT : ''
  }

  /**
   * On leaving the page: keep a written draft on the server too (best effort; the local copy
   * stays). Calls from several leave hooks run one after another, and what was saved already is
   * not saved again.
   */
  saveDraft(): Promise<void> {
    const run = this.saving.then(() => this.saveDraftNow())
    this.saving = run.catch(() => undefined)
    return run
  }

  private async saveDraftNow(): Promise<void> {
    this.commitPending()
    // A file still uploading goes into the draft too: the save waits for it (the page may be gone).
    const session = this.session
    await this.attachments.idle()
    if (session !== this.session) return
    if (this.sent || !this.touched || (this.isBlank && !this.draftId)) return
    const attachments = this.attachments.signature
    const last = this.lastSaved
    if (last && sameFields(this.fields, last.fields) && last.attachments === attachments) return
    const fields = { ...this.fields }
    const r = await this.deps.api.call('mail/draft/save', {
      mailbox: this.mailbox,
      ...(this.draftId ? { draft_id: this.draftId } : {}),
      ...fields,
      ...this.attachments.request(),
    })
    if (r.errcode === 0 && r.draft_id && session === this.session) {
      runInAction(() => {
        this.draftId = String(r.draft_id)
        this.lastSaved = { fields, attachments }
      })
      await this.writeLocal()
    }
  }

  /** throw the draft away (local and server) */
  async discard(): Promise<void> {
    const draftId = this.draftId
    this.session++
    this.fields = { ...EMPTY_FIELDS, from: this.fields.from }
    this.attachments.reset(this.mailbox)
    this.draftId = ''
    await this.removeLocal()
    if (draftId) await this.deps.api.call('mail/draft/delete', { mailbox: this.mailbox, draft_id: draftId })
  }

  /**
   * True when sent; otherwise `error` says why and the draft is untouched. The send names the
   * server draft, so the backend deletes it with the send (it leaves 草稿箱 at once).
   */
  async send(): Promise<boolean> {
    if (this.sending || this.sent) return this.sent
    this.commitPending()
    const blocked = this.blocked
    if (blocked) {
      this.error = blocked
      return false
    }
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
      ...(this.draftId ? { draft_id: this.draftId } : {}),
      ...this.attachments.request(),
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
        this.failedInTransit = r.errcode === -1
        this.error =
          r.errcode === -1
            ? `发送失败：${humanError(r.errmsg)}。草稿已保存，可稍后重试`
            : humanError(r.errmsg)
      })
      return false
    }
    runInAction(() => {
      this.sending = false
      this.sent = true
      this.failedInTransit = false
      this.draftId = ''
    })
    await this.removeLocal()
    return true
  }

  private async readLocal(): Promise<SavedDraft | null> {
    try {
      const raw = await this.deps.storage.get(this.storageKey)
      if (!raw) return null
      const v = JSON.parse(raw) as SavedDraft
      if (!v || typeof v.idempotencyKey !== 'string' || !v.fields || !Array.isArray(v.fields.to)) return null
      const attachments = Array.isArray(v.attachments) ? v.attachments.filter(isKeptAttachment) : []
      return { ...v, fields: { ...EMPTY_FIELDS, ...v.fields }, attachments }
    } catch {
      return null // a corrupt local draft is dropped rather than crashing compose
    }
  }

  /** an untouched mail keeps no local copy either: reopening it starts afresh, not "restored" */
  private keepLocal(): Promise<void> {
    return this.touched ? this.writeLocal() : this.removeLocal()
  }

  private async writeLocal(): Promise<void> {
    // A half-typed address is kept too: it comes back as a chip.
    const typed = (f: RecipientField) => [...this.fields[f], ...parseRecipients(this.pending[f])]
    const saved: SavedDraft = {
      fields: { ...this.fields, to: typed('to'), cc: typed('cc'), bcc: typed('bcc') },
      attachments: this.attachments.kept,
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

/** the fields of a reopened draft (its other members: id, attachments, stay out of the fields) */
function draftFields(d: DraftView): ComposeFields {
  return {
    from: d.from,
    to: d.to ?? [],
    cc: d.cc ?? [],
    bcc: d.bcc ?? [],
    subject: d.subject ?? '',
    content: d.content ?? '',
    in_reply_to: d.in_reply_to ?? '',
  }
}

/** a locally kept attachment row as written by writeLocal (anything else is dropped) */
function isKeptAttachment(a: unknown): a is ComposeAttachment {
  if (!a || typeof a !== 'object') return false
  const x = a as Partial<ComposeAttachment>
  return (
    typeof x.key === 'string' &&
    typeof x.name === 'string' &&
    typeof x.size === 'number' &&
    typeof x.content_type === 'string' &&
    x.state === 'ready' &&
    (typeof x.attachment_id === 'string' || (!!x.forward && typeof x.forward.attachment_id === 'string'))
  )
}

function sameFields(a: ComposeFields, b: ComposeFields): boolean {
  const list = (x: string[], y: string[]) => x.length === y.length && x.every((v, i) => v === y[i])
  return (
    a.from === b.from &&
    a.subject === b.subject &&
    a.content === b.content &&
    a.in_reply_to === b.in_reply_to &&
    list(a.to, b.to) &&
    list(a.cc, b.cc) &&
    list(a.bcc, b.bcc)
  )
}
