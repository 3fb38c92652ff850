// Client-specific passwords of a business mailbox: storage, hashing, listing, deletion, matching.
// Used by the admin APIs (exmail/publicmail/*) and the member APIs (mail/authcode/*).
import { checkAdminCodeLimit, checkRemark, secretFromBytes, SECRET_LENGTH } from '../../../policy/authCode'
import { afterFailure, checkMemberCodeLimit, isLocked, lockedUntil } from '../../../policy/clientLock'
import { ErrCode } from '../../../policy/codes'
import { ok, refuse, type Verdict } from '../../../policy/result'
import { constantTimeEqual, sha256Hex, toHex } from '../../../policy/sha256'
import { unixSeconds } from '../../../policy/unixTime'
import type { AuthCodeInfo } from '../../contract'
import type { MockEnv } from '../env'
import type { ClientPasswordPort } from '../ports/clientPasswords'
import type { AuthCode, BusinessMailbox } from '../state'

// Two optional fields of the persisted state, declared beside the code that owns them (state.ts is
// the lead's; both are optional so saved states from before keep loading).
export const LOOKUP_HEX = 4

export function lookupOf(secret: string): string {
  return sha256Hex(secret).slice(0, LOOKUP_HEX)
}

export interface AuthCodeOptions {
  /** userid of the admin or member creating it */
  creator: string
  /** admin-created codes count against the limit of 10 and do not depend on the creator's access */
  byAdmin: boolean
  /** as sent; validated here (default 办公PC, ≤ 128 bytes) */
  remark?: unknown
}

export interface CreatedAuthCode {
  auth_code_id: string
  /** the secret: returned once, never stored */
  auth_code: string
}

export function hashSecret(salt: string, secret: string): string {
  return sha256Hex(`${salt}:${secret}`)
}

type Codes = ReadonlyArray<Readonly<AuthCode>>

export function liveAdminCodes(codes: Codes): number {
  return codes.filter((c) => c.by_admin && !c.revoked).length
}

/** live codes a member created for themselves (mail/authcode/create) */
export function liveMemberCodes(codes: Codes, userid: string): number {
  return codes.filter((c) => !c.by_admin && !c.revoked && c.creator === userid).length
}

/** Validate and draw a new code without storing it, so callers can stay all-or-nothing. */
export function prepareAuthCode(
  codes: Codes,
  options: AuthCodeOptions,
  now: number,
  env: Pick<MockEnv, 'secureBytes'>,
): Verdict<{ record: AuthCode; secret: string }> {
  const remark = checkRemark(options.remark)
  if (!remark.ok) return remark
  const limit = options.byAdmin
    ? checkAdminCodeLimit(liveAdminCodes(codes))
    : checkMemberCodeLimit(liveMemberCodes(codes, options.creator))
  if (!limit.ok) return limit
  // The platform CSPRNG through the backend's pool, never env.random: it throws rather than guess.
  const random = env.secureBytes(SECRET_LENGTH + 16 + 8)
  const secret = secretFromBytes(random.subarray(0, SECRET_LENGTH))
  const salt = toHex(random.subarray(SECRET_LENGTH, SECRET_LENGTH + 16))
  const record: AuthCode = {
    auth_code_id: `ac${toHex(random.subarray(SECRET_LENGTH + 16))}`,
    hash: hashSecret(salt, secret),
    salt,
    lookup: lookupOf(secret),
    remark: remark.value,
    creator: options.creator,
    by_admin: options.byAdmin,
    create_time: now,
    last_use_time: 0,
    revoked: false,
  }
  return ok({ record, secret })
}

/** A new code for a live mailbox, stored through the port; the secret is answered once. */
export function createAuthCode(
  port: ClientPasswordPort,
  corpid: string,
  mailboxId: number,
  options: AuthCodeOptions,
  env: MockEnv,
): Promise<Verdict<CreatedAuthCode>> {
  return port.list(corpid, mailboxId).then((codes) => {
    const prepared = prepareAuthCode(codes, options, env.now(), env)
    if (!prepared.ok) return prepared
    const { record, secret } = prepared.value
    return port
      .add(corpid, mailboxId, record)
      .then(() => ok({ auth_code_id: record.auth_code_id, auth_code: secret }))
  })
}

export interface AuthCodeFilter {
  /** only codes this member created … */
  creator?: string
  /** … through this route (false = mail/authcode/*, true = admin) */
  byAdmin?: boolean
}

function matches(code: Readonly<AuthCode>, filter: AuthCodeFilter): boolean {
  if (filter.creator !== undefined && code.creator !== filter.creator) return false
  if (filter.byAdmin !== undefined && code.by_admin !== filter.byAdmin) return false
  return true
}

/** Live codes, oldest first, as the wire lists them (unix seconds); never the secret, hash or salt. */
export function listAuthCodes(codes: Codes, filter: AuthCodeFilter = {}): AuthCodeInfo[] {
  return codes
    .filter((c) => !c.revoked && matches(c, filter))
    .sort((a, b) => a.create_time - b.create_time)
    .map((c) => ({
      auth_code_id: c.auth_code_id,
      create_time: unixSeconds(c.create_time),
      last_use_time: unixSeconds(c.last_use_time),
      remark: c.remark,
      creator: c.creator,
    }))
}

/** Remove a live code (within `filter`, e.g. a member's own). Unknown / foreign ids: 40058. */
export function deleteAuthCode(
  port: ClientPasswordPort,
  corpid: string,
  mailboxId: number,
  authCodeId: unknown,
  filter: AuthCodeFilter = {},
): Promise<Verdict<void>> {
  if (typeof authCodeId !== 'string' || !authCodeId || authCodeId.length > 64) {
    return Promise.resolve(refuse(ErrCode.INVALID_PARAM, '客户端专用密码 ID 格式不正确 (auth_code_id)'))
  }
  return port
    .find(corpid, mailboxId, authCodeId)
    .then((code): Verdict<void> | Promise<Verdict<void>> =>
      !code || code.revoked || !matches(code, filter)
        ? refuse(ErrCode.INVALID_PARAM, `客户端专用密码不存在或已失效 (auth_code_id)：${authCodeId}`)
        : port.remove(corpid, mailboxId, authCodeId).then(() => ok()),
    )
}

/**
 * The live code whose salted hash matches the secret, or null. Only codes whose lookup prefix
 * matches (or that predate it) are hashed, so a wrong guess costs one hash, not one per code.
 */
export function matchAuthCode(codes: Codes, secret: string): Readonly<AuthCode> | null {
  const probe = lookupOf(secret)
  let found: Readonly<AuthCode> | null = null
  for (const code of codes) {
    if (code.revoked || (code.lookup !== undefined && code.lookup !== probe)) continue
    if (constantTimeEqual(hashSecret(code.salt, secret), code.hash) && !found) found = code
  }
  return found
}

/** Whether the mailbox refuses client logins right now (too many failures). */
export function clientLoginLocked(mailbox: BusinessMailbox, now: number): boolean {
  return isLocked(mailbox.clientLogin, now)
}

/** When the client-login lock ends, in unix seconds (exmail/* times), or 0 when not locked. */
export function clientLoginLockedUntil(mailbox: BusinessMailbox, now: number): number {
  const until = lockedUntil(mailbox.clientLogin, now)
  return until ? Math.ceil(until / 1000) : 0
}

/** One more failed client login to the mailbox (a wrong, deleted or revoked password). */
export function recordLoginFailure(mailbox: BusinessMailbox, now: number): void {
  mailbox.clientLogin = afterFailure(mailbox.clientLogin, now)
}
