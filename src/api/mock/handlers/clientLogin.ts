// IMAP / POP / SMTP login with a client-specific password (product spec 3.7): by the mailbox's
// address or any alias, a live password, the mailbox enabled, the matching service on, and the
// mailbox not locked by 10 failures within 15 minutes.
import { hasAccess } from '../../../policy/access'
import { normalizeAddress } from '../../../policy/mailAddress'
import { CLIENT_LOGIN_REFUSED_MESSAGE } from '../../../policy/clientLock'
import { normalizeSecretInput } from '../../../policy/authCode'
import { checkClientAccess, isClientProtocol } from '../../../policy/clientLogin'
import { ErrCode } from '../../../policy/codes'
import type { ApiResult } from '../../contract'
import type { MockEnv } from '../env'
import { orgIndex } from '../orgIndex'
import { clientLoginLocked, lookupOf, matchAuthCode, recordLoginFailure } from '../publicmail/authCodes'
import { clientPasswordsOf } from '../ports/clientPasswords'
import { settingsOf } from '../ports/settings'
import { mailboxesByAddress } from '../publicmail/mailboxes'
import { failure, success } from '../registry'
import type { BackendState } from '../state'

export interface ClientLoginOutcome {
  result: ApiResult
  /** corp whose state changed (last-used time, a revocation), to persist */
  changedCorp: string | null
}

export async function clientLogin(
  state: BackendState,
  env: MockEnv,
  email: string,
  authCode: string,
  protocol: 'imap' | 'pop' | 'smtp',
): Promise<ClientLoginOutcome> {
  // One answer for every refusal: it must never tell whether the address or password was right.
  const refused = (changedCorp: string | null = null): ClientLoginOutcome => ({
    result: failure(ErrCode.CLIENT_LOGIN_REFUSED, CLIENT_LOGIN_REFUSED_MESSAGE),
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
    return refused()
  }
  const now = env.now()
  const port = clientPasswordsOf(env, state)
  const secret = normalizeSecretInput(authCode)
  let changed: string | null = null
  for (const { corp, mailbox } of mailboxesByAddress(state, normalizeAddress(email))) {
    // Locked: refused before the password is even looked at, right or wrong, and not counted.
    if (clientLoginLocked(mailbox, now)) continue
    // As shown (abcd efgh …) or as copied (no spaces): the same password.
    let code = matchAuthCode(await port.candidates(corp.corpid, mailbox.id, lookupOf(secret)), secret)
    if (code && !code.by_admin) {
      // Defence in depth: reconcileAccess runs where access changes, but never let a stale code in.
      const member = Object.prototype.hasOwnProperty.call(corp.users, code.creator)
        ? corp.users[code.creator]
        : undefined
      if (!member || !hasAccess(mailbox, member, orgIndex(corp))) {
        await port.update(corp.corpid, mailbox.id, code.auth_code_id, { revoked: true })
        code = null
      }
    }
    if (!code) {
      // a wrong, deleted or revoked password counts towards the lock
      recordLoginFailure(mailbox, now)
      changed ??= corp.corpid
      continue
    }
    const shared = Object.prototype.hasOwnProperty.call(corp.stores, mailbox.storeId)
      ? await settingsOf(env, state).shared(corp.corpid, mailbox.storeId)
      : { imap: false, pop: false }
    if (!checkClientAccess(mailbox, shared, protocol).ok) return refused(changed)
    // a code saved before lookups existed gets one on its first use
    const lookup = code.lookup ?? lookupOf(secret)
    await port.update(corp.corpid, mailbox.id, code.auth_code_id, { last_use_time: now, lookup })
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
  return refused(changed)
}
