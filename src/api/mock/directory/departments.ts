// department/create | update | delete | list (api.md "Directory").
import { ErrCode } from '../../../policy/codes'
import {
  ID_MAX,
  checkDepartmentDeletable,
  checkDepartmentName,
  checkDepth,
  checkNoCycle,
  checkOrder,
} from '../../../policy/directory'
import { orgIndex } from '../orgIndex'
import type { Parsed } from '../../contract'
import { failure, refusal, success, type HandlerContext, type Handlers } from '../registry'
import type { CorpState, Department } from '../state'
import { departmentNotFound, hasOwn } from './view'
import { visibleDepartmentsOf, visibleMemberCounts } from './visibility'

export const ROOT_DEPARTMENT = 1

const absent = (v: unknown): v is null | undefined => v === undefined || v === null

const notFound = (id: unknown, field: string) => refusal(departmentNotFound(id, field))

function siblingNameTaken(corp: CorpState, parentid: number, name: string, self?: number): boolean {
  return orgIndex(corp)
    .children(parentid)
    .some((c) => c !== self && corp.departments[c]?.name === name)
}

/** levels below `id` (a leaf is 1) */
function height(corp: CorpState, id: number): number {
  const kids = orgIndex(corp).children(id)
  return 1 + (kids.length ? Math.max(...kids.map((k) => height(corp, k))) : 0)
}

function createDepartment(ctx: HandlerContext, body: Parsed<'department/create'>) {
  const { corp } = ctx
  const name = checkDepartmentName(body.name)
  if (!name.ok) return refusal(name)
  const parentid = body.parentid
  if (!hasOwn(corp.departments, parentid)) return notFound(parentid, 'parentid')
  const order = absent(body.order) ? { ok: true as const, value: 0 } : checkOrder(body.order)
  if (!order.ok) return refusal(order)
  let id: number
  if (!absent(body.id)) {
    if (body.id === ROOT_DEPARTMENT) {
      return failure(ErrCode.INVALID_PARAM, `部门 id 必须是 2–${ID_MAX} 的整数 (id)`)
    }
    if (hasOwn(corp.departments, body.id))
      return failure(ErrCode.INVALID_PARAM, `部门 id ${body.id} 已被使用 (id)`)
    id = body.id
  } else {
    id = corp.nextId.department
    while (hasOwn(corp.departments, id)) id++
  }
  const depth = checkDepth(orgIndex(corp).ancestors(parentid).length + 1)
  if (!depth.ok) return refusal(depth)
  if (siblingNameTaken(corp, parentid, name.value)) {
    return failure(ErrCode.INVALID_PARAM, `同一上级部门下已有名为“${name.value}”的部门 (name)`)
  }

  corp.departments[id] = { id, name: name.value, parentid, order: order.value }
  if (id >= corp.nextId.department) corp.nextId.department = id + 1
  return success({ id })
}

function updateDepartment(ctx: HandlerContext, body: Parsed<'department/update'>) {
  const { corp } = ctx
  const id = body.id
  if (!hasOwn(corp.departments, id)) return notFound(id, 'id')
  const dept = corp.departments[id]
  const next: Department = { ...dept }
  if (!absent(body.name)) {
    const v = checkDepartmentName(body.name)
    if (!v.ok) return refusal(v)
    next.name = v.value
  }
  if (!absent(body.order)) {
    const v = checkOrder(body.order)
    if (!v.ok) return refusal(v)
    next.order = v.value
  }
  if (!absent(body.parentid) && body.parentid !== dept.parentid) {
    if (id === ROOT_DEPARTMENT) return failure(ErrCode.INVALID_PARAM, '根部门不能移动 (parentid)')
    if (!hasOwn(corp.departments, body.parentid)) return notFound(body.parentid, 'parentid')
    const up = orgIndex(corp).ancestors(body.parentid)
    const cycle = checkNoCycle(id, up)
    if (!cycle.ok) return refusal(cycle)
    const depth = checkDepth(up.length + height(corp, id))
    if (!depth.ok) return refusal(depth)
    next.parentid = body.parentid
  }
  if (id !== ROOT_DEPARTMENT && siblingNameTaken(corp, next.parentid, next.name, id)) {
    return failure(ErrCode.INVALID_PARAM, `同一上级部门下已有名为“${next.name}”的部门 (name)`)
  }

  corp.departments[id] = next
  return success()
}

function deleteDepartment(ctx: HandlerContext, body: Parsed<'department/delete'>) {
  const { corp } = ctx
  const id = body.id
  if (!hasOwn(corp.departments, id)) return notFound(id, 'id')
  const org = orgIndex(corp)
  const v = checkDepartmentDeletable(
    id,
    ROOT_DEPARTMENT,
    org.children(id).length,
    org.directMembers(id).length,
  )
  if (!v.ok) return refusal(v)

  delete corp.departments[id]
  // No dangling references a later department with the same id could inherit.
  for (const t of Object.values(corp.tags)) t.partylist = t.partylist.filter((p) => p !== id)
  for (const r of Object.values(corp.contactRules)) {
    for (const t of [r.range, r.whitelist, r.extra_visible]) t.partyid = t.partyid.filter((p) => p !== id)
  }
  for (const p of Object.values(corp.publicmails)) {
    if (p.department_list.includes(id)) p.department_list = p.department_list.filter((d) => d !== id)
  }
  return success()
}

/**
 * The departments `viewer` may see under `root`, pre-order (a parent before its children, siblings
 * by order): the client builds the tree in one pass. With counts: visible members per subtree.
 */
export function departmentRows(
  corp: CorpState,
  viewer: string,
  root: number,
  withCounts: boolean,
): Array<Department & { member_count?: number }> {
  const visible = visibleDepartmentsOf(corp, viewer)
  const counts = withCounts ? visibleMemberCounts(corp, viewer) : null
  const org = orgIndex(corp)
  const out: Array<Department & { member_count?: number }> = []
  const stack = [root]
  const seen = new Set<number>()
  while (stack.length) {
    const d = stack.pop() as number
    if (seen.has(d)) continue
    seen.add(d)
    const dept = corp.departments[d]
    if (dept && visible.has(d)) {
      const row = { id: dept.id, name: dept.name, parentid: dept.parentid, order: dept.order }
      out.push(counts ? { ...row, member_count: counts(d) } : row)
    }
    const kids = org.children(d)
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i])
  }
  return out
}

function listDepartments(ctx: HandlerContext, body: Parsed<'department/list'>) {
  const { corp } = ctx
  const visible = visibleDepartmentsOf(corp, ctx.caller.userid)
  let root = ROOT_DEPARTMENT
  if (!absent(body.id)) {
    if (!hasOwn(corp.departments, body.id) || !visible.has(body.id)) return notFound(body.id, 'id')
    root = body.id
  }
  return success({ department: departmentRows(corp, ctx.caller.userid, root, body.fetch_member_count === 1) })
}

export const departmentApis = {
  'department/create': createDepartment,
  'department/update': updateDepartment,
  'department/delete': deleteDepartment,
  'department/list': listDepartments,
} satisfies Partial<Handlers>
