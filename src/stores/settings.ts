// Mailbox settings (product spec 4.3): shared ones (signature, receive rules, IMAP / POP) under
// optimistic concurrency, personal ones (conversation mode, new-mail reminder), and the member's
// own client-specific passwords (3.7).
//
// What the member types into the signature and rule editors is a local draft: kept in storage per
// identity and mailbox on every change (so leaving the page loses nothing) and only dropped once
// the server accepted it or the member discarded it. A save never overwrites what another member
// changed meanwhile without asking: the draft remembers the server value it started from.
import { humanError } from './humanError'
import { authCodeItem, type AuthCodeItem } from './wire'
import { makeAutoObservable, runInAction } from 'mobx'
import type { ApiClient, BodyArg } from '../api/client'
import type { ApiName, CallContext, Input, KeyValueStorage } from '../api/contract'
import type { MailSettings, ReceiveRule } from '../api/mailTypes'
import { checkRemark } from '../policy/authCode'
import { ErrCode } from '../policy/codes'
import { MAX_RULES, validateRules } from '../policy/receiveRules'
import { checkSignature, sanitizeSignatureReport, signatureText } from '../policy/signature'
import {
  describeRemoved,
  editorFromSignature,
  signatureFromEditor,
  signatureLines,
  type SignatureRun,
} from '../policy/signatureEditor'

export type SharedSettings = MailSettings['shared']
export type PersonalSettings = MailSettings['personal']
export type SharedField = 'signature' | 'rules'

export type { AuthCodeItem } from './wire'

export type SaveResult = { ok: true } | { ok: false; stale: boolean; errmsg: string }

/** -1: nothing is known to have happened, the same request may be repeated */
export const RETRY_ATTEMPTS = 3

export const STALE_MESSAGE = '其他成员已修改了这项设置，已为你显示最新版本；你的修改仍保留在编辑器中'

interface LocalDraft {
  signature?: { text: string; base: string }
  rules?: { list: ReceiveRule[]; base: ReceiveRule[] }
  /** the rule being edited on the rule page: index into the draft list, or -1 for a new rule */
  ruleForm?: { index: number; rule: ReceiveRule }
}

export interface SettingsDeps {
  api: ApiClient
  storage: KeyValueStorage
  identity(): CallContext
  /** fresh random key from the platform's secure source (may have to wait for it) */
  newKey(): string | Promise<string>
  sleep(ms: number): Promise<void>
  /** the member's conversation mode changed: cached mail lists are shaped the old way */
  onConversationModeChanged?(mailbox: string): void
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)
const sameRules = (a: ReceiveRule[], b: ReceiveRule[]) => same(a, b)

/** what the server keeps for a value (sanitised signature, normalised rules) */
function storedForm(field: SharedField, value: string | ReceiveRule[]): unknown {
  if (field === 'signature') {
    const v = checkSignature(value)
    return v.ok ? v.value : value
  }
  const v = validateRules(value)
  return v.ok ? v.value : value
}
const copyRules = (r: ReceiveRule[]): ReceiveRule[] => JSON.parse(JSON.stringify(r)) as ReceiveRule[]

export function draftKey(who: CallContext, mailbox: string): string {
  return `bizmail.settings-draft.${who.corpid}.${who.userid}.${mailbox}`
}

export function blankRule(): ReceiveRule {
  return {
    match: 'all',
    conditions: [{ field: 'subject', op: 'contains', value: '' }],
    actions: [{ type: 'move', folder: '' }],
  }
}

/** Settings of one mailbox as seen by the current member. */
export class MailboxSettings {
  state: 'idle' | 'loading' | 'ready' | 'error' = 'idle'
  error = ''
  /** newest shared settings known from the server */
  shared: SharedSettings | null = null
  personal: PersonalSettings | null = null
  draft: LocalDraft = {}
  /** fields whose draft started from an older server value than the newest one */
  conflict: Partial<Record<SharedField, boolean>> = {}
  saving: Partial<Record<SharedField | 'imap' | 'pop' | 'conversation_mode' | 'notify', boolean>> = {}

  codes: AuthCodeItem[] = []
  codesState: 'idle' | 'loading' | 'ready' | 'error' = 'idle'
  codesError = ''
  creatingCode = false

  private seq = 0
  private draftRead = false
  private readonly key: string

