// Message lists per (mailbox, folder), cached so switching renders at once and refreshes behind.
import { humanError } from './humanError'
import { action, makeAutoObservable, makeObservable, observable, runInAction } from 'mobx'
import type { ApiClient } from '../api/client'
import type { MessageState } from '../api/contract'
import type { FolderSummary, MessageItem } from '../api/mailTypes'
import { BUILT_IN_FOLDERS } from '../policy/folders'
import { PeopleStore } from './people'
import { Resource } from './resource'

export type { FolderSummary, MessageItem, MessageState }

export const PAGE_SIZE = 30

/** the built-in folders, shown before the backend's folder list arrives */
export const FIXED_FOLDERS: FolderSummary[] = BUILT_IN_FOLDERS.map((f) => ({ ...f, unread: 0, total: 0 }))

export interface Failure {
  errcode: number
  errmsg: string
}

/** how long a move / delete / star notice offers 撤销 */
export const UNDO_MS = 5000

/** "已移至 X · 撤销": what was just done, and exactly how each touched message was before */
export interface UndoNotice {
  id: number
  text: string
  mailbox: string
  previous: MessageState[]
  /** the page that made the change reloads what it shows (the read page's message) */
  after?: () => void
}

export interface MessagesOptions {
  undoMs?: number
  setTimer?: (fn: () => void, ms: number) => unknown
  clearTimer?: (t: unknown) => void
}

/** the notice for a change that succeeded ('' for read / unread: the row shows it at once) */
export function changeText(change: ItemChange, folderName: (id: string) => string): string {
  if (change.folder === 'trash') return '已删除'
  if (change.folder !== undefined) return `已移至${folderName(change.folder)}`
  if (change.starred !== undefined) return change.starred ? '已加星标' : '已取消星标'
  return ''
}

/** 清空's question: permanent, so it says how many and that they cannot come back */
export function emptyPrompt(folderName: string, count: number): { title: string; content: string } {
  return { title: `清空「${folderName}」？`, content: `将彻底删除 ${count} 封邮件，无法恢复` }
}

/** 彻底删除's question for one message, or the `count` messages of its conversation */
export function purgePrompt(count: number): { title: string; content: string } {
  const what = count > 1 ? `这个会话的 ${count} 封邮件` : '这封邮件'
  return { title: '彻底删除？', content: `将彻底删除${what}，无法恢复` }
}

export class FolderView {
  items: MessageItem[] = []
  nextCursor = ''
  state: 'idle' | 'loading' | 'ready' | 'error' = 'idle'
  error = ''
  loadingMore = false
  /** the items are conversations (the member's conversation mode is on) */
  threaded = false
  /** time of the last successful load, to show how fresh a cached list is */
  loadedAt = 0
  private seq = 0

  constructor(
    readonly mailbox: string,
    readonly folder: string,
    private readonly api: ApiClient,
    private readonly onFailure: (f: Failure) => void,
    /** the rows arrived: their people are looked up */
    private readonly onItems: (items: MessageItem[]) => void = () => {},
  ) {
    makeAutoObservable<FolderView, 'api' | 'seq' | 'onFailure' | 'onItems'>(
      this,
      { api: false, seq: false, onFailure: false, onItems: false, mailbox: false, folder: false },
      { autoBind: true },
    )
  }

  /** a list fetched before a local change would bring the old state back: drop its answer */
  private discardInFlight(): void {
    this.seq++
    if (this.state === 'loading') this.state = 'ready'
  }

  get hasMore(): boolean {
    return this.nextCursor !== ''
  }

  /** first page again; the cached rows stay on screen until the answer arrives */
  async refresh(): Promise<void> {
    const seq = ++this.seq
    if (this.items.length === 0) this.state = 'loading'
    const r = await this.api.call('mail/message/list', {
      mailbox: this.mailbox,
      folder: this.folder,
      limit: PAGE_SIZE,
    })
    runInAction(() => {
      if (seq !== this.seq) return
      if (r.errcode !== 0) {
        this.state = 'error'
        this.error = humanError(r.errmsg)
        this.onFailure(r)
        return
      }
      this.items = r.items ?? []
      this.onItems(this.items)
      this.threaded = r.threaded === true
      this.nextCursor = r.next_cursor ?? ''
      this.state = 'ready'
      this.error = ''
      this.loadedAt = Date.now()
    })
  }

