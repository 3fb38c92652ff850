// The mock backend: the authority for every rule, in-process, WeCom-shaped (../shared/spec/api.md).
import type { ApiResult, CallContext, CorpSetup, IncomingMail, KeyValueStorage } from '../contract'
import { ErrCode } from '../../policy/codes'
import type { MockEnv } from './env'
import { apiTable } from './handlers'
import { deliverMail } from './handlers/deliver'
import { clientLogin as clientLoginImpl } from './handlers/clientLogin'
import { reconcileAccess } from './handlers/reconcile'
import { checkIdempotency, rememberIdempotent } from './idempotency'
import { invalidateOrg } from './orgIndex'
import { bumpMailIndex } from './mail/mailboxIndex'
import { readSaved, serialize, STATE_KEY } from './persistence'
import { failure, type HandlerContext } from './registry'
import { stateFromSetups } from './seed'
import { SCHEMA_VERSION, type BackendState } from './state'
import { demoState } from './demo'
import { migrationLock } from './lock'
import { resumeMigrations } from './migration/runner'

export type { ApiResult, CallContext, CorpSetup, IncomingMail, KeyValueStorage } from '../contract'

export interface MockBackendOptions {
  corps?: CorpSetup[]
  now?: () => number
  random?: () => number
  latencyMs?: number
  failureRate?: number
  storage?: KeyValueStorage
}

export interface MockBackend {
  call(api: string, body: object, ctx: { corpid: string; userid: string }): Promise<ApiResult>
  deliver(corpid: string, to: string, mail: IncomingMail): Promise<ApiResult>
  clientLogin(email: string, authCode: string, protocol: 'imap' | 'pop' | 'smtp'): Promise<ApiResult>
  settle(): Promise<void>
  /** run one pending background task (a migration step); false when none was pending */
  step(): Promise<boolean>
  /** why the persisted state was replaced on start-up (corrupt / incompatible), or null */
  recovery(): Promise<string | null>
}

export const BUSY_MESSAGE = '系统繁忙，请稍后重试'

