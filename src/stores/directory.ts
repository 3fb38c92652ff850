// The company directory as the current identity may see it: department tree with member counts,
// paged member lists per department, debounced search, member cards, recent searches, and the corp's
// business mailboxes. Everything here came from the backend for one identity; clear() forgets it all.
import { humanError } from './humanError'
import { makeAutoObservable, observable, runInAction } from 'mobx'
import type { ApiClient } from '../api/client'
import type { CallContext, KeyValueStorage, MemberInfo, SearchField } from '../api/contract'
import { ErrCode } from '../policy/codes'

export type LoadState = 'idle' | 'loading' | 'ready' | 'error'

export interface DirDepartment {
  id: number
  name: string
  parentid: number
  order: number
  /** visible members in the department and its sub-departments */
  member_count: number
}

export type { SearchField } from '../api/contract'

/** a member as the directory APIs answer it, with the field a search matched */
export interface DirMember extends Omit<MemberInfo, 'advanced'> {
  /** search results only: the field the query matched */
  match?: SearchField
}

export interface BusinessMailboxEntry {
  id: number
  email: string
  name: string
}

/** a department found by search: its name or pinyin matched */
export interface DepartmentResult {
  id: number
  name: string
  parentid: number
  member_count: number
  match: SearchField
}

/** a business mailbox found by search: its name, pinyin or address matched */
export interface MailboxResult extends BusinessMailboxEntry {
  match: SearchField
}

/** WeCom member status */
export const STATUS_TEXT: Record<number, string> = { 1: '在职', 2: '已禁用', 4: '未激活', 5: '已退出' }

/** refusals that mean "you may not look here", shown as a no-permission state rather than an error */
export const NO_PERMISSION_CODES: ReadonlySet<number> = new Set([ErrCode.NO_PRIVILEGE])

export const SEARCH_DEBOUNCE_MS = 150
/** members per search page; more load as the results scroll */
export const SEARCH_LIMIT = 50
export const RECENT_MAX = 10
/** a small first page so rows appear at once, bigger ones after */
export const FIRST_PAGE = 100
export const NEXT_PAGE = 500

export interface DirectoryDeps {
  api: ApiClient
  storage: KeyValueStorage
  identity: () => CallContext
  debounceMs?: number
  setTimer?: (fn: () => void, ms: number) => unknown
  clearTimer?: (t: unknown) => void
}

interface Failure {
  errcode: number
  errmsg: string
}

function failureOf(r: { errcode: number; errmsg: string }): Failure {
  return { errcode: r.errcode, errmsg: humanError(r.errmsg) || '加载失败，请重试' }
}

/** One department's direct members, loaded a page at a time as the list scrolls. */
export class MemberList {
  items: DirMember[] = []
  state: LoadState = 'idle'
  error = ''
  errcode = 0
  hasMore = true
  loadingMore = false
  private cursor = ''
  private seq = 0

  constructor(
    private readonly api: ApiClient,
    readonly departmentId: number,
    private readonly alive: () => boolean,
  ) {
    makeAutoObservable<MemberList, 'api' | 'alive' | 'cursor' | 'seq'>(
      this,
      { api: false, alive: false, cursor: false, seq: false, departmentId: false, items: observable.shallow },
      { autoBind: true },
    )
  }

  async refresh(): Promise<void> {
    const seq = ++this.seq
    if (this.items.length === 0) this.state = 'loading'
    const r = await this.fetch('', FIRST_PAGE)
    runInAction(() => {
      if (seq !== this.seq || !this.alive()) return
      if (r.errcode !== 0) return this.fail(r)
      this.items = r.userlist ?? []
      this.cursor = r.next_cursor ?? ''
      this.hasMore = this.cursor !== ''
      this.state = 'ready'
      this.error = ''
      this.errcode = 0
    })
  }

