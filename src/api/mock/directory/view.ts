// What a member card carries on the wire (api.md "Member fields"); mobile only where the viewer may see it.
import { ErrCode } from '../../../policy/codes'
import { ok, refuse, type Refusal, type Verdict } from '../../../policy/result'
import { mayShowMobile } from '../../../policy/visibility'
import type { MemberInfo } from '../../contract'
import { orgIndex } from '../orgIndex'
import type { HandlerContext } from '../registry'
import type { CorpState, Member } from '../state'
import { visibleDepartmentsOf } from './visibility'

/** api.md "Member fields", as the contract declares them */
export type MemberView = MemberInfo

/** A member's card as `ctx.caller` sees it: only departments the caller may see (department/list omits the rest). */
export function memberView(ctx: HandlerContext, m: Member): MemberView {
  const visible = visibleDepartmentsOf(ctx.corp, ctx.caller.userid)
  return {
    userid: m.userid,
    name: m.name,
    department: m.department.filter((d) => visible.has(d)),
    position: m.position,
    mobile: mayShowMobile(ctx.caller, m, ctx.isAdmin) ? m.mobile : '',
    gender: m.gender,
    status: m.status,
    biz_mail: m.biz_mail,
    alias: [...m.alias],
    advanced: m.advanced,
  }
}

export function hasOwn(obj: object, key: string | number): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key)
}

/** an unknown member, naming the field (one the caller may not see is answered alike) */
export const memberNotFound = (userid: string, field: string): Refusal =>
  refuse(ErrCode.USER_NOT_FOUND, `成员 ${userid.slice(0, 64)} 不存在 (${field})`)

/** an unknown department, naming the field */
export const departmentNotFound = (id: unknown, field: string): Refusal =>
  refuse(ErrCode.DEPARTMENT_NOT_FOUND, `部门 ${String(id).slice(0, 32)} 不存在 (${field})`)

/** the members named, each once, by their userid as stored; the first unknown one refused */
export function resolveMembers(
  corp: CorpState,
  userids: readonly string[],
  field: string,
): Verdict<string[]> {
  const resolved = new Set<string>()
  for (const u of userids) {
    const m = findMember(corp, u)
    if (!m) return memberNotFound(u, field)
    resolved.add(m.userid)
  }
  return ok(Array.from(resolved))
}

/** the first of the departments the corp lacks, refused; null when every one exists */
export function missingDepartment(corp: CorpState, ids: readonly number[], field: string): Refusal | null {
  for (const d of ids) if (!hasOwn(corp.departments, d)) return departmentNotFound(d, field)
  return null
}

/** the member by exact userid, else case-insensitively (userids are unique case-insensitively) */
export function findMember(corp: CorpState, userid: string): Member | undefined {
  if (hasOwn(corp.users, userid)) return corp.users[userid]
  const folded = orgIndex(corp).useridFold.get(userid.toLowerCase())
  return folded !== undefined && hasOwn(corp.users, folded) ? corp.users[folded] : undefined
}
