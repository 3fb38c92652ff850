// The one dispatcher: from (api, body, caller) to a handler's answer, with every check the contract
// puts in front of a handler. The backend runs it inside a transaction; tests run it on a plain state.
import { ErrCode } from '../../policy/codes'
import type { ApiResult, CallContext } from '../contract'
import { parseInput } from '../contract/schema'
import { isLoginBookkeeping } from './derived'
import type { MockEnv } from './env'
import { apiTable } from './handlers'
import { reconcileAccess } from './handlers/reconcile'
import { checkIdempotency, expireIdempotency, IDEMPOTENCY_TTL_MS, rememberIdempotent } from './idempotency'
import { migrationLock } from './lock'
import { idempotencyOf } from './ports/idempotency'
import { openMailbox } from './mail/open'
import { LOOKS_AT_BIN, purgeBin } from './publicmail/recycle'
import { failure, type ApiSpec, type HandlerContext } from './registry'
import type { BackendState } from './state'

export interface DispatchOptions {
  /** whether the call wrote anything (the backend asks its tracker); default: the API is a write */
  changed?: (spec: ApiSpec) => boolean
  /**
   * whether the call wrote what decides who may use a business mailbox (the backend asks its
   * tracker, see touchesAccess); default: the API is a write
   */
  accessChanged?: (spec: ApiSpec) => boolean
}

/** The parts of a corp that decide access (policy/access): members, departments, tags, mailboxes. */
const ACCESS_FIELDS: ReadonlySet<string> = new Set(['users', 'departments', 'tags', 'publicmails'])

/** whether a write at this state path may change who may use a business mailbox */
export function touchesAccess(path: readonly string[]): boolean {
  return (
    path[0] === 'corps' && (path.length <= 2 || (ACCESS_FIELDS.has(path[2]) && !isLoginBookkeeping(path)))
  )
}

export type Dispatch = (
  state: BackendState,
  api: string,
  body: unknown,
  ctx: CallContext,
) => Promise<ApiResult>

const has = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k)

/**
 * What a write owes the rest of the state: when it changed what decides access (user lists,
 * departments, tags, a deleted member), client passwords of members who lost access revoked.
 * Reading or moving mail never re-checks the corp. (Derived lookups follow writes: derived.ts.)
 */
export function afterWrite(
  state: BackendState,
  env: MockEnv,
  corpid: string,
  accessChanged = true,
): Promise<unknown> {
  const corp = has(state.corps, corpid) ? state.corps[corpid] : undefined
  return corp && accessChanged ? reconcileAccess(state, corp, env) : Promise.resolve()
}

export function createDispatcher(env: MockEnv, options: DispatchOptions = {}): Dispatch {
  const changed = options.changed ?? ((spec: ApiSpec) => spec.write === true)
  const accessChanged = options.accessChanged ?? ((spec: ApiSpec) => spec.write === true)
  let lastSweep = 0

  return async function dispatch(state, api, rawBody, ctx) {
    if (typeof api !== 'string' || !has(apiTable, api)) {
      return failure(ErrCode.INVALID_PARAM, `接口不存在：${String(api).slice(0, 64)}`)
    }
    const spec = apiTable[api]
    const corpid = ctx && typeof ctx.corpid === 'string' ? ctx.corpid : ''
    const userid = ctx && typeof ctx.userid === 'string' ? ctx.userid : ''
    const corp = has(state.corps, corpid) ? state.corps[corpid] : undefined
    if (!corp) return failure(ErrCode.NO_PRIVILEGE, '企业不存在或无权访问 (corpid)')
    const caller = has(corp.users, userid) ? corp.users[userid] : undefined
    if (!caller) return failure(ErrCode.USER_NOT_FOUND, '调用者不是该企业的成员 (userid)')
    const isAdmin = corp.admins.includes(userid) || corp.creator === userid
    if (spec.admin && !isAdmin) return failure(ErrCode.NO_PRIVILEGE, '没有权限：仅企业管理员可以执行此操作')
    const lock = migrationLock(state, corp, spec)
    if (lock) return lock
    const body = (rawBody && typeof rawBody === 'object' && !Array.isArray(rawBody) ? rawBody : {}) as Record<
      string,
      unknown
    >
    // The API's schema (contract/) checks the body before anything else looks at it.
    const input = parseInput(spec.input, body, ErrCode.INVALID_PARAM)
    if (!input.ok) return failure(input.errcode, input.errmsg)
    // Only APIs declared idempotent honour a key (a read, or marking a mail read, has nothing to repeat).
    const keyed = spec.idempotent === true
    const at = env.now()
    const records = idempotencyOf(env, state)
    const idem = keyed
      ? await checkIdempotency(records, corp.corpid, api, userid, body, at)
      : ({ kind: 'none' } as const)
    if (idem.kind === 'conflict') return idem.result
    if (idem.kind === 'replay') {
      // A replay must not outlive the caller's access to the mailbox it acted in.
      if (api.startsWith('mail/') && body.mailbox !== undefined) {
        const open = openMailbox(corp, caller, body.mailbox)
        if (!open.ok) return failure(open.errcode, open.errmsg)
      }
      return idem.result
    }
    const hctx: HandlerContext = { state, corp, caller, env, isAdmin }
    if (LOOKS_AT_BIN.has(api)) await purgeBin(hctx)
    const result = await spec.handler(hctx, input.value as Record<string, unknown>)
    if (result.errcode === 0) {
      if (idem.kind === 'fresh') await rememberIdempotent(records, corp.corpid, idem, result, at)
      if (at - lastSweep > IDEMPOTENCY_TTL_MS / 24) {
        lastSweep = at
        await expireIdempotency(records, at)
      }
      if (changed(spec)) await afterWrite(state, env, corp.corpid, accessChanged(spec))
    }
    return result
  }
}