  async loadMore(): Promise<void> {
    if (!this.hasMore || this.loadingMore || this.state !== 'ready') return
    const seq = this.seq
    this.loadingMore = true
    const r = await this.fetch(this.cursor, NEXT_PAGE)
    runInAction(() => {
      this.loadingMore = false
      if (seq !== this.seq || !this.alive()) return
      if (r.errcode !== 0) {
        // the rows already shown stay; the footer offers to try again
        this.error = humanError(r.errmsg)
        this.errcode = r.errcode
        return
      }
      this.items = [...this.items, ...(r.userlist ?? [])]
      this.cursor = r.next_cursor ?? ''
      this.hasMore = this.cursor !== ''
      this.error = ''
      this.errcode = 0
    })
  }

  private fetch(cursor: string, limit: number) {
    return this.api.call('user/list', {
      department_id: this.departmentId,
      fetch_child: 0,
      cursor,
      limit,
    })
  }

  private fail(r: Failure): void {
    this.state = 'error'
    this.error = failureOf(r).errmsg
    this.errcode = r.errcode
  }
}

export interface MemberCard {
  state: LoadState
  member: DirMember | null
  error: string
  errcode: number
}

export class DirectoryStore {
  departments: DirDepartment[] | null = null
  treeState: LoadState = 'idle'
  treeError = ''
  treeErrcode = 0

  query = ''
  /** the query the current results answer */
  resultsFor = ''
  results: DirMember[] = []
  /** departments and business mailboxes the query found (with the first page) */
  resultDepartments: DepartmentResult[] = []
  resultMailboxes: MailboxResult[] = []
  /** every member the query finds, not just the pages loaded */
  resultsTotal = 0
  searchState: LoadState = 'idle'
  searchError = ''
  searchErrcode = 0
  resultsLoadingMore = false
  /** a further page failed: the rows shown stay, the footer offers to retry */
  resultsMoreError = ''
  private resultsCursor = ''

  recent: string[] = []

  mailboxes: BusinessMailboxEntry[] | null = null
  mailboxesState: LoadState = 'idle'
  mailboxesError = ''

  cards = new Map<string, MemberCard>()
  lists = new Map<number, MemberList>()

  /** bumps on clear(): answers to requests made before it are dropped */
  private generation = 0
  private timer: unknown = null
  private searchSeq = 0

  constructor(private readonly deps: DirectoryDeps) {
    makeAutoObservable<DirectoryStore, 'deps' | 'generation' | 'timer' | 'searchSeq'>(
      this,
      {
        deps: false,
        generation: false,
        timer: false,
        searchSeq: false,
        results: observable.shallow,
        resultDepartments: observable.shallow,
        resultMailboxes: observable.shallow,
      },
      { autoBind: true },
    )
  }

  // ---- department tree -------------------------------------------------------------------

  get byId(): Map<number, DirDepartment> {
    return new Map((this.departments ?? []).map((d) => [d.id, d]))
  }

  /** visible sub-departments in the backend's order */
  get childrenOf(): Map<number, DirDepartment[]> {
    const out = new Map<number, DirDepartment[]>()
    for (const d of this.departments ?? []) {
      if (d.parentid === d.id) continue
      const list = out.get(d.parentid) ?? []
      list.push(d)
      out.set(d.parentid, list)
    }
    return out
  }

  /** the topmost visible department (the corp itself for most viewers) */
  get root(): DirDepartment | null {
    const ids = this.byId
    return (this.departments ?? []).find((d) => d.parentid === d.id || !ids.has(d.parentid)) ?? null
  }

  children(id: number): DirDepartment[] {
    return this.childrenOf.get(id) ?? []
  }

  /** breadcrumbs: the visible ancestors of `id`, top first, `id` last */
  path(id: number): DirDepartment[] {
    const ids = this.byId
    const out: DirDepartment[] = []
    const seen = new Set<number>()
    let d = ids.get(id)
    while (d && !seen.has(d.id)) {
      out.unshift(d)
      seen.add(d.id)
      d = d.parentid === d.id ? undefined : ids.get(d.parentid)
    }
    return out
  }

  /** names of a member's departments that the viewer can see */
  departmentNames(ids: readonly number[]): string[] {
    const known = this.byId
    return ids.map((i) => known.get(i)?.name).filter((n): n is string => !!n)
  }

