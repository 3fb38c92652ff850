// Dev mode only (BIZMAIL_DEV=1): the mock backend's test hooks over HTTP, so one contract suite
// runs against both. Each answers the envelope of the MockBackend method of the same name.
import type { FastifyInstance } from 'fastify'
import type { CorpSetup, IncomingMail } from '../../src/api/contract'
import { ErrCode } from '../../src/policy/codes'
import { envelope, type AppDeps } from '../app'

const OK = { errcode: 0, errmsg: 'ok' }
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

export function devRoutes(deps: AppDeps) {
  return async function routes(app: FastifyInstance): Promise<void> {
    app.post<{ Body: { corps?: unknown } }>('/dev/reset', async (req) => {
      const corps = req.body?.corps
      // Absent: the demo organisations, as createMockBackend() without corps.
      if (corps !== undefined && corps !== null && (!Array.isArray(corps) || !corps.every(isRecord))) {
        return envelope(ErrCode.INVALID_PARAM, 'corps 必须是企业配置的数组')
      }
      await deps.core.reset(corps ? (corps as unknown as CorpSetup[]) : undefined)
      await deps.db.query('DELETE FROM sessions')
      // Fresh corps reuse mail ids: an old link must not open a new mail's file.
      await deps.db.query('DELETE FROM file_links')
      return OK
    })
    app.post<{ Body: { now?: unknown } }>('/dev/clock', async (req) => {
      const now = req.body?.now
      if (now !== null && (typeof now !== 'number' || !Number.isFinite(now))) {
        return envelope(ErrCode.INVALID_PARAM, 'now 必须是毫秒时间戳或 null')
      }
      deps.clock.set(now)
      return OK
    })
    app.post<{ Body: { corpid?: unknown; to?: unknown; mail?: unknown } }>('/dev/deliver', async (req) => {
      const { corpid, to, mail } = req.body ?? {}
      if (typeof corpid !== 'string' || typeof to !== 'string' || !isRecord(mail)) {
        return envelope(ErrCode.INVALID_PARAM, '需要 corpid、to 和 mail')
      }
      return deps.core.deliver(corpid, to, mail as unknown as IncomingMail)
    })
    app.post<{ Body: { email?: unknown; auth_code?: unknown; protocol?: unknown } }>(
      '/dev/client-login',
      async (req) => {
        const { email, auth_code: code, protocol } = req.body ?? {}
        if (typeof email !== 'string' || typeof code !== 'string')
          return envelope(ErrCode.INVALID_PARAM, '需要 email 和 auth_code')
        if (protocol !== 'imap' && protocol !== 'pop' && protocol !== 'smtp') {
          return envelope(ErrCode.INVALID_PARAM, 'protocol 只能是 imap、pop 或 smtp')
        }
        return deps.core.clientLogin(email, code, protocol)
      },
    )
    app.post('/dev/settle', async () => {
      await deps.core.settle()
      return OK
    })
  }
}