  constructor(
    readonly mailbox: string,
    private readonly deps: SettingsDeps,
  ) {
    this.key = draftKey(deps.identity(), mailbox)
    makeAutoObservable<MailboxSettings, 'deps' | 'seq' | 'draftRead' | 'key'>(
      this,
      { mailbox: false, deps: false, seq: false, draftRead: false, key: false },
      { autoBind: true },
    )
  }

  // ---- reading -------------------------------------------------------------------------------

  async load(): Promise<void> {
    const seq = ++this.seq
    if (!this.shared) this.state = 'loading'
    if (!this.draftRead) {
      const saved = await this.readLocal()
      runInAction(() => {
        this.draftRead = true
        this.draft = { ...saved, ...this.draft }
      })
    }
    const r = await this.deps.api.call('mail/settings/get', { mailbox: this.mailbox })
    runInAction(() => {
      if (seq !== this.seq) return
      if (r.errcode !== 0 || !r.shared || !r.personal) {
        this.state = this.shared ? 'ready' : 'error'
        this.error = humanError(r.errmsg) || '设置加载失败'
        return
      }
      this.error = ''
      this.personal = r.personal
      this.adoptShared(r.shared)
      this.state = 'ready'
    })
  }

  /** take the server's newest shared settings; a draft started from an older value is flagged */
  private adoptShared(next: SharedSettings): void {
    this.shared = next
    const d = this.draft
    this.conflict = {
      ...(d.signature && d.signature.base !== next.signature ? { signature: true } : {}),
      ...(d.rules && !sameRules(d.rules.base, next.rules) ? { rules: true } : {}),
    }
  }

  // ---- signature -----------------------------------------------------------------------------

  /** what the editor shows (plain text with **bold** / [link](…) markers): the draft, else the saved one */
  get signatureText(): string {
    return this.draft.signature?.text ?? editorFromSignature(this.shared?.signature ?? '')
  }

  get signatureDirty(): boolean {
    return (
      !!this.draft.signature &&
      this.draft.signature.text !== editorFromSignature(this.shared?.signature ?? '')
    )
  }

  /** the editor's text as signature HTML, before sanitising (what is sent) */
  get signatureHtml(): string {
    return signatureFromEditor(this.signatureText)
  }

  /** '' when the draft may be saved, else the policy's reason */
  get signatureProblem(): string {
    const v = checkSignature(this.signatureHtml)
    return v.ok ? '' : humanError(v.errmsg)
  }

  /** the signature as it will be stored (scripts, handlers, remote content stripped) */
  get signaturePreview(): string {
    const v = checkSignature(this.signatureHtml)
    return v.ok ? v.value : ''
  }

  /** the stored signature as formatted lines: what the preview draws */
  get signatureLines(): SignatureRun[][] {
    return signatureLines(this.signaturePreview)
  }

  /** the text form appended to plain-text mail (links keep their address) */
  get signatureSentText(): string {
    return signatureText(this.signaturePreview)
  }

  /** what saving will take out (images, scripts, javascript: links …), in words; '' when nothing */
  get signatureRemoved(): string {
    return describeRemoved(sanitizeSignatureReport(this.signatureHtml).removed)
  }

  editSignature(text: string): void {
    const base = this.draft.signature?.base ?? this.shared?.signature ?? ''
    this.draft = { ...this.draft, signature: { text, base } }
    void this.writeLocal()
  }

  discardSignature(): void {
    const { signature: _drop, ...rest } = this.draft
    this.draft = rest
    this.conflict = { ...this.conflict, signature: false }
    void this.writeLocal()
  }

  /** `overwrite`: the member saw the newer version and chose to replace it with theirs */
  async saveSignature(overwrite = false): Promise<SaveResult> {
    const d = this.draft.signature
    if (!d || !this.shared) return { ok: true }
    const problem = this.signatureProblem
    if (problem) return { ok: false, stale: false, errmsg: problem }
    if (overwrite) this.rebase('signature')
    return this.saveShared('signature')
  }

  // ---- receive rules -------------------------------------------------------------------------

  get rules(): ReceiveRule[] {
    return this.draft.rules?.list ?? this.shared?.rules ?? []
  }

  get rulesDirty(): boolean {
    return !!this.draft.rules && !!this.shared && !sameRules(this.draft.rules.list, this.shared.rules)
  }

  get rulesProblem(): string {
    const v = validateRules(this.rules)
    return v.ok ? '' : humanError(v.errmsg)
  }

