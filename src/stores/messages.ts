// Message lists per (mailbox, folder), cached so switching renders at once and refreshes behind.
import { humanError } from './humanError'
import { makeAutoObservable, runInAction } from 'mobx'
import type { ApiClient } from '../api/client'
import type { FolderSummary, MessageItem } from '../api/mailTypes'
import { BUILT_IN_FOLDERS } from '../policy/folders'
import { Resource } from './resource'

export type { FolderSummary, MessageItem }

export const PAGE_SIZE = 30

/** the built-in folders, shown before the backend's folder list arrives */
export const FIXED_FOLDERS: FolderSummary[] = BUILT_IN_FOLDERS.map((f) => ({ ...f, unread: 0, total: 0 }))

export interface Failure {
  errcode: number
  errmsg: string
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
  ) {
    makeAutoObservable<FolderView, 'api' | 'seq' | 'onFailure'>(
      this,
      { api: false, seq: false, onFailure: false, mailbox: false, folder: false },
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
      this.items.push(...(r.items ?? []).filter((i) => !seen.has(i.mail_id)))
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
}

export type ItemChange = { read?: boolean; starred?: boolean; folder?: string }

export class MessagesStore {
  private views = new Map<string, FolderView>()
  private folderLists = new Map<string, Resource<FolderSummary[]>>()

  constructor(
    private readonly api: ApiClient,
    private readonly onFailure: (f: Failure) => void,
  ) {}

  /** the cached view for (mailbox, folder), created empty the first time */
  view(mailbox: string, folder: string): FolderView {
    const key = `${mailbox}\u0000${folder}`
    let v = this.views.get(key)
    if (!v) {
      v = new FolderView(mailbox, folder, this.api, this.onFailure)
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
    return ''
  }

  /** drop every cached list (identity changed: nothing may leak to the next member) */
  clear(): void {
    this.views.clear()
    this.folderLists.clear()
  }
}