  async loadMore(): Promise<void> {
    if (!this.hasMore || this.loadingMore) return
    this.loadingMore = true
    const seq = this.seq
    const r = await this.api.call('mail/message/list', {
      mailbox: this.mailbox,
      folder: this.folder,
      cursor: this.nextCursor,
      limit: PAGE_SIZE,
    })
    runInAction(() => {
      this.loadingMore = false
      if (seq !== this.seq) return // a refresh replaced the list meanwhile
      if (r.errcode !== 0) {
        this.error = humanError(r.errmsg)
        this.onFailure(r)
        return
      }
      const seen = new Set(this.items.map((i) => i.mail_id))
      const more = (r.items ?? []).filter((i) => !seen.has(i.mail_id))
      this.items.push(...more)
      this.onItems(more)
      this.nextCursor = r.next_cursor ?? ''
    })
  }

  /** optimistic local change after an action succeeded or while it is in flight */
  patch(mailId: string, change: Partial<MessageItem>): void {
    this.discardInFlight()
    const item = this.items.find((i) => i.mail_id === mailId)
    if (item) Object.assign(item, change)
  }

  remove(mailId: string): void {
    this.discardInFlight()
    this.items = this.items.filter((i) => i.mail_id !== mailId)
  }

  /** the folder was emptied: the empty state at once, confirmed by the next refresh */
  removeAll(): void {
    this.discardInFlight()
    this.items = []
    this.nextCursor = ''
  }
}

export type ItemChange = { read?: boolean; starred?: boolean; folder?: string }

export class MessagesStore {
  private views = new Map<string, FolderView>()
  private folderLists = new Map<string, Resource<FolderSummary[]>>()
  /** names of the people the lists and the read page show */
  readonly people: PeopleStore
  /** the last move / delete / star, while it can be undone */
  notice: UndoNotice | null = null
  /** an undo is being applied */
  undoing = false
  private noticeSeq = 0
  private noticeTimer: unknown = null

  constructor(
    private readonly api: ApiClient,
    private readonly onFailure: (f: Failure) => void,
    private readonly options: MessagesOptions = {},
  ) {
    this.people = new PeopleStore(api)
    makeObservable<MessagesStore, 'setNotice'>(this, {
      notice: observable.ref,
      undoing: observable,
      setNotice: action,
      dismissNotice: action.bound,
      undo: action.bound,
    })
  }

  /** a folder's name as the member sees it (rule folders by their own name) */
  folderName(mailbox: string, id: string): string {
    const list = this.folders(mailbox).data ?? FIXED_FOLDERS
    return list.find((f) => f.id === id)?.name ?? FIXED_FOLDERS.find((f) => f.id === id)?.name ?? id
  }

  /** shows "已移至 X · 撤销" for a change that succeeded, replacing any earlier notice */
  offerUndo(
    mailbox: string,
    change: ItemChange,
    previous: MessageState[] | undefined,
    after?: () => void,
  ): void {
    const text = changeText(change, (id) => this.folderName(mailbox, id))
    if (!text || !previous || previous.length === 0) return
    this.setNotice({ id: ++this.noticeSeq, text, mailbox, previous, after })
  }

  private setNotice(n: UndoNotice | null): void {
    const { setTimer = setTimeout, clearTimer = clearTimeout } = this.options
    if (this.noticeTimer !== null) clearTimer(this.noticeTimer as ReturnType<typeof setTimeout>)
    this.noticeTimer = null
    this.notice = n
    if (n) {
      this.noticeTimer = setTimer(() => {
        this.noticeTimer = null
        if (this.notice?.id === n.id) this.dismissNotice()
      }, this.options.undoMs ?? UNDO_MS)
    }
  }

  dismissNotice(): void {
    if (this.notice) this.setNotice(null)
  }

