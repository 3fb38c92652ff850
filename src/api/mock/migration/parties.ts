// The facts the migration preconditions (policy/migration) are decided on, read from the state.
import type { MigrationParties } from '../../../policy/migration'
import { runningMigrationFor } from '../lock'
import type { BackendState, CorpState } from '../state'

export function targetCorp(state: BackendState, corpid: string): CorpState | undefined {
  return Object.prototype.hasOwnProperty.call(state.corps, corpid) ? state.corps[corpid] : undefined
}

export function sourceFacts(corp: CorpState): MigrationParties['source'] {
  return {
    corpid: corp.corpid,
    creator: corp.creator,
    creatorAccount: corp.creatorAccount,
    migrated: corp.migrated,
  }
}

export function targetFacts(corp: CorpState): NonNullable<MigrationParties['target']> {
  return {
    corpid: corp.corpid,
    creator: corp.creator,
    creatorAccount: corp.creatorAccount,
    domainKind: corp.domain.kind,
  }
}

export function partiesOf(
  state: BackendState,
  source: CorpState,
  caller: string,
  target: CorpState | undefined,
): MigrationParties {
  return {
    caller,
    source: sourceFacts(source),
    target: target ? targetFacts(target) : null,
    running:
      !!runningMigrationFor(state, source.corpid) ||
      (!!target && !!runningMigrationFor(state, target.corpid)),
  }
}
