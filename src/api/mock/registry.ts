// How the backend binds the contract's APIs (src/api/contract) to handlers, by name.
import type { GenericSchema } from 'valibot'
import type { ApiFlags, ApiName, ApiResult, Parsed } from '../contract'
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

/** The APIs this backend answers: every API of the contract except those still pending. */
export type AnsweredApi = ApiName

/** what a handler answers: at once, or after awaiting (the call's transaction stays open meanwhile) */
export type HandlerResult = ApiResult | Promise<ApiResult>

/** A handler gets its API's input already checked by the API's schema (contract/). */
export type Handler<K extends ApiName = AnsweredApi> = (
  ctx: HandlerContext,
  input: Parsed<K>,
) => HandlerResult

/** One handler per API of the contract: a missing or mistyped handler fails typecheck. */
export type Handlers = { [K in AnsweredApi]: Handler<K> }

/** What the dispatcher runs for one API: the contract's schema and flags, and the handler. */
export interface ApiSpec extends ApiFlags {
  input: GenericSchema
  handler: (ctx: HandlerContext, input: Body) => HandlerResult
}

export type ApiTable = Record<string, ApiSpec>

export function success(fields: Record<string, unknown> = {}): ApiResult {
  return { errcode: 0, errmsg: 'ok', ...fields }
}

export function failure(errcode: number, errmsg: string): ApiResult {
  return { errcode, errmsg }
}

/** a rule's refusal (policy/result) as the call's answer */
export const refusal = (v: { errcode: number; errmsg: string }): ApiResult => failure(v.errcode, v.errmsg)
