// The WeCom server API for login: an access token (cached until shortly before it expires, fetched
// again once when WeCom says it is invalid or expired), then the code exchanges. The secret, the
// token and session_key never leave this module (and the database's wecom_tokens, where instances
// share the token).
import type { TokenCache } from './tokenCache'
export interface WecomConfig {
  base: string
  corpid: string
  secret: string
  now?: () => number
  /** where instances share the token (the database); without it, this process only */
  cache?: TokenCache
}

export type WecomIdentity =
  { ok: true; corpid: string; userid: string } | { ok: false; errcode: number; errmsg: string }

/** WeCom's own codes worth a sentence; others pass through with WeCom's text */
const MESSAGES: Record<number, string> = {
  40029: '登录凭证无效或已使用，请重新进入应用',
  40013: '企业 ID 配置有误，请联系管理员',
  40001: '应用密钥配置有误，请联系管理员',
  60020: '服务器 IP 不在企业可信 IP 列表中，请联系管理员',
  45009: '登录过于频繁，请稍后重试',
}
const TOKEN_INVALID = new Set([40014, 42001])
/** refresh this long before WeCom's expires_in runs out */
const EARLY_MS = 5 * 60_000

export class WecomClient {
  private token: { value: string; expiresAt: number } | null = null
  private pending: Promise<string> | null = null
  private readonly now: () => number

  constructor(private readonly config: WecomConfig) {
    this.now = config.now ?? Date.now
  }

  /** mini-program: the code of wx.qy.login */
  login(code: string): Promise<WecomIdentity> {
    return this.exchange('/cgi-bin/miniprogram/jscode2session', {
      js_code: code,
      grant_type: 'authorization_code',
    })
  }

  /** H5 in WeCom's browser: the code of WeCom OAuth */
  loginWeb(code: string): Promise<WecomIdentity> {
    return this.exchange('/cgi-bin/auth/getuserinfo', { code })
  }

  private async exchange(path: string, params: Record<string, string>): Promise<WecomIdentity> {
    for (let attempt = 0; attempt < 2; attempt++) {
      let token: string
      try {
        token = await this.accessToken()
      } catch (e) {
        return unreachable(e)
      }
      let r: Record<string, unknown>
      try {
        r = await this.get(path, { access_token: token, ...params })
      } catch (e) {
        return unreachable(e)
      }
      const errcode = typeof r.errcode === 'number' ? r.errcode : 0
      if (TOKEN_INVALID.has(errcode) && attempt === 0) {
        this.token = null
        await this.config.cache?.drop(this.config.corpid, token).catch(() => undefined)
        continue
      }
      if (errcode !== 0) return refusal(errcode, r.errmsg)
      const userid = typeof r.userid === 'string' ? r.userid : typeof r.UserId === 'string' ? r.UserId : ''
      // getuserinfo answers openid for people outside the corp: no member, no session.
      if (!userid) return { ok: false, errcode: 60111, errmsg: '你不是本企业的成员，无法登录' }
      const corpid = typeof r.corpid === 'string' && r.corpid ? r.corpid : this.config.corpid
      return { ok: true, corpid, userid }
    }
    return { ok: false, errcode: -1, errmsg: '企业微信登录暂时不可用，请稍后重试' }
  }

  private accessToken(): Promise<string> {
    if (this.token && this.now() < this.token.expiresAt) return Promise.resolve(this.token.value)
    // One gettoken at a time: WeCom rate-limits it.
    this.pending ??= this.sharedOrFetched().finally(() => {
      this.pending = null
    })
    return this.pending
  }

  private async sharedOrFetched(): Promise<string> {
    const cache = this.config.cache
    const shared = cache ? await cache.read(this.config.corpid).catch(() => null) : null
    if (shared && this.now() < shared.expiresAt) {
      this.token = shared
      return shared.value
    }
    const value = await this.fetchToken()
    if (cache && this.token) await cache.write(this.config.corpid, this.token).catch(() => undefined)
    return value
  }

  private async fetchToken(): Promise<string> {
    const r = await this.get('/cgi-bin/gettoken', {
      corpid: this.config.corpid,
      corpsecret: this.config.secret,
    })
    if (r.errcode !== 0 || typeof r.access_token !== 'string') {
      throw new WecomRefusal(typeof r.errcode === 'number' ? r.errcode : -1, String(r.errmsg ?? ''))
    }
    const seconds = typeof r.expires_in === 'number' ? r.expires_in : 7200
    this.token = { value: r.access_token, expiresAt: this.now() + Math.max(0, seconds * 1000 - EARLY_MS) }
    return r.access_token
  }

  private async get(path: string, params: Record<string, string>): Promise<Record<string, unknown>> {
    const url = `${this.config.base.replace(/\/+$/, '')}${path}?${new URLSearchParams(params).toString()}`
    const res = await fetch(url, { signal: AbortSignal.timeout(10_000) })
    if (!res.ok) throw new Error(`WeCom HTTP ${res.status}`)
    return (await res.json()) as Record<string, unknown>
  }
}

class WecomRefusal extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(`WeCom ${errcode} ${errmsg}`)
  }
}

function refusal(errcode: number, errmsg: unknown): WecomIdentity {
  const text = MESSAGES[errcode] ?? `企业微信登录失败：${String(errmsg ?? '').slice(0, 120)}`
  return { ok: false, errcode, errmsg: text }
}

function unreachable(e: unknown): WecomIdentity {
  if (e instanceof WecomRefusal) return refusal(e.errcode, e.errmsg)
  return { ok: false, errcode: -1, errmsg: '无法连接企业微信，请稍后重试' }
}
