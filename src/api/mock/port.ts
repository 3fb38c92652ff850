// The storage port of the backend core: where the state lives between calls. The core runs every
// call as one transaction over the state in memory (tracked writes, undone on failure); a port
// makes the writes durable and, with several instances on one database, brings in what the others
// changed before a call runs. Two adapters: key-value documents (the mini-program, persist/kvPort)
// and SQL tables (the server, server/store).
import type { ClientPasswordPort } from './ports/clientPasswords'
import type { SettingsPort } from './ports/settings'
import type { IdempotencyPort } from './ports/idempotency'
import type { BackendState, Member } from './state'
import type { Path } from './tx'

export interface StorageUsage {
  /** bytes the saved state occupies (UTF-8, every kept version) */
  bytes: number
  keys: number
  /** the largest single key */
  largest: number
}

export interface OpenedState {
  /** null: nothing saved yet (the core seeds and calls `replace`) */
  state: BackendState | null
  /** why a saved state was replaced or rolled back, or null */
  recovery: string | null
}

/** A member row another instance changed: as it was here and as it is now (null: created / deleted). */
export interface MemberChange {
  corpid: string
  before: Member | null
  after: Member | null
}

/** What `begin` brought in from other instances. */
export interface Refreshed {
  /** corps replaced whole or gone: every derived lookup of theirs is rebuilt */
  replaced: string[]
  /** the paths patched in row by row, as the writer's commit logged them */
  paths: Path[]
  /** the member rows among them (the search and org indexes take them in place) */
  members: MemberChange[]
}

export const NOTHING_REFRESHED: Refreshed = { replaced: [], paths: [], members: [] }

export interface StatePort {
  open(): Promise<OpenedState>
  /** saves a whole state in place of whatever is stored (first start, a dev reset) */
  replace(state: BackendState): Promise<void>
  /**
   * Opens the next call's transaction: waits for other writers, then brings `state` up to date
   * with what they committed. Answers what it changed, so the core brings its derived lookups along
   * as it does after its own writes.
   */
  begin(state: BackendState): Promise<Refreshed>
  /** a write of the open call, at this path of the state */
  touch(path: Path): void
  /** makes the open call's writes durable; throws when they are not (the core undoes the call) */
  commit(state: BackendState): Promise<void>
  /** ends the open call without saving (it wrote nothing, or was undone) */
  abort(): Promise<void>
  usage(): StorageUsage
  /** stored parts that no longer match the state: writes that bypassed tracking (tests) */
  verify?(state: BackendState): string[]
  /**
   * set when the adapter keeps idempotency records itself, in the open call's transaction, instead
   * of in the state (the SQL adapter); absent: they are part of the state
   */
  readonly idempotency?: IdempotencyPort
  /** likewise for client passwords (absent: on their mailbox in the state) */
  readonly clientPasswords?: ClientPasswordPort
  /** likewise for mailbox settings (absent: on their store in the state) */
  readonly settings?: SettingsPort
  /** whether the open call wrote through `idempotency`: it commits with no tracked write too */
  wroteOwn?(): boolean
}
