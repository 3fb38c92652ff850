// The HTTP server (api.md "The server over HTTP"): the contract at POST /cgi-bin/{api} for the
// session's member, WeCom login, health, and — in dev mode only — the mock backend's test hooks.
import path from 'node:path'
import fastifyStatic from '@fastify/static'
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify'
import { ErrCode } from '../src/policy/codes'
import type { Sessions } from './auth/sessions'
import type { WecomClient } from './auth/wecom'
import type { Clock } from './clock'
import type { ServerCore } from './core'
import type { Db } from './db'
import { FileLinks } from './files/links'
import { apiRoutes } from './routes/api'
import { authRoutes } from './routes/auth'
import { devRoutes } from './routes/dev'
import { fileRoutes } from './routes/files'

/** room for a 20 MB attachment in base64 (api.md) */
export const BODY_LIMIT = 32 * 1024 * 1024

export interface AppDeps {
  db: Db
  core: ServerCore
  sessions: Sessions
  wecom: WecomClient | null
  clock: Clock
  /** BIZMAIL_DEV=1: the pick-who-you-are login and the test hooks */
  dev: boolean
  logger?: boolean
  /** BIZMAIL_STATIC: a built H5 app (dist/h5) served at / on the same origin as the API */
  staticDir?: string
  /** BIZMAIL_PUBLIC_URL: the origin the app reaches this server at (attachment links); default the request's */
  publicUrl?: string
}

export function buildApp(deps: AppDeps): FastifyInstance {
  const app = Fastify({
    bodyLimit: BODY_LIMIT,
    logger: deps.logger
      ? { redact: ['req.headers.authorization', 'req.body.code', 'req.body.auth_code'] }
      : false,
    return503OnClosing: true,
  })

  // JSON only: Fastify also parses text/plain by default, which the contract does not accept (415).
  app.removeContentTypeParser('text/plain')

  // Transport-level failures keep the envelope shape, with the HTTP status saying what went wrong.
  app.setErrorHandler((err: FastifyError, _req, reply) => {
    const status = err.statusCode ?? 500
    if (status === 413)
      return reply.code(413).send(envelope(ErrCode.INVALID_PARAM, '请求内容过大（上限 32 MB）'))
    if (status === 415) {
      return reply
        .code(415)
        .send(envelope(ErrCode.INVALID_PARAM, '请求格式不支持：请以 application/json 发送'))
    }
    if (status === 400)
      return reply.code(400).send(envelope(ErrCode.INVALID_PARAM, '请求内容不是合法的 JSON'))
    app.log.error({ err }, 'unhandled')
    return reply.code(500).send(envelope(ErrCode.BUSY, '系统繁忙，请稍后重试'))
  })
  const staticDir = deps.staticDir ? path.resolve(deps.staticDir) : ''
  if (staticDir) app.register(fastifyStatic, { root: staticDir, prefix: '/', cacheControl: false })
  app.setNotFoundHandler((req, reply) => {
    // The H5 router's deep links are pages of the one index.html.
    if (staticDir && req.method === 'GET' && !req.url.startsWith('/cgi-bin/'))
      return reply.sendFile('index.html')
    return reply.code(404).send(envelope(ErrCode.INVALID_PARAM, '接口不存在'))
  })

  app.get('/healthz', async (_req, reply) => {
    try {
      await deps.db.query('SELECT 1')
      return { ok: true, db: true }
    } catch {
      return reply.code(503).send({ ok: false, db: false })
    }
  })

  const links = new FileLinks(deps.db, deps.clock.now)
  app.register(apiRoutes(deps, links))
  app.register(fileRoutes(deps, links))
  app.register(authRoutes(deps))
  if (deps.dev) app.register(devRoutes(deps))
  return app
}

export function envelope(errcode: number, errmsg: string): { errcode: number; errmsg: string } {
  return { errcode, errmsg }
}