  private setRules(list: ReceiveRule[]): void {
    const base = this.draft.rules?.base ?? copyRules(this.shared?.rules ?? [])
    this.draft = { ...this.draft, rules: { list, base } }
    void this.writeLocal()
  }

  moveRule(index: number, delta: -1 | 1): void {
    const list = copyRules(this.rules)
    const to = index + delta
    if (index < 0 || index >= list.length || to < 0 || to >= list.length) return
    ;[list[index], list[to]] = [list[to], list[index]]
    this.setRules(list)
  }

  removeRule(index: number): void {
    const list = copyRules(this.rules)
    if (index < 0 || index >= list.length) return
    list.splice(index, 1)
    this.setRules(list)
  }

  discardRules(): void {
    const { rules: _drop, ...rest } = this.draft
    this.draft = rest
    this.conflict = { ...this.conflict, rules: false }
    void this.writeLocal()
  }

  async saveRules(overwrite = false): Promise<SaveResult> {
    const d = this.draft.rules
    if (!d || !this.shared) return { ok: true }
    const problem = this.rulesProblem
    if (problem) return { ok: false, stale: false, errmsg: problem }
    if (overwrite) this.rebase('rules')
    return this.saveShared('rules')
  }

  /** '' when another rule may be added, else why not */
  get addRuleProblem(): string {
    return this.rules.length >= MAX_RULES ? `收信规则最多 ${MAX_RULES} 条，请先删除不再需要的规则` : ''
  }

  get ruleForm(): LocalDraft['ruleForm'] | undefined {
    return this.draft.ruleForm
  }

  /** open the rule editor on rule `index` (-1: a new rule); an unfinished edit of the same rule is kept */
  startRuleEdit(index: number): void {
    const current = this.draft.ruleForm
    if (current && current.index === index) return
    const rule = index >= 0 && index < this.rules.length ? copyRules([this.rules[index]])[0] : blankRule()
    this.draft = { ...this.draft, ruleForm: { index, rule } }
    void this.writeLocal()
  }

  editRuleForm(rule: ReceiveRule): void {
    const form = this.draft.ruleForm
    if (!form) return
    this.draft = { ...this.draft, ruleForm: { index: form.index, rule } }
    void this.writeLocal()
  }

  /** the whole list as it would be with the form applied */
  private listWithForm(): ReceiveRule[] | null {
    const form = this.draft.ruleForm
    if (!form) return null
    const list = copyRules(this.rules)
    if (form.index >= 0 && form.index < list.length) list[form.index] = form.rule
    else list.push(form.rule)
    return list
  }

  /** '' when the form's rule is valid in its place, else the policy's reason */
  get ruleFormProblem(): string {
    const list = this.listWithForm()
    if (!list) return ''
    const v = validateRules(list)
    // raw: the editor says it at the field, dropping the rule it is shown in (humanError `at`)
    return v.ok ? '' : v.errmsg
  }

  /** put the edited rule into the draft list (saved with 保存规则); returns the refusal or '' */
  commitRuleForm(): string {
    const list = this.listWithForm()
    if (!list) return ''
    const problem = this.ruleFormProblem
    if (problem) return problem
    const { ruleForm: _drop, ...rest } = this.draft
    this.draft = rest
    this.setRules(list)
    return ''
  }

  cancelRuleForm(): void {
    const { ruleForm: _drop, ...rest } = this.draft
    this.draft = rest
    void this.writeLocal()
  }

  // ---- IMAP / POP ----------------------------------------------------------------------------

  /** a switch is one explicit value: a stale write shows the newest state and asks to try again */
  async setService(key: 'imap' | 'pop', on: boolean): Promise<SaveResult> {
    if (!this.shared) return { ok: false, stale: false, errmsg: '设置尚未加载' }
    this.saving = { ...this.saving, [key]: true }
    const r = await this.update({ shared: { [key]: on, version: this.shared.version } })
    runInAction(() => {
      this.saving = { ...this.saving, [key]: false }
      if (r.shared) this.adoptShared(r.shared)
    })
    if (r.errcode === 0) return { ok: true }
    // An answer lost after the write: the fresh copy already says what we wanted.
    if (r.errcode === ErrCode.STALE_VERSION && r.shared?.[key] === on) return { ok: true }
    return {
      ok: false,
      stale: r.errcode === ErrCode.STALE_VERSION,
      errmsg:
        r.errcode === ErrCode.STALE_VERSION
          ? '其他成员刚修改了邮箱设置，已显示最新状态，请确认后重试'
          : humanError(r.errmsg),
    }
  }

