// POST /cgi-bin/{api}: the caller is the session's member, whatever the headers or body say.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { ApiResult } from '../../src/api/contract'
import { ErrCode } from '../../src/policy/codes'
import { envelope, type AppDeps } from '../app'
import type { Identity } from '../auth/sessions'
import type { FileLinks, FileRef } from '../files/links'

export function bearerToken(req: FastifyRequest): string {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')
  return m ? m[1] : ''
}

/** where this server is reached: BIZMAIL_PUBLIC_URL behind a proxy, else the request's own host */
export function originOf(req: FastifyRequest, publicUrl: string | undefined): string {
  return publicUrl ? publicUrl.replace(/\/+$/, '') : `${req.protocol}://${req.host}`
}

export function apiRoutes(deps: AppDeps, links: FileLinks) {
  /** over HTTP mail/attachment/get also answers a link that needs no header (api.md) */
  async function withUrl(req: FastifyRequest, body: object, identity: Identity, r: ApiResult) {
    const { mailbox, mail_id, attachment_id } = body as FileRef
    const token = await links.issue(identity, { mailbox, mail_id, attachment_id })
    return { ...r, url: `${originOf(req, deps.publicUrl)}/files/${token}` }
  }

  return async function routes(app: FastifyInstance): Promise<void> {
    app.post<{ Params: { '*': string } }>('/cgi-bin/*', async (req) => {
      const token = bearerToken(req)
      const session = token ? await deps.sessions.lookup(token) : ({ kind: 'unknown' } as const)
      if (session.kind === 'unknown') return envelope(ErrCode.NO_SESSION, '未登录或登录已失效，请重新登录')
      if (session.kind === 'expired') return envelope(ErrCode.SESSION_EXPIRED, '登录已过期，请重新登录')
      const body = req.body === undefined || req.body === null ? {} : (req.body as object)
      const api = req.params['*']
      const r = await deps.core.call(api, body, session.identity)
      return api === 'mail/attachment/get' && r.errcode === 0 ? withUrl(req, body, session.identity, r) : r
    })
  }
}
