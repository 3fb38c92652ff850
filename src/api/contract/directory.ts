// The company directory (api.md "Directory"): departments, members, tags, visibility rules.
// Field rules with their own codes (userid format, name lengths …) live in src/policy/directory.
import { ErrCode } from '../../policy/codes'
import { SEARCH_LIMIT_MAX } from '../../policy/search'
import { coded, def, limit, opt, posInt, required, text, zeroOne } from './schema'
import * as v from 'valibot'

export interface Department {
  id: number
  name: string
  parentid: number
  order: number
  /** with `fetch_member_count: 1`: visible members in the subtree */
  member_count?: number
}

export type SearchField = 'name' | 'pinyin' | 'initials' | 'userid' | 'email' | 'position'

/** api.md "Member fields"; `mobile` is '' where the viewer may not see it */
export interface MemberInfo {
  userid: string
  name: string
  department: number[]
  position: string
  mobile: string
  gender: string
  status: number
  biz_mail: string
  alias: string[]
  advanced: 0 | 1
}

export interface MemberHit extends MemberInfo {
  /** the field the query matched */
  match: SearchField
}

export interface DepartmentHit {
  id: number
  name: string
  parentid: number
  member_count: number
  match: SearchField
}

export interface PublicmailHit {
  id: number
  email: string
  name: string
  match: SearchField
}

export interface Tag {
  tagid: number
  tagname: string
}

/** `{userid[], partyid[], tagid[]}`: who a visibility rule applies to or lets see */
export interface RuleTargets {
  userid: string[]
  partyid: number[]
  tagid: number[]
}

export interface ContactRule {
  rule_id: number
  rule_type: 1 | 2 | 3
  range: RuleTargets
  whitelist: RuleTargets
  extra_visible: RuleTargets
}

const departmentId = posInt('部门 id 必须是正整数')
const userid = v.pipe(v.string('缺少成员账号'), v.minLength(1, '缺少成员账号'))
const cursor = text(128, '分页游标不正确', '分页游标不正确')
const order = v.pipe(
  v.number('排序值必须是非负整数'),
  v.integer('排序值必须是非负整数'),
  v.minValue(0, '排序值必须是非负整数'),
)
const tagid = posInt('标签 id 不正确', ErrCode.INVALID_TAG)
/** tag/addtagusers and tag/deltagusers: a tag and the members and departments to add or take off */
const tagMembers = v.object({
  tagid,
  userlist: opt(v.array(v.string('必须是文本列表'), '必须是文本列表')),
  partylist: opt(
    v.array(
      posInt('必须是正整数 id 列表', ErrCode.INVALID_DEPARTMENT_LIST),
      coded(ErrCode.INVALID_DEPARTMENT_LIST, '必须是正整数 id 列表'),
    ),
  ),
})

const targets = v.object(
  {
    userid: opt(v.array(v.string('必须是文本列表'), '必须是文本列表')),
    partyid: opt(
      v.array(posInt('必须是正整数 id 列表', ErrCode.INVALID_DEPARTMENT_LIST), '必须是正整数 id 列表'),
    ),
    tagid: opt(v.array(posInt('必须是正整数 id 列表', ErrCode.INVALID_TAG), '必须是正整数 id 列表')),
  },
  '必须是 {userid, partyid, tagid} 对象',
)

/** user/create and user/update: the member fields; their rules are policy's (checkMemberName …) */
const memberFields = {
  name: opt(v.string('姓名不能为空')),
  department: opt(
    v.array(
      posInt('部门 id 必须是正整数', ErrCode.INVALID_DEPARTMENT_LIST),
      coded(ErrCode.INVALID_DEPARTMENT_LIST, '成员至少要属于一个部门'),
    ),
  ),
  position: opt(v.string('职务必须是文本')),
  mobile: opt(v.string('手机号必须是文本')),
  gender: opt(v.union([v.string(), v.number()], '性别只能是 0（未知）、1（男）或 2（女）')),
  biz_mail: opt(v.string('邮箱地址格式不正确')),
  alias: opt(v.array(v.string('别名必须是文本'), '别名必须是列表')),
}

