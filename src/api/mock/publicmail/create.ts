// exmail/publicmail/create: a new business mailbox, or the conversion of a member's mailbox
// (from_userid, product spec 3.5). Everything is validated before anything changes.
import { checkBusinessAddress } from '../../../policy/address'
import { normalizeAddress } from '../../../policy/mailAddress'
import { checkAliases } from '../../../policy/aliases'
import { ErrCode } from '../../../policy/codes'
import { aliasesAfterConversion, checkConversion } from '../../../policy/conversion'
import { checkMailboxNameAmong } from '../../../policy/mailboxName'
import { checkOwnDomain, checkRoomForMailbox } from '../../../policy/quota'
import { applyUserLists, parseUserLists } from '../../../policy/userLists'
import type { ApiResult, Parsed } from '../../contract'
import { failure, success, type HandlerContext } from '../registry'
import type { AuthCode, Member } from '../state'
import { addressOwners, checkAddressFree, type AddressOwner } from './addresses'
import { prepareAuthCode } from './authCodes'
import { quotaFacts } from './facts'
import { directoryLookup, insertMailbox } from './mailboxes'
import { clientPasswordsOf } from '../ports/clientPasswords'

const refused = (v: { errcode: number; errmsg: string }): ApiResult => failure(v.errcode, v.errmsg)

export async function createPublicmail(
  ctx: HandlerContext,
  body: Parsed<'exmail/publicmail/create'>,
): Promise<ApiResult> {
  const { corp, env } = ctx
  const now = env.now()
  const facts = quotaFacts(corp)
  const domain = checkOwnDomain(facts)
  if (!domain.ok) return refused(domain)

  const wantCode = body.create_auth_code === true
  const remark = body.auth_code_info?.remark

  // Conversion: whose mailbox, and how many seats it releases.
  let member: Member | null = null
  let released = 0
  if (body.from_userid) {
    const uid = body.from_userid
    if (!Object.prototype.hasOwnProperty.call(corp.users, uid)) {
      return failure(ErrCode.USER_NOT_FOUND, `成员不存在 (from_userid)：${uid}`)
    }
    member = corp.users[uid]
    const email = body.email || undefined
    const conv = checkConversion(corp.edition, member, email)
    if (!conv.ok) return refused(conv)
    released = conv.value
  }

  const room = checkRoomForMailbox(facts, released)
  if (!room.ok) return refused(room)

  const name = checkMailboxNameAmong(
    body.name,
    Object.values(corp.publicmails).map((m) => m.name),
  )
  if (!name.ok) return refused(name)

  let email: string
  if (member) {
    email = normalizeAddress(member.biz_mail)
  } else {
    const address = checkBusinessAddress(body.email, corp.domain.name)
    if (!address.ok) return refused(address)
    email = address.value
  }
  const owners = addressOwners(corp, now)
  const convertedUserid = member?.userid
  const isMembers = (o: AddressOwner) =>
    (o.kind === 'member' || o.kind === 'member_alias') && o.userid === convertedUserid
  const free = checkAddressFree(corp, owners, email, 'email', isMembers)
  if (!free.ok) return refused(free)

  const patch = parseUserLists(body, directoryLookup(corp))
  if (!patch.ok) return refused(patch)
  const empty = { userid_list: [], department_list: [], tag_list: [] }
  const users = applyUserLists(empty, patch.value, { allowEmpty: member !== null, isNew: true })
  if (!users.ok) return refused(users)

  // The converted member's aliases follow the mail when they are valid business aliases.
  const moved = member
    ? aliasesAfterConversion(member.alias ?? [], (a) => {
        const valid = checkAliases([a], corp.domain.name, email)
        const owner = owners.get(a)
        return valid.ok && (!owner || isMembers(owner))
      })
    : { kept: [], dropped: [] }

  // Drawn before any change: a missing CSPRNG throws here and leaves the corp untouched.
  let code: { record: AuthCode; secret: string } | null = null
  if (wantCode) {
    const prepared = prepareAuthCode([], { creator: ctx.caller.userid, byAdmin: true, remark }, now, env)
    if (!prepared.ok) return refused(prepared)
    code = prepared.value
  }

  // Valid: from here on nothing can be refused.
  let storeId: string | undefined
  if (member) {
    // The member's mail store becomes the business mailbox's: all existing mail is kept.
    storeId = member.storeId as string
    member.biz_mail = ''
    member.storeId = null
    member.alias = []
    if (released) member.advanced = 0
  }
  const mailbox = insertMailbox(
    corp,
    { email, name: name.value, ...users.value, alias_list: moved.kept, storeId },
    now,
  )
  const result: Record<string, unknown> = { id: mailbox.id }
  if (code) {
    await clientPasswordsOf(env, ctx.state).add(corp.corpid, mailbox.id, code.record)
    result.auth_code_id = code.record.auth_code_id
    result.auth_code = code.secret
  }
  if (moved.dropped.length) result.dropped_alias_list = moved.dropped
  return success(result)
}
