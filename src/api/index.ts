// The app's api client, wired to the transport chosen at build time (config/index.ts defineConstants).
import Taro from '@tarojs/taro'
import { createApiClient, type ApiClient } from './client'
import type { CallContext, Transport } from './contract'
import { withFaults, type FaultInjector } from './faults'
import type * as HttpLogin from './http/login'
import type * as HttpTransport from './http/transport'
import type { StorageBudget } from '../policy/storageBudget'
import type * as MockApp from './mockApp'
import type { MockTransport } from './mockTransport'

export { ApiError, type ApiClient, type Envelope } from './client'
export type { ApiResult, CallContext } from './contract'

let identity: CallContext = { corpid: '', userid: '' }
let mock: MockTransport | null = null

const budgetListeners = new Set<(budget: StorageBudget) => void>()

/** the in-device backend's storage use after each call (never called over HTTP) */
export function onStorageBudget(listener: (budget: StorageBudget) => void): () => void {
  budgetListeners.add(listener)
  return () => void budgetListeners.delete(listener)
}

const loginListeners = new Set<(identity: CallContext) => void>()

/** who the server says the member is, after each login (never called with the mock) */
export function onServerLogin(listener: (identity: CallContext) => void): () => void {
  loginListeners.add(listener)
  return () => void loginListeners.delete(listener)
}

/** demo/e2e fault injection (see faults.ts); inert until a plan is set */
export const faults: FaultInjector = { plan: null, injected: 0 }

function makeTransport(): Transport {
  // API_TRANSPORT is a build-time constant: webpack folds this condition and leaves the dead
  // branch out, so http builds carry neither the mock backend nor its demo data.
  if (typeof API_TRANSPORT !== 'undefined' && API_TRANSPORT === 'http') {
    // Required here, not imported: the demo build (mock) carries no http transport.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { devLogin, wecomLogin } = require('./http/login') as typeof HttpLogin
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createHttpTransport } = require('./http/transport') as typeof HttpTransport
    const login = API_LOGIN === 'dev' ? devLogin() : wecomLogin(API_CORPID)
    return createHttpTransport(
      API_BASE_URL,
      (o) =>
        Taro.request({ ...o, dataType: 'json' }).then((r) => ({ statusCode: r.statusCode, data: r.data })),
      {
        login,
        onLogin: (s) =>
          loginListeners.forEach((listener) => listener({ corpid: s.corpid, userid: s.userid })),
      },
    )
  } else {
    // A static import would put the mock into http builds too.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { startAppMock } = require('./mockApp') as typeof MockApp
    mock = startAppMock(faults, (budget) => budgetListeners.forEach((listener) => listener(budget)))
    return mock
  }
}

let base = makeTransport()
// The client keeps this transport; what it forwards to is replaced only by resetApiForTest.
const transport = withFaults({ call: (api, body, ctx) => base.call(api, body, ctx) }, faults)

export const api: ApiClient = createApiClient(transport, () => identity)

/**
 * Tests only (test/kit/app.ts, through the stores' resetForTest): nobody signed in, no fault plan,
 * and a new embedded backend over whatever storage holds now (the old one stops writing).
 */
export function resetApiForTest(): void {
  mock?.stop()
  identity = { corpid: '', userid: '' }
  faults.plan = null
  faults.injected = 0
  base = makeTransport()
}

/** who the calls are made as (dev identity switcher now, wx.qy.login later) */
export function setIdentity(next: CallContext): void {
  identity = { ...next }
}

/** the embedded mock backend, for demo tools (deliver mail, recovery notice); null over HTTP */
export function mockBackend() {
  return mock ? mock.backend : null
}