export const directoryApis = {
  'department/create': def<{ id: number }>()(
    v.object({
      name: v.string('部门名称不能为空'),
      parentid: posInt('上级部门 id 必须是正整数'),
      order: opt(order),
      id: opt(posInt('部门 id 必须是 2–2147483647 的整数')),
    }),
    { admin: true, write: true, lock: 'directoryWrite', idempotent: true },
  ),
  'department/update': def<object>()(
    v.object({
      id: departmentId,
      name: opt(v.string('部门名称不能为空')),
      parentid: opt(posInt('上级部门 id 必须是正整数')),
      order: opt(order),
    }),
    { admin: true, write: true, lock: 'directoryWrite', idempotent: true },
  ),
  'department/delete': def<object>()(v.object({ id: departmentId }), {
    admin: true,
    write: true,
    lock: 'directoryWrite',
    idempotent: true,
  }),
  'department/list': def<{ department: Department[] }>()(
    v.object({ id: opt(departmentId), fetch_member_count: opt(zeroOne()) }),
  ),
  'user/create': def<object>()(
    v.object({ userid: v.string('缺少成员账号'), ...memberFields, name: v.string('姓名不能为空') }),
    { admin: true, write: true, lock: 'directoryWrite', idempotent: true },
  ),
  'user/update': def<object>()(v.object({ userid, ...memberFields }), {
    admin: true,
    write: true,
    lock: 'directoryWrite',
    idempotent: true,
  }),
  'user/delete': def<object>()(v.object({ userid }), {
    admin: true,
    write: true,
    lock: 'directoryWrite',
    idempotent: true,
  }),
  'user/get': def<MemberInfo>()(v.object({ userid })),
  'user/list': def<{ userlist: MemberInfo[]; next_cursor: string }>()(
    v.object({
      department_id: posInt('部门 id 必须是正整数'),
      fetch_child: opt(zeroOne()),
      cursor: opt(cursor),
      limit: opt(limit(1000)),
    }),
  ),
  'user/search': def<{
    userlist: MemberHit[]
    /** all ranked matches the caller may see */
    total: number
    next_cursor: string
    /** with `fetch_department: 1`, on the first page */
    department?: DepartmentHit[]
    /** with `fetch_publicmail: 1`, on the first page */
    publicmail?: PublicmailHit[]
  }>()(
    v.object({
      query: v.string('搜索内容必须是文本'),
      limit: opt(limit(SEARCH_LIMIT_MAX)),
      cursor: opt(v.pipe(v.string('分页游标不正确'), v.regex(/^[0-9]{0,7}$/, '分页游标不正确'))),
      fetch_department: opt(zeroOne()),
      fetch_publicmail: opt(zeroOne()),
    }),
  ),
  'tag/create': def<{ tagid: number }>()(
    v.object({ tagname: v.string('标签名称不能为空'), tagid: opt(tagid) }),
    { admin: true, write: true, lock: 'directoryWrite', idempotent: true },
  ),
  'tag/delete': def<object>()(v.object({ tagid }), {
    admin: true,
    write: true,
    lock: 'directoryWrite',
    idempotent: true,
  }),
  'tag/addtagusers': def<object>()(tagMembers, {
    admin: true,
    write: true,
    lock: 'directoryWrite',
    idempotent: true,
  }),
  'tag/deltagusers': def<object>()(tagMembers, {
    admin: true,
    write: true,
    lock: 'directoryWrite',
    idempotent: true,
  }),
  'tag/list': def<{ taglist: Tag[] }>()(v.object({})),
  'tag/get': def<{
    tagname: string
    userlist: { userid: string; name: string }[]
    partylist: number[]
  }>()(v.object({ tagid })),
  'contactrule/create': def<{ rule_id: number }>()(
    v.object({
      rule_type: v.picklist([1, 2, 3], '规则类型只能是 1（隐藏）、2（仅本部门）或 3（不可见任何人）'),
      range: required(targets, '缺少适用范围'),
      whitelist: opt(targets),
      extra_visible: opt(targets),
    }),
    { admin: true, write: true, lock: 'directoryWrite', idempotent: true },
  ),
  // The rules themselves reveal who is hidden: admins only.
  'contactrule/list': def<{ rules: ContactRule[] }>()(v.object({}), { admin: true }),
  'contactrule/delete': def<object>()(v.object({ rule_id: posInt('规则 id 必须是正整数') }), {
    admin: true,
    write: true,
    lock: 'directoryWrite',
    idempotent: true,
  }),
  'contactrule/preview': def<{
    department: Department[]
    userlist: MemberInfo[]
    total: number
  }>()(v.object({ userid, query: opt(v.string('搜索内容必须是文本')) }), { admin: true }),
}
