// user/create | update | delete | get | list | search (api.md "Directory").
import { ErrCode } from '../../../policy/codes'
import {
  checkAddressInDomain,
  checkAliasList,
  checkDepartmentList,
  checkGender,
  checkMemberName,
  checkMobile,
  checkPosition,
  checkUserid,
  defaultBizMail,
} from '../../../policy/directory'
import { ok, refuse, type Verdict } from '../../../policy/result'
import { recycleExpiry } from '../../../policy/recycle'
import {
  SEARCH_LIMIT_DEFAULT,
  SEARCH_QUERY_MAX,
  namedKeys,
  normalizeQuery,
  searchNamed,
  type Query,
} from '../../../policy/search'
import { orgIndex } from '../orgIndex'
import type { Parsed } from '../../contract'
import { failure, refusal, success, type HandlerContext, type Handlers } from '../registry'
import { newMember } from '../seed'
import type { CorpState, Member } from '../state'
import { addressHolder } from './addresses'
import { reindexMember } from './reindexMember'
import { searchMembers } from './searchIndex'
import { departmentNotFound, findMember, hasOwn, memberNotFound, memberView, missingDepartment } from './view'
import { visibilityOf, visibleDepartmentsOf, visibleMemberCounts, visibleMembersOf } from './visibility'

export const USER_LIST_LIMIT_MAX = 1000

const absent = (v: unknown): v is null | undefined => v === undefined || v === null

function checkDepartmentsExist(corp: CorpState, ids: number[]): Verdict<number[]> {
  return missingDepartment(corp, ids, 'department') ?? ok(ids)
}

function checkFree(corp: CorpState, addresses: string[], field: string, self?: string): Verdict {
  for (const a of addresses) {
    if (addressHolder(corp, a, self)) return refuse(ErrCode.USER_EXISTS, `邮箱地址 ${a} 已被占用 (${field})`)
  }
  return ok()
}

function createUser(ctx: HandlerContext, body: Parsed<'user/create'>) {
  const { corp } = ctx
  const userid = checkUserid(body.userid)
  if (!userid.ok) return refusal(userid)
  const name = checkMemberName(body.name)
  if (!name.ok) return refusal(name)
  const listed = checkDepartmentList(body.department)
  if (!listed.ok) return refusal(listed)
  const departments = checkDepartmentsExist(corp, listed.value)
  if (!departments.ok) return refusal(departments)
  const position = absent(body.position) ? ok('') : checkPosition(body.position)
  if (!position.ok) return refusal(position)
  const mobile = absent(body.mobile) ? ok('') : checkMobile(body.mobile)
  if (!mobile.ok) return refusal(mobile)
  const gender = absent(body.gender) ? ok('0' as const) : checkGender(body.gender)
  if (!gender.ok) return refusal(gender)
  const bizMail =
    absent(body.biz_mail) || body.biz_mail === ''
      ? ok(defaultBizMail(userid.value, corp.domain.name))
      : checkAddressInDomain(body.biz_mail, corp.domain.name, 'biz_mail')
  if (!bizMail.ok) return refusal(bizMail)
  const alias = absent(body.alias) ? ok([] as string[]) : checkAliasList(body.alias, corp.domain.name)
  if (!alias.ok) return refusal(alias)
  if (alias.value.includes(bizMail.value))
    return failure(ErrCode.INVALID_PARAM, '别名不能与邮箱地址相同 (alias)')
  // Uniqueness ignores case: an O(1) lookup kept current by every member write.
  if (orgIndex(corp).useridFold.has(userid.value.toLowerCase())) {
    return failure(ErrCode.USER_EXISTS, `成员账号 ${userid.value} 已存在 (userid)`)
  }
  const free = checkFree(corp, [bizMail.value], 'biz_mail')
  if (!free.ok) return refusal(free)
  const aliasFree = checkFree(corp, alias.value, 'alias')
  if (!aliasFree.ok) return refusal(aliasFree)

  const member = newMember(corp, {
    userid: userid.value,
    name: name.value,
    department: [...departments.value],
    position: position.value,
    mobile: mobile.value,
    gender: gender.value,
    biz_mail: bizMail.value,
    alias: alias.value,
  })
  corp.users[member.userid] = member
  reindexMember(corp, null, member)
  return success()
}

