// What a member card carries on the wire (api.md "Member fields"); mobile only where the viewer may see it.
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

/** the member by exact userid, else case-insensitively (userids are unique case-insensitively) */
export function findMember(corp: CorpState, userid: string): Member | undefined {
  if (hasOwn(corp.users, userid)) return corp.users[userid]
  const folded = orgIndex(corp).useridFold.get(userid.toLowerCase())
  return folded !== undefined && hasOwn(corp.users, folded) ? corp.users[folded] : undefined
}
