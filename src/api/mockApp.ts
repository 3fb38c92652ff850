// The app's embedded demo backend: platform storage, the platform's secure random source, and the
// handle demo tools and test harnesses reach it by. Loaded only by mock builds (see ./index.ts).
import type { EntropySource } from './mock/entropy'
import type { MockBackendOptions } from './mock'
import { platformEntropySource } from './entropy'
import type { FaultInjector } from './faults'
import { createMockTransport, type MockTransport } from './mockTransport'
import { exposeDemoHandle } from './demoHandle'
import { taroStorage } from './taroStorage'

/** the backend option for its secure source (wx.getRandomValues in WeChat, Web Crypto elsewhere) */
type AppMockOptions = MockBackendOptions & { secureRandom?: EntropySource }

export function startAppMock(faults: FaultInjector): MockTransport {
  const options: AppMockOptions = { storage: taroStorage, secureRandom: platformEntropySource() }
  const mock = createMockTransport(options)
  // Every platform: the weapp harness and the console (H5 also keeps window.__bizmail).
  exposeDemoHandle({ backend: mock.backend, faults })
  return mock
}
