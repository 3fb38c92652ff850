// Small request-field readers shared by the exmail/* handlers.
import { ErrCode } from '../../../policy/codes'
import { ok, refuse, type Verdict } from '../../../policy/result'

export const isAbsent = (v: unknown): boolean => v === undefined || v === null

/** 0 / 1 / true / false; absent = false. */
export function parseFlag(raw: unknown, field: string): Verdict<boolean> {
  if (isAbsent(raw) || raw === 0 || raw === false) return ok(false)
  if (raw === 1 || raw === true) return ok(true)
  return refuse(ErrCode.INVALID_PARAM, `只能是 0 或 1 (${field})`)
}

/** `auth_code_info: {remark}` — the remark as sent, validated later. */
export function parseAuthCodeInfo(raw: unknown): Verdict<unknown> {
  if (isAbsent(raw)) return ok(undefined)
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return refuse(ErrCode.INVALID_PARAM, '格式不正确，应为 {"remark": "..."} (auth_code_info)')
  }
  return ok((raw as { remark?: unknown }).remark)
}
