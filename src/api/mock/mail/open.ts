// Opening a mailbox for a mail/* call: 'personal' is the caller's own store; a business mailbox is
// re-checked at the moment of the call — access by any route (690007), then enabled (680045).
import { hasAccess } from '../../../policy/access'
import { ErrCode } from '../../../policy/codes'
import { normalizeAddress } from '../../../policy/mailAddress'
import { ok, refuse, type Verdict } from '../../../policy/result'
import { orgIndex } from '../orgIndex'
import type { BusinessMailbox, CorpState, MailStore, Member } from '../state'

export interface OpenMailbox {
  kind: 'personal' | 'business'
  id: 'personal' | number
  email: string
  name: string
  /** addresses mail may be sent from: the main address first, then aliases (normalised) */
  addresses: string[]
  store: MailStore
  business: BusinessMailbox | null
}

/** Business mailbox id from the wire: a number or a numeric string. */
export function parseMailboxId(raw: unknown): number | null {
  const n =
    typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d{1,15}$/.test(raw) ? Number(raw) : NaN
  return Number.isSafeInteger(n) && n > 0 ? n : null
}

export function openMailbox(corp: CorpState, caller: Member, raw: unknown): Verdict<OpenMailbox> {
  if (raw === 'personal') {
    const store = caller.storeId ? corp.stores[caller.storeId] : undefined
    if (!store || !caller.biz_mail) return refuse(ErrCode.MAILBOX_NOT_FOUND, '你没有个人邮箱 (mailbox)')
    return ok({
      kind: 'personal',
      id: 'personal',
      email: caller.biz_mail,
      name: caller.name,
      addresses: uniq([caller.biz_mail, ...caller.alias]),
      store,
      business: null,
    })
  }
  if (raw === undefined || raw === null || raw === '')
    return refuse(ErrCode.INVALID_PARAM, '缺少邮箱 (mailbox)')
  const id = parseMailboxId(raw)
  if (id === null) return refuse(ErrCode.INVALID_PARAM, '邮箱必须是 personal 或业务邮箱 id (mailbox)')
  const mb = Object.prototype.hasOwnProperty.call(corp.publicmails, id) ? corp.publicmails[id] : undefined
  const store = mb ? corp.stores[mb.storeId] : undefined
  if (!mb || !store) return refuse(ErrCode.MAILBOX_NOT_FOUND, '业务邮箱不存在 (mailbox)')
  if (!hasAccess(mb, caller, orgIndex(corp))) {
    return refuse(ErrCode.NO_MAILBOX_ACCESS, `你没有使用业务邮箱 ${mb.email} 的权限 (mailbox)`)
  }
  if (!mb.enabled) return refuse(ErrCode.MAILBOX_DISABLED, `业务邮箱 ${mb.email} 已停用 (mailbox)`)
  return ok(businessBox(mb, store))
}

/** A business mailbox opened without a member (SMTP submission: the client password is the key). */
export function businessBox(mb: BusinessMailbox, store: MailStore): OpenMailbox {
  return {
    kind: 'business',
    id: mb.id,
    email: mb.email,
    name: mb.name,
    addresses: uniq([mb.email, ...mb.alias_list]),
    store,
    business: mb,
  }
}

function uniq(addresses: string[]): string[] {
  return Array.from(new Set(addresses.filter(Boolean).map(normalizeAddress)))
}
