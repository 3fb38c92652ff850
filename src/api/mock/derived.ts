// The derived lookups (org index, search index, routing, visibility, mail indexes) follow the state
// through one write path: every write the core tracks names its path here (noteWrite), and so does
// every row another instance committed (refreshDerived, with the same paths). Handlers do not
// invalidate anything by hand. Members are the exception that keeps its own door: a member change
// is applied to the indexes in place (reindexMember, before → after), so 100k members are not
// re-indexed for one edit; wholesale member moves (a migration) reset the corp.
import { reindexMember } from './directory/reindexMember'
import { touchDirectory } from './directory/visibility'
import { bumpMailIndex } from './mail/mailboxIndex'
import { touchStore } from './mail/store'
import { invalidateOrg, invalidateOrgStructure } from './orgIndex'
import type { Refreshed } from './port'
import type { BackendState } from './state'
import type { Path } from './tx'

const has = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k)

/**
 * A business mailbox's client passwords and client-login guard: what a login writes (last use, a
 * failure, a lock). They decide no access and feed no lookup, so writing them re-checks nothing.
 */
export function isLoginBookkeeping(path: readonly string[]): boolean {
  return path[2] === 'publicmails' && (path[4] === 'authCodes' || path[4] === 'clientLogin')
}

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

/** What a write at `path` voids (called as it happens, so the rest of the call reads fresh). */
export function noteWrite(state: BackendState, path: Path): void {
  if (path[0] !== 'corps' || path.length < 2) return resetDerived(state, Object.keys(state.corps))
  if (!has(state.corps, path[1])) return
  const corp = state.corps[path[1]]
  if (path.length === 2) return resetDerived(state, [path[1]])
  switch (path[2]) {
    case 'departments':
    case 'tags':
      invalidateOrgStructure(corp)
      touchDirectory(corp)
      return bumpMailIndex(corp)
    case 'contactRules':
      return touchDirectory(corp)
    case 'publicmails':
      return isLoginBookkeeping(path) ? undefined : bumpMailIndex(corp)
    case 'users': // the member's own indexes: reindexMember
    case 'recycle':
      return bumpMailIndex(corp)
    case 'idempotency':
      return
    case 'stores':
      if (path.length === 3) for (const store of Object.values(corp.stores)) touchStore(store)
      else if (has(corp.stores, path[3])) touchStore(corp.stores[path[3]])
      return
    default:
      // The corp's own row: admins, domain, counters.
      touchDirectory(corp)
      return bumpMailIndex(corp)
  }
}

/** Brings the lookups along with what another instance changed, as its own writes would have. */
export function refreshDerived(state: BackendState, refreshed: Refreshed): void {
  resetDerived(state, refreshed.replaced)
  for (const path of refreshed.paths) noteWrite(state, path)
  for (const m of refreshed.members)
    if (has(state.corps, m.corpid)) reindexMember(state.corps[m.corpid], m.before, m.after)
}
