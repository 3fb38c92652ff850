// GET /files/:token: an attachment's bytes by the link mail/attachment/get answered as `url` (no
// header needed, for Taro.downloadFile). The download is mail/attachment/get again as the link's
// member, so access lost since the link was issued is refused; unknown or expired links are 404.
import type { FastifyInstance, FastifyReply } from 'fastify'
import { ErrCode } from '../../src/policy/codes'
import { envelope, type AppDeps } from '../app'
import { contentDisposition, downloadType } from '../files/headers'
import type { FileLinks } from '../files/links'

export const LINK_GONE_MESSAGE = '下载链接无效或已过期，请重新打开附件'

export function fileRoutes(deps: AppDeps, links: FileLinks) {
  return async function routes(app: FastifyInstance): Promise<void> {
    app.get<{ Params: { token: string } }>('/files/:token', async (req, reply) => {
      const link = await links.open(req.params.token)
      if (!link) return gone(reply, ErrCode.INVALID_PARAM, LINK_GONE_MESSAGE)
      const { identity, ...ref } = link
      const r = await deps.core.call('mail/attachment/get', ref, identity)
      if (r.errcode === ErrCode.BUSY) return reply.code(503).send(envelope(r.errcode, r.errmsg))
      // No access any more, the member left, the mail deleted: the link opens nothing.
      if (r.errcode !== 0 || typeof r.data !== 'string') return gone(reply, r.errcode, r.errmsg)
      const bytes = Buffer.from(r.data, 'base64')
      return reply
        .header('content-type', downloadType(String(r.content_type ?? '')))
        .header('content-length', bytes.length)
        .header('content-disposition', contentDisposition(String(r.name ?? '')))
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(bytes)
    })
  }
}

function gone(reply: FastifyReply, errcode: number, errmsg: string) {
  return reply
    .code(404)
    .header('cache-control', 'no-store')
    .send(envelope(errcode || ErrCode.INVALID_PARAM, errmsg || LINK_GONE_MESSAGE))
}
