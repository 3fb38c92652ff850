// Mail addresses of business mailboxes and aliases (product spec 3.4, 3.6): a valid format, in the
// corp's domain, compared case-insensitively (stored lower-case).
import { ErrCode } from './codes'
import { domainOf, isValidAddress as isValidMailAddress, normalizeAddress } from './mailAddress'
import { ok, refuse, type Verdict } from './result'

export const LOCAL_PART_MAX = 64
export const ADDRESS_MAX = 254

/** UTF-8 byte length without allocating. */
export function utf8ByteLength(text: string): number {
  let n = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x80) n += 1
    else if (c < 0x800) n += 2
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1)
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4
        i++
      } else n += 3
    } else n += 3
  }
  return n
}

// Letters, digits and . _ - ; starts and ends with a letter or digit; no "..".
const LOCAL = /^[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?$/
const LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/

export function isValidDomain(domain: string): boolean {
  if (!domain || domain.length > 253) return false
  const labels = domain.split('.')
  return labels.length >= 2 && labels.every((l) => l.length <= 63 && LABEL.test(l))
}

/**
 * An address the corp may create (a business mailbox, an alias), already normalized: stricter than
 * what mail accepts from others (isValidAddress of mailAddress.ts), never looser.
 */
export function isValidBusinessAddress(address: string): boolean {
  if (address.length > ADDRESS_MAX || !isValidMailAddress(address)) return false
  const at = address.lastIndexOf('@')
  const local = address.slice(0, at)
  if (local.length > LOCAL_PART_MAX || !LOCAL.test(local) || local.includes('..')) return false
  return isValidDomain(address.slice(at + 1))
}

/** A business mailbox address: valid and in the corp's domain. The value is the normalized address. */
export function checkBusinessAddress(raw: unknown, corpDomain: string, field = 'email'): Verdict<string> {
  if (raw === undefined || raw === null || raw === '') {
    return refuse(ErrCode.MAILBOX_ADDRESS_INVALID, `请填写邮箱地址 (${field})`)
  }
  if (typeof raw !== 'string') return refuse(ErrCode.MAILBOX_ADDRESS_INVALID, `邮箱地址必须是文本 (${field})`)
  if (raw.length > ADDRESS_MAX + 64) return refuse(ErrCode.MAILBOX_ADDRESS_INVALID, `邮箱地址过长 (${field})`)
  const address = normalizeAddress(raw)
  const domain = corpDomain.toLowerCase()
  if (!isValidBusinessAddress(address)) {
    return refuse(
      ErrCode.MAILBOX_ADDRESS_INVALID,
      `邮箱地址格式不正确 (${field})：应为 名称@${domain}，名称只能包含字母、数字和 . _ -，且以字母或数字开头和结尾`,
    )
  }
  if (domainOf(address) !== domain) {
    return refuse(ErrCode.MAILBOX_ADDRESS_INVALID, `邮箱地址必须使用企业域名 @${domain} (${field})`)
  }
  return ok(address)
}
