// 彻底删除 / 清空 (README contract additions, beyond api.md): mail in 已删除 or 垃圾箱 deleted for
// good; its attachment bytes are released unless another copy still names them.
import { PURGE_MAX } from '../../policy/purge'
import { def, idempotencyKey, idText, opt, required } from './schema'
import * as v from 'valibot'

const mailbox = required(v.union([v.string(), v.number()], '邮箱必须是 personal 或业务邮箱 id'), '缺少邮箱')
const WRITE = { write: true, idempotent: true } as const

export const mailPurgeApis = {
  // thread: each named message takes its whole conversation in that folder (as update does)
  'mail/message/delete': def<{ deleted: number }>()(
    v.object({
      mailbox,
      mail_ids: required(
        v.pipe(
          v.array(idText('缺少或无效的 id'), '邮件 id 列表必须是数组'),
          v.minLength(1, '请选择要彻底删除的邮件'),
          v.maxLength(PURGE_MAX, `一次最多彻底删除 ${PURGE_MAX} 封邮件`),
        ),
        '请选择要彻底删除的邮件',
      ),
      thread: opt(v.boolean('必须是 true 或 false')),
      idempotency_key: idempotencyKey,
    }),
    WRITE,
  ),
  'mail/folder/empty': def<{ deleted: number }>()(
    v.object({ mailbox, folder: v.string('文件夹不存在'), idempotency_key: idempotencyKey }),
    WRITE,
  ),
}
