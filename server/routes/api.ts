// POST /cgi-bin/{api}: the caller is the session's member, whatever the headers or body say.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { ErrCode } from '../../src/policy/codes'
import { envelope, type AppDeps } from '../app'

export function bearerToken(req: FastifyRequest): string {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')
  return m ? m[1] : ''
}

export function apiRoutes(deps: AppDeps) {
  return async function routes(app: FastifyInstance): Promise<void> {
    app.post<{ Params: { '*': string } }>('/cgi-bin/*', async (req) => {
      const token = bearerToken(req)
      const session = token ? await deps.sessions.lookup(token) : ({ kind: 'unknown' } as const)
      if (session.kind === 'unknown') return envelope(ErrCode.NO_SESSION, '未登录或登录已失效，请重新登录')
      if (session.kind === 'expired') return envelope(ErrCode.SESSION_EXPIRED, '登录已过期，请重新登录')
      const body = req.body === undefined || req.body === null ? {} : (req.body as object)
      return deps.core.call(req.params['*'], body, session.identity)
    })
  }
}
