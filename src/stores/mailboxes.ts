// The mailbox switcher: personal mailbox first, then the business mailboxes the member may use.
// The current mailbox is remembered per identity; losing access sends the member home with a notice.
import { humanError } from './humanError'
import { makeAutoObservable, runInAction } from 'mobx'
import type { ApiClient } from '../api/client'
import type { CallContext, KeyValueStorage } from '../api/contract'
import type { AccessVia, MailboxSummary } from '../api/mailTypes'
import { ErrCode } from '../policy/codes'

export const PERSONAL = 'personal'
export const INBOX = 'inbox'

/** errcodes meaning "this mailbox is no longer yours to open" */
export const LOST_ACCESS_CODES: ReadonlySet<number> = new Set([
  ErrCode.NO_MAILBOX_ACCESS,
  ErrCode.MAILBOX_DISABLED,
  ErrCode.MAILBOX_NOT_FOUND,
])

export function currentKey(who: CallContext): string {
  return `bizmail.current.${who.corpid}.${who.userid}`
}

/** the current mailbox's name, to name it in the notice should access be lost before next start */
export function nameKey(who: CallContext): string {
  return `bizmail.current-name.${who.corpid}.${who.userid}`
}

/** "via 销售部", "via tag 客服" — why the member may use the mailbox. */
export function describeAccess(via: AccessVia[]): string {
  if (via.length === 0) return ''
  return via
    .map((v) =>
      v.type === 'direct'
        ? '直接授权'
        : v.type === 'department'
          ? `通过部门「${v.name}」`
          : `通过标签「${v.name}」`,
    )
    .join('、')
}

export interface MailboxesDeps {
  api: ApiClient
  storage: KeyValueStorage
  identity(): CallContext
  /** the org's mailbox moved under us (a migration): everything cached is stale */
  onMoved?(): void
}

export class MailboxesStore {
  list: MailboxSummary[] = []
  currentId = PERSONAL
  /** the folder open in the current mailbox; every other mailbox (or identity) opens at its inbox */
  folder = INBOX
  state: 'idle' | 'loading' | 'ready' | 'error' = 'idle'
  error = ''
  notice = ''
  /** "「销售部公共邮箱」有 2 封新邮件" — shown for mailboxes whose reminder is on */
  arrival = ''
  /** the mailbox the arrival notice is about: tapping the notice opens it */
  arrivalId = ''
  /** the current mailbox's name, kept (and saved) so losing access can still name it */
  private currentName = ''
  private seq = 0
  private poller: ReturnType<typeof setInterval> | null = null

  constructor(private readonly deps: MailboxesDeps) {
    makeAutoObservable<MailboxesStore, 'deps' | 'seq' | 'currentName'>(
      this,
      { deps: false, seq: false, currentName: false },
      { autoBind: true },
    )
  }

  get current(): MailboxSummary | undefined {
    return this.list.find((m) => m.id === this.currentId)
  }

  get unreadElsewhere(): number {
    return this.list
      .filter((m) => m.id !== this.currentId && m.enabled && m.notify !== false)
      .reduce((n, m) => n + m.unread, 0)
  }

  /** unread mail in mailboxes whose new-mail reminder is on: the tab bar badge */
  get badgeCount(): number {
    return this.list.filter((m) => m.enabled && m.notify !== false).reduce((n, m) => n + m.unread, 0)
  }

  /** refresh every `ms` while the app is in the foreground, to notice new mail */
  startPolling(ms: number): void {
    this.stopPolling()
    this.poller = setInterval(() => void this.refresh(), ms)
  }

  stopPolling(): void {
    if (this.poller) clearInterval(this.poller)
    this.poller = null
  }

  dismissArrival(): void {
    this.arrival = ''
    this.arrivalId = ''
  }

  /** the arrival notice was tapped: open that mailbox; returns a refusal or null */
  openArrival(): string | null {
    const id = this.arrivalId
    this.dismissArrival()
    return id ? this.select(id) : null
  }

  /** forget everything (identity changed) and restore that identity's remembered mailbox */
  async reset(): Promise<void> {
    this.seq++
    this.list = []
    this.folder = INBOX
    this.state = 'idle'
    this.error = ''
    this.notice = ''
    let saved: string | undefined
    let savedName: string | undefined
    try {
      saved = await this.deps.storage.get(currentKey(this.deps.identity()))
      savedName = await this.deps.storage.get(nameKey(this.deps.identity()))
    } catch {
      saved = undefined
    }
    runInAction(() => {
      this.enter(saved || PERSONAL)
      this.currentName = saved && saved !== PERSONAL ? (savedName ?? '') : ''
    })
  }

