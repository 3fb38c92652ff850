// What handlers may know about the world: time, randomness, background work, and the data-access
// ports whose records live outside the state (ports/).
import type { ClientPasswordPort } from './ports/clientPasswords'
import type { IdempotencyPort } from './ports/idempotency'
import type { SettingsPort } from './ports/settings'

export interface MockEnv {
  now(): number
  /** predictable in tests; only for simulated faults, never for secrets or ids */
  random(): number
  /**
   * n cryptographically secure bytes, synchronously, from a pool the backend tops up before every
   * call (see entropy.ts); throws rather than fabricate when the platform source gave none.
   */
  secureBytes(n: number): Uint8Array
  /**
   * queue background work (a migration step), run later as a transaction of its own that may
   * await; settle() runs the queue to completion
   */
  schedule(task: () => void | Promise<void>): void
  /** mail to outside addresses waits for a relay worker (the server); otherwise it just leaves */
  relay?: boolean
  /**
   * keeps attachment bytes (base64) out of the state: answers a new blob id; the bytes are written
   * before the call commits and dropped with it when it is undone (blobs.ts); createMockBackend
   * always sets it (a bare test env without it cannot take attachments)
   */
  putBlob?(data: string): string
  /**
   * the bytes (base64) of a blob, read inside the call (on the server, in its transaction); null
   * when they cannot be read
   */
  readBlob?(id: string): Promise<string | null>
  /** no message, draft or upload names this blob any more: deleted once the call has committed */
  dropBlob?(id: string): void
  /** the largest attachment accepted (api.md: 2 MB in the in-device backend, 20 MB on the server) */
  maxAttachmentBytes?: number
  /** where idempotency records are kept (the server: their own table); absent: in the state */
  idempotency?: IdempotencyPort
  /** where client passwords are kept; absent: on their mailbox in the state */
  clientPasswords?: ClientPasswordPort
  /** where mailbox settings are kept; absent: on their store in the state */
  settings?: SettingsPort
}
