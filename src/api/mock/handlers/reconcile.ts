// After any write: revoke client passwords of members who lost access to a business mailbox
// (product spec 3.7). Revocation is permanent: regaining access does not revive a code.
// Cost is one access check per live member-created code — independent of the directory's size,
// because the org index answers ancestors / tags from its cached maps.
import { hasAccess } from '../../../policy/access'
import type { MockEnv } from '../env'
import { orgIndex, type OrgIndex } from '../orgIndex'
import type { CorpState } from '../state'

export function reconcileAccess(corp: CorpState, _env: MockEnv): number {
  let org: OrgIndex | null = null
  let revoked = 0
  for (const mailbox of Object.values(corp.publicmails)) {
    for (const code of mailbox.authCodes) {
      // Admin-created codes belong to the mailbox, not to a member's access.
      if (code.revoked || code.by_admin) continue
      const member = Object.prototype.hasOwnProperty.call(corp.users, code.creator)
        ? corp.users[code.creator]
        : undefined
      org ??= orgIndex(corp)
      if (!member || !hasAccess(mailbox, member, org)) {
        code.revoked = true
        revoked++
      }
    }
  }
  return revoked
}