  async loadTree(): Promise<void> {
    const gen = this.generation
    if (this.departments === null) this.treeState = 'loading'
    const r = await this.deps.api.call('department/list', {
      fetch_member_count: 1,
    })
    runInAction(() => {
      if (gen !== this.generation) return
      if (r.errcode !== 0) {
        this.treeState = 'error'
        this.treeError = failureOf(r).errmsg
        this.treeErrcode = r.errcode
        return
      }
      // fetch_member_count: 1 puts member_count on every row
      this.departments = (r.department ?? []) as DirDepartment[]
      this.treeState = 'ready'
      this.treeError = ''
      this.treeErrcode = 0
    })
  }

  // ---- member lists ----------------------------------------------------------------------

  /** the (cached) direct-member list of a department; the caller starts loading it */
  members(departmentId: number): MemberList {
    let list = this.lists.get(departmentId)
    if (!list) {
      const gen = this.generation
      list = new MemberList(this.deps.api, departmentId, () => gen === this.generation)
      this.lists.set(departmentId, list)
    }
    return list
  }

  // ---- search ----------------------------------------------------------------------------

  /** results follow the text while typing, one request per pause */
  setQuery(text: string): void {
    this.query = text
    const { clearTimer = clearTimeout, setTimer = setTimeout } = this.deps
    if (this.timer !== null) clearTimer(this.timer as ReturnType<typeof setTimeout>)
    this.timer = null
    if (text.trim() === '') {
      this.searchSeq++
      this.resetResults()
      this.searchState = 'idle'
      this.searchError = ''
      this.searchErrcode = 0
      return
    }
    if (this.searchState !== 'ready' || this.results.length === 0) this.searchState = 'loading'
    this.timer = setTimer(() => {
      this.timer = null
      void this.runSearch(text)
    }, this.deps.debounceMs ?? SEARCH_DEBOUNCE_MS)
  }

  get hasMoreResults(): boolean {
    return this.resultsCursor !== ''
  }

  /** nothing found in any section */
  get resultsEmpty(): boolean {
    return (
      this.results.length === 0 && this.resultDepartments.length === 0 && this.resultMailboxes.length === 0
    )
  }

  async runSearch(text: string): Promise<void> {
    const seq = ++this.searchSeq
    const gen = this.generation
    const r = await this.deps.api.call('user/search', {
      query: text.trim(),
      limit: SEARCH_LIMIT,
      fetch_department: 1,
      fetch_publicmail: 1,
    })
    runInAction(() => {
      if (seq !== this.searchSeq || gen !== this.generation) return
      if (r.errcode !== 0) {
        this.searchState = 'error'
        this.searchError = failureOf(r).errmsg
        this.searchErrcode = r.errcode
        return
      }
      this.results = (r.userlist ?? []) as DirMember[]
      this.resultDepartments = r.department ?? []
      this.resultMailboxes = r.publicmail ?? []
      this.resultsTotal = r.total ?? this.results.length
      this.resultsCursor = r.next_cursor ?? ''
      this.resultsFor = text.trim()
      this.resultsLoadingMore = false
      this.resultsMoreError = ''
      this.searchState = 'ready'
      this.searchError = ''
      this.searchErrcode = 0
    })
  }

  /** the next page of member results (the list scrolled near its end, or 重试 after a failure) */
  async loadMoreResults(): Promise<void> {
    if (!this.hasMoreResults || this.resultsLoadingMore || this.searchState !== 'ready') return
    const seq = this.searchSeq
    const gen = this.generation
    const query = this.resultsFor
    this.resultsLoadingMore = true
    const r = await this.deps.api.call('user/search', {
      query,
      limit: SEARCH_LIMIT,
      cursor: this.resultsCursor,
    })
    runInAction(() => {
      // a new query or identity replaced these results meanwhile
      if (seq !== this.searchSeq || gen !== this.generation) return
      this.resultsLoadingMore = false
      if (r.errcode !== 0) {
        this.resultsMoreError = failureOf(r).errmsg
        return
      }
      const seen = new Set(this.results.map((m) => m.userid))
      const more = ((r.userlist ?? []) as DirMember[]).filter((m) => !seen.has(m.userid))
      this.results = [...this.results, ...more]
      this.resultsTotal = r.total ?? this.resultsTotal
      this.resultsCursor = r.next_cursor ?? ''
      this.resultsMoreError = ''
    })
  }

