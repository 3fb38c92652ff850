// Who may use a business mailbox (product spec 3.4–3.6): member, department and tag lists.
// Omitted = unchanged, empty = cleared, never all three empty — except right after a conversion.
import type { MailboxUsers } from './access'
import { ErrCode } from './codes'
import { ok, refuse, type Verdict } from './result'

export const MAX_LIST_ENTRIES = 1000

export type UserListField = 'userid_list' | 'department_list' | 'tag_list'
export const USER_LIST_FIELDS: UserListField[] = ['userid_list', 'department_list', 'tag_list']

/** A list field as sent: `{"list": [...]}` (WeCom's wrapping); a bare array is accepted too. */
export function unwrapList(raw: unknown, field: string): Verdict<unknown[] | undefined> {
  if (raw === undefined || raw === null) return ok(undefined)
  if (Array.isArray(raw)) return ok(raw)
  if (typeof raw === 'object' && Array.isArray((raw as { list?: unknown }).list)) {
    return ok((raw as { list: unknown[] }).list)
  }
  return refuse(ErrCode.INVALID_PARAM, `列表格式不正确，应为 {"list": [...]} (${field})`)
}

export interface DirectoryLookup {
  hasUser(userid: string): boolean
  hasDepartment(id: number): boolean
  hasTag(id: number): boolean
}

export type UserListsPatch = Partial<MailboxUsers>

/** Parse the three list fields of a request; each must name existing members / departments / tags. */
export function parseUserLists(body: Record<string, unknown>, dir: DirectoryLookup): Verdict<UserListsPatch> {
  const patch: UserListsPatch = {}
  for (const field of USER_LIST_FIELDS) {
    const list = unwrapList(body[field], field)
    if (!list.ok) return list
    if (list.value === undefined) continue
    if (list.value.length > MAX_LIST_ENTRIES) {
      return refuse(ErrCode.INVALID_PARAM, `列表最多 ${MAX_LIST_ENTRIES} 项 (${field})`)
    }
    if (field === 'userid_list') {
      const ids: string[] = []
      for (const u of list.value) {
        if (typeof u !== 'string' || !u || u.length > 64) {
          return refuse(ErrCode.INVALID_USERID, `成员账号格式不正确 (userid_list)：${String(u).slice(0, 64)}`)
        }
        if (!dir.hasUser(u)) return refuse(ErrCode.USER_NOT_FOUND, `成员不存在 (userid_list)：${u}`)
        if (!ids.includes(u)) ids.push(u)
      }
      patch.userid_list = ids
    } else {
      const isDept = field === 'department_list'
      const ids: number[] = []
      for (const raw of list.value) {
        const id = typeof raw === 'string' && /^\d{1,10}$/.test(raw) ? Number(raw) : raw
        const exists =
          Number.isInteger(id) && (isDept ? dir.hasDepartment(id as number) : dir.hasTag(id as number))
        if (!exists) {
          return isDept
            ? refuse(
                ErrCode.INVALID_DEPARTMENT_LIST,
                `部门不存在 (department_list)：${String(raw).slice(0, 32)}`,
              )
            : refuse(ErrCode.INVALID_TAG, `标签不存在 (tag_list)：${String(raw).slice(0, 32)}`)
        }
        if (!ids.includes(id as number)) ids.push(id as number)
      }
      if (isDept) patch.department_list = ids
      else patch.tag_list = ids
    }
  }
  return ok(patch)
}

export function allEmpty(users: MailboxUsers): boolean {
  return !users.userid_list.length && !users.department_list.length && !users.tag_list.length
}

/**
 * The lists after applying a patch. Empty everywhere is refused for a new mailbox and for a patch
 * that touches a list, unless `allowEmpty` (conversion); an update that touches no list leaves a
 * converted mailbox's "no users yet" alone, so it can still be renamed.
 */
export function applyUserLists(
  current: MailboxUsers,
  patch: UserListsPatch,
  options: { allowEmpty: boolean; isNew?: boolean },
): Verdict<MailboxUsers> {
  const next: MailboxUsers = {
    userid_list: patch.userid_list ?? current.userid_list,
    department_list: patch.department_list ?? current.department_list,
    tag_list: patch.tag_list ?? current.tag_list,
  }
  const touched = USER_LIST_FIELDS.some((f) => patch[f] !== undefined)
  if ((touched || options.isNew) && !options.allowEmpty && allEmpty(next)) {
    return refuse(
      ErrCode.USER_LISTS_EMPTY,
      '请至少指定一个可使用该邮箱的成员、部门或标签 (userid_list, department_list, tag_list)',
    )
  }
  return ok({
    userid_list: [...next.userid_list],
    department_list: [...next.department_list],
    tag_list: [...next.tag_list],
  })
}
