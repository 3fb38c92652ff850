// The figures the quota rule needs, read from a corp.
import type { QuotaFacts } from '../../../policy/quota'
import type { CorpState } from '../state'

/** Members holding an advanced seat. */
export function assignedSeats(corp: CorpState): number {
  let n = 0
  for (const m of Object.values(corp.users)) if (m.advanced === 1) n++
  return n
}

/** Business mailboxes not in the recycle bin. */
export function usedMailboxes(corp: CorpState): number {
  return Object.keys(corp.publicmails).length
}

export function quotaFacts(corp: CorpState): QuotaFacts {
  return {
    edition: corp.edition,
    domainKind: corp.domain.kind,
    purchased: corp.edition === 'basic' ? 0 : corp.advancedSeats,
    assigned: assignedSeats(corp),
    used: usedMailboxes(corp),
  }
}
