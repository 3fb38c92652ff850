// The facts the migration preconditions (policy/migration) are decided on, read from the state.
import type { MigrationParties } from '../../../policy/migration'
import { runningMigrationFor } from '../lock'
import type { BackendState, CorpState } from '../state'

export function targetCorp(state: BackendState, corpid: string): CorpState | undefined {
  return Object.prototype.hasOwnProperty.call(state.corps, corpid) ? state.corps[corpid] : undefined
}

export function partiesOf(
  state: BackendState,
  source: CorpState,
  caller: string,
  target: CorpState | undefined,
): MigrationParties {
  return {
    caller,
    source: { corpid: source.corpid, creator: source.creator, migrated: source.migrated },
    target: target
      ? { corpid: target.corpid, creator: target.creator, domainKind: target.domain.kind }
      : null,
    running:
      !!runningMigrationFor(state, source.corpid) ||
      (!!target && !!runningMigrationFor(state, target.corpid)),
  }
}
