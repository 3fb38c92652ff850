// Directory visibility rules (contactrule/*, WeCom 通讯录查看权限) and their plain-language summary.
import { makeAutoObservable, runInAction } from 'mobx'
import type { ApiClient } from '../../api/client'
import { emptyTargets, isEmptyTargets, type ContactRule, type Outcome, type Targets } from './types'

export const RULE_TYPES: { type: 1 | 2 | 3; label: string; explain: string }[] = [
  { type: 1, label: '隐藏成员', explain: '适用范围内的成员对所有人不可见，白名单中的成员除外' },
  {
    type: 2,
    label: '只能看本部门',
    explain: '适用范围内的成员只能看到自己所在部门（含子部门）及额外可见的对象',
  },
  { type: 3, label: '看不到任何人', explain: '适用范围内的成员只能看到自己' },
]

/** the words a rule field is shown with, e.g. "董事会" or "张三、标签「客服」" */
export type Describe = (t: Targets) => string

/**
 * "隐藏：董事会（对管理层以外不可见）", "只能看本部门：客服部（另可见 产品部；白名单 王芳 不受限）",
 * "看不到任何人：实习生".
 */
export function describeRule(rule: ContactRule, describe: Describe): string {
  const range = describe(rule.range) || '（空）'
  const white = isEmptyTargets(rule.whitelist) ? '' : describe(rule.whitelist)
  if (rule.rule_type === 1) {
    return white ? `隐藏：${range}（对${white}以外不可见）` : `隐藏：${range}（对所有人不可见）`
  }
  const notes: string[] = []
  if (rule.rule_type === 2 && !isEmptyTargets(rule.extra_visible)) {
    notes.push(`另可见 ${describe(rule.extra_visible)}`)
  }
  if (white) notes.push(`${white} 不受限`)
  const tail = notes.length ? `（${notes.join('；')}）` : ''
  return rule.rule_type === 2 ? `只能看本部门：${range}${tail}` : `看不到任何人：${range}${tail}`
}

export class RuleDraft {
  rule_type: 1 | 2 | 3 = 1
  range: Targets = emptyTargets()
  whitelist: Targets = emptyTargets()
  extra_visible: Targets = emptyTargets()

  constructor() {
    makeAutoObservable(this, {}, { autoBind: true })
  }

  setType(t: 1 | 2 | 3): void {
    this.rule_type = t
  }

  get blocker(): string {
    if (isEmptyTargets(this.range)) return '请选择适用范围'
    return ''
  }
}

export class RulesStore {
  rules: ContactRule[] = []
  state: 'idle' | 'loading' | 'ready' | 'error' = 'idle'
  error = ''
  errcode = 0
  draft = new RuleDraft()

  constructor(private readonly api: ApiClient) {
    makeAutoObservable<RulesStore, 'api'>(this, { api: false }, { autoBind: true })
  }

  async load(): Promise<void> {
    if (!this.rules.length) this.state = 'loading'
    const r = await this.api.call('contactrule/list', {})
    runInAction(() => {
      if (r.errcode !== 0) {
        this.state = 'error'
        this.error = r.errmsg
        this.errcode = r.errcode
        return
      }
      this.rules = r.rules ?? []
      this.state = 'ready'
      this.error = ''
      this.errcode = 0
    })
  }

  async create(): Promise<Outcome<{ rule_id: number }>> {
    const d = this.draft
    const r = await this.api.call('contactrule/create', {
      rule_type: d.rule_type,
      range: d.range,
      whitelist: d.whitelist,
      ...(d.rule_type === 2 ? { extra_visible: d.extra_visible } : {}),
    })
    if (r.errcode !== 0) return { ok: false, errcode: r.errcode, errmsg: r.errmsg }
    runInAction(() => (this.draft = new RuleDraft()))
    await this.load()
    return { ok: true, rule_id: r.rule_id as number }
  }

  async remove(ruleId: number): Promise<Outcome> {
    const r = await this.api.call('contactrule/delete', { rule_id: ruleId })
    if (r.errcode !== 0) return { ok: false, errcode: r.errcode, errmsg: r.errmsg }
    await this.load()
    return { ok: true }
  }

  clear(): void {
    this.rules = []
    this.state = 'idle'
    this.error = ''
    this.errcode = 0
    this.draft = new RuleDraft()
  }
}
