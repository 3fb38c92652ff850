// Future server: POST {baseUrl}/cgi-bin/{api} with a JSON body, same envelope as the mock.
import type { ApiResult, CallContext, Transport } from '../contract'

export interface HttpRequest {
  (options: {
    url: string
    method: 'POST'
    data: object
    header: Record<string, string>
  }): Promise<{ statusCode: number; data: unknown }>
}

export function createHttpTransport(baseUrl: string, request: HttpRequest): Transport {
  const root = baseUrl.replace(/\/+$/, '')
  return {
    async call(api: string, body: object, ctx: CallContext): Promise<ApiResult> {
      const res = await request({
        url: `${root}/cgi-bin/${api}`,
        method: 'POST',
        data: body,
        // The server derives identity from the session; these headers only serve the dev login.
        header: { 'content-type': 'application/json', 'x-corpid': ctx.corpid, 'x-userid': ctx.userid },
      })
      const data = res.data as Partial<ApiResult> | null
      if (res.statusCode !== 200 || !data || typeof data.errcode !== 'number') {
        return { errcode: -1, errmsg: `服务器异常（HTTP ${res.statusCode}），请稍后重试` }
      }
      return data as ApiResult
    },
  }
}
