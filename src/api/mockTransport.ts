// The in-process transport: the mock backend running inside the app, persisted to platform storage.
import type { Transport } from './contract'
import { createMockBackend, type MockBackend, type MockBackendOptions } from './mock'

export interface MockTransport extends Transport {
  backend: MockBackend
}

/** pause between background steps, so a running migration is seen running, step by step */
export const STEP_MS = 700

export function createMockTransport(options: MockBackendOptions = {}, stepMs = STEP_MS): MockTransport {
  const backend = createMockBackend(options)
  let stepping = false
  // A server works on its own; in-process, background work (a migration) advances on a timer
  // after any call that may have queued some, one step at a time.
  const drive = () => {
    if (stepping) return
    stepping = true
    const next = () =>
      void backend.step().then((ran) => {
        if (ran) setTimeout(next, stepMs)
        else stepping = false
      })
    setTimeout(next, stepMs)
  }
  drive() // a migration interrupted by closing the app resumes on start
  return {
    backend,
    call: async (api, body, ctx) => {
      const r = await backend.call(api, body, ctx)
      drive()
      return r
    },
  }
}