  // ---- personal ------------------------------------------------------------------------------

  /** saved at once; shown at once and undone if the server refuses */
  async setPersonal(key: keyof PersonalSettings, on: boolean): Promise<string> {
    if (!this.personal) return '设置尚未加载'
    const before = this.personal[key]
    this.personal = { ...this.personal, [key]: on }
    this.saving = { ...this.saving, [key]: true }
    const r = await this.update({ personal: { [key]: on } })
    runInAction(() => {
      this.saving = { ...this.saving, [key]: false }
      if (r.errcode === 0 && r.personal) this.personal = r.personal
      else if (this.personal) this.personal = { ...this.personal, [key]: before }
    })
    if (r.errcode !== 0) return humanError(r.errmsg)
    if (key === 'conversation_mode') this.deps.onConversationModeChanged?.(this.mailbox)
    return ''
  }

  // ---- client-specific passwords -------------------------------------------------------------

  async loadCodes(): Promise<void> {
    if (this.codes.length === 0) this.codesState = 'loading'
    const r = await this.deps.api.call('mail/authcode/list', {
      mailbox: this.mailbox,
    })
    runInAction(() => {
      if (r.errcode !== 0 || !Array.isArray(r.auth_code_list)) {
        this.codesState = 'error'
        this.codesError = humanError(r.errmsg) || '客户端专用密码加载失败'
        return
      }
      this.codes = r.auth_code_list.map(authCodeItem)
      this.codesState = 'ready'
      this.codesError = ''
    })
  }

  /** '' when the remark may be used, else the policy's reason */
  remarkProblem(remark: string): string {
    const v = checkRemark(remark)
    return v.ok ? '' : humanError(v.errmsg)
  }

  /**
   * Creates a password and returns its secret (shown once). Carries an idempotency key so a retry
   * after a lost answer never creates two; a replay does not repeat the secret, so that unseen
   * password is deleted again and a fresh one drawn.
   */
  async createCode(remark: string): Promise<{ secret: string; errmsg: '' } | { secret: ''; errmsg: string }> {
    const problem = this.remarkProblem(remark)
    if (problem) return { secret: '', errmsg: problem }
    if (this.creatingCode) return { secret: '', errmsg: '正在生成，请稍候' }
    this.creatingCode = true
    try {
      for (let round = 0; round < 2; round++) {
        const body = {
          mailbox: this.mailbox,
          remark: remark.trim(),
          idempotency_key: await this.deps.newKey(),
        }
        const r = await this.withRetry('mail/authcode/create', body)
        if (r.errcode !== 0) return { secret: '', errmsg: humanError(r.errmsg) }
        if (r.auth_code) {
          void this.loadCodes()
          return { secret: r.auth_code, errmsg: '' }
        }
        if (r.auth_code_id) {
          await this.deps.api.call('mail/authcode/delete', {
            mailbox: this.mailbox,
            auth_code_id: r.auth_code_id,
          })
        }
      }
      return { secret: '', errmsg: '网络不稳定，密码未能显示，请重试' }
    } finally {
      runInAction(() => {
        this.creatingCode = false
      })
    }
  }

  async deleteCode(id: string): Promise<string> {
    const r = await this.withRetry('mail/authcode/delete', { mailbox: this.mailbox, auth_code_id: id })
    if (r.errcode === 0) {
      runInAction(() => {
        this.codes = this.codes.filter((c) => c.auth_code_id !== id)
      })
      return ''
    }
    // A retried delete whose first answer was lost finds nothing to delete: that is what was wanted.
    await this.loadCodes()
    if (this.codesState === 'ready' && !this.codes.some((c) => c.auth_code_id === id)) return ''
    return humanError(r.errmsg)
  }

  // ---- internals -----------------------------------------------------------------------------

  /** the member saw the newer server value and chose theirs: the draft now starts from it */
  private rebase(field: SharedField): void {
    const shared = this.shared
    if (!shared) return
    if (field === 'signature' && this.draft.signature) {
      this.draft = { ...this.draft, signature: { ...this.draft.signature, base: shared.signature } }
    }
    if (field === 'rules' && this.draft.rules) {
      this.draft = { ...this.draft, rules: { ...this.draft.rules, base: copyRules(shared.rules) } }
    }
    this.conflict = { ...this.conflict, [field]: false }
    void this.writeLocal()
  }

