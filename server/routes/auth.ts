// Login: a WeCom code (mini-program wx.qy.login, or OAuth in WeCom's browser) becomes a session of
// a member of a provisioned corp. Repeated failures from one source are slowed down.
import type { FastifyInstance } from 'fastify'
import { ErrCode } from '../../src/policy/codes'
import type { Identity } from '../auth/sessions'
import { envelope, type AppDeps } from '../app'

/** failed logins per source within the window before further attempts are refused */
export const LOGIN_FAILURES_ALLOWED = 20
const WINDOW_MS = 10 * 60_000
const RATE_LIMITED = 45009

export function authRoutes(deps: AppDeps) {
  async function limited(source: string): Promise<boolean> {
    const since = new Date(deps.clock.now() - WINDOW_MS)
    const { rows } = await deps.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM login_attempts WHERE source = $1 AND at > $2',
      [source, since],
    )
    return (rows[0]?.n ?? 0) >= LOGIN_FAILURES_ALLOWED
  }
  async function failed(source: string): Promise<void> {
    await deps.db.query('INSERT INTO login_attempts (source, at) VALUES ($1, $2)', [
      source,
      new Date(deps.clock.now()),
    ])
  }

  /** a session for a WeCom-confirmed identity, when it is a member */
  async function sessionFor(identity: Identity, via: 'wecom' | 'wecom-web' | 'dev', source: string) {
    if (!(await deps.core.isMember(identity))) {
      await failed(source)
      return envelope(ErrCode.USER_NOT_FOUND, '你不在本企业的通讯录中，无法登录，请联系管理员')
    }
    const s = await deps.sessions.open(identity, via)
    return { errcode: 0, errmsg: 'ok', ...s, corpid: identity.corpid, userid: identity.userid }
  }

  return async function routes(app: FastifyInstance): Promise<void> {
    for (const [path, via] of [
      ['/auth/wecom', 'wecom'],
      ['/auth/wecom-web', 'wecom-web'],
    ] as const) {
      app.post<{ Body: { code?: unknown } }>(path, async (req) => {
        const code = req.body?.code
        if (typeof code !== 'string' || code.length === 0 || code.length > 512) {
          return envelope(ErrCode.INVALID_PARAM, '缺少登录凭证，请重新进入应用')
        }
        if (!deps.wecom) return envelope(ErrCode.BUSY, '服务器未配置企业微信登录，请联系管理员')
        if (await limited(req.ip)) return envelope(RATE_LIMITED, '登录尝试过于频繁，请 10 分钟后再试')
        const who = via === 'wecom' ? await deps.wecom.login(code) : await deps.wecom.loginWeb(code)
        if (!who.ok) {
          if (who.errcode !== ErrCode.BUSY) await failed(req.ip)
          return envelope(who.errcode, who.errmsg)
        }
        return sessionFor({ corpid: who.corpid, userid: who.userid }, via, req.ip)
      })
    }
    if (deps.dev) {
      app.post<{ Body: { corpid?: unknown; userid?: unknown } }>('/auth/dev', async (req) => {
        const { corpid, userid } = req.body ?? {}
        if (typeof corpid !== 'string' || typeof userid !== 'string') {
          return envelope(ErrCode.INVALID_PARAM, '请选择企业和成员')
        }
        return sessionFor({ corpid, userid }, 'dev', req.ip)
      })
    }
  }
}
