// Which client logins a business mailbox accepts (product spec 3.7): enabled, a live password, and
// the matching service on — IMAP needs IMAP, POP needs POP, SMTP needs either.
import { ErrCode } from './codes'
import { ok, refuse, type Verdict } from './result'

export type ClientProtocol = 'imap' | 'pop' | 'smtp'

export const CLIENT_PROTOCOLS: ClientProtocol[] = ['imap', 'pop', 'smtp']

export const WRONG_CREDENTIALS =
  '登录失败：邮箱地址或客户端专用密码不正确（密码可能已被删除或因失去使用权限而失效）'

export function isClientProtocol(v: unknown): v is ClientProtocol {
  return typeof v === 'string' && (CLIENT_PROTOCOLS as string[]).includes(v)
}

/** Whether the mailbox's settings allow this protocol, given that the password matched a live code. */
export function checkClientAccess(
  mailbox: { enabled: boolean; email: string },
  services: { imap: boolean; pop: boolean },
  protocol: ClientProtocol,
): Verdict<void> {
  if (!mailbox.enabled) {
    return refuse(ErrCode.CLIENT_LOGIN_REFUSED, `登录失败：业务邮箱 ${mailbox.email} 已被管理员停用`)
  }
  if (protocol === 'imap' && !services.imap) {
    return refuse(
      ErrCode.CLIENT_LOGIN_REFUSED,
      `登录失败：${mailbox.email} 未开启 IMAP 服务，请在邮箱设置中开启`,
    )
  }
  if (protocol === 'pop' && !services.pop) {
    return refuse(
      ErrCode.CLIENT_LOGIN_REFUSED,
      `登录失败：${mailbox.email} 未开启 POP 服务，请在邮箱设置中开启`,
    )
  }
  if (protocol === 'smtp' && !services.imap && !services.pop) {
    return refuse(
      ErrCode.CLIENT_LOGIN_REFUSED,
      `登录失败：${mailbox.email} 的 IMAP 和 POP 服务都未开启，发信 (SMTP) 需要至少开启其中一个`,
    )
  }
  return ok()
}
