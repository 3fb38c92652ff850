// A corp held in hand: calls go through the exmail/* table with the dispatcher's admin check and
// post-write reconciliation, while tests may also edit the directory directly (as user/*, tag/*
// and department/* would) and then run `directoryChanged()`.
import type { Edition } from '../../../src/api/contract'
import type { MockEnv } from '../../../src/api/mock/env'
import { clientLogin } from '../../../src/api/mock/handlers/clientLogin'
import { trackedDispatch } from '../../kit/dispatch'
import { reconcileAccess } from '../../../src/api/mock/handlers/reconcile'
import { invalidateOrg } from '../../../src/api/mock/orgIndex'
import { newMember, stateFromSetups } from '../../../src/api/mock/seed'
import { createAuthCode, type AuthCodeOptions } from '../../../src/api/mock/publicmail/authCodes'
import { memoryClientPasswords } from '../../../src/api/mock/ports/clientPasswords'
import type { BusinessMailbox, Member } from '../../../src/api/mock/state'
import type { ApiResult } from '../../../src/api/contract'
import { testSecureBytes } from '../../kit/mail'

export const DOMAIN = 'corp.com'
export const T0 = 1_750_000_000_000

export interface SetupOptions {
  edition?: Edition
  seats?: number
  domainKind?: 'custom' | 'experience'
  members?: string[]
}

export function setup(options: SetupOptions = {}) {
  const state = stateFromSetups([
    {
      corpid: 'c1',
      name: '测试企业',
      creator: 'boss',
      admins: ['admin2'],
      edition: options.edition ?? 'advanced',
      advancedSeats: options.seats ?? 0,
      domain: { name: DOMAIN, kind: options.domainKind ?? 'custom' },
    },
  ])
  const corp = state.corps.c1
  let now = T0
  const env: MockEnv = {
    now: () => now,
    random: () => 0.5,
    secureBytes: testSecureBytes(),
    schedule: () => undefined,
  }

  /** after a direct edit that may take access away: revokes what it must (as the dispatcher would) */
  const directoryChanged = (): Promise<number> => {
    invalidateOrg(corp)
    return reconcileAccess(state, corp, env)
  }
  // Adding to the directory gives access and never takes it: only the org index must follow.
  const addMember = (userid: string, fields: Partial<Member> = {}): Member => {
    const m = newMember(corp, { userid, name: userid, ...fields })
    corp.users[userid] = m
    invalidateOrg(corp)
    return m
  }
  const addDept = (id: number, parentid = 1, name = `部门${id}`) => {
    corp.departments[id] = { id, name, parentid, order: id }
    invalidateOrg(corp)
  }
  const addTag = (tagid: number, userlist: string[] = [], partylist: number[] = []) => {
    corp.tags[tagid] = { tagid, tagname: `标签${tagid}`, userlist, partylist }
    invalidateOrg(corp)
  }
  const codes = memoryClientPasswords(() => state)
  /** a client password for the mailbox, stored as the APIs store it */
  const createCode = (mailbox: BusinessMailbox, options: AuthCodeOptions) =>
    createAuthCode(codes, corp.corpid, mailbox.id, options, env)
  for (const u of options.members ?? []) addMember(u)

  const dispatch = trackedDispatch(env)
  const call = (api: string, body: Record<string, unknown> = {}, userid = 'boss'): Promise<ApiResult> =>
    dispatch(state, api, body, { corpid: corp.corpid, userid })
  /** create with sensible defaults; returns the id (throws on refusal) */
  const create = async (local: string, body: Record<string, unknown> = {}): Promise<number> => {
    const r = await call('exmail/publicmail/create', {
      email: `${local}@${DOMAIN}`,
      name: local,
      userid_list: { list: ['boss'] },
      ...body,
    })
    if (r.errcode !== 0) throw new Error(`create ${local}: ${r.errcode} ${r.errmsg}`)
    return r.id as number
  }
  const login = (email: string, code: string, protocol: 'imap' | 'pop' | 'smtp' = 'imap') =>
    clientLogin(state, env, email, code, protocol)

  return {
    state,
    corp,
    env,
    call,
    create,
    login,
    addMember,
    addDept,
    addTag,
    directoryChanged,
    codes,
    createCode,
    advance: (ms: number) => {
      now += ms
    },
    now: () => now,
    snapshot: () => JSON.stringify(state),
  }
}

export type Harness = ReturnType<typeof setup>
