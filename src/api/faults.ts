// Demo / test hook: make the transport fail on purpose, either before the backend sees the call
// ("busy", nothing done) or after it did the work ("response lost") — the case idempotency keys
// exist for. Off unless a FaultPlan is set (from the browser console or an e2e test).
import type { ApiResult, Transport } from './contract'

export interface FaultPlan {
  /** which calls may fail; empty or absent = every api */
  apis?: string[]
  /** 'before': the backend never sees the call; 'after': it runs, then the answer is lost */
  mode: 'before' | 'after'
  /** how many matching calls fail, starting now */
  count: number
}

export interface FaultInjector {
  plan: FaultPlan | null
  /** calls that were made to fail so far */
  injected: number
}

const LOST: ApiResult = { errcode: -1, errmsg: '网络不稳定，请求结果未知（模拟故障）' }

export function withFaults(inner: Transport, faults: FaultInjector): Transport {
  return {
    async call(api, body, ctx) {
      const plan = faults.plan
      const hit = plan && plan.count > 0 && (!plan.apis?.length || plan.apis.includes(api))
      if (!hit) return inner.call(api, body, ctx)
      plan.count -= 1
      faults.injected += 1
      if (plan.mode === 'before') return { ...LOST, errmsg: '系统繁忙，请稍后重试（模拟故障）' }
      await inner.call(api, body, ctx)
      return { ...LOST }
    },
  }
}
