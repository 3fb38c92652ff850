// An in-memory port under test, over a state held the way the backend holds it: writes tracked,
// and rolled back when the call throws (the memory adapters' transactions).
import type { BackendState } from '../../src/api/mock/state'
import { Tracker } from '../../src/api/mock/tx'

export function trackedCall<P>(state: BackendState, make: (root: () => BackendState) => P) {
  const tracker = new Tracker()
  const root = tracker.track(state)
  return {
    port: make(() => root),
    async inCall<T>(fn: () => Promise<T>): Promise<T> {
      tracker.begin(() => undefined)
      try {
        const out = await fn()
        tracker.end()
        return out
      } catch (e) {
        tracker.rollback()
        throw e
      }
    },
  }
}
