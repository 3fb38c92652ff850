// Calls directory handlers on a state the test can inspect (the backend keeps its state private).
import { directoryApis } from '../../../src/api/mock/handlers/directory'
import type { MockEnv } from '../../../src/api/mock/env'
import { stateFromSetups } from '../../../src/api/mock/seed'
import type { BackendState } from '../../../src/api/mock/state'
import { CORP, corpSetup } from './helpers'
import { testSecureBytes } from '../../../src/api/mock/mail/testkit'

export const env: MockEnv = {
  now: () => 1_700_000_000_000,
  random: () => 0.5,
  secureBytes: testSecureBytes(),
  schedule: () => undefined,
}

export function freshState(): BackendState {
  return stateFromSetups([corpSetup()])
}

/** the dispatcher's checks that matter here: unknown api, caller, admin */
export function localCall(
  state: BackendState,
  api: string,
  body: unknown,
  userid = 'boss',
): Record<string, any> {
  const corp = state.corps[CORP]
  const spec = directoryApis[api]
  const caller = corp.users[userid]
  if (!spec || !caller) throw new Error(`bad test call ${api} ${userid}`)
  const isAdmin = corp.admins.includes(userid) || corp.creator === userid
  if (spec.admin && !isAdmin) return { errcode: 48002, errmsg: 'no' }
  const b = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {}
  return spec.handler({ state, corp, caller, env, isAdmin }, b)
}

export function mustCall(
  state: BackendState,
  api: string,
  body: unknown,
  userid = 'boss',
): Record<string, any> {
  const r = localCall(state, api, body, userid)
  if (r.errcode !== 0) throw new Error(`${api} ${JSON.stringify(body)} -> ${r.errcode} ${r.errmsg}`)
  return r
}
