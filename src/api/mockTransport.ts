// The in-process transport: the mock backend running inside the app, persisted to platform storage.
import type { Transport } from './contract'
import { createMockBackend, type MockBackend, type MockBackendOptions, type StorageUsage } from './mock'

export interface MockTransport extends Transport {
  backend: MockBackend
  /** no more background steps (a test replaces the backend; the app never stops it) */
  stop(): void
}

/** pause between background steps, so a running migration is seen running, step by step */
export const STEP_MS = 700

export interface MockTransportOptions extends MockBackendOptions {
  /** told what the saved data occupies after every call (the app warns before storage runs out) */
  onStorageUsage?: (usage: StorageUsage) => void
}

export function createMockTransport(options: MockTransportOptions = {}, stepMs = STEP_MS): MockTransport {
  const { onStorageUsage, ...backendOptions } = options
  const backend = createMockBackend(backendOptions)
  let stepping = false
  let stopped = false
  let timer: ReturnType<typeof setTimeout> | undefined
  // A server works on its own; in-process, background work (a migration) advances on a timer
  // after any call that may have queued some, one step at a time.
  const drive = () => {
    if (stepping || stopped) return
    stepping = true
    const next = () =>
      void backend.step().then((ran) => {
        if (ran && !stopped) timer = setTimeout(next, stepMs)
        else stepping = false
      })
    timer = setTimeout(next, stepMs)
  }
  drive() // a migration interrupted by closing the app resumes on start
  return {
    backend,
    stop: () => {
      stopped = true
      clearTimeout(timer)
    },
    call: async (api, body, ctx) => {
      const r = await backend.call(api, body, ctx)
      drive()
      if (onStorageUsage) void backend.storageUsage().then(onStorageUsage)
      return r
    },
  }
}
