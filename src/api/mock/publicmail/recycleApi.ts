// exmail/recycle/list and exmail/recycle/restore.
import { normalizeAddress } from '../../../policy/mailAddress'
import { ErrCode } from '../../../policy/codes'
import { checkNameUnique } from '../../../policy/mailboxName'
import { checkRoomForMailbox } from '../../../policy/quota'
import type { ApiResult, Parsed } from '../../contract'
import { failure, success, type HandlerContext } from '../registry'
import type { CorpState, RecycleEntry } from '../state'
import { addressOwners, checkAddressFree } from './addresses'
import { quotaFacts } from './facts'
import { recycleListItem } from './recycle'

const refused = (v: { errcode: number; errmsg: string }): ApiResult => failure(v.errcode, v.errmsg)
const has = (o: object, k: string | number) => Object.prototype.hasOwnProperty.call(o, String(k))

export function recycleList(ctx: HandlerContext): ApiResult {
  const list = Object.values(ctx.corp.recycle)
    .sort((a, b) => b.deleted_time - a.deleted_time || b.id - a.id)
    .map(recycleListItem)
  return success({ list })
}

export function recycleRestore(ctx: HandlerContext, body: Parsed<'exmail/recycle/restore'>): ApiResult {
  const { corp } = ctx
  const now = ctx.env.now()
  if (!has(corp.recycle, body.id)) {
    return failure(ErrCode.MAILBOX_NOT_FOUND, `回收站中没有该邮箱（可能已过期被清除） (id)：${body.id}`)
  }
  const entry = corp.recycle[body.id]
  // Its own addresses are held by the entry itself; anything else holding them blocks the restore.
  const owners = addressOwners(corp, now)
  for (const address of new Set([entry.email, ...entry.addresses])) {
    const free = checkAddressFree(
      corp,
      owners,
      address,
      'id',
      (o) => o.kind === 'recycle' && o.id === entry.id,
    )
    if (!free.ok) return refused(free)
  }
  return entry.kind === 'business' ? restoreBusiness(ctx, entry) : restoreMember(corp, entry)
}

function restoreBusiness(ctx: HandlerContext, entry: RecycleEntry): ApiResult {
  const { corp } = ctx
  const mailbox = entry.mailbox
  if (!mailbox) return failure(ErrCode.MAILBOX_NOT_FOUND, `回收站记录已损坏，无法恢复 (id)：${entry.id}`)
  if (has(corp.publicmails, mailbox.id)) {
    return failure(ErrCode.INVALID_PARAM, `已存在 ID 相同的业务邮箱，无法恢复 (id)：${mailbox.id}`)
  }
  if (!has(corp.stores, mailbox.storeId)) {
    return failure(ErrCode.MAILBOX_NOT_FOUND, `邮箱数据已不存在，无法恢复 (id)：${entry.id}`)
  }
  const room = checkRoomForMailbox(quotaFacts(corp))
  if (!room.ok) return refused(room)
  const unique = checkNameUnique(
    mailbox.name,
    Object.values(corp.publicmails).map((m) => m.name),
  )
  if (!unique.ok) {
    return failure(unique.errcode, `${unique.errmsg}，请先修改那个业务邮箱的名称再恢复`)
  }
  // Members, departments and tags deleted meanwhile are dropped from the lists.
  mailbox.userid_list = mailbox.userid_list.filter((u) => has(corp.users, u))
  mailbox.department_list = mailbox.department_list.filter((d) => has(corp.departments, d))
  mailbox.tag_list = mailbox.tag_list.filter((t) => has(corp.tags, t))
  corp.publicmails[mailbox.id] = mailbox
  delete corp.recycle[entry.id]
  return success({ id: mailbox.id })
}

/** A deleted member's mailbox goes back to that member, once they are in the directory again. */
function restoreMember(corp: CorpState, entry: RecycleEntry): ApiResult {
  const userid = entry.userid ?? entry.email.slice(0, entry.email.indexOf('@'))
  const member = has(corp.users, userid)
    ? corp.users[userid]
    : Object.values(corp.users).find((m) => m.userid.toLowerCase() === userid.toLowerCase())
  if (!member) {
    return failure(
      ErrCode.USER_NOT_FOUND,
      `成员 ${userid} 不在通讯录中：请先重新添加该成员，再恢复其邮箱 (id)`,
    )
  }
  if (member.biz_mail) {
    return failure(
      ErrCode.USER_EXISTS,
      `成员 ${member.userid} 已有邮箱 ${member.biz_mail}，无法再恢复回收站中的邮箱 (id)`,
    )
  }
  if (!entry.storeId || !has(corp.stores, entry.storeId)) {
    return failure(ErrCode.MAILBOX_NOT_FOUND, `邮箱数据已不存在，无法恢复 (id)：${entry.id}`)
  }
  member.biz_mail = normalizeAddress(entry.email)
  member.storeId = entry.storeId
  member.alias = entry.addresses
    .map(normalizeAddress)
    .filter((a) => a !== member.biz_mail)
    .slice(0, 5)
  delete corp.recycle[entry.id]
  return success({ userid: member.userid })
}
