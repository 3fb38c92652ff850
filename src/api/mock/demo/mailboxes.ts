// Demo business mailboxes, seats, aliases (issue 4).
import type { MockEnv } from '../env'
import type { BackendState } from '../state'

export function seedMailboxDemo(_state: BackendState, _env: MockEnv): void {}
