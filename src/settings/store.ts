// The settings store lives in the settings sub-package: members who never open settings never
// download it. It is cleared with the main stores on every identity change.
import { api } from '../api'
import { randomKey } from '../api/entropy'
import { taroStorage } from '../api/taroStorage'
import { onIdentityChange, onResetForTest, stores } from '../stores'
import { SettingsStore } from '../stores/settings'

function createSettings(): SettingsStore {
  return new SettingsStore({
    api,
    storage: taroStorage,
    identity: () => stores.session.identity,
    newKey: randomKey,
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    // Lists are threaded or flat by the member's conversation mode: reload them the new way.
    onConversationModeChanged: () => stores.messages.clear(),
  })
}

// `let`: a fresh app in tests gets a new store (importers see it through the live binding).
export let settings = createSettings()

onIdentityChange(() => settings.clear())
onResetForTest(() => {
  settings = createSettings()
})
