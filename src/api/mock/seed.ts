// A bare corp as the contract describes it: department 1 named after the corp, the creator in it.
import type { CorpSetup } from '../contract'
import { newStoreSettings } from './ports/settings'
import { SCHEMA_VERSION, type BackendState, type CorpState, type MailStore, type Member } from './state'

export function emptyStore(id: string): MailStore {
  return {
    id,
    folders: {},
    messages: {},
    drafts: {},
    ...newStoreSettings(),
    nextId: 1,
  }
}

/** allocate a fresh mail store in the corp */
export function newStore(corp: CorpState): string {
  const id = `${corp.corpid}:s${corp.nextId.store++}`
  corp.stores[id] = emptyStore(id)
  return id
}

export function newMember(
  corp: CorpState,
  fields: Partial<Member> & { userid: string; name: string },
): Member {
  const m: Member = {
    department: [1],
    position: '',
    mobile: '',
    gender: '0',
    status: 1,
    biz_mail: `${fields.userid.toLowerCase()}@${corp.domain.name}`,
    alias: [],
    advanced: 0,
    storeId: null,
    ...fields,
  }
  if (m.storeId === null && m.biz_mail) m.storeId = newStore(corp)
  return m
}

export function corpFromSetup(setup: CorpSetup): CorpState {
  const corp: CorpState = {
    corpid: setup.corpid,
    name: setup.name,
    creator: setup.creator,
    // only a non-empty text names a person; anything else matches no other corp
    ...(typeof setup.creatorAccount === 'string' && setup.creatorAccount !== ''
      ? { creatorAccount: setup.creatorAccount }
      : {}),
    admins: Array.from(new Set([setup.creator, ...(setup.admins ?? [])])),
    edition: setup.edition,
    advancedSeats: setup.edition === 'basic' ? 0 : Math.max(0, Math.floor(setup.advancedSeats ?? 0)),
    domain: { name: setup.domain.name.toLowerCase(), kind: setup.domain.kind },
    departments: { 1: { id: 1, name: setup.name, parentid: 0, order: 0 } },
    users: {},
    tags: {},
    contactRules: {},
    publicmails: {},
    recycle: {},
    mailGroups: [],
    stores: {},
    migrated: false,
    migration: null,
    idempotency: {},
    nextId: { department: 2, tag: 1, rule: 1, publicmail: 1, store: 1 },
  }
  corp.users[setup.creator] = newMember(corp, { userid: setup.creator, name: setup.creator })
  return corp
}

export function stateFromSetups(setups: CorpSetup[]): BackendState {
  const state: BackendState = { schema: SCHEMA_VERSION, corps: {} }
  for (const setup of setups) {
    if (!state.corps[setup.corpid]) state.corps[setup.corpid] = corpFromSetup(setup)
  }
  return state
}
