// 预览可见范围: what one member would see in the directory, from contactrule/preview (the backend
// applies the same rules it applies to that member). Departments come as a foldable tree.
import { makeAutoObservable, observable, runInAction } from 'mobx'
import type { ApiClient } from '../../api/client'
import type { MemberInfo } from '../../api/contract'
import { humanError } from '../../stores/humanError'
import type { DirMember } from './types'

export interface PreviewDepartment {
  id: number
  name: string
  parentid: number
  /** members of the subtree that member sees */
  member_count: number
}

/** one line of the tree: a department at its depth, foldable when it has sub-departments */
export interface TreeRow {
  dept: PreviewDepartment
  depth: number
  hasChildren: boolean
  folded: boolean
}

type State = 'idle' | 'loading' | 'ready' | 'error'

export class PreviewStore {
  viewer: DirMember | null = null
  state: State = 'idle'
  error = ''
  departments: PreviewDepartment[] = []
  /** the first members that member sees (the backend's first 100) */
  members: MemberInfo[] = []
  total = 0

  query = ''
  searchState: State = 'idle'
  searchError = ''
  found: MemberInfo[] = []
  foundTotal = 0

  folded = new Set<number>()
  private seq = 0
  private searchSeq = 0

  constructor(private readonly api: ApiClient) {
    makeAutoObservable<PreviewStore, 'api' | 'seq' | 'searchSeq'>(
      this,
      {
        api: false,
        seq: false,
        searchSeq: false,
        departments: observable.ref,
        members: observable.ref,
        found: observable.ref,
        folded: observable.ref,
      },
      { autoBind: true },
    )
  }

  /** look as `member` (again: 重试) */
  async look(member: DirMember): Promise<void> {
    const seq = ++this.seq
    this.searchSeq++
    this.viewer = member
    this.state = 'loading'
    this.error = ''
    this.query = ''
    this.searchState = 'idle'
    this.found = []
    this.folded = new Set()
    const r = await this.api.call('contactrule/preview', { userid: member.userid })
    runInAction(() => {
      if (seq !== this.seq) return
      if (r.errcode !== 0) {
        this.state = 'error'
        this.error = humanError(r.errmsg) || '加载失败，请重试'
        return
      }
      this.departments = (r.department ?? []).map((d) => ({
        id: d.id,
        name: d.name,
        parentid: d.parentid,
        member_count: d.member_count ?? 0,
      }))
      this.members = r.userlist ?? []
      this.total = r.total ?? this.members.length
      this.state = 'ready'
    })
  }

  /** search as that member: the answers they would get */
  async search(text: string): Promise<void> {
    this.query = text
    const viewer = this.viewer
    const seq = ++this.searchSeq
    if (!viewer || text.trim() === '') {
      this.searchState = 'idle'
      this.found = []
      this.foundTotal = 0
      this.searchError = ''
      return
    }
    this.searchState = 'loading'
    const r = await this.api.call('contactrule/preview', { userid: viewer.userid, query: text.trim() })
    runInAction(() => {
      if (seq !== this.searchSeq) return
      if (r.errcode !== 0) {
        this.searchState = 'error'
        this.searchError = humanError(r.errmsg) || '搜索失败，请重试'
        return
      }
      this.found = r.userlist ?? []
      this.foundTotal = r.total ?? this.found.length
      this.searchState = 'ready'
      this.searchError = ''
    })
  }

  /** choose another member */
  back(): void {
    this.seq++
    this.searchSeq++
    this.viewer = null
    this.state = 'idle'
    this.error = ''
    this.query = ''
    this.searchState = 'idle'
    this.found = []
  }

  toggle(id: number): void {
    const next = new Set(this.folded)
    if (next.has(id)) next.delete(id)
    else next.add(id)
    this.folded = next
  }

  /**
   * The tree in the backend's pre-order (a parent before its children), folded branches left out.
   * A department whose parent that member cannot see starts a new top level.
   */
  get rows(): TreeRow[] {
    const known = new Set(this.departments.map((d) => d.id))
    const parents = new Set(this.departments.filter((d) => d.parentid !== d.id).map((d) => d.parentid))
    const depth = new Map<number, number>()
    const hiddenUnder = new Set<number>()
    const out: TreeRow[] = []
    for (const d of this.departments) {
      const top = d.parentid === d.id || !known.has(d.parentid)
      const level = top ? 0 : (depth.get(d.parentid) ?? 0) + 1
      depth.set(d.id, level)
      if (!top && (hiddenUnder.has(d.parentid) || this.folded.has(d.parentid))) {
        hiddenUnder.add(d.id)
        continue
      }
      out.push({ dept: d, depth: level, hasChildren: parents.has(d.id), folded: this.folded.has(d.id) })
    }
    return out
  }

  clear(): void {
    this.back()
    this.departments = []
    this.members = []
    this.total = 0
    this.foundTotal = 0
    this.folded = new Set()
  }
}