function updateUser(ctx: HandlerContext, body: Parsed<'user/update'>) {
  const { corp } = ctx
  const member = findMember(corp, body.userid)
  if (!member) return refusal(memberNotFound(body.userid, 'userid'))
  const next: Member = { ...member, department: [...member.department], alias: [...member.alias] }
  if (!absent(body.name)) {
    const v = checkMemberName(body.name)
    if (!v.ok) return refusal(v)
    next.name = v.value
  }
  if (!absent(body.department)) {
    const listed = checkDepartmentList(body.department)
    if (!listed.ok) return refusal(listed)
    const v = checkDepartmentsExist(corp, listed.value)
    if (!v.ok) return refusal(v)
    next.department = [...v.value]
  }
  if (!absent(body.position)) {
    const v = checkPosition(body.position)
    if (!v.ok) return refusal(v)
    next.position = v.value
  }
  if (!absent(body.mobile)) {
    const v = checkMobile(body.mobile)
    if (!v.ok) return refusal(v)
    next.mobile = v.value
  }
  if (!absent(body.gender)) {
    const v = checkGender(body.gender)
    if (!v.ok) return refusal(v)
    next.gender = v.value
  }
  if (!absent(body.biz_mail)) {
    if (!member.biz_mail || member.storeId === null) {
      return failure(ErrCode.INVALID_PARAM, '该成员的邮箱已转为业务邮箱，不能再设置邮箱地址 (biz_mail)')
    }
    const v = checkAddressInDomain(body.biz_mail, corp.domain.name, 'biz_mail')
    if (!v.ok) return refusal(v)
    next.biz_mail = v.value
  }
  if (!absent(body.alias)) {
    const v = checkAliasList(body.alias, corp.domain.name)
    if (!v.ok) return refusal(v)
    next.alias = v.value
  }
  if (next.biz_mail && next.alias.includes(next.biz_mail.toLowerCase())) {
    return failure(ErrCode.INVALID_PARAM, '别名不能与邮箱地址相同 (alias)')
  }
  const free = checkFree(corp, next.biz_mail ? [next.biz_mail] : [], 'biz_mail', member.userid)
  if (!free.ok) return refusal(free)
  const aliasFree = checkFree(corp, next.alias, 'alias', member.userid)
  if (!aliasFree.ok) return refusal(aliasFree)

  const before: Member = { ...member, department: [...member.department], alias: [...member.alias] }
  Object.assign(member, next)
  reindexMember(corp, before, member)
  return success()
}

function deleteUser(ctx: HandlerContext, body: Parsed<'user/delete'>) {
  const { corp, env } = ctx
  const member = findMember(corp, body.userid)
  if (!member) return refusal(memberNotFound(body.userid, 'userid'))
  if (member.userid === corp.creator) return failure(ErrCode.INVALID_PARAM, '不能删除企业创建者 (userid)')

  const u = member.userid
  delete corp.users[u]
  // Product spec 2: the member's mailbox waits 60 days in the recycle bin, its addresses still taken.
  if (member.biz_mail) {
    const id = corp.nextId.publicmail++
    const now = env.now()
    corp.recycle[id] = {
      id,
      kind: 'member',
      email: member.biz_mail,
      name: member.name,
      deleted_time: now,
      expire_time: recycleExpiry(now),
      addresses: [member.biz_mail, ...member.alias],
      storeId: member.storeId,
      userid: member.userid,
    }
  }
  // No dangling references a later member with the same userid could inherit.
  corp.admins = corp.admins.filter((a) => a !== u)
  for (const t of Object.values(corp.tags)) {
    if (t.userlist.includes(u)) t.userlist = t.userlist.filter((x) => x !== u)
  }
  for (const r of Object.values(corp.contactRules)) {
    for (const t of [r.range, r.whitelist, r.extra_visible]) t.userid = t.userid.filter((x) => x !== u)
  }
  for (const p of Object.values(corp.publicmails)) {
    if (p.userid_list.includes(u)) p.userid_list = p.userid_list.filter((x) => x !== u)
  }
  reindexMember(corp, member, null)
  return success()
}

function getUser(ctx: HandlerContext, body: Parsed<'user/get'>) {
  const { corp } = ctx
  const member = findMember(corp, body.userid)
  // Invisible answers exactly like absent.
  if (!member || !visibilityOf(corp, ctx.caller.userid).canSee(member.userid)) {
    return refusal(memberNotFound(body.userid, 'userid'))
  }
  return success(memberView(ctx, member) as unknown as Record<string, unknown>)
}

