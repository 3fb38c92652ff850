// tag/create | delete | addtagusers | deltagusers | list | get (api.md "Directory").
// A tag holds members (userlist) and departments (partylist); see orgIndex.tagMembers for who "has" it.
import { ErrCode } from '../../../policy/codes'
import {
  TAGS_MAX,
  TAG_PARTIES_PER_CALL_MAX,
  TAG_USERS_PER_CALL_MAX,
  checkIdList,
  checkStringList,
  checkTagId,
  checkTagName,
} from '../../../policy/directory'
import type { Refusal } from '../../../policy/result'
import type { ApiResult, Parsed } from '../../contract'
import { failure, refusal, success, type HandlerContext, type Handlers } from '../registry'
import type { CorpState, Tag } from '../state'
import { hasOwn, missingDepartment, resolveMembers } from './view'
import { visibilityOf, visibleDepartmentsOf } from './visibility'

function existingTag(corp: CorpState, raw: unknown): { ok: true; tag: Tag } | Refusal {
  const id = checkTagId(raw)
  if (!id.ok) return id
  if (!hasOwn(corp.tags, id.value)) {
    return { ok: false, errcode: ErrCode.INVALID_TAG, errmsg: `标签 ${id.value} 不存在 (tagid)` }
  }
  return { ok: true, tag: corp.tags[id.value] }
}

function createTag(ctx: HandlerContext, body: Parsed<'tag/create'>) {
  const { corp } = ctx
  const name = checkTagName(body.tagname)
  if (!name.ok) return refusal(name)
  const tags = Object.values(corp.tags)
  if (tags.some((t) => t.tagname === name.value)) {
    return failure(ErrCode.INVALID_PARAM, `标签“${name.value}”已存在 (tagname)`)
  }
  if (tags.length >= TAGS_MAX)
    return failure(ErrCode.INVALID_PARAM, `标签数量已达上限 ${TAGS_MAX} 个 (tagname)`)
  let tagid: number
  if (body.tagid !== undefined && body.tagid !== null) {
    const id = checkTagId(body.tagid)
    if (!id.ok) return refusal(id)
    if (hasOwn(corp.tags, id.value))
      return failure(ErrCode.INVALID_TAG, `标签 id ${id.value} 已被使用 (tagid)`)
    tagid = id.value
  } else {
    tagid = corp.nextId.tag
    while (hasOwn(corp.tags, tagid)) tagid++
  }

  corp.tags[tagid] = { tagid, tagname: name.value, userlist: [], partylist: [] }
  if (tagid >= corp.nextId.tag) corp.nextId.tag = tagid + 1
  return success({ tagid })
}

function deleteTag(ctx: HandlerContext, body: Parsed<'tag/delete'>) {
  const { corp } = ctx
  const found = existingTag(corp, body.tagid)
  if (!found.ok) return refusal(found)
  const id = found.tag.tagid

  delete corp.tags[id]
  // No dangling references a later tag with the same id could inherit.
  for (const r of Object.values(corp.contactRules)) {
    for (const t of [r.range, r.whitelist, r.extra_visible]) t.tagid = t.tagid.filter((x) => x !== id)
  }
  for (const p of Object.values(corp.publicmails)) {
    if (p.tag_list.includes(id)) p.tag_list = p.tag_list.filter((x) => x !== id)
  }
  return success()
}

/** validated userlist / partylist of addtagusers / deltagusers, members and departments resolved */
function tagTargets(
  corp: CorpState,
  body: Parsed<'tag/addtagusers' | 'tag/deltagusers'>,
): { ok: true; users: string[]; parties: number[] } | Refusal {
  const users = checkStringList(body.userlist, 'userlist', TAG_USERS_PER_CALL_MAX)
  if (!users.ok) return users
  const parties = checkIdList(
    body.partylist,
    'partylist',
    TAG_PARTIES_PER_CALL_MAX,
    ErrCode.INVALID_DEPARTMENT_LIST,
  )
  if (!parties.ok) return parties
  if (!users.value.length && !parties.value.length) {
    return { ok: false, errcode: ErrCode.INVALID_PARAM, errmsg: '成员列表和部门列表不能同时为空 (userlist)' }
  }
  const resolved = resolveMembers(corp, users.value, 'userlist')
  if (!resolved.ok) return resolved
  const noDepartment = missingDepartment(corp, parties.value, 'partylist')
  if (noDepartment) return noDepartment
  return { ok: true, users: resolved.value, parties: parties.value }
}

/** addtagusers / deltagusers: the tag's new member and department lists from its current ones */
function changeTagUsers(
  change: (tag: Tag, users: string[], parties: number[]) => void,
): (ctx: HandlerContext, body: Parsed<'tag/addtagusers' | 'tag/deltagusers'>) => ApiResult {
  return ({ corp }, body) => {
    const found = existingTag(corp, body.tagid)
    if (!found.ok) return refusal(found)
    const targets = tagTargets(corp, body)
    if (!targets.ok) return refusal(targets)
    change(found.tag, targets.users, targets.parties)
    return success()
  }
}

const addTagUsers = changeTagUsers((tag, users, parties) => {
  tag.userlist = Array.from(new Set([...tag.userlist, ...users]))
  tag.partylist = Array.from(new Set([...tag.partylist, ...parties]))
})

const delTagUsers = changeTagUsers((tag, users, parties) => {
  tag.userlist = tag.userlist.filter((u) => !users.includes(u))
  tag.partylist = tag.partylist.filter((p) => !parties.includes(p))
})

function listTags(ctx: HandlerContext) {
  const taglist = Object.values(ctx.corp.tags)
    .sort((a, b) => a.tagid - b.tagid)
    .map((t) => ({ tagid: t.tagid, tagname: t.tagname }))
  return success({ taglist })
}

function getTag(ctx: HandlerContext, body: Parsed<'tag/get'>) {
  const { corp } = ctx
  const found = existingTag(corp, body.tagid)
  if (!found.ok) return refusal(found)
  const vis = visibilityOf(corp, ctx.caller.userid)
  const depts = visibleDepartmentsOf(corp, ctx.caller.userid)
  const tag = found.tag
  return success({
    tagname: tag.tagname,
    userlist: tag.userlist
      .filter((u) => hasOwn(corp.users, u) && vis.canSee(u))
      .map((u) => ({ userid: u, name: corp.users[u].name })),
    partylist: tag.partylist.filter((p) => depts.has(p)),
  })
}

export const tagApis = {
  'tag/create': createTag,
  'tag/delete': deleteTag,
  'tag/addtagusers': addTagUsers,
  'tag/deltagusers': delTagUsers,
  'tag/list': listTags,
  'tag/get': getTag,
} satisfies Partial<Handlers>
