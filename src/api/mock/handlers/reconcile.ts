// After any write: revoke client passwords of members who lost access to a business mailbox.
import type { MockEnv } from '../env'
import type { CorpState } from '../state'

export function reconcileAccess(_corp: CorpState, _env: MockEnv): void {
  // implemented with business mailbox administration (issue 4)
}
