// Directory input rules (WeCom limits, api.md "Directory"): every field checked before anything changes.
import { ErrCode } from './codes'
import { ok, refuse, type Verdict } from './result'
import { withVisibleText } from './text'

export const USERID_MAX = 64
export const MEMBER_NAME_MAX = 64
export const POSITION_MAX = 128
export const MEMBER_DEPARTMENTS_MAX = 100
export const DEPARTMENT_NAME_MAX = 64
export const DEPARTMENT_DEPTH_MAX = 15
export const TAG_NAME_MAX = 32
export const TAGS_MAX = 3000
export const MEMBER_ALIASES_MAX = 5
export const TAG_USERS_PER_CALL_MAX = 1000
export const TAG_PARTIES_PER_CALL_MAX = 100
export const RULE_TARGETS_MAX = 1000
export const RULES_MAX = 100
/** largest id a department / tag may carry (WeCom ids are 32-bit) */
export const ID_MAX = 2 ** 31 - 1

const USERID_RE = /^[A-Za-z0-9][A-Za-z0-9_.@-]*$/
const MOBILE_RE = /^\+?[0-9][0-9 -]{2,30}$/
const ADDRESS_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/
const DEPARTMENT_NAME_FORBIDDEN = /[\\:*?"<>|]/

/** length in characters (code points), as WeCom counts names */
export function charCount(s: string): number {
  let n = 0
  for (const _ of s) n++
  return n
}

export function isPositiveInt(v: unknown, max = ID_MAX): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= max
}

export function checkUserid(v: unknown, field = 'userid'): Verdict<string> {
  if (typeof v !== 'string' || v === '') return refuse(ErrCode.INVALID_PARAM, `缺少成员账号 (${field})`)
  if (v.length > USERID_MAX) {
    return refuse(ErrCode.INVALID_USERID, `成员账号过长，最多 ${USERID_MAX} 个字符 (${field})`)
  }
  if (!USERID_RE.test(v)) {
    return refuse(
      ErrCode.INVALID_USERID,
      `成员账号只能包含字母、数字和 _ . @ -，且必须以字母或数字开头 (${field})`,
    )
  }
  return ok(v)
}

export function checkMemberName(v: unknown): Verdict<string> {
  if (typeof v !== 'string' || v.trim() === '') return refuse(ErrCode.INVALID_PARAM, '姓名不能为空 (name)')
  if (charCount(v) > MEMBER_NAME_MAX) {
    return refuse(ErrCode.INVALID_PARAM, `姓名过长，最多 ${MEMBER_NAME_MAX} 个字符 (name)`)
  }
  return withVisibleText(ok(v), ErrCode.INVALID_PARAM, '姓名', 'name')
}

export function checkPosition(v: unknown): Verdict<string> {
  if (typeof v !== 'string') return refuse(ErrCode.INVALID_PARAM, '职务必须是文本 (position)')
  if (charCount(v) > POSITION_MAX) {
    return refuse(ErrCode.INVALID_PARAM, `职务过长，最多 ${POSITION_MAX} 个字符 (position)`)
  }
  return ok(v)
}

export function checkMobile(v: unknown): Verdict<string> {
  if (typeof v !== 'string') return refuse(ErrCode.INVALID_PARAM, '手机号必须是文本 (mobile)')
  if (v !== '' && !MOBILE_RE.test(v)) return refuse(ErrCode.INVALID_PARAM, '手机号格式不正确 (mobile)')
  return ok(v)
}

/** WeCom gender: '0' unknown, '1' male, '2' female; numbers accepted */
export function checkGender(v: unknown): Verdict<'0' | '1' | '2'> {
  const s = typeof v === 'number' ? String(v) : v
  if (s === '0' || s === '1' || s === '2') return ok(s)
  return refuse(ErrCode.INVALID_PARAM, '性别只能是 0（未知）、1（男）或 2（女） (gender)')
}

/** a member's department list: 1..100 distinct positive ids (existence is checked by the caller) */
export function checkDepartmentList(v: unknown): Verdict<number[]> {
  if (!Array.isArray(v) || v.length === 0) {
    return refuse(ErrCode.INVALID_DEPARTMENT_LIST, '成员至少要属于一个部门 (department)')
  }
  if (v.length > MEMBER_DEPARTMENTS_MAX) {
    return refuse(
      ErrCode.INVALID_DEPARTMENT_LIST,
      `一个成员最多属于 ${MEMBER_DEPARTMENTS_MAX} 个部门 (department)`,
    )
  }
  if (!v.every((d) => isPositiveInt(d))) {
    return refuse(ErrCode.INVALID_DEPARTMENT_LIST, '部门 id 必须是正整数 (department)')
  }
  if (new Set(v).size !== v.length) {
    return refuse(ErrCode.INVALID_DEPARTMENT_LIST, '部门列表有重复 (department)')
  }
  return ok(v as number[])
}

/** lower-cased address in `domain`, well-formed */
export function checkAddressInDomain(v: unknown, domain: string, field: string): Verdict<string> {
  if (typeof v !== 'string' || v === '') return refuse(ErrCode.INVALID_PARAM, `邮箱地址不能为空 (${field})`)
  if (v.length > 128 || !ADDRESS_RE.test(v)) {
    return refuse(ErrCode.INVALID_PARAM, `邮箱地址格式不正确 (${field})`)
  }
  const address = v.toLowerCase()
  if (address.slice(address.indexOf('@') + 1) !== domain.toLowerCase()) {
    return refuse(ErrCode.INVALID_PARAM, `邮箱地址必须使用企业域名 @${domain} (${field})`)
  }
  return ok(address)
}