export function createMockBackend(options: MockBackendOptions = {}): MockBackend {
  const now = options.now ?? (() => Date.now())
  const random = options.random ?? Math.random
  const latencyMs = Math.max(0, options.latencyMs ?? 0)
  const failureRate = Math.min(1, Math.max(0, options.failureRate ?? 0))
  const storage = options.storage
  const tasks: Array<() => void> = []
  const env: MockEnv = { now, random, schedule: (task) => void tasks.push(task) }
  const seed = (): BackendState => (options.corps ? stateFromSetups(options.corps) : demoState(env))

  let state: BackendState = storage ? { schema: SCHEMA_VERSION, corps: {} } : seed()
  let recovered: string | null = null
  let saving: Promise<void> = Promise.resolve()
  let dirty = false
  let queued = false

  const ready: Promise<void> = (async () => {
    if (!storage) return
    const outcome = await readSaved(storage)
    if (outcome.kind === 'loaded') {
      state = outcome.state
      // A migration saved mid-run continues with its next step on settle().
      resumeMigrations(state, env)
      return
    }
    state = seed()
    if (outcome.kind === 'rejected') {
      recovered = outcome.reason
      console.warn(`[mock backend] ${outcome.reason}，已重置为初始数据`)
    }
    dirty = true
    persist()
  })()

  function persist(): void {
    if (!storage || !dirty || queued) return
    queued = true
    // One queued save covers every write before it runs; saves land in order.
    saving = saving.then(async () => {
      queued = false
      dirty = false
      try {
        await storage.set(STATE_KEY, serialize(state))
      } catch {
        dirty = true // a failing storage must not break calls; retried on the next write
      }
    })
  }

  const pause = (): Promise<void> =>
    latencyMs > 0 ? new Promise((r) => setTimeout(r, latencyMs)) : Promise.resolve()

  function afterWrite(corpid: string): void {
    const corp = state.corps[corpid]
    // Any write may take a member's access away (user lists, departments, tags, deletion).
    if (corp) reconcileAccess(corp, env)
    // Member mail keeps derived lookups (mailboxes by user / department / tag, address routing).
    if (corp) bumpMailIndex(corp)
    dirty = true
    persist()
  }

  async function call(api: string, body: object, ctx: CallContext): Promise<ApiResult> {
    await ready
    await pause()
    if (failureRate > 0 && random() < failureRate) return failure(ErrCode.BUSY, BUSY_MESSAGE)
    try {
      return dispatch(api, body, ctx)
    } catch (e) {
      // A handler bug must not take the app down; tests assert -1 never appears without faults.
      console.error('[mock backend] handler crashed', api, e)
      return failure(ErrCode.BUSY, BUSY_MESSAGE)
    }
  }

  function dispatch(api: string, rawBody: unknown, ctx: CallContext): ApiResult {
    if (typeof api !== 'string' || !Object.prototype.hasOwnProperty.call(apiTable, api)) {
      return failure(ErrCode.INVALID_PARAM, `接口不存在：${String(api).slice(0, 64)}`)
    }
    const spec = apiTable[api]
    const body = rawBody ?? {}
    if (typeof body !== 'object' || Array.isArray(body)) {
      return failure(ErrCode.INVALID_PARAM, '请求体必须是 JSON 对象 (body)')
    }
    const corpid = ctx && typeof ctx.corpid === 'string' ? ctx.corpid : ''
    const userid = ctx && typeof ctx.userid === 'string' ? ctx.userid : ''
    const corp = Object.prototype.hasOwnProperty.call(state.corps, corpid) ? state.corps[corpid] : undefined
    if (!corp) return failure(ErrCode.NO_PRIVILEGE, '企业不存在或无权访问 (corpid)')
    const caller = Object.prototype.hasOwnProperty.call(corp.users, userid) ? corp.users[userid] : undefined
    if (!caller) return failure(ErrCode.USER_NOT_FOUND, '调用者不是该企业的成员 (userid)')
    const isAdmin = corp.admins.includes(userid) || corp.creator === userid
    if (spec.admin && !isAdmin) return failure(ErrCode.NO_PRIVILEGE, '没有权限：仅企业管理员可以执行此操作')
    const lock = migrationLock(state, corp, spec)
    if (lock) return lock
    const b = body as Record<string, unknown>
    const idem = checkIdempotency(corp, api, userid, b)
    if (idem.kind === 'replay' || idem.kind === 'conflict') return idem.result
    const hctx: HandlerContext = { state, corp, caller, env, isAdmin }
    const result = spec.handler(hctx, b)
    if (result.errcode === 0) {
      if (idem.kind === 'fresh') rememberIdempotent(corp, idem, result)
      if (spec.write || idem.kind === 'fresh') afterWrite(corp.corpid)
    }
    return result
  }

  function runNext(): boolean {
    const task = tasks.shift()
    if (!task) return false
    task()
    for (const corp of Object.values(state.corps)) invalidateOrg(corp)
    for (const corpid of Object.keys(state.corps)) afterWrite(corpid)
    return true
  }

  return {
    call,
    async deliver(corpid, to, mail) {
      await ready
      await pause()
      try {
        const result = deliverMail(state, env, corpid, to, mail)
        if (result.errcode === 0) afterWrite(corpid)
        return result
      } catch (e) {
        console.error('[mock backend] deliver crashed', e)
        return failure(ErrCode.BUSY, BUSY_MESSAGE)
      }
    },
    async clientLogin(email, authCode, protocol) {
      await ready
      await pause()
      try {
        const outcome = clientLoginImpl(state, env, email, authCode, protocol)
        if (outcome.changedCorp) afterWrite(outcome.changedCorp)
        return outcome.result
      } catch (e) {
        // like call() and deliver(): a bad argument must never reject the promise
        console.error('[mock backend] clientLogin crashed', e)
        return failure(ErrCode.BUSY, BUSY_MESSAGE)
      }
    },
    async settle() {
      await ready
      while (runNext());
      persist()
      await saving
    },
    async step() {
      await ready
      const ran = runNext()
      await saving
      return ran
    },
    async recovery() {
      await ready
      return recovered
    },
  }
}
