// The directory as the admin pickers and summaries need it: departments, tags and every member's
// name, loaded once per identity (admins see the whole org) and searched through user/search.
import { makeAutoObservable, observable, runInAction } from 'mobx'
import type { ApiClient } from '../../api/client'
import { groupByLetter, sortByPinyin, type LetterGroup } from '../../policy/alphaIndex'
import { humanError } from '../../stores/humanError'
import type { Department, DirMember, Tag, Targets } from './types'

const PAGE = 1000

/** a tag's visible members and departments */
export interface TagMembers {
  state: 'ready' | 'error'
  userlist: Array<{ userid: string; name: string }>
  partylist: number[]
  error: string
}

export class DirectoryCache {
  departments: Department[] = []
  tags: Tag[] = []
  members: DirMember[] = []
  /** tag/get per tag: who a tag stands for, shown next to it in the pickers */
  tagMembers = new Map<number, TagMembers>()
  state: 'idle' | 'loading' | 'ready' | 'error' = 'idle'
  error = ''
  private loading: Promise<void> | null = null

  constructor(private readonly api: ApiClient) {
    makeAutoObservable<DirectoryCache, 'api' | 'loading'>(
      this,
      { api: false, loading: false, members: observable.ref, tagMembers: observable.ref },
      { autoBind: true },
    )
  }

  /** loads once; later calls share the first load (call `reload` to refresh) */
  ensure(): Promise<void> {
    if (this.state === 'ready') return Promise.resolve()
    // not finally(): iOS 10's engine (base library 2.15.0) has no Promise#finally; a failure still rejects
    if (!this.loading) {
      const clear = () => {
        this.loading = null
      }
      this.loading = this.reload().then(clear, (e: unknown) => {
        clear()
        throw e
      })
    }
    return this.loading
  }

  async reload(): Promise<void> {
    this.state = this.state === 'ready' ? 'ready' : 'loading'
    const [depts, tags] = await Promise.all([
      this.api.call('department/list', {}),
      this.api.call('tag/list', {}),
    ])
    const members: DirMember[] = []
    let failure = depts.errcode !== 0 ? depts.errmsg : tags.errcode !== 0 ? tags.errmsg : ''
    let cursor = ''
    while (!failure) {
      const r = await this.api.call('user/list', {
        department_id: 1,
        fetch_child: 1,
        limit: PAGE,
        cursor,
      })
      if (r.errcode !== 0) failure = r.errmsg
      else {
        members.push(...(r.userlist ?? []))
        cursor = r.next_cursor ?? ''
        if (!cursor) break
      }
    }
    runInAction(() => {
      if (failure) {
        this.state = 'error'
        this.error = failure
        return
      }
      this.departments = depts.department ?? []
      this.tags = tags.taglist ?? []
      this.members = members
      this.state = 'ready'
      this.error = ''
    })
  }

  /** members in 拼音 order (as the pickers list them), ties by userid */
  get sortedMembers(): DirMember[] {
    return sortByPinyin(
      this.members,
      (m) => m.name,
      (m) => m.userid,
    )
  }

  /** the pickers' A–Z sections */
  get memberGroups(): LetterGroup<DirMember>[] {
    return groupByLetter(
      this.members,
      (m) => m.name,
      (m) => m.userid,
    )
  }

  /** each tag's members and departments (visible ones), loaded together when a picker shows tags */
  async loadTagMembers(): Promise<void> {
    const tags = this.tags
    const answers = await Promise.all(tags.map((t) => this.api.call('tag/get', { tagid: t.tagid })))
    runInAction(() => {
      const next = new Map(this.tagMembers)
      tags.forEach((t, i) => {
        const r = answers[i]
        next.set(
          t.tagid,
          r.errcode === 0
            ? { state: 'ready', userlist: r.userlist ?? [], partylist: r.partylist ?? [], error: '' }
            : { state: 'error', userlist: [], partylist: [], error: humanError(r.errmsg) },
        )
      })
      this.tagMembers = next
    })
  }

  get memberById(): Map<string, DirMember> {
    return new Map(this.members.map((m) => [m.userid, m]))
  }

  get deptById(): Map<number, Department> {
    return new Map(this.departments.map((d) => [d.id, d]))
  }

  memberName(userid: string): string {
    return this.memberById.get(userid)?.name ?? userid
  }

  deptName(id: number): string {
    return this.deptById.get(id)?.name ?? `部门 ${id}`
  }

  tagName(id: number): string {
    return this.tags.find((t) => t.tagid === id)?.tagname ?? `标签 ${id}`
  }

  /** depth of a department in the tree (root = 0), for indenting the picker */
  depth(id: number): number {
    let n = 0
    let d = this.deptById.get(id)
    while (d && d.parentid && n < 20) {
      d = this.deptById.get(d.parentid)
      n++
    }
    return n
  }

  /** "张三、李娜 · 部门「销售部」 · 标签「客服」"; '' when nothing is chosen */
  describe(t: Targets, maxNames = 3): string {
    const parts: string[] = []
    if (t.userid.length) {
      const names = t.userid.slice(0, maxNames).map(this.memberName).join('、')
      parts.push(t.userid.length > maxNames ? `${names} 等 ${t.userid.length} 人` : names)
    }
    if (t.partyid.length) parts.push(`部门「${t.partyid.map(this.deptName).join('、')}」`)
    if (t.tagid.length) parts.push(`标签「${t.tagid.map(this.tagName).join('、')}」`)
    return parts.join(' · ')
  }

  /** names only, for sentences: "董事会、王芳" */
  plainNames(t: Targets): string {
    return [
      ...t.partyid.map(this.deptName),
      ...t.tagid.map(this.tagName),
      ...t.userid.map(this.memberName),
    ].join('、')
  }

  /** members whose name, userid, pinyin or address matches (the backend ranks them); all in 拼音 order without a query */
  async search(query: string, limit = 30): Promise<{ ok: boolean; list: DirMember[]; error: string }> {
    const q = query.trim()
    if (!q) return { ok: true, list: this.sortedMembers.slice(0, limit), error: '' }
    const r = await this.api.call('user/search', { query: q, limit })
    return r.errcode === 0
      ? { ok: true, list: r.userlist ?? [], error: '' }
      : { ok: false, list: [], error: r.errmsg }
  }

  clear(): void {
    this.departments = []
    this.tags = []
    this.members = []
    this.tagMembers = new Map()
    this.state = 'idle'
    this.error = ''
  }
}
