// The compose store of the app. Only the compose page (mail sub-package) imports this file, so the
// main package carries none of it (nor its address and signature rules); a fresh app in tests
// rebuilds it.
import { api } from '../api'
import { randomKey } from '../api/entropy'
import { taroStorage } from '../api/taroStorage'
import { ComposeStore } from './compose'
import { onResetForTest } from './index'

function createCompose(): ComposeStore {
  return new ComposeStore({
    api,
    storage: taroStorage,
    newKey: randomKey,
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    now: () => Date.now(),
  })
}

// `let`: a fresh app in tests gets a new store (importers see it through the live binding).
export let compose = createCompose()

onResetForTest(() => {
  compose = createCompose()
})
