// IMAP / POP / SMTP login with a client-specific password (product spec 3.7): by the mailbox's
// address or any alias, a live password, the mailbox enabled, the matching service on.
import { hasAccess } from '../../../policy/access'
import { normalizeAddress } from '../../../policy/address'
import { checkClientAccess, isClientProtocol, WRONG_CREDENTIALS } from '../../../policy/clientLogin'
import { ErrCode } from '../../../policy/codes'
import type { ApiResult } from '../../contract'
import type { MockEnv } from '../env'
import { orgIndex } from '../orgIndex'
import { matchAuthCode } from '../publicmail/authCodes'
import { mailboxesByAddress } from '../publicmail/mailboxes'
import { failure, success } from '../registry'
import type { BackendState } from '../state'

export interface ClientLoginOutcome {
  result: ApiResult
  /** corp whose state changed (last-used time, a revocation), to persist */
  changedCorp: string | null
}

export function clientLogin(
  state: BackendState,
  env: MockEnv,
  email: string,
  authCode: string,
  protocol: 'imap' | 'pop' | 'smtp',
): ClientLoginOutcome {
  const refused = (errmsg: string, changedCorp: string | null = null): ClientLoginOutcome => ({
    result: failure(ErrCode.CLIENT_LOGIN_REFUSED, errmsg),
    changedCorp,
  })
  if (!isClientProtocol(protocol)) {
    return {
      result: failure(ErrCode.INVALID_PARAM, '协议必须是 imap、pop 或 smtp (protocol)'),
      changedCorp: null,
    }
  }
  if (
    typeof email !== 'string' ||
    typeof authCode !== 'string' ||
    email.length > 320 ||
    authCode.length > 256
  ) {
    return refused(WRONG_CREDENTIALS)
  }
  // An unknown address and a wrong password read the same: the answer must not reveal which exists.
  for (const { corp, mailbox } of mailboxesByAddress(state, normalizeAddress(email))) {
    const code = matchAuthCode(mailbox, authCode)
    if (!code) continue
    if (!code.by_admin) {
      // Defence in depth: reconcileAccess runs after every write, but never let a stale code in.
      const member = Object.prototype.hasOwnProperty.call(corp.users, code.creator)
        ? corp.users[code.creator]
        : undefined
      if (!member || !hasAccess(mailbox, member, orgIndex(corp))) {
        code.revoked = true
        return refused(WRONG_CREDENTIALS, corp.corpid)
      }
    }
    const shared = corp.stores[mailbox.storeId]?.shared ?? { imap: false, pop: false }
    const verdict = checkClientAccess(mailbox, shared, protocol)
    if (!verdict.ok) return refused(verdict.errmsg)
    code.last_use_time = env.now()
    return {
      result: success({
        email: mailbox.email,
        publicemail_id: mailbox.id,
        protocol,
        auth_code_id: code.auth_code_id,
      }),
      changedCorp: corp.corpid,
    }
  }
  return refused(WRONG_CREDENTIALS)
}
