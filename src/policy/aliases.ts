// Aliases of a business mailbox (product spec 3.6): at most 5, each 6–64 bytes, a valid address in
// the corp domain, no duplicates, replace-all. Uniqueness in the corp is the backend's occupancy check.
import { checkBusinessAddress, utf8ByteLength } from './address'
import { normalizeAddress } from './mailAddress'
import { ErrCode } from './codes'
import { ok, refuse, type Verdict } from './result'

export const MAX_ALIASES = 5
export const ALIAS_MIN_BYTES = 6
export const ALIAS_MAX_BYTES = 64

/** The complete new alias list (normalized). `raw` is the list itself (already unwrapped from {list}). */
export function checkAliases(raw: unknown, corpDomain: string, primary: string): Verdict<string[]> {
  if (!Array.isArray(raw))
    return refuse(ErrCode.INVALID_PARAM, '别名列表格式不正确，应为 {"list": [...]} (alias_list)')
  if (raw.length > MAX_ALIASES) {
    return refuse(ErrCode.ALIAS_INVALID, `别名最多 ${MAX_ALIASES} 个，当前 ${raw.length} 个 (alias_list)`)
  }
  const out: string[] = []
  for (const item of raw) {
    if (typeof item !== 'string') return refuse(ErrCode.ALIAS_INVALID, '别名必须是文本 (alias_list)')
    const bytes = utf8ByteLength(item.trim())
    if (bytes < ALIAS_MIN_BYTES || bytes > ALIAS_MAX_BYTES) {
      return refuse(
        ErrCode.ALIAS_INVALID,
        `别名长度须为 ${ALIAS_MIN_BYTES}–${ALIAS_MAX_BYTES} 字节 (alias_list)：${item.slice(0, 80)}`,
      )
    }
    const address = checkBusinessAddress(item, corpDomain, 'alias_list')
    if (!address.ok) return refuse(ErrCode.ALIAS_INVALID, `别名无效：${address.errmsg}`)
    if (address.value === normalizeAddress(primary)) {
      return refuse(ErrCode.ALIAS_INVALID, `别名不能与邮箱地址本身相同 (alias_list)：${address.value}`)
    }
    if (out.includes(address.value)) {
      return refuse(ErrCode.ALIAS_INVALID, `别名重复 (alias_list)：${address.value}`)
    }
    out.push(address.value)
  }
  return ok(out)
}
