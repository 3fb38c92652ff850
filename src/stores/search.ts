// Mail search in the current mailbox (mail/message/search): instant while typing — a query is sent
// once typing pauses (debounced) and only the answer to the newest query is shown; older answers
// arriving late are dropped. Paged by the backend's cursor.
import { makeAutoObservable, runInAction } from 'mobx'
import type { ApiClient } from '../api/client'
import type { MessageItem } from '../api/mailTypes'
import { searchTerms, SEARCH_QUERY_MAX } from '../policy/mailSearch'
import { humanError } from './humanError'
import type { Failure } from './messages'

export type SearchItem = MessageItem & { folder: string }

export const SEARCH_DEBOUNCE_MS = 200
export const SEARCH_PAGE = 20

export interface SearchDeps {
  api: ApiClient
  onFailure?: (f: Failure) => void
  /** runs `fn` after `ms`, returns a cancel (tests drive it by hand) */
  schedule?: (fn: () => void, ms: number) => () => void
}

const timer = (fn: () => void, ms: number) => {
  const t = setTimeout(fn, ms)
  return () => clearTimeout(t)
}

export class SearchStore {
  mailbox = ''
  /** what the field shows */
  query = ''
  /** the query whose answer is shown (what is highlighted) */
  answered = ''
  items: SearchItem[] = []
  nextCursor = ''
  /** idle: nothing typed yet */
  state: 'idle' | 'loading' | 'ready' | 'error' = 'idle'
  error = ''
  loadingMore = false
  moreError = ''
  private seq = 0
  /** seq of the query whose answer is shown: no paging on while a newer one is on its way */
  private shownSeq = 0
  private cancel: (() => void) | null = null

  constructor(private readonly deps: SearchDeps) {
    makeAutoObservable<SearchStore, 'deps' | 'seq' | 'shownSeq' | 'cancel'>(
      this,
      { deps: false, seq: false, shownSeq: false, cancel: false },
      { autoBind: true },
    )
  }

  /** the answered query's terms, to highlight in subjects and snippets */
  get terms(): string[] {
    return searchTerms(this.answered)
  }

  get hasMore(): boolean {
    return this.nextCursor !== ''
  }

  /** searches in `mailbox` from now on; another mailbox starts empty */
  open(mailbox: string): void {
    if (mailbox === this.mailbox) return
    this.clear()
    this.mailbox = mailbox
  }

  /** the field changed: search once typing pauses; a blank field shows nothing at once */
  setQuery(text: string): void {
    this.query = text.slice(0, SEARCH_QUERY_MAX)
    this.cancel?.()
    this.cancel = null
    if (!searchTerms(this.query).length) {
      this.seq++ // an answer still on its way is for a query no longer typed
      this.reset()
      return
    }
    const schedule = this.deps.schedule ?? timer
    this.cancel = schedule(() => {
      this.cancel = null
      void this.run()
    }, SEARCH_DEBOUNCE_MS)
  }

  /** searches for the field's text now (the keyboard's search key, 重试) */
  async run(): Promise<void> {
    this.cancel?.()
    this.cancel = null
    const query = this.query
    if (!searchTerms(query).length) return
    const seq = ++this.seq
    // the previous answer stays on screen until this one arrives
    if (this.state !== 'ready') this.state = 'loading'
    const r = await this.deps.api.call('mail/message/search', {
      mailbox: this.mailbox,
      query,
      limit: SEARCH_PAGE,
    })
    runInAction(() => {
      if (seq !== this.seq) return // a newer query was sent meanwhile
      this.loadingMore = false
      this.moreError = ''
      if (r.errcode !== 0) {
        this.state = 'error'
        this.error = humanError(r.errmsg)
        this.deps.onFailure?.(r)
        return
      }
      this.answered = query
      this.shownSeq = seq
      this.items = r.items ?? []
      this.nextCursor = r.next_cursor ?? ''
      this.state = 'ready'
      this.error = ''
    })
  }

  /** the next page of the shown answer */
  async loadMore(): Promise<void> {
    if (!this.hasMore || this.loadingMore || this.state !== 'ready' || this.shownSeq !== this.seq) return
    this.loadingMore = true
    this.moreError = ''
    const seq = this.seq
    const r = await this.deps.api.call('mail/message/search', {
      mailbox: this.mailbox,
      query: this.answered,
      cursor: this.nextCursor,
      limit: SEARCH_PAGE,
    })
    runInAction(() => {
      this.loadingMore = false
      if (seq !== this.seq) return // another query replaced the list meanwhile
      if (r.errcode !== 0) {
        this.moreError = humanError(r.errmsg)
        this.deps.onFailure?.(r)
        return
      }
      const seen = new Set(this.items.map((i) => i.mail_id))
      this.items.push(...(r.items ?? []).filter((i) => !seen.has(i.mail_id)))
      this.nextCursor = r.next_cursor ?? ''
    })
  }

  /** a result was opened and read: shown read when the member comes back */
  markRead(mailId: string): void {
    const item = this.items.find((i) => i.mail_id === mailId)
    if (item) item.read = true
  }

  private reset(): void {
    this.items = []
    this.answered = ''
    this.nextCursor = ''
    this.state = 'idle'
    this.error = ''
    this.loadingMore = false
    this.moreError = ''
  }

  /** forget everything (identity changed, or another mailbox) */
  clear(): void {
    this.cancel?.()
    this.cancel = null
    this.seq++
    this.query = ''
    this.mailbox = ''
    this.reset()
  }
}