function listUsers(ctx: HandlerContext, body: Parsed<'user/list'>) {
  const { corp } = ctx
  const viewer = ctx.caller.userid
  const dept = body.department_id
  if (!hasOwn(corp.departments, dept) || !visibleDepartmentsOf(corp, viewer).has(dept)) {
    return refusal(departmentNotFound(dept, 'department_id'))
  }
  const fetchChild = body.fetch_child ?? 0
  const cursor = body.cursor ?? ''
  const limit = body.limit ?? USER_LIST_LIMIT_MAX

  // Sorted by userid; the cursor is the last userid returned, so pages survive writes in between.
  const all = visibleMembersOf(corp, viewer, dept, fetchChild === 1)
  let start = 0
  if (cursor) {
    let lo = 0
    let hi = all.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (all[mid] <= cursor) lo = mid + 1
      else hi = mid
    }
    start = lo
  }
  const page = all.slice(start, start + limit)
  const more = start + page.length < all.length
  return success({
    userlist: page.map((u) => memberView(ctx, corp.users[u])),
    next_cursor: more ? page[page.length - 1] : '',
  })
}

/** the checked query, or the refusal */
export function checkSearchQuery(v: unknown): Verdict<string> {
  if (typeof v !== 'string') return refuse(ErrCode.INVALID_PARAM, '搜索内容必须是文本 (query)')
  if (v.length > SEARCH_QUERY_MAX) {
    return refuse(ErrCode.INVALID_PARAM, `搜索内容过长，最多 ${SEARCH_QUERY_MAX} 个字符 (query)`)
  }
  return ok(v)
}

/**
 * One page of ranked members `ctx.caller` may see, with the count of all of them. Shared with
 * contactrule/preview, which asks as another member.
 */
export function memberSearchPage(ctx: HandlerContext, query: string, limit: number, offset: number) {
  const { corp } = ctx
  const { hits, total } = searchMembers(corp, ctx.caller.userid, normalizeQuery(query), limit, {
    offset,
    count: true,
  })
  const next = offset + hits.length
  return {
    userlist: hits.map((h) => ({ ...memberView(ctx, corp.users[h.userid]), match: h.field })),
    total,
    next_cursor: hits.length > 0 && next < total ? String(next) : '',
  }
}

/** visible departments whose name (or its pinyin) matches, with their visible member counts */
function departmentHits(ctx: HandlerContext, q: Query, limit: number) {
  const { corp } = ctx
  const visible = visibleDepartmentsOf(corp, ctx.caller.userid)
  const depts = Object.values(corp.departments)
    .filter((d) => visible.has(d.id))
    .sort((a, b) => a.order - b.order || a.id - b.id)
  const hits = searchNamed(depts, (d) => namedKeys(d.name), q, limit)
  const counts = hits.length ? visibleMemberCounts(corp, ctx.caller.userid) : null
  return hits.map(({ item: d, field }) => ({
    id: d.id,
    name: d.name,
    parentid: d.parentid,
    member_count: counts ? counts(d.id) : 0,
    match: field,
  }))
}

/** enabled business mailboxes by name or address, what mail/publicmail/directory shows anyone */
function publicmailHits(ctx: HandlerContext, q: Query, limit: number) {
  const boxes = Object.values(ctx.corp.publicmails)
    .filter((m) => m.enabled)
    .sort((a, b) => a.id - b.id)
  // aliases stay out: that list never tells members a mailbox's other addresses
  return searchNamed(boxes, (m) => namedKeys(m.name, [m.email]), q, limit).map(({ item: m, field }) => ({
    id: m.id,
    email: m.email,
    name: m.name,
    match: field,
  }))
}

function searchUsers(ctx: HandlerContext, body: Parsed<'user/search'>) {
  const query = checkSearchQuery(body.query)
  if (!query.ok) return refusal(query)
  const limit = body.limit ?? SEARCH_LIMIT_DEFAULT
  const offset = body.cursor ? Number(body.cursor) : 0
  const page = memberSearchPage(ctx, query.value, limit, offset)
  // Departments and mailboxes are few: they come whole with the first page.
  const q = normalizeQuery(query.value)
  const first = offset === 0
  return success({
    ...page,
    ...(body.fetch_department === 1 && { department: first ? departmentHits(ctx, q, limit) : [] }),
    ...(body.fetch_publicmail === 1 && { publicmail: first ? publicmailHits(ctx, q, limit) : [] }),
  })
}

export const memberApis = {
  'user/create': createUser,
  'user/update': updateUser,
  'user/delete': deleteUser,
  'user/get': getUser,
  'user/list': listUsers,
  'user/search': searchUsers,
} satisfies Partial<Handlers>
