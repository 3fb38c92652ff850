// The app's stores, wired to the real api client and platform storage.
import { reaction, runInAction } from 'mobx'
import { api, mockBackend, onStorageBudget, setIdentity } from '../api'
import { randomKey } from '../api/entropy'
import { taroStorage } from '../api/taroStorage'
import { storageWarning } from '../policy/storageBudget'
import { ComposeStore } from './compose'
import { DEFAULT_IDENTITY } from './demoIdentities'
import { DirectoryStore } from './directory'
import { LOST_ACCESS_CODES, MailboxesStore } from './mailboxes'
import { MessagesStore } from './messages'
import { SessionStore } from './session'

const session = new SessionStore({
  api,
  storage: taroStorage,
  applyIdentity: setIdentity,
  defaultIdentity: DEFAULT_IDENTITY,
  recovery: () => mockBackend()?.recovery() ?? Promise.resolve(null),
})

const mailboxes = new MailboxesStore({
  api,
  storage: taroStorage,
  identity: () => session.identity,
  // After a migration every cached list and the profile describe the old mailbox: reload them.
  onMoved: () => {
    messages.clear()
    directory.clear()
    forgetIdentity()
    void session.load()
  },
})

const messages = new MessagesStore(api, (f) => {
  if (LOST_ACCESS_CODES.has(f.errcode) && mailboxes.currentId !== 'personal') mailboxes.lostAccess(f.errmsg)
})

const compose = new ComposeStore({
  api,
  storage: taroStorage,
  newKey: randomKey,
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  now: () => Date.now(),
})

const directory = new DirectoryStore({ api, storage: taroStorage, identity: () => session.identity })

// A new identity sees other mail: drop every cache before anything renders for it.
reaction(
  () => session.epoch,
  () => {
    messages.clear()
    directory.clear()
    forgetIdentity()
    void mailboxes.reset().then(() => mailboxes.refresh())
  },
)

// Nearly full device storage is said once, while every change can still be saved.
let storageWarned = false
onStorageBudget((budget) => {
  const warning = storageWarning(budget)
  if (!warning || storageWarned) return
  storageWarned = true
  runInAction(() => {
    session.notice = warning
  })
})

export const stores = { session, mailboxes, messages, compose, directory }
export type Stores = typeof stores

// Stores that live in sub-packages (settings, admin) register here to be cleared with the rest,
// so the main package never has to import them.
const identityListeners = new Set<() => void>()

export function onIdentityChange(forget: () => void): () => void {
  identityListeners.add(forget)
  return () => identityListeners.delete(forget)
}

function forgetIdentity(): void {
  for (const forget of identityListeners) forget()
}
