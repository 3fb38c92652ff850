// The admin sub-package's stores. Created when an admin page first loads, so none of this code is
// in the main package; an identity switch clears every cache (nothing leaks to the next identity).
import { reaction } from 'mobx'
import { api } from '../../api'
import { stores } from '../../stores'
import { DirectoryCache } from './directory'
import { MailboxAdminStore } from './mailboxAdmin'
import { MigrationStore } from './migration'
import { PickerStore } from './picker'
import { RulesStore } from './rules'
import { SeatsStore } from './seats'

const directory = new DirectoryCache(api)
const mailboxes = new MailboxAdminStore({ api, newKey: randomKey })
const seats = new SeatsStore(api)
const rules = new RulesStore(api)
const migration = new MigrationStore({ api, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) })
const picker = new PickerStore()

reaction(
  () => stores.session.epoch,
  () => {
    directory.clear()
    mailboxes.clear()
    seats.clear()
    rules.clear()
    migration.clear()
    picker.clear()
  },
)

export const adminStores = { directory, mailboxes, seats, rules, migration, picker }

function randomKey(): string {
  const bytes = new Uint8Array(16)
  const c = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } }).crypto
  if (c?.getRandomValues) c.getRandomValues(bytes)
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256)
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}
