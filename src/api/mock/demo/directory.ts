// Demo departments, ~300 members, tags, visibility rules (issue 3).
import type { MockEnv } from '../env'
import type { BackendState } from '../state'

export function seedDirectoryDemo(_state: BackendState, _env: MockEnv): void {}