  private resetResults(): void {
    this.results = []
    this.resultDepartments = []
    this.resultMailboxes = []
    this.resultsTotal = 0
    this.resultsCursor = ''
    this.resultsFor = ''
    this.resultsLoadingMore = false
    this.resultsMoreError = ''
  }

  // ---- recent searches (per identity) -----------------------------------------------------

  private get recentKey(): string {
    const id = this.deps.identity()
    return `bizmail.directory.recent.${id.corpid}.${id.userid}`
  }

  async loadRecent(): Promise<void> {
    const key = this.recentKey
    const gen = this.generation
    let list: string[] = []
    try {
      const raw = await this.deps.storage.get(key)
      const v: unknown = raw ? JSON.parse(raw) : []
      if (Array.isArray(v)) list = v.filter((x): x is string => typeof x === 'string').slice(0, RECENT_MAX)
    } catch {
      list = [] // unreadable: start over rather than fail the page
    }
    runInAction(() => {
      if (gen === this.generation) this.recent = list
    })
  }

  addRecent(text: string): void {
    const q = text.trim()
    if (!q) return
    this.recent = [q, ...this.recent.filter((x) => x !== q)].slice(0, RECENT_MAX)
    void this.deps.storage.set(this.recentKey, JSON.stringify(this.recent))
  }

  clearRecent(): void {
    this.recent = []
    void this.deps.storage.remove(this.recentKey)
  }

  // ---- member card -----------------------------------------------------------------------

  card(userid: string): MemberCard {
    return this.cards.get(userid) ?? { state: 'idle', member: null, error: '', errcode: 0 }
  }

  async loadCard(userid: string): Promise<void> {
    const gen = this.generation
    const before = this.card(userid)
    this.cards.set(userid, { ...before, state: before.member ? before.state : 'loading' })
    const r = await this.deps.api.call('user/get', { userid })
    runInAction(() => {
      if (gen !== this.generation) return
      if (r.errcode !== 0) {
        // 60111 also means "hidden from you": nothing of the member is kept
        this.cards.set(userid, {
          state: 'error',
          member: null,
          error: failureOf(r).errmsg,
          errcode: r.errcode,
        })
        return
      }
      const { errcode: _c, errmsg: _m, ...member } = r
      this.cards.set(userid, { state: 'ready', member: member as DirMember, error: '', errcode: 0 })
    })
  }

  // ---- business mailboxes ----------------------------------------------------------------

  async loadMailboxes(): Promise<void> {
    const gen = this.generation
    if (this.mailboxes === null) this.mailboxesState = 'loading'
    const r = await this.deps.api.call('mail/publicmail/directory', {})
    runInAction(() => {
      if (gen !== this.generation) return
      if (r.errcode !== 0) {
        this.mailboxesState = 'error'
        this.mailboxesError = failureOf(r).errmsg
        return
      }
      this.mailboxes = r.list ?? []
      this.mailboxesState = 'ready'
      this.mailboxesError = ''
    })
  }

  // ---- identity switch -------------------------------------------------------------------

  /** Another identity is coming: forget everything the previous one was shown. */
  clear(): void {
    this.generation++
    this.searchSeq++
    if (this.timer !== null)
      (this.deps.clearTimer ?? clearTimeout)(this.timer as ReturnType<typeof setTimeout>)
    this.timer = null
    this.departments = null
    this.treeState = 'idle'
    this.treeError = ''
    this.treeErrcode = 0
    this.query = ''
    this.resetResults()
    this.searchState = 'idle'
    this.searchError = ''
    this.searchErrcode = 0
    this.recent = []
    this.mailboxes = null
    this.mailboxesState = 'idle'
    this.mailboxesError = ''
    this.cards = new Map()
    this.lists = new Map()
  }
}
