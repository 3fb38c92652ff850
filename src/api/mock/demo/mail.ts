// Demo mail in personal and business mailboxes, rules (issue 5).
import type { MockEnv } from '../env'
import type { BackendState } from '../state'

export function seedMailDemo(_state: BackendState, _env: MockEnv): void {}
