// The app's embedded demo backend: platform storage, the platform's secure random source, and the
// handle demo tools and test harnesses reach it by. Loaded only by mock builds (see ./index.ts).
import { platformEntropySource } from './entropy'
import type { FaultInjector } from './faults'
import { createMockTransport, type MockTransport } from './mockTransport'
import { exposeDemoHandle } from './demoHandle'
import { taroStorage } from './taroStorage'

export function startAppMock(faults: FaultInjector): MockTransport {
  // wx.getRandomValues in WeChat, Web Crypto elsewhere: the backend's default would find none in WeChat.
  const mock = createMockTransport({ storage: taroStorage, secureRandom: platformEntropySource() })
  // Every platform: the weapp harness and the console (H5 also keeps window.__bizmail).
  exposeDemoHandle({ backend: mock.backend, faults })
  return mock
}
