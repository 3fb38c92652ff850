// After a write that changed who may use a business mailbox: revoke client passwords of members
// who lost access (product spec 3.7). Revocation is permanent: regaining access does not revive a
// code. Cost is one access check per live member-created code — independent of the directory's
// size, because the org index answers ancestors / tags from its cached maps.
import { hasAccess } from '../../../policy/access'
import type { MockEnv } from '../env'
import { orgIndex, type OrgIndex } from '../orgIndex'
import { clientPasswordsOf } from '../ports/clientPasswords'
import type { BackendState, CorpState } from '../state'

const has = (o: object, k: string | number): boolean => Object.prototype.hasOwnProperty.call(o, String(k))

export async function reconcileAccess(state: BackendState, corp: CorpState, env: MockEnv): Promise<number> {
  const port = clientPasswordsOf(env, state)
  let org: OrgIndex | null = null
  let revoked = 0
  // Admin-created codes belong to the mailbox, not to a member's access: the port leaves them out.
  for (const { mailboxId, code } of await port.memberCodes(corp.corpid)) {
    const mailbox = has(corp.publicmails, mailboxId) ? corp.publicmails[mailboxId] : undefined
    if (!mailbox) continue
    const member = has(corp.users, code.creator) ? corp.users[code.creator] : undefined
    org ??= orgIndex(corp)
    if (!member || !hasAccess(mailbox, member, org)) {
      await port.update(corp.corpid, mailboxId, code.auth_code_id, { revoked: true })
      revoked++
    }
  }
  return revoked
}
