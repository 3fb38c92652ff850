// The admin sub-package's stores. Created when an admin page first loads, so none of this code is
// in the main package; an identity switch clears every cache (nothing leaks to the next identity).
import { reaction } from 'mobx'
import { api } from '../../api'
import { randomKey } from '../../api/entropy'
import { onResetForTest, stores } from '../../stores'
import { DirectoryCache } from './directory'
import { MailboxAdminStore } from './mailboxAdmin'
import { MigrationStore } from './migration'
import { PickerStore } from './picker'
import { PreviewStore } from './preview'
import { RulesStore } from './rules'
import { SeatsStore } from './seats'

function createAdminStores() {
  const directory = new DirectoryCache(api)
  const mailboxes = new MailboxAdminStore({ api, newKey: randomKey })
  const seats = new SeatsStore(api)
  const rules = new RulesStore(api)
  const migration = new MigrationStore({ api, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) })
  const picker = new PickerStore()
  const preview = new PreviewStore(api)

  const dispose = reaction(
    () => stores.session.epoch,
    () => {
      directory.clear()
      mailboxes.clear()
      seats.clear()
      rules.clear()
      migration.clear()
      picker.clear()
      preview.clear()
    },
  )
  return { stores: { directory, mailboxes, seats, rules, migration, picker, preview }, dispose }
}

let current = createAdminStores()

export const adminStores = current.stores

// A fresh app in tests: new admin stores, watching the new session.
onResetForTest(() => {
  current.dispose()
  current = createAdminStores()
  Object.assign(adminStores, current.stores)
})
