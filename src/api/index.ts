// The app's api client, wired to the transport chosen at build time (config/index.ts defineConstants).
import Taro from '@tarojs/taro'
import { createApiClient, type ApiClient } from './client'
import type { CallContext, Transport } from './contract'
import { withFaults, type FaultInjector } from './faults'
import { createHttpTransport } from './http/transport'
import { createMockTransport, type MockTransport } from './mockTransport'
import { taroStorage } from './taroStorage'

export { ApiError, type ApiClient, type Envelope } from './client'
export type { ApiResult, CallContext } from './contract'

let identity: CallContext = { corpid: '', userid: '' }
let mock: MockTransport | null = null

/** demo/e2e fault injection (see faults.ts); inert until a plan is set */
export const faults: FaultInjector = { plan: null, injected: 0 }

function makeTransport(): Transport {
  const kind = typeof API_TRANSPORT === 'string' ? API_TRANSPORT : 'mock'
  if (kind === 'http') {
    return createHttpTransport(API_BASE_URL, (o) =>
      Taro.request({ ...o, dataType: 'json' }).then((r) => ({ statusCode: r.statusCode, data: r.data })),
    )
  }
  mock = createMockTransport({ storage: taroStorage })
  if (process.env.TARO_ENV === 'h5' && typeof window !== 'undefined') {
    // The H5 demo exposes its backend and fault switch to the console and the browser tests.
    ;(window as unknown as { __bizmail: unknown }).__bizmail = { backend: mock.backend, faults }
  }
  return mock
}

const transport = withFaults(makeTransport(), faults)

export const api: ApiClient = createApiClient(transport, () => identity)

/** who the calls are made as (dev identity switcher now, wx.qy.login later) */
export function setIdentity(next: CallContext): void {
  identity = { ...next }
}

/** the embedded mock backend, for demo tools (deliver mail, recovery notice); null over HTTP */
export function mockBackend() {
  return mock ? mock.backend : null
}
