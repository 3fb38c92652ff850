// Calls directory handlers on a state the test can inspect (the backend keeps its state private).
import type { MockEnv } from '../../../src/api/mock/env'
import { stateFromSetups } from '../../../src/api/mock/seed'
import type { BackendState } from '../../../src/api/mock/state'
import { CORP, corpSetup } from './helpers'
import { trackedDispatch } from '../../kit/dispatch'
import { testSecureBytes } from '../../kit/mail'

export const env: MockEnv = {
  now: () => 1_700_000_000_000,
  random: () => 0.5,
  secureBytes: testSecureBytes(),
  schedule: () => undefined,
}

export function freshState(): BackendState {
  return stateFromSetups([corpSetup()])
}

const dispatch = trackedDispatch(env)

/** one call through the backend's dispatcher, on a state the test holds */
export function localCall(
  state: BackendState,
  api: string,
  body: unknown,
  userid = 'boss',
): Promise<Record<string, any>> {
  return dispatch(state, api, body, { corpid: CORP, userid })
}

export async function mustCall(
  state: BackendState,
  api: string,
  body: unknown,
  userid = 'boss',
): Promise<Record<string, any>> {
  const r = await localCall(state, api, body, userid)
  if (r.errcode !== 0) throw new Error(`${api} ${JSON.stringify(body)} -> ${r.errcode} ${r.errmsg}`)
  return r
}
