// The app's embedded demo backend: platform storage, the platform's secure random source, and the
// handle demo tools and test harnesses reach it by. Loaded only by mock builds (see ./index.ts).
import type { StorageBudget } from '../policy/storageBudget'
import type { KeyValueStorage } from './contract'
import { platformEntropySource } from './entropy'
import type { FaultInjector } from './faults'
import { createMockTransport, type MockTransport } from './mockTransport'
import { exposeDemoHandle } from './demoHandle'
import { platformBlobs } from './platformBlobs'
import { taroStorage } from './taroStorage'

/** WeChat allows 10 MB of storage in all; a browser's local storage holds about 5 MB */
const STORAGE_QUOTA = (process.env.TARO_ENV === 'h5' ? 5 : 10) * 1024 * 1024

export function startAppMock(
  faults: FaultInjector,
  onBudget: (budget: StorageBudget) => void,
): MockTransport {
  // A stopped backend (replaced in a test) must not write over its successor's saved state.
  let live = true
  const storage: KeyValueStorage = {
    get: (key) => taroStorage.get(key),
    set: (key, value) => (live ? taroStorage.set(key, value) : undefined),
    remove: (key) => (live ? taroStorage.remove(key) : undefined),
  }
  const mock = createMockTransport({
    storage,
    blobs: platformBlobs(),
    // wx.getRandomValues in WeChat, Web Crypto elsewhere: the backend's default would find none in WeChat.
    secureRandom: platformEntropySource(),
    onStorageUsage: (usage) => onBudget({ bytes: usage.bytes, quota: STORAGE_QUOTA }),
  })
  // Every platform: the weapp harness and the console (H5 also keeps window.__bizmail).
  exposeDemoHandle({ backend: mock.backend, faults })
  return {
    ...mock,
    stop: () => {
      live = false
      mock.stop()
    },
  }
}