  /**
   * 撤销: puts every touched message back exactly as it was (folder, read, star), one inverse
   * update each, then refreshes what is on screen. '' when undone, else why not (in words).
   */
  async undo(): Promise<string> {
    const n = this.notice
    if (!n || this.undoing) return ''
    this.setNotice(null)
    this.undoing = true
    let refused = ''
    for (const p of n.previous) {
      const r = await this.api.call('mail/message/update', { mailbox: n.mailbox, ...p })
      if (r.errcode !== 0) {
        this.onFailure(r)
        refused = humanError(r.errmsg) || '撤销失败，请重试'
        break
      }
    }
    runInAction(() => {
      this.undoing = false
    })
    for (const v of this.views.values()) if (v.mailbox === n.mailbox && v.state !== 'idle') void v.refresh()
    void this.folders(n.mailbox).load()
    n.after?.()
    return refused
  }

  /** the cached view for (mailbox, folder), created empty the first time */
  view(mailbox: string, folder: string): FolderView {
    const key = `${mailbox}\u0000${folder}`
    let v = this.views.get(key)
    if (!v) {
      v = new FolderView(mailbox, folder, this.api, this.onFailure, (items) =>
        this.people.resolve(([] as string[]).concat(...items.map((i) => [i.from, ...(i.to ?? [])]))),
      )
      this.views.set(key, v)
    }
    return v
  }

  /** folders of a mailbox: the fixed ones, then those receive rules created */
  folders(mailbox: string): Resource<FolderSummary[]> {
    let r = this.folderLists.get(mailbox)
    if (!r) {
      r = new Resource(async () => (await this.api.request('mail/folder/list', { mailbox })).folders)
      this.folderLists.set(mailbox, r)
    }
    return r
  }

  /**
   * Read / star / move / delete one list item, shown at once and undone if the server refuses.
   * Returns the refusal message, or '' on success.
   */
  async change(view: FolderView, item: MessageItem, change: ItemChange): Promise<string> {
    const before = { read: item.read, starred: item.starred }
    const leaves = change.folder !== undefined && change.folder !== view.folder
    if (leaves) view.remove(item.mail_id)
    else
      view.patch(item.mail_id, {
        ...(change.read !== undefined && { read: change.read }),
        ...(change.starred !== undefined && { starred: change.starred }),
      })
    const r = await this.api.call('mail/message/update', {
      mailbox: view.mailbox,
      mail_id: item.mail_id,
      ...change,
      ...(view.threaded ? { thread: true } : {}),
    })
    if (r.errcode !== 0) {
      if (leaves) void view.refresh()
      else view.patch(item.mail_id, before)
      this.onFailure(r)
      return humanError(r.errmsg)
    }
    if (change.folder) this.views.get(`${view.mailbox}\u0000${change.folder}`)?.refresh()
    void this.folders(view.mailbox).load()
    this.offerUndo(view.mailbox, change, r.previous)
    return ''
  }

  /** how many messages 清空 deletes: the folder's count, at least the rows on screen */
  folderTotal(view: FolderView): number {
    const total = this.folders(view.mailbox).data?.find((f) => f.id === view.folder)?.total ?? 0
    return Math.max(total, view.items.length)
  }

  /**
   * 彻底删除 of a message in 已删除 / 垃圾箱 (its conversation when the list shows conversations).
   * No 撤销: it cannot be undone, and an older notice may name mail that is now gone.
   */
  async purge(view: FolderView, item: { mail_id: string }): Promise<string> {
    const r = await this.api.call('mail/message/delete', {
      mailbox: view.mailbox,
      mail_ids: [item.mail_id],
      ...(view.threaded ? { thread: true } : {}),
    })
    return this.purged(view, r, () => view.remove(item.mail_id))
  }

  /** 清空 the folder the view shows (已删除 / 垃圾箱); '' when done, else why not (in words) */
  async empty(view: FolderView): Promise<string> {
    const r = await this.api.call('mail/folder/empty', { mailbox: view.mailbox, folder: view.folder })
    return this.purged(view, r, () => view.removeAll())
  }

  private purged(view: FolderView, r: Failure, done: () => void): string {
    if (r.errcode !== 0) {
      this.onFailure(r)
      return humanError(r.errmsg)
    }
    done()
    if (this.notice?.mailbox === view.mailbox) this.dismissNotice()
    void view.refresh()
    void this.folders(view.mailbox).load()
    return ''
  }

  /** drop every cached list (identity changed: nothing may leak to the next member) */
  clear(): void {
    this.views.clear()
    this.folderLists.clear()
    this.people.clear()
    this.setNotice(null)
  }
}