  async refresh(): Promise<void> {
    const seq = ++this.seq
    if (this.list.length === 0) this.state = 'loading'
    const r = await this.deps.api.call('mail/mailbox/list')
    runInAction(() => {
      if (seq !== this.seq) return
      if (r.errcode !== 0 || !Array.isArray(r.mailboxes)) {
        this.state = 'error'
        this.error = humanError(r.errmsg) || '邮箱列表加载失败'
        return
      }
      // Business ids are numbers on the wire; the app keys everything by string.
      const next = r.mailboxes.map((m) => ({ ...m, id: String(m.id) }))
      if (mailboxMoved(this.list, next)) {
        this.list = next
        this.enter(PERSONAL)
        this.notice = '企业邮箱已迁移到新的组织，已为你重新加载'
        this.deps.onMoved?.()
        void this.remember()
        return
      }
      const arrived = this.list.length > 0 ? newMail(this.list, next) : []
      if (arrived.length > 0) {
        this.arrival = arrived.map((a) => `「${a.name}」有 ${a.count} 封新邮件`).join('，')
        this.arrivalId = arrived[0].id
      }
      // The name as last seen: once access is gone the new list no longer has it.
      const before = this.list.find((m) => m.id === this.currentId)?.name ?? this.currentName
      this.list = next
      this.state = 'ready'
      this.error = ''
      const cur = this.current
      if (this.currentId !== PERSONAL && (!cur || !cur.enabled)) {
        this.returnHome(
          cur
            ? `「${cur.name}」已被停用，已返回个人邮箱`
            : before
              ? `你已无权使用「${before}」，已返回个人邮箱`
              : '你已无权使用之前的业务邮箱，已返回个人邮箱',
        )
      } else if (!cur && this.list.length > 0) {
        this.enter(this.list[0].id) // e.g. no personal mailbox after conversion
      }
    })
  }

  /** one tap: returns a reason when the mailbox cannot be entered */
  select(id: string): string | null {
    const target = this.list.find((m) => m.id === id)
    if (!target) return '该邮箱不存在或已无权使用'
    if (!target.enabled) return '该业务邮箱已被管理员停用，暂时无法进入'
    this.enter(id)
    void this.remember()
    return null
  }

  /** a mail call answered "no access / disabled": go home and refresh the list */
  lostAccess(errmsg: string): void {
    const name = this.current?.name || this.currentName || '该业务邮箱'
    this.returnHome(`无法继续使用「${name}」（${humanError(errmsg)}），已返回个人邮箱`)
    void this.refresh()
  }

  dismissNotice(): void {
    this.notice = ''
  }

  /** open another folder of the current mailbox */
  setFolder(folder: string): void {
    this.folder = folder
  }

  /** a mailbox is entered at its inbox: a folder chosen elsewhere means nothing here */
  private enter(id: string): void {
    this.currentId = id
    this.folder = INBOX
  }

  private returnHome(notice: string): void {
    const personal = this.list.find((m) => m.id === PERSONAL)
    this.enter(personal ? PERSONAL : (this.list.find((m) => m.enabled)?.id ?? PERSONAL))
    this.notice = notice
    void this.remember()
  }

  private async remember(): Promise<void> {
    this.currentName = this.current?.name ?? ''
    try {
      await this.deps.storage.set(currentKey(this.deps.identity()), this.currentId)
      await this.deps.storage.set(nameKey(this.deps.identity()), this.currentName)
    } catch {
      // storage full or unavailable: switching still works for this session
    }
  }
}

/** mailboxes (reminder on) whose unread count went up between two refreshes */
export function newMail(
  before: MailboxSummary[],
  after: MailboxSummary[],
): { id: string; name: string; count: number }[] {
  const was = new Map(before.map((m) => [m.id, m.unread]))
  return after
    .filter((m) => m.enabled && m.notify !== false && was.has(m.id) && m.unread > (was.get(m.id) ?? 0))
    .map((m) => ({ id: m.id, name: m.name, count: m.unread - (was.get(m.id) ?? 0) }))
}

/** the personal address changed between two refreshes: the org's mail was migrated */
export function mailboxMoved(before: MailboxSummary[], after: MailboxSummary[]): boolean {
  const was = before.find((m) => m.id === PERSONAL)?.email
  const now = after.find((m) => m.id === PERSONAL)?.email
  return !!was && !!now && was !== now
}
