// Business mailbox records: lookup, creation, the shape the admin APIs return.
import type { MailboxUsers } from '../../../policy/access'
import { normalizeAddress } from '../../../policy/mailAddress'
import { ErrCode } from '../../../policy/codes'
import { ok, refuse, type Verdict } from '../../../policy/result'
import { unixSeconds } from '../../../policy/unixTime'
import type { DirectoryLookup } from '../../../policy/userLists'
import type { AdminMailbox } from '../../contract'
import { newStore } from '../seed'
import type { BackendState, BusinessMailbox, CorpState } from '../state'

const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k)

/** An id as sent: an integer, or its decimal string. */
export function parseId(raw: unknown, field: string): Verdict<number> {
  const id = typeof raw === 'string' && /^\d{1,12}$/.test(raw) ? Number(raw) : raw
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) {
    return refuse(ErrCode.INVALID_PARAM, `业务邮箱 ID 格式不正确 (${field})`)
  }
  return ok(id)
}

export function findMailbox(corp: CorpState, raw: unknown, field = 'id'): Verdict<BusinessMailbox> {
  const id = parseId(raw, field)
  if (!id.ok) return id
  const mailbox = own(corp.publicmails, String(id.value)) ? corp.publicmails[id.value] : undefined
  if (!mailbox) return refuse(ErrCode.MAILBOX_NOT_FOUND, `业务邮箱不存在 (${field})：${id.value}`)
  return ok(mailbox)
}

/** Every business mailbox (any corp) whose address or alias is `address`. */
export function mailboxesByAddress(
  state: BackendState,
  address: string,
): { corp: CorpState; mailbox: BusinessMailbox }[] {
  const key = normalizeAddress(address)
  const out: { corp: CorpState; mailbox: BusinessMailbox }[] = []
  for (const corp of Object.values(state.corps)) {
    for (const mailbox of Object.values(corp.publicmails)) {
      if (mailbox.email === key || mailbox.alias_list.includes(key)) out.push({ corp, mailbox })
    }
  }
  return out
}

export function directoryLookup(corp: CorpState): DirectoryLookup {
  return {
    hasUser: (u) => own(corp.users, u),
    hasDepartment: (d) => own(corp.departments, String(d)),
    hasTag: (t) => own(corp.tags, String(t)),
  }
}

export function usersOf(mailbox: MailboxUsers): MailboxUsers {
  return {
    userid_list: [...mailbox.userid_list],
    department_list: [...mailbox.department_list],
    tag_list: [...mailbox.tag_list],
  }
}

export interface NewMailbox extends MailboxUsers {
  email: string
  name: string
  alias_list?: string[]
  enabled?: boolean
  /** an existing store (conversion keeps the member's mail); a new one otherwise */
  storeId?: string
}

/** Insert a validated mailbox; callers check the rules first. */
export function insertMailbox(corp: CorpState, fields: NewMailbox, now: number): BusinessMailbox {
  const id = corp.nextId.publicmail++
  const mailbox: BusinessMailbox = {
    id,
    email: normalizeAddress(fields.email),
    name: fields.name,
    ...usersOf(fields),
    alias_list: [...(fields.alias_list ?? [])],
    enabled: fields.enabled ?? true,
    storeId: fields.storeId ?? newStore(corp),
    authCodes: [],
    // A business mailbox is never bound to anyone's WeChat / phone / WeCom login.
    bindings: { wechat: false, mobile: false, wecom: false },
    create_time: now,
  }
  corp.publicmails[id] = mailbox
  return mailbox
}

/** exmail/publicmail/get's item, WeCom-shaped: lists wrapped as {list}, times in unix seconds */
export function mailboxView(m: BusinessMailbox): AdminMailbox {
  return {
    id: m.id,
    email: m.email,
    name: m.name,
    userid_list: { list: [...m.userid_list] },
    department_list: { list: [...m.department_list] },
    tag_list: { list: [...m.tag_list] },
    alias_list: { list: [...m.alias_list] },
    enabled: m.enabled,
    /** converted mailboxes may start with nobody on the lists: the admin list shows "no users yet" */
    no_users: !m.userid_list.length && !m.department_list.length && !m.tag_list.length,
    create_time: unixSeconds(m.create_time),
  }
}
