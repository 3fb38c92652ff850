// Directory visibility (product spec 4.4, WeCom 通讯录查看权限): who a viewer may see.
//   1 hide      — `range` is invisible to everyone except the viewers in `whitelist`;
//   2 own-dept  — viewers in `range` (minus `whitelist`) see their own departments' subtrees + `extra_visible`;
//   3 nobody    — viewers in `range` (minus `whitelist`) see only themselves.
// A department entry includes its sub-departments, a tag entry the tag's members and departments.
// The viewer always sees themselves; rule 1 applies on top of 2 and 3; several 2/3 rules intersect.
import { ErrCode } from './codes'
import { ok, refuse, type Verdict } from './result'

export interface Targets {
  userid: readonly string[]
  partyid: readonly number[]
  tagid: readonly number[]
}

export interface VisibilityRule {
  rule_id?: number
  rule_type: 1 | 2 | 3
  range: Targets
  whitelist: Targets
  extra_visible: Targets
}

/** What the rules need to know about the org. */
export interface VisibilityOrg {
  /** the member's own (direct) departments; [] for an unknown member */
  departmentsOf(userid: string): readonly number[]
  /** the department and all its ancestors */
  ancestors(dept: number): readonly number[]
  /** tags the member has, directly or through a (descendant of a) listed department */
  tagsOf(userid: string): ReadonlySet<number>
}

/** rule targets as sets, for repeated membership tests */
export interface TargetSet {
  users: ReadonlySet<string>
  parties: ReadonlySet<number>
  tags: ReadonlySet<number>
}

export function targetSet(t: Targets): TargetSet {
  return { users: new Set(t.userid), parties: new Set(t.partyid), tags: new Set(t.tagid) }
}

export function isEmptyTargets(t: Targets): boolean {
  return t.userid.length === 0 && t.partyid.length === 0 && t.tagid.length === 0
}

/** does the rule field name this member (directly, by a department above them, or by a tag they have)? */
export function targetsInclude(t: TargetSet, userid: string, org: VisibilityOrg): boolean {
  if (t.users.has(userid)) return true
  if (t.parties.size) {
    for (const d of org.departmentsOf(userid))
      for (const a of org.ancestors(d)) if (t.parties.has(a)) return true
  }
  if (t.tags.size) for (const tag of org.tagsOf(userid)) if (t.tags.has(tag)) return true
  return false
}

export interface Visibility {
  viewer: string
  /** no rule restricts or hides anything from this viewer */
  unrestricted: boolean
  /** hide rules (type 1) that apply to the viewer */
  hides: readonly TargetSet[]
  /** own-department / nobody rules (types 2, 3) that apply to the viewer */
  restricts: ReadonlyArray<{ rule_type: 2 | 3; extra: TargetSet }>
  canSee(userid: string): boolean
}

/** The rules as they apply to one viewer. */
export function visibilityFor(
  viewer: string,
  rules: readonly VisibilityRule[],
  org: VisibilityOrg,
): Visibility {
  const hides: TargetSet[] = []
  const restricts: Array<{ rule_type: 2 | 3; extra: TargetSet }> = []
  for (const r of rules) {
    if (targetsInclude(targetSet(r.whitelist), viewer, org)) continue
    if (r.rule_type === 1) hides.push(targetSet(r.range))
    else if (targetsInclude(targetSet(r.range), viewer, org)) {
      restricts.push({ rule_type: r.rule_type, extra: targetSet(r.extra_visible) })
    }
  }
  const own = new Set(org.departmentsOf(viewer))
  const inOwnSubtree = (userid: string): boolean => {
    for (const d of org.departmentsOf(userid)) for (const a of org.ancestors(d)) if (own.has(a)) return true
    return false
  }
  const canSee = (userid: string): boolean => {
    if (userid === viewer) return true
    for (const h of hides) if (targetsInclude(h, userid, org)) return false
    for (const r of restricts) {
      if (r.rule_type === 3) return false
      if (!inOwnSubtree(userid) && !targetsInclude(r.extra, userid, org)) return false
    }
    return true
  }
  return { viewer, unrestricted: hides.length === 0 && restricts.length === 0, hides, restricts, canSee }
}

/** What department visibility needs beyond VisibilityOrg. */
export interface DepartmentOrg extends VisibilityOrg {
  /** the department and all its descendants */
  subtree(dept: number): ReadonlySet<number>
  /** departments a tag lists (partylist) */
  tagParties(tagid: number): readonly number[]
}

/**
 * Departments the viewer may see in the tree. Hidden ranges' departments (listed, or listed by a
 * hidden tag, with their sub-departments) are hidden. Under an own-department rule: the viewer's
 * departments' subtrees and extra_visible departments' subtrees; under a see-nobody rule: the viewer's
 * own departments; in both cases with their ancestors, so a path from the root can be drawn.
 */
export function visibleDepartments(
  vis: Visibility,
  allDepartments: readonly number[],
  org: DepartmentOrg,
): Set<number> {
  const partiesOf = (t: TargetSet): number[] => {
    const out = [...t.parties]
    for (const tag of t.tags) out.push(...org.tagParties(tag))
    return out
  }
  let visible = new Set(allDepartments)
  const own = org.departmentsOf(vis.viewer)
  for (const r of vis.restricts) {
    const allowed = new Set<number>()
    const roots = r.rule_type === 2 ? [...own, ...partiesOf(r.extra)] : [...own]
    for (const d of roots) {
      for (const a of org.ancestors(d)) allowed.add(a)
      if (r.rule_type === 2) for (const s of org.subtree(d)) allowed.add(s)
    }
    visible = new Set([...visible].filter((d) => allowed.has(d)))
  }
  for (const h of vis.hides) {
    for (const p of partiesOf(h)) for (const s of org.subtree(p)) visible.delete(s)
  }
  return visible
}

/** Mobile numbers: admins, the member themselves, and members sharing a department. */
export function mayShowMobile(
  viewer: { userid: string; department: readonly number[] },
  target: { userid: string; department: readonly number[] },
  viewerIsAdmin: boolean,
): boolean {
  if (viewerIsAdmin || viewer.userid === target.userid) return true
  return target.department.some((d) => viewer.department.includes(d))
}

export function checkRuleType(v: unknown): Verdict<1 | 2 | 3> {
  if (v === 1 || v === 2 || v === 3) return ok(v)
  return refuse(
    ErrCode.INVALID_PARAM,
    '规则类型只能是 1（隐藏）、2（仅本部门）或 3（不可见任何人） (rule_type)',
  )
}

/** extra_visible only means something for own-department rules; a range must name someone */
export function checkRuleShape(ruleType: 1 | 2 | 3, range: Targets, extra: Targets): Verdict {
  if (isEmptyTargets(range)) return refuse(ErrCode.INVALID_PARAM, '规则的适用范围不能为空 (range)')
  if (ruleType !== 2 && !isEmptyTargets(extra)) {
    return refuse(ErrCode.INVALID_PARAM, '只有“仅本部门”规则可以设置额外可见范围 (extra_visible)')
  }
  return ok()
}
