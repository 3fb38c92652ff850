// The typed api client: one `call` over whichever transport the app is configured with.
import type { ApiResult, CallContext, Transport } from './contract'

export type Envelope<T> = { errcode: number; errmsg: string } & Partial<T>

export class ApiError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
    readonly api: string,
  ) {
    super(`${api}: ${errcode} ${errmsg}`)
    this.name = 'ApiError'
  }

  /** -1 means nothing was done: the same request may be sent again */
  get retryable(): boolean {
    return this.errcode === -1
  }
}

export interface ApiClient {
  /** resolves with the envelope whatever the errcode; never rejects for an API-level refusal */
  call<T extends object = Record<string, unknown>>(api: string, body?: object): Promise<Envelope<T>>
  /** resolves with the result on errcode 0, rejects with ApiError otherwise */
  request<T extends object = Record<string, unknown>>(api: string, body?: object): Promise<T & ApiResult>
}

export function createApiClient(transport: Transport, identity: () => CallContext): ApiClient {
  async function call<T extends object>(api: string, body: object = {}): Promise<Envelope<T>> {
    try {
      return (await transport.call(api, body, identity())) as Envelope<T>
    } catch (e) {
      // A transport that throws (network down, bad JSON) is reported like a busy backend.
      return { errcode: -1, errmsg: networkMessage(e) } as Envelope<T>
    }
  }
  return {
    call,
    async request<T extends object>(api: string, body: object = {}) {
      const r = await call<T>(api, body)
      if (r.errcode !== 0) throw new ApiError(r.errcode, r.errmsg, api)
      return r as T & ApiResult
    },
  }
}

function networkMessage(e: unknown): string {
  const detail = e instanceof Error ? e.message : String(e)
  return `网络异常，请检查网络后重试（${detail.slice(0, 80)}）`
}
