// What the derived lookups (org index, search index, routing, visibility, mail indexes) owe a change
// the call's handlers did not make: a rollback, or rows another instance committed (port.begin).
import { reindexMember } from './directory/reindexMember'
import { touchDirectory } from './directory/visibility'
import { bumpMailIndex } from './mail/mailboxIndex'
import { touchStore } from './mail/store'
import { invalidateOrg, invalidateOrgStructure } from './orgIndex'
import type { Refreshed } from './port'
import type { BackendState } from './state'

const has = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k)

/** Anything in these corps may have changed: drop every derived lookup (rebuilt on next use). */
export function resetDerived(state: BackendState, corpids: Iterable<string>): void {
  for (const corpid of corpids) {
    if (!has(state.corps, corpid)) continue
    const corp = state.corps[corpid]
    invalidateOrg(corp)
    bumpMailIndex(corp)
    for (const store of Object.values(corp.stores)) touchStore(store)
  }
}

/**
 * Brings the lookups along with what another instance changed, the way its own writes would have:
 * a member row is reindexed in place (a 100k-member search index is not rebuilt for one edit),
 * a department or tag change rebuilds the tree only, mail changes drop just their stores' indexes.
 */
export function refreshDerived(state: BackendState, refreshed: Refreshed): void {
  resetDerived(state, refreshed.replaced)
  for (const patch of refreshed.patched) {
    if (!has(state.corps, patch.corpid)) continue
    const corp = state.corps[patch.corpid]
    if (patch.org) invalidateOrgStructure(corp)
    if (patch.org || patch.rules) touchDirectory(corp)
    for (const m of patch.members) reindexMember(corp, m.before, m.after)
    if (patch.directory || patch.org || patch.rules || patch.members.length) bumpMailIndex(corp)
    for (const id of patch.stores) if (has(corp.stores, id)) touchStore(corp.stores[id])
  }
}
