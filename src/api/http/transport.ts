// The server: POST {baseUrl}/cgi-bin/{api} with a JSON body and the session's bearer token, same
// envelope as the mock. No session yet, or the server says it is gone (41001) or expired (42001):
// log in again without asking the member and repeat the call once.
import type { ApiResult, CallContext, Transport } from '../contract'
import { ErrCode } from '../../policy/codes'

export interface HttpRequest {
  (options: {
    url: string
    method: 'POST'
    data: object
    header: Record<string, string>
  }): Promise<{ statusCode: number; data: unknown }>
}

/** How this build proves who the member is: a WeCom code, or (dev servers only) a picked identity. */
export interface LoginMethod {
  /** `/auth/wecom`, `/auth/wecom-web` or `/auth/dev` */
  path: string
  /** the body for that path; `null` when no login is possible right now (e.g. an OAuth redirect started) */
  body(identity: CallContext): Promise<object | null>
}

export interface SessionLogin {
  token: string
  corpid: string
  userid: string
}

export interface HttpTransportOptions {
  login?: LoginMethod
  /** told who the server says the member is, after every login */
  onLogin?: (session: SessionLogin) => void
}

const RELOGIN = new Set<number>([ErrCode.NO_SESSION, ErrCode.SESSION_EXPIRED])

export function createHttpTransport(
  baseUrl: string,
  request: HttpRequest,
  options: HttpTransportOptions = {},
): Transport {
  const root = baseUrl.replace(/\/+$/, '')
  let session: (SessionLogin & { key: string }) | null = null
  let pending: Promise<ApiResult | null> | null = null

  async function post(path: string, data: object, token?: string): Promise<ApiResult> {
    const header: Record<string, string> = { 'content-type': 'application/json' }
    if (token) header.authorization = `Bearer ${token}`
    const res = await request({ url: `${root}${path}`, method: 'POST', data, header })
    const body = res.data as Partial<ApiResult> | null
    if (res.statusCode !== 200 || !body || typeof body.errcode !== 'number') {
      const text = body && typeof body.errmsg === 'string' ? `：${body.errmsg}` : ''
      return { errcode: -1, errmsg: `服务器异常（HTTP ${res.statusCode}）${text}，请稍后重试` }
    }
    return body as ApiResult
  }

  /** null when logged in; else the refusal to answer the call with */
  function login(ctx: CallContext): Promise<ApiResult | null> {
    // Calls that find no session at the same moment share one login.
    pending ??= (async () => {
      const method = options.login
      if (!method) return { errcode: ErrCode.NO_SESSION, errmsg: '未配置登录方式，无法连接服务器' }
      let body: object | null
      try {
        body = await method.body(ctx)
      } catch (e) {
        return {
          errcode: ErrCode.NO_SESSION,
          errmsg: e instanceof Error ? e.message : '无法登录，请稍后重试',
        }
      }
      if (!body) return { errcode: ErrCode.NO_SESSION, errmsg: '正在跳转到企业微信登录…' }
      const r = await post(method.path, body)
      if (r.errcode !== 0 || typeof r.token !== 'string') return r
      session = {
        token: r.token,
        corpid: String(r.corpid ?? ''),
        userid: String(r.userid ?? ''),
        key: keyOf(ctx),
      }
      options.onLogin?.({ token: session.token, corpid: session.corpid, userid: session.userid })
      return null
    })().then(
      // not finally(): iOS 10's engine (base library 2.15.0) has no Promise#finally
      (r) => {
        pending = null
        return r
      },
      (e: unknown) => {
        pending = null
        throw e
      },
    )
    return pending
  }

  return {
    async call(api: string, body: object, ctx: CallContext): Promise<ApiResult> {
      // A dev identity switch is a different member: their own session.
      if (session && options.login?.path === '/auth/dev' && session.key !== keyOf(ctx)) session = null
      for (let attempt = 0; ; attempt++) {
        if (!session && options.login) {
          const refused = await login(ctx)
          if (refused) return refused
        }
        const token = session?.token
        const r = await post(`/cgi-bin/${api}`, body, token)
        if (!RELOGIN.has(r.errcode) || attempt > 0 || !options.login) return r
        if (session?.token === token) session = null
      }
    },
  }
}

function keyOf(ctx: CallContext): string {
  return `${ctx.corpid}\u0000${ctx.userid}`
}
