// Stores against the real mock backend (demo data), in plain Node.
import { createApiClient } from '../../../src/api/client'
import type { CallContext, KeyValueStorage } from '../../../src/api/contract'
import { createMockBackend, type MockBackendOptions } from '../../../src/api/mock'

export function memoryStorage(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>()
  return {
    data,
    get: (k) => data.get(k),
    set: (k, v) => void data.set(k, v),
    remove: (k) => void data.delete(k),
  }
}

export function harness(
  who: CallContext = { corpid: 'wwdemo', userid: 'zhangsan' },
  options: MockBackendOptions = {},
) {
  const backend = createMockBackend(options)
  const identity = { current: who }
  const api = createApiClient(backend, () => identity.current)
  const admin = (api: string, body: object = {}) =>
    backend.call(api, body, { corpid: 'wwdemo', userid: 'zhangwei' })
  return { backend, api, identity, admin, storage: memoryStorage() }
}