/** the address a member gets when none is given */
export function defaultBizMail(userid: string, domain: string): string {
  return `${userid}@${domain}`.toLowerCase()
}

export function checkAliasList(v: unknown, domain: string): Verdict<string[]> {
  if (!Array.isArray(v)) return refuse(ErrCode.INVALID_PARAM, '别名必须是列表 (alias)')
  if (v.length > MEMBER_ALIASES_MAX) {
    return refuse(ErrCode.INVALID_PARAM, `最多 ${MEMBER_ALIASES_MAX} 个别名 (alias)`)
  }
  const out: string[] = []
  for (const a of v) {
    const checked = checkAddressInDomain(a, domain, 'alias')
    if (!checked.ok) return checked
    if (out.includes(checked.value)) return refuse(ErrCode.INVALID_PARAM, '别名有重复 (alias)')
    out.push(checked.value)
  }
  return ok(out)
}

export function checkDepartmentName(v: unknown): Verdict<string> {
  if (typeof v !== 'string' || v.trim() === '')
    return refuse(ErrCode.INVALID_PARAM, '部门名称不能为空 (name)')
  if (charCount(v) > DEPARTMENT_NAME_MAX) {
    return refuse(ErrCode.INVALID_PARAM, `部门名称过长，最多 ${DEPARTMENT_NAME_MAX} 个字符 (name)`)
  }
  if (DEPARTMENT_NAME_FORBIDDEN.test(v)) {
    return refuse(ErrCode.INVALID_PARAM, '部门名称不能包含 \\ : * ? " < > | (name)')
  }
  return withVisibleText(ok(v), ErrCode.INVALID_PARAM, '部门名称', 'name')
}

export function checkOrder(v: unknown): Verdict<number> {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 2 ** 32 - 1) {
    return refuse(ErrCode.INVALID_PARAM, '排序值必须是非负整数 (order)')
  }
  return ok(v)
}

export function checkTagName(v: unknown): Verdict<string> {
  if (typeof v !== 'string' || v.trim() === '')
    return refuse(ErrCode.INVALID_PARAM, '标签名称不能为空 (tagname)')
  if (charCount(v) > TAG_NAME_MAX) {
    return refuse(ErrCode.INVALID_PARAM, `标签名称过长，最多 ${TAG_NAME_MAX} 个字符 (tagname)`)
  }
  return withVisibleText(ok(v), ErrCode.INVALID_PARAM, '标签名称', 'tagname')
}

export function checkTagId(v: unknown): Verdict<number> {
  if (!isPositiveInt(v)) return refuse(ErrCode.INVALID_TAG, '标签 id 不正确 (tagid)')
  return ok(v)
}

/** optional string list (userlist …): array of strings, at most `max` */
export function checkStringList(v: unknown, field: string, max: number): Verdict<string[]> {
  if (v === undefined || v === null) return ok([])
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) {
    return refuse(ErrCode.INVALID_PARAM, `必须是文本列表 (${field})`)
  }
  if (v.length > max) return refuse(ErrCode.INVALID_PARAM, `最多 ${max} 项 (${field})`)
  return ok(Array.from(new Set(v as string[])))
}

/** optional id list (partylist, tagid …): array of positive integers, at most `max` */
export function checkIdList(v: unknown, field: string, max: number, code: number): Verdict<number[]> {
  if (v === undefined || v === null) return ok([])
  if (!Array.isArray(v) || !v.every((x) => isPositiveInt(x))) {
    return refuse(code, `必须是正整数 id 列表 (${field})`)
  }
  if (v.length > max) return refuse(ErrCode.INVALID_PARAM, `最多 ${max} 项 (${field})`)
  return ok(Array.from(new Set(v as number[])))
}

/** user/list and user/search page sizes */
export function checkLimit(v: unknown, max: number, fallback: number, field = 'limit'): Verdict<number> {
  if (v === undefined || v === null) return ok(fallback)
  if (!isPositiveInt(v, max))
    return refuse(ErrCode.INVALID_PARAM, `每页数量必须是 1–${max} 的整数 (${field})`)
  return ok(v)
}

/** moving `id` under `parentid` must not create a cycle (parentid inside id's own subtree) */
export function checkNoCycle(id: number, ancestorsOfParent: readonly number[]): Verdict {
  if (ancestorsOfParent.includes(id)) {
    return refuse(ErrCode.INVALID_PARAM, '不能把部门移动到它自己或它的子部门下 (parentid)')
  }
  return ok()
}

/** depth of the deepest department after the change, root = 1 */
export function checkDepth(depth: number): Verdict {
  if (depth > DEPARTMENT_DEPTH_MAX) {
    return refuse(ErrCode.INVALID_PARAM, `部门层级最多 ${DEPARTMENT_DEPTH_MAX} 级 (parentid)`)
  }
  return ok()
}

/** a department can be deleted only when it is empty (no members, no sub-departments) and not the root */
export function checkDepartmentDeletable(
  id: number,
  rootId: number,
  childCount: number,
  memberCount: number,
): Verdict {
  if (id === rootId) return refuse(ErrCode.INVALID_PARAM, '根部门不能删除 (id)')
  if (childCount > 0) return refuse(ErrCode.INVALID_PARAM, '部门下还有子部门，不能删除 (id)')
  if (memberCount > 0) return refuse(ErrCode.INVALID_PARAM, '部门下还有成员，不能删除 (id)')
  return ok()
}
