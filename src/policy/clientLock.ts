// Client logins with client-specific passwords (product spec 3.7): the lock after repeated failures,
// the one answer every refusal gives, and the member's own limit of live passwords.
import { ErrCode } from './codes'
import { ok, refuse, type Verdict } from './result'

/** 10 failed logins to a mailbox within 15 minutes lock its client login for 15 minutes */
export const LOCK_FAILURES = 10
export const LOCK_WINDOW_MS = 15 * 60_000
export const LOCK_MS = 15 * 60_000

/** a member keeps at most 10 live passwords per mailbox */
export const MAX_LIVE_MEMBER_CODES = 10

/**
 * Every refused client login answers this, whatever the reason (wrong, deleted or revoked password,
 * unknown address, mailbox disabled, service off, login locked): the answer never tells whether
 * the password was right. It names every cause so a person knows where to look.
 */
export const CLIENT_LOGIN_REFUSED_MESSAGE =
  '登录失败：邮箱地址或客户端专用密码不正确，或该邮箱暂不接受客户端登录（已停用、未开启 IMAP / POP 服务，或因多次登录失败被暂时锁定）'

/** Failed attempts of one mailbox (epoch ms, oldest first, at most LOCK_FAILURES) and its lock. */
export interface LoginGuard {
  failures: number[]
  /** epoch ms; 0 = not locked */
  locked_until: number
}

export function isLocked(guard: LoginGuard | undefined, now: number): boolean {
  return !!guard && guard.locked_until > now
}

/** when the lock ends (epoch ms), or 0 when not locked now */
export function lockedUntil(guard: LoginGuard | undefined, now: number): number {
  return isLocked(guard, now) ? (guard as LoginGuard).locked_until : 0
}

/**
 * The guard after one more failure at `now`. Failures older than the window are forgotten; the
 * tenth within it locks, and the count starts afresh (attempts while locked are refused unrecorded,
 * so a lock ends 15 minutes after it began).
 */
export function afterFailure(guard: LoginGuard | undefined, now: number): LoginGuard {
  const recent = (guard?.failures ?? []).filter((t) => t > now - LOCK_WINDOW_MS && t <= now)
  recent.push(now)
  if (recent.length >= LOCK_FAILURES) return { failures: [], locked_until: now + LOCK_MS }
  return { failures: recent.slice(-(LOCK_FAILURES - 1)), locked_until: 0 }
}

/** A member may create another password for a mailbox while holding fewer than 10 live ones. */
export function checkMemberCodeLimit(liveOwnCodes: number): Verdict<void> {
  if (liveOwnCodes >= MAX_LIVE_MEMBER_CODES) {
    return refuse(
      ErrCode.TOO_MANY_AUTH_CODES,
      `你在该业务邮箱已有 ${liveOwnCodes} 个客户端专用密码，每人最多 ${MAX_LIVE_MEMBER_CODES} 个。请先删除不再使用的密码`,
    )
  }
  return ok()
}
