// The typed api client: one `call` over whichever transport the app is configured with.
// Types only: the schemas stay with the backend, out of builds that talk HTTP.
import type { ApiName, ApiResult, CallContext, Input, Output, Transport } from './contract'

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

/** the body argument: optional when the API takes no required field */
export type BodyArg<K extends ApiName> = object extends Input<K> ? [body?: Input<K>] : [body: Input<K>]

export interface ApiClient {
  /** resolves with the envelope whatever the errcode; never rejects for an API-level refusal */
  call<K extends ApiName>(api: K, ...body: BodyArg<K>): Promise<Envelope<Output<K>>>
  /** resolves with the result on errcode 0, rejects with ApiError otherwise */
  request<K extends ApiName>(api: K, ...body: BodyArg<K>): Promise<Output<K> & ApiResult>
}

export function createApiClient(transport: Transport, identity: () => CallContext): ApiClient {
  // The raw boundary: a transport carries any name and body; the types above are the contract's.
  async function raw(api: string, body: object = {}): Promise<ApiResult> {
    try {
      return await transport.call(api, body, identity())
    } catch (e) {
      // A transport that throws (network down, bad JSON) is reported like a busy backend.
      return { errcode: -1, errmsg: networkMessage(e) }
    }
  }
  return {
    async call<K extends ApiName>(api: K, ...body: BodyArg<K>) {
      return (await raw(api, body[0] ?? {})) as Envelope<Output<K>>
    },
    async request<K extends ApiName>(api: K, ...body: BodyArg<K>) {
      const r = await raw(api, body[0] ?? {})
      if (r.errcode !== 0) throw new ApiError(r.errcode, r.errmsg, api)
      return r as Output<K> & ApiResult
    },
  }
}

function networkMessage(e: unknown): string {
  const detail = e instanceof Error ? e.message : String(e)
  return `网络异常，请检查网络后重试（${detail.slice(0, 80)}）`
}