  private async saveShared(field: SharedField, retried = false): Promise<SaveResult> {
    const shared = this.shared
    const d = this.draft[field]
    if (!shared || !d) return { ok: true }
    // The signature editor holds text with markers; the backend gets (and sanitises) its HTML.
    const value = 'text' in d ? signatureFromEditor(d.text) : d.list
    // The newest value we know already differs from what the draft started from: ask first.
    if (!same(d.base, shared[field])) {
      this.conflict = { ...this.conflict, [field]: true }
      return { ok: false, stale: true, errmsg: STALE_MESSAGE }
    }
    this.saving = { ...this.saving, [field]: true }
    const r = await this.withRetry('mail/settings/update', {
      mailbox: this.mailbox,
      shared: { [field]: value, version: shared.version },
    })
    runInAction(() => {
      this.saving = { ...this.saving, [field]: false }
    })
    if (r.errcode === 0 && r.shared) {
      const saved = r.shared
      runInAction(() => {
        this.dropDraft(field)
        this.adoptShared(saved)
      })
      return { ok: true }
    }
    if (r.errcode === ErrCode.STALE_VERSION && r.shared) {
      const fresh = r.shared
      // Our own write whose answer was lost: the server already holds exactly the draft.
      if (same(fresh[field], storedForm(field, value))) {
        runInAction(() => {
          this.dropDraft(field)
          this.adoptShared(fresh)
        })
        return { ok: true }
      }
      runInAction(() => this.adoptShared(fresh))
      // Someone changed other fields only: ours is untouched there, saving on the new version loses nothing.
      if (same(fresh[field], d.base) && !retried) return this.saveShared(field, true)
      runInAction(() => {
        this.conflict = { ...this.conflict, [field]: true }
      })
      return { ok: false, stale: true, errmsg: STALE_MESSAGE }
    }
    return { ok: false, stale: false, errmsg: humanError(r.errmsg) }
  }

  /** after a save: the draft is on the server */
  private dropDraft(field: SharedField): void {
    const rest = { ...this.draft }
    delete rest[field]
    this.draft = rest
    this.conflict = { ...this.conflict, [field]: false }
    void this.writeLocal()
  }

  private update(body: Omit<Input<'mail/settings/update'>, 'mailbox'>) {
    return this.withRetry('mail/settings/update', { mailbox: this.mailbox, ...body })
  }

  private async withRetry<K extends ApiName>(name: K, ...body: BodyArg<K>) {
    let r = await this.deps.api.call(name, ...body)
    for (let attempt = 1; r.errcode === -1 && attempt < RETRY_ATTEMPTS; attempt++) {
      await this.deps.sleep(300 * 2 ** (attempt - 1))
      r = await this.deps.api.call(name, ...body)
    }
    return r
  }

  private async readLocal(): Promise<LocalDraft> {
    try {
      const raw = await this.deps.storage.get(this.key)
      if (!raw) return {}
      const v = JSON.parse(raw) as LocalDraft
      const out: LocalDraft = {}
      if (v?.signature && typeof v.signature.text === 'string' && typeof v.signature.base === 'string')
        out.signature = v.signature
      if (v?.rules && Array.isArray(v.rules.list) && Array.isArray(v.rules.base)) out.rules = v.rules
      if (v?.ruleForm && typeof v.ruleForm.index === 'number' && v.ruleForm.rule) out.ruleForm = v.ruleForm
      return out
    } catch {
      return {} // a corrupt local draft is dropped rather than breaking the page
    }
  }

  private async writeLocal(): Promise<void> {
    try {
      const d = this.draft
      if (!d.signature && !d.rules && !d.ruleForm) await this.deps.storage.remove(this.key)
      else await this.deps.storage.set(this.key, JSON.stringify(d))
    } catch {
      // storage full: the draft still lives in memory for this session
    }
  }
}

/** One MailboxSettings per mailbox for the current identity. */
export class SettingsStore {
  private boxes = new Map<string, MailboxSettings>()

  constructor(private readonly deps: SettingsDeps) {}

  of(mailbox: string): MailboxSettings {
    let s = this.boxes.get(mailbox)
    if (!s) {
      s = new MailboxSettings(mailbox, this.deps)
      this.boxes.set(mailbox, s)
    }
    return s
  }

  /** identity changed: nothing of the previous member's may show (their drafts stay in their own keys) */
  clear(): void {
    this.boxes.clear()
  }
}
