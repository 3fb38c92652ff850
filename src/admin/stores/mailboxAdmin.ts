// Business mailbox administration (product spec 3, 5): the quota, the list, create / convert /
// edit / aliases / enable / delete, the recycle bin and admin client passwords. Every write returns
// the backend's verdict as is, so pages show its errmsg; the backend is the authority.
import dayjs from 'dayjs'
import { makeAutoObservable, runInAction } from 'mobx'
import type { ApiClient, Envelope } from '../../api/client'
import { conversionBlockedReason } from '../../policy/conversion'
import type { QuotaFacts } from '../../policy/quota'
import { adminMailbox, authCodeItem, recycleItem } from '../../stores/wire'
import { MailboxForm } from './mailboxForm'
import {
  MIGRATION_LOCKED,
  type AdminMailbox,
  type AuthCodeItem,
  type Outcome,
  type Quota,
  type RecycleItem,
  type Targets,
  isEmptyTargets,
} from './types'

const GET_BATCH = 100

/** What the password list says while client login is locked (unix seconds); '' when it is not. */
export function clientLoginLockNotice(lockedUntil: number): string {
  return lockedUntil > 0 ? `客户端登录已锁定，${dayjs(lockedUntil * 1000).format('HH:mm')} 后解除` : ''
}

function outcome<R extends object, T extends object>(
  r: Envelope<R>,
  pick: (r: Envelope<R>) => T,
): Outcome<T> {
  return r.errcode === 0 ? { ok: true, ...pick(r) } : { ok: false, errcode: r.errcode, errmsg: r.errmsg }
}

const lists = (t: Targets) => ({
  userid_list: { list: t.userid },
  department_list: { list: t.partyid },
  tag_list: { list: t.tagid },
})

export interface MailboxAdminDeps {
  api: ApiClient
  /** a fresh idempotency key, so a retried create never makes two mailboxes (may have to wait) */
  newKey(): string | Promise<string>
}

export class MailboxAdminStore {
  quota: Quota | null = null
  mailboxes: AdminMailbox[] = []
  recycle: RecycleItem[] = []
  state: 'idle' | 'loading' | 'ready' | 'error' = 'idle'
  error = ''
  errcode = 0
  recycleState: 'idle' | 'loading' | 'ready' | 'error' = 'idle'
  recycleError = ''
  /** the corp's mail domain, learned from the admin's own address or an existing mailbox */
  domain = ''
  /** drafts of the create form ('new') and edit forms (by id) */
  forms = new Map<string, MailboxForm>()
  /** idempotency key of the last create that may have reached the backend, with its body */
  private createKey = { key: '', body: '' }
  private seq = 0

  constructor(private readonly deps: MailboxAdminDeps) {
    makeAutoObservable<MailboxAdminStore, 'deps' | 'seq' | 'createKey'>(
      this,
      { deps: false, seq: false, createKey: false },
      { autoBind: true },
    )
  }

  get locked(): boolean {
    return this.errcode === MIGRATION_LOCKED
  }

  get blockedReason(): string {
    return this.quota?.blocked_reason ?? ''
  }

  /** the quota answer as the policy's facts, to pre-check a create or convert with the backend's own rules */
  get quotaFacts(): QuotaFacts | null {
    const q = this.quota
    if (!q) return null
    return {
      edition: q.edition,
      domainKind: q.domain_kind,
      purchased: q.seats.purchased,
      assigned: q.seats.assigned,
      used: q.used,
    }
  }

  /** why 移入成员邮箱 is impossible right now ('' when a member's mailbox can be converted) */
  get convertBlockedReason(): string {
    const f = this.quotaFacts
    return f ? conversionBlockedReason(f) : ''
  }

  byId(id: number): AdminMailbox | undefined {
    return this.mailboxes.find((m) => m.id === id)
  }

  namesExcept(id?: number): string[] {
    return this.mailboxes.filter((m) => m.id !== id).map((m) => m.name)
  }

  setDomainHint(address: string | undefined): void {
    const at = address ? address.lastIndexOf('@') : -1
    if (address && at > 0 && !this.domain) this.domain = address.slice(at + 1).toLowerCase()
  }

  /** quota, then every business mailbox (search lists ids, get returns the details) */
  async load(): Promise<void> {
    const seq = ++this.seq
    if (!this.quota) this.state = 'loading'
    const [quota, found] = await Promise.all([
      this.deps.api.call('exmail/publicmail/quota', {}),
      this.deps.api.call('exmail/publicmail/search', { fuzzy: 0 }),
    ])
    const failed = quota.errcode !== 0 ? quota : found.errcode !== 0 ? found : null
    const details: AdminMailbox[] = []
    let detailFailure: Envelope<object> | null = null
    const ids = (found.list ?? []).map((m) => m.id)
    for (let i = 0; !failed && i < ids.length; i += GET_BATCH) {
      const r = await this.deps.api.call('exmail/publicmail/get', {
        id_list: { list: ids.slice(i, i + GET_BATCH) },
      })
      if (r.errcode !== 0) {
        detailFailure = r
        break
      }
      details.push(...(r.list ?? []).map(adminMailbox))
    }
    runInAction(() => {
      if (seq !== this.seq) return
      const bad = failed ?? detailFailure
      if (bad) {
        this.state = 'error'
        this.error = bad.errmsg
        this.errcode = bad.errcode
        return
      }
      this.quota = quota as Quota & Envelope<Quota>
      this.mailboxes = details.sort((a, b) => a.id - b.id)
      if (!this.domain) this.setDomainHint(this.mailboxes[0]?.email)
      this.state = 'ready'
      this.error = ''
      this.errcode = 0
    })
  }

