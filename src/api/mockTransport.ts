// The in-process transport: the mock backend running inside the app, persisted to platform storage.
import type { Transport } from './contract'
import { createMockBackend, type MockBackend, type MockBackendOptions } from './mock'

export interface MockTransport extends Transport {
  backend: MockBackend
}

export function createMockTransport(options: MockBackendOptions = {}): MockTransport {
  const backend = createMockBackend(options)
  return {
    backend,
    call: (api, body, ctx) => backend.call(api, body, ctx),
  }
}
