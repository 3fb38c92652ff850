// A KeyValueStorage over a Map for the core's tests: it can fail or slow its writes, counts what it
// was given, and reads back the state it holds the way a restarted backend would.
import type { KeyValueStorage } from '../../../src/api/contract'
import { canonicalJson } from '../../../src/api/mock/idempotency'
import { readSavedState } from '../../../src/api/mock/persist/engine'
import type { BackendState } from '../../../src/api/mock/state'

export class MapStorage implements KeyValueStorage {
  map = new Map<string, string>()
  failSets = false
  delayMs = 0
  /** characters of keys and values written */
  written = 0

  async set(key: string, value: string) {
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs))
    if (this.failSets) throw new Error('storage full')
    this.written += key.length + value.length
    this.map.set(key, value)
  }
  get(key: string) {
    return this.map.get(key)
  }
  remove(key: string) {
    this.map.delete(key)
  }
  /** the newest whole state saved, or null */
  saved(): BackendState | null {
    return readSavedState((k) => this.map.get(k))
  }
  /** the saved state as canonical JSON, to compare byte for byte */
  snapshot(): string {
    return canonicalJson(this.saved())
  }
}
