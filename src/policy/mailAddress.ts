// Mail addresses: one canonical form (trimmed, lower-case) for comparing and routing.
import { ErrCode } from './codes'
import { ok, refuse, type Verdict } from './result'

export const MAX_ADDRESS_LENGTH = 254
/** recipients of one message, to + cc + bcc together */
export const MAX_RECIPIENTS = 100

// Deliberately simple: dot-atom local part, dotted domain with a letter TLD.
const ADDRESS =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/

export function normalizeAddress(address: string): string {
  return address.trim().toLowerCase()
}

export function isValidAddress(address: unknown): address is string {
  if (typeof address !== 'string') return false
  const a = address.trim()
  if (a.length === 0 || a.length > MAX_ADDRESS_LENGTH) return false
  const at = a.lastIndexOf('@')
  if (at < 1 || at > 64) return false
  return ADDRESS.test(a)
}

/**
 * A header mailbox as mail carries it: `addr`, `Name <addr>` or `"Name" <addr>`.
 * Returns the display name ('' if none) and the address, or null when the address is invalid.
 */
export function parseMailbox(value: unknown): { name: string; address: string } | null {
  if (typeof value !== 'string' || value.length > MAX_ADDRESS_LENGTH + 128) return null
  const m = /^\s*(?:"([^"]*)"|([^<>"]*?))\s*<([^<>]+)>\s*$/.exec(value)
  const name = m ? (m[1] ?? m[2] ?? '').trim() : ''
  const address = (m ? m[3] : value).trim()
  return isValidAddress(address) ? { name, address } : null
}

/** the bare, normalised address of "张三 <zs@x.com>" (or of a bare address) */
export function bareAddress(value: string): string {
  const m = /<([^<>]+)>\s*$/.exec(value)
  return normalizeAddress(m ? m[1] : value)
}

export function domainOf(address: string): string {
  const a = normalizeAddress(address)
  return a.slice(a.lastIndexOf('@') + 1)
}

/** A recipient list field: absent = empty; else an array of valid addresses (normalised). */
export function checkAddressList(value: unknown, field: string): Verdict<string[]> {
  if (value === undefined || value === null) return ok([])
  if (!Array.isArray(value)) return refuse(ErrCode.INVALID_PARAM, `收件人列表必须是数组 (${field})`)
  if (value.length > MAX_RECIPIENTS) {
    return refuse(ErrCode.INVALID_PARAM, `收件人最多 ${MAX_RECIPIENTS} 个 (${field})`)
  }
  const out: string[] = []
  for (let i = 0; i < value.length; i++) {
    const v = value[i]
    if (!isValidAddress(v)) {
      const shown = typeof v === 'string' ? `：${v.slice(0, 64)}` : ''
      return refuse(ErrCode.INVALID_PARAM, `邮件地址格式不正确${shown} (${field}[${i}])`)
    }
    out.push(normalizeAddress(v))
  }
  return ok(out)
}
