// Client-specific passwords (客户端专用密码, product spec 3.7): remark, the admin-created limit,
// and how a secret is drawn from random bytes.
import { utf8ByteLength } from './address'
import { ErrCode } from './codes'
import { ok, refuse, type Verdict } from './result'
import { withVisibleText } from './text'

export const DEFAULT_REMARK = '办公PC'
export const REMARK_MAX_BYTES = 128
export const MAX_LIVE_ADMIN_CODES = 10

/**
 * 32 symbols a person can read off a screen and type without doubt: lowercase letters and digits
 * without the look-alikes 0 / o and 1 / l (no capitals, so no O or I either). Each character
 * carries exactly 5 bits, and 256 % 32 === 0 keeps the byte mapping unbiased.
 */
export const SECRET_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789'
export const SECRET_LENGTH = 16
export const SECRET_BITS = SECRET_LENGTH * Math.log2(SECRET_ALPHABET.length)
/** shown in groups of four (`abcd efgh ijkm npqr`), the way people copy it into a client */
export const SECRET_GROUP = 4

/** The secret as shown: groups of four separated by a space. */
export function groupSecret(secret: string): string {
  const groups: string[] = []
  for (let i = 0; i < secret.length; i += SECRET_GROUP) groups.push(secret.slice(i, i + SECRET_GROUP))
  return groups.join(' ')
}

/**
 * What a client typed, in the form secrets are stored: with or without the grouping spaces (also
 * full-width or non-breaking ones a phone keyboard inserts), and in either case (secrets are
 * lowercase, phones capitalise the first letter).
 */
export function normalizeSecretInput(raw: string): string {
  return raw.replace(/[\s\u3000\u00a0]+/g, '').toLowerCase()
}

/** Remark of a new password: optional (default 办公PC), at most 128 bytes of UTF-8, visible text. */
export function checkRemark(raw: unknown): Verdict<string> {
  if (raw === undefined || raw === null) return ok(DEFAULT_REMARK)
  if (typeof raw !== 'string') return refuse(ErrCode.INVALID_PARAM, '备注必须是文本 (remark)')
  const remark = raw.trim()
  if (!remark) return ok(DEFAULT_REMARK)
  const bytes = utf8ByteLength(remark)
  if (bytes > REMARK_MAX_BYTES) {
    return refuse(
      ErrCode.INVALID_PARAM,
      `备注过长 (remark)：最多 ${REMARK_MAX_BYTES} 字节（约 42 个汉字），当前 ${bytes} 字节`,
    )
  }
  return withVisibleText(ok(remark), ErrCode.INVALID_PARAM, '备注', 'remark')
}

/** An admin may keep at most 10 live admin-created passwords per mailbox. */
export function checkAdminCodeLimit(liveAdminCodes: number): Verdict<void> {
  if (liveAdminCodes >= MAX_LIVE_ADMIN_CODES) {
    return refuse(
      ErrCode.TOO_MANY_AUTH_CODES,
      `该业务邮箱已有 ${liveAdminCodes} 个管理员创建的客户端专用密码，最多 ${MAX_LIVE_ADMIN_CODES} 个。请先删除不再使用的密码`,
    )
  }
  return ok()
}

/** Map CSPRNG bytes (one per character) to the secret. */
export function secretFromBytes(bytes: Uint8Array): string {
  if (bytes.length < SECRET_LENGTH) throw new Error('not enough random bytes for a secret')
  let s = ''
  for (let i = 0; i < SECRET_LENGTH; i++) s += SECRET_ALPHABET[bytes[i] % SECRET_ALPHABET.length]
  return s
}