  form(key: string): MailboxForm {
    let f = this.forms.get(key)
    if (!f) {
      const existing = key === 'new' ? undefined : this.byId(Number(key))
      f = new MailboxForm(existing)
      this.forms.set(key, f)
    }
    return f
  }

  dropForm(key: string): void {
    this.forms.delete(key)
  }

  async create(form: MailboxForm): Promise<Outcome<{ id: number }>> {
    const body = { email: `${form.localPart}@${this.domain}`, name: form.name.trim(), ...lists(form.users) }
    // A retry of the same request reuses its key (an answer lost on the way must not create twice);
    // a changed form is a new request.
    const text = JSON.stringify(body)
    if (this.createKey.body !== text) {
      const key = await this.deps.newKey()
      // A double tap while the key was drawn must still share one key.
      if (this.createKey.body !== text) this.createKey = { key, body: text }
    }
    const r = await this.deps.api.call('exmail/publicmail/create', {
      ...body,
      idempotency_key: this.createKey.key,
    })
    if (r.errcode !== -1) this.createKey = { key: '', body: '' }
    const result = outcome(r, (x) => ({ id: x.id as number }))
    if (result.ok) {
      this.dropForm('new')
      await this.load()
    }
    return result
  }

  /** 移入通讯录成员邮箱: the member's mailbox becomes a business mailbox (lists may stay empty) */
  async convert(userid: string, name: string, users: Targets): Promise<Outcome<{ id: number }>> {
    const r = await this.deps.api.call('exmail/publicmail/create', {
      from_userid: userid,
      name: name.trim(),
      ...lists(users),
      idempotency_key: await this.deps.newKey(),
    })
    const result = outcome(r, (x) => ({ id: x.id as number }))
    if (result.ok) await this.load()
    return result
  }

  async update(id: number, form: MailboxForm): Promise<Outcome> {
    // A converted mailbox may still have nobody on its lists: renaming it must not touch them.
    const r = await this.deps.api.call('exmail/publicmail/update', {
      id,
      name: form.name.trim(),
      ...(isEmptyTargets(form.users) ? {} : lists(form.users)),
    })
    const result = outcome(r, () => ({}))
    if (result.ok) {
      this.dropForm(String(id))
      await this.load()
    }
    return result
  }

  async setAliases(id: number, aliases: string[]): Promise<Outcome> {
    const r = await this.deps.api.call('exmail/publicmail/update', { id, alias_list: { list: aliases } })
    const result = outcome(r, () => ({}))
    if (result.ok) await this.load()
    return result
  }

  async setEnabled(id: number, enabled: boolean): Promise<Outcome> {
    const r = await this.deps.api.call('exmail/account/act_email', {
      publicemail_id: id,
      type: enabled ? 1 : 2,
    })
    const result = outcome(r, () => ({}))
    if (result.ok) {
      runInAction(() => {
        const m = this.byId(id)
        if (m) m.enabled = enabled
      })
    }
    return result
  }

  async remove(id: number): Promise<Outcome<{ retention_days: number }>> {
    const r = await this.deps.api.call('exmail/publicmail/delete', { id })
    const result = outcome(r, (x) => ({ retention_days: (x.retention_days as number) ?? 60 }))
    if (result.ok) {
      this.dropForm(String(id))
      await Promise.all([this.load(), this.loadRecycle()])
    }
    return result
  }

  async loadRecycle(): Promise<void> {
    if (!this.recycle.length) this.recycleState = 'loading'
    const r = await this.deps.api.call('exmail/recycle/list', {})
    runInAction(() => {
      if (r.errcode !== 0) {
        this.recycleState = 'error'
        this.recycleError = r.errmsg
        if (r.errcode === MIGRATION_LOCKED) this.errcode = r.errcode
        return
      }
      this.recycle = (r.list ?? []).map(recycleItem)
      this.recycleState = 'ready'
      this.recycleError = ''
    })
  }

  async restore(id: number): Promise<Outcome> {
    const r = await this.deps.api.call('exmail/recycle/restore', { id })
    const result = outcome(r, () => ({}))
    if (result.ok) await Promise.all([this.load(), this.loadRecycle()])
    return result
  }

  /** the admin's list, and when the mailbox's client-login lock ends (unix seconds, 0 = not locked) */
  async authCodes(id: number): Promise<Outcome<{ list: AuthCodeItem[]; lockedUntil: number }>> {
    const r = await this.deps.api.call('exmail/publicmail/get_auth_code_list', { id })
    return outcome(r, (x) => ({
      list: (x.auth_code_list ?? []).map(authCodeItem),
      lockedUntil: typeof x.login_locked_until === 'number' ? x.login_locked_until : 0,
    }))
  }

  /** the secret comes back exactly once: the page shows it and forgets it */
  async createAuthCode(id: number, remark: string): Promise<Outcome<{ auth_code: string }>> {
    const r = await this.deps.api.call('exmail/publicmail/update', {
      id,
      create_auth_code: 1,
      auth_code_info: { remark },
    })
    return outcome(r, (x) => ({ auth_code: x.auth_code as string }))
  }

  async deleteAuthCode(id: number, authCodeId: string): Promise<Outcome> {
    const r = await this.deps.api.call('exmail/publicmail/delete_auth_code', {
      id,
      auth_code_id: authCodeId,
    })
    return outcome(r, () => ({}))
  }

  clear(): void {
    this.seq++
    this.quota = null
    this.mailboxes = []
    this.recycle = []
    this.state = 'idle'
    this.recycleState = 'idle'
    this.error = ''
    this.errcode = 0
    this.domain = ''
    this.forms.clear()
    this.createKey = { key: '', body: '' }
  }
}
