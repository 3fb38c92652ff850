// How an API is declared: its handler and the checks the dispatcher runs before it.
import type { ApiResult } from '../contract'
import type { MockEnv } from './env'
import type { BackendState, CorpState, Member } from './state'

export interface HandlerContext {
  state: BackendState
  corp: CorpState
  caller: Member
  env: MockEnv
  /** true when the caller is an admin (the creator always is) */
  isAdmin: boolean
}

export type Body = Record<string, unknown>

export type Handler = (ctx: HandlerContext, body: Body) => ApiResult

export interface ApiSpec {
  handler: Handler
  /** changes state: persisted, derived indexes refreshed, access reconciled */
  write?: boolean
  /** caller must be an admin of the corp (48002 otherwise) */
  admin?: boolean
  /** mail administration: refused while a migration involving this corp runs (690013) */
  mailAdmin?: boolean
  /** directory write: refused while this corp is the target of a running migration (690013) */
  directoryWrite?: boolean
}

export type ApiTable = Record<string, ApiSpec>

export function success(fields: Record<string, unknown> = {}): ApiResult {
  return { errcode: 0, errmsg: 'ok', ...fields }
}

export function failure(errcode: number, errmsg: string): ApiResult {
  return { errcode, errmsg }
}
