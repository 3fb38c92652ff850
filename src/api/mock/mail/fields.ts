// Field checks shared by the mail handlers: each answers 40058 naming the field.
import { ErrCode } from '../../../policy/codes'
import { ok, refuse, type Verdict } from '../../../policy/result'

export const MAX_SUBJECT = 512
export const MAX_CONTENT = 500_000
export const MAX_HEADER_ID = 998

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

export function optString(value: unknown, field: string, max: number, label: string): Verdict<string> {
  if (value === undefined || value === null) return ok('')
  return reqString(value, field, max, label)
}

export function reqString(value: unknown, field: string, max: number, label: string): Verdict<string> {
  if (typeof value !== 'string') return refuse(ErrCode.INVALID_PARAM, `${label}必须是文本 (${field})`)
  if (value.length > max) return refuse(ErrCode.INVALID_PARAM, `${label}不能超过 ${max} 个字符 (${field})`)
  return ok(value)
}

export function optBool(value: unknown, field: string): Verdict<boolean | undefined> {
  if (value === undefined || value === null) return ok(undefined)
  if (typeof value !== 'boolean') return refuse(ErrCode.INVALID_PARAM, `必须是 true 或 false (${field})`)
  return ok(value)
}

export function reqId(value: unknown, field: string): Verdict<string> {
  if (typeof value !== 'string' || value.length === 0 || value.length > 64) {
    return refuse(ErrCode.INVALID_PARAM, `缺少或无效的 id (${field})`)
  }
  return ok(value)
}
