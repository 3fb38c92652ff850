// The app's stores, wired to the real api client and platform storage.
import { reaction, runInAction } from 'mobx'
import { api, mockBackend, onServerLogin, onStorageBudget, resetApiForTest, setIdentity } from '../api'
import { taroStorage } from '../api/taroStorage'
import { storageWarning } from '../policy/storageBudget'
import { DEFAULT_IDENTITY } from './demoIdentities'
import { DirectoryStore } from './directory'
import { DemoStore } from './demo'
import { LOST_ACCESS_CODES, MailboxesStore } from './mailboxes'
import { MessagesStore, type Failure } from './messages'
import { SessionStore } from './session'

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

/** Builds the app's stores with their cross-store wiring; `dispose` undoes the wiring. */
function createStores() {
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

  const onFailure = (f: Failure) => {
    if (LOST_ACCESS_CODES.has(f.errcode) && mailboxes.currentId !== 'personal') mailboxes.lostAccess(f.errmsg)
  }
  const messages = new MessagesStore(api, onFailure)

  const directory = new DirectoryStore({ api, storage: taroStorage, identity: () => session.identity })

  const demo = new DemoStore({ backend: mockBackend, identity: () => session.identity, messages, mailboxes })

  // A new identity sees other mail: drop every cache before anything renders for it.
  const stopEpoch = reaction(
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
  const stopBudget = onStorageBudget((budget) => {
    const warning = storageWarning(budget)
    if (!warning || storageWarned) return
    storageWarned = true
    runInAction(() => {
      session.notice = warning
    })
  })

  // Over HTTP the server decides who the member is (their WeCom login): the app follows it.
  const stopLogin = onServerLogin((identity) => void session.adopt(identity))

  // who an address is (directory name, business mailbox): one cache for the lists, reading and compose
  const people = messages.people
  const stores = { session, mailboxes, messages, directory, demo, people }
  const dispose = () => {
    stopEpoch()
    stopBudget()
    stopLogin()
    mailboxes.stopPolling()
  }
  return { stores, dispose }
}

let current = createStores()

export const stores = current.stores
export type Stores = typeof stores

// Tests start every case from a fresh app (test/kit/app.ts): the api with a new embedded backend,
// new stores, and the sub-package stores that registered how to rebuild themselves.
const rebuilders = new Set<() => void>()

export function onResetForTest(rebuild: () => void): void {
  rebuilders.add(rebuild)
}

/** tests only: forget every store, the backend and who is signed in (storage is the caller's) */
export function resetForTest(): void {
  current.dispose()
  resetApiForTest()
  current = createStores()
  Object.assign(stores, current.stores)
  for (const rebuild of rebuilders) rebuild()
}
