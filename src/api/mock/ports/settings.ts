// The data-access port of mailbox settings (product spec 4.3): each store's shared settings
// (signature, receive rules, IMAP/POP, their version) and each member's own ones there. Handlers
// read and write them only through it; the in-memory adapter below keeps them on their store in
// the state (the mini-program). Every method runs inside the open call's transaction.
import type { MockEnv } from '../env'
import type { BackendState, MailStore, PersonalSettings, SharedSettings } from '../state'

/** a new store's shared settings, and what a store with none stored has */
export const DEFAULT_SHARED: Readonly<SharedSettings> = Object.freeze({
  signature: '',
  rules: [],
  imap: true,
  pop: false,
  version: 1,
})
export const DEFAULT_PERSONAL: Readonly<PersonalSettings> = Object.freeze({
  conversation_mode: true,
  notify: true,
})

/** one store's settings whole (the migration moves them) */
export interface StoreSettings {
  shared: SharedSettings
  personal: Record<string, PersonalSettings>
}

export interface SettingsPort {
  /** the store's shared settings, defaults when it has none stored */
  shared(corpid: string, storeId: string): Promise<SharedSettings>
  /** a member's own settings in the store, defaults filled in */
  personal(corpid: string, storeId: string, userid: string): Promise<PersonalSettings>
  /** the member's own settings in each of these stores, defaults filled in (the mailbox list) */
  personalIn(
    corpid: string,
    userid: string,
    storeIds: readonly string[],
  ): Promise<Record<string, PersonalSettings>>
  putShared(corpid: string, storeId: string, shared: SharedSettings): Promise<void>
  putPersonal(corpid: string, storeId: string, userid: string, personal: PersonalSettings): Promise<void>
  /** the settings of every store of the corp that has any, by store id */
  ofCorp(corpid: string): Promise<Record<string, StoreSettings>>
  /**
   * the migration's switch: B's settings go, A's arrive in B under their stores' new ids (`stores`:
   * A's id → B's), and A starts with none
   */
  handOver(from: string, to: string, stores: ReadonlyMap<string, string>): Promise<void>
}

const has = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k)
/** a copy the caller may keep: nothing it changes reaches the store */
export const copyShared = (s: SharedSettings): SharedSettings => ({
  ...s,
  rules: JSON.parse(JSON.stringify(s.rules)),
})

/** a new store's settings: what the in-memory adapter starts from, and the SQL state's stand-in */
export const newStoreSettings = (): Pick<MailStore, 'shared' | 'personal'> => ({
  shared: copyShared(DEFAULT_SHARED),
  personal: {},
})

/** The in-memory adapter: `shared` and `personal` of each store in the state (tracked like any write). */
export function memorySettings(state: () => BackendState): SettingsPort {
  const storeOf = (corpid: string, id: string): MailStore | undefined => {
    const corps = state().corps
    return has(corps, corpid) && has(corps[corpid].stores, id) ? corps[corpid].stores[id] : undefined
  }
  const personalIn = (corpid: string, id: string, userid: string): PersonalSettings => {
    const all = storeOf(corpid, id)?.personal
    return { ...DEFAULT_PERSONAL, ...(all && has(all, userid) ? all[userid] : {}) }
  }
  const attempt = (write: () => void): Promise<void> => {
    try {
      write()
      return Promise.resolve()
    } catch (e) {
      return Promise.reject(e)
    }
  }
  const existing = (corpid: string, id: string): MailStore => {
    const store = storeOf(corpid, id)
    if (!store) throw new Error(`settings: no store ${id} in ${corpid}`)
    return store
  }
  return {
    shared: (corpid, id) => Promise.resolve(copyShared(storeOf(corpid, id)?.shared ?? DEFAULT_SHARED)),
    personal: (corpid, id, userid) => Promise.resolve(personalIn(corpid, id, userid)),
    personalIn: (corpid, userid, ids) => {
      const out: Record<string, PersonalSettings> = {}
      for (const id of ids) out[id] = personalIn(corpid, id, userid)
      return Promise.resolve(out)
    },
    putShared: (corpid, id, shared) => attempt(() => (existing(corpid, id).shared = copyShared(shared))),
    putPersonal: (corpid, id, userid, personal) =>
      attempt(() => (existing(corpid, id).personal[userid] = { ...personal })),
    ofCorp: (corpid) => {
      const corps = state().corps
      const out: Record<string, StoreSettings> = {}
      if (has(corps, corpid))
        for (const s of Object.values(corps[corpid].stores))
          out[s.id] = { shared: copyShared(s.shared), personal: JSON.parse(JSON.stringify(s.personal)) }
      return Promise.resolve(out)
    },
    // The migrated stores carry their settings with them in the state.
    handOver: () => Promise.resolve(),
  }
}

/** the settings port of this environment, or the state's own */
export function settingsOf(env: MockEnv, state: BackendState): SettingsPort {
  return env.settings ?? memorySettings(() => state)
}
