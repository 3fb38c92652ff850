// contactrule/create | list | delete: the admin's directory visibility rules (product spec 4.4).
import { ErrCode } from '../../../policy/codes'
import { RULES_MAX, RULE_TARGETS_MAX, checkIdList, checkStringList } from '../../../policy/directory'
import { ok, type Refusal } from '../../../policy/result'
import { checkRuleShape, checkRuleType } from '../../../policy/visibility'
import type { Parsed } from '../../contract'
import { failure, refusal, success, type HandlerContext, type Handlers } from '../registry'
import type { ContactRule, CorpState, RuleTargetsState } from '../state'
import { ROOT_DEPARTMENT, departmentRows } from './departments'
import { checkSearchQuery, memberSearchPage } from './members'
import { findMember, hasOwn, memberNotFound, memberView, missingDepartment, resolveMembers } from './view'
import { visibleMembersOf } from './visibility'

const absent = (v: unknown): v is null | undefined => v === undefined || v === null

/** `{userid[], partyid[], tagid[]}`, every entry existing */
function checkTargets(
  corp: CorpState,
  v: unknown,
  field: string,
): { ok: true; value: RuleTargetsState } | Refusal {
  const empty: RuleTargetsState = { userid: [], partyid: [], tagid: [] }
  if (v === undefined || v === null) return { ok: true, value: empty }
  if (typeof v !== 'object' || Array.isArray(v)) {
    return {
      ok: false,
      errcode: ErrCode.INVALID_PARAM,
      errmsg: `必须是 {userid, partyid, tagid} 对象 (${field})`,
    }
  }
  const t = v as Record<string, unknown>
  const users = checkStringList(t.userid, `${field}.userid`, RULE_TARGETS_MAX)
  if (!users.ok) return users
  const parties = checkIdList(
    t.partyid,
    `${field}.partyid`,
    RULE_TARGETS_MAX,
    ErrCode.INVALID_DEPARTMENT_LIST,
  )
  if (!parties.ok) return parties
  const tags = checkIdList(t.tagid, `${field}.tagid`, RULE_TARGETS_MAX, ErrCode.INVALID_TAG)
  if (!tags.ok) return tags
  const userid = resolveMembers(corp, users.value, `${field}.userid`)
  if (!userid.ok) return userid
  const noDepartment = missingDepartment(corp, parties.value, `${field}.partyid`)
  if (noDepartment) return noDepartment
  for (const tag of tags.value) {
    if (!hasOwn(corp.tags, tag)) {
      return { ok: false, errcode: ErrCode.INVALID_TAG, errmsg: `标签 ${tag} 不存在 (${field}.tagid)` }
    }
  }
  return { ok: true, value: { userid: userid.value, partyid: parties.value, tagid: tags.value } }
}

function createRule(ctx: HandlerContext, body: Parsed<'contactrule/create'>) {
  const { corp } = ctx
  const type = checkRuleType(body.rule_type)
  if (!type.ok) return refusal(type)
  const range = checkTargets(corp, body.range, 'range')
  if (!range.ok) return refusal(range)
  const whitelist = checkTargets(corp, body.whitelist, 'whitelist')
  if (!whitelist.ok) return refusal(whitelist)
  const extra = checkTargets(corp, body.extra_visible, 'extra_visible')
  if (!extra.ok) return refusal(extra)
  const shape = checkRuleShape(type.value, range.value, extra.value)
  if (!shape.ok) return refusal(shape)
  if (Object.keys(corp.contactRules).length >= RULES_MAX) {
    return failure(ErrCode.INVALID_PARAM, `查看权限规则最多 ${RULES_MAX} 条 (rule_type)`)
  }

  let rule_id = corp.nextId.rule
  while (hasOwn(corp.contactRules, rule_id)) rule_id++
  corp.nextId.rule = rule_id + 1
  const rule: ContactRule = {
    rule_id,
    rule_type: type.value,
    range: range.value,
    whitelist: whitelist.value,
    extra_visible: extra.value,
  }
  corp.contactRules[rule_id] = rule
  return success({ rule_id })
}

function listRules(ctx: HandlerContext) {
  const rules = Object.values(ctx.corp.contactRules)
    .sort((a, b) => a.rule_id - b.rule_id)
    .map((r) => JSON.parse(JSON.stringify(r)) as ContactRule)
  return success({ rules })
}

function deleteRule(ctx: HandlerContext, body: Parsed<'contactrule/delete'>) {
  const { corp } = ctx
  if (!hasOwn(corp.contactRules, body.rule_id)) {
    return failure(ErrCode.INVALID_PARAM, `规则 ${body.rule_id} 不存在 (rule_id)`)
  }
  delete corp.contactRules[body.rule_id]
  return success()
}

/** the first members a preview lists when no query is given (api.md: "else the first 100") */
export const PREVIEW_MEMBERS = 100

/**
 * What `userid` would see in the directory, asked by an admin: the same department tree, member
 * cards and search answers that member gets (their own mobile rights included), and how many
 * members that is in all.
 */
function previewRule(ctx: HandlerContext, body: Parsed<'contactrule/preview'>) {
  const { corp } = ctx
  const member = findMember(corp, body.userid)
  if (!member) return refusal(memberNotFound(body.userid, 'userid'))
  const query = absent(body.query) ? ok('') : checkSearchQuery(body.query)
  if (!query.ok) return refusal(query)
  const as: HandlerContext = {
    ...ctx,
    caller: member,
    isAdmin: corp.admins.includes(member.userid) || corp.creator === member.userid,
  }
  const department = departmentRows(corp, member.userid, ROOT_DEPARTMENT, true).map((d) => ({
    id: d.id,
    name: d.name,
    parentid: d.parentid,
    member_count: d.member_count ?? 0,
  }))
  if (query.value.trim() !== '') {
    const { userlist, total } = memberSearchPage(as, query.value, PREVIEW_MEMBERS, 0)
    return success({ department, userlist, total })
  }
  const visible = visibleMembersOf(corp, member.userid, ROOT_DEPARTMENT, true)
  return success({
    department,
    userlist: visible.slice(0, PREVIEW_MEMBERS).map((u) => memberView(as, corp.users[u])),
    total: visible.length,
  })
}

export const contactRuleApis = {
  'contactrule/create': createRule,
  // The rules themselves reveal who is hidden: admins only.
  'contactrule/list': listRules,
  'contactrule/delete': deleteRule,
  // Shows what rules hide from one member: admins only, like the rules themselves.
  'contactrule/preview': previewRule,
} satisfies Partial<Handlers>
