// The app's stores, wired to the real api client and platform storage.
import { api, mockBackend, setIdentity } from '../api'
import { taroStorage } from '../api/taroStorage'
import { DEFAULT_IDENTITY } from './demoIdentities'
import { SessionStore } from './session'

export const stores = {
  session: new SessionStore({
    api,
    storage: taroStorage,
    applyIdentity: setIdentity,
    defaultIdentity: DEFAULT_IDENTITY,
    recovery: () => mockBackend()?.recovery() ?? Promise.resolve(null),
  }),
}

export type Stores = typeof stores
