// 彻底删除 / 清空 (README contract additions): the mailbox is opened as every mail/* call opens it
// (access and enabled state now); the rules are policy/purge; nothing changes on a refusal.
import { ErrCode } from '../../../policy/codes'
import { checkEmptyFolder, checkPurge } from '../../../policy/purge'
import { openMailbox } from '../mail/open'
import { purgeMessages } from '../mail/purge'
import { folderMessages, getMessage } from '../mail/store'
import { failure, success, type Handler, type Handlers } from '../registry'
import type { MailMessage } from '../state'

const messageDelete: Handler<'mail/message/delete'> = ({ state, corp, caller, env }, body) => {
  const box = openMailbox(corp, caller, body.mailbox)
  if (!box.ok) return failure(box.errcode, box.errmsg)
  const { store } = box.value
  const named: MailMessage[] = []
  for (const id of body.mail_ids) {
    const m = getMessage(store, id)
    if (!m) return failure(ErrCode.INVALID_PARAM, '邮件不存在 (mail_ids)')
    named.push(m)
  }
  const allowed = checkPurge(named.map((m) => m.folder))
  if (!allowed.ok) return failure(allowed.errcode, allowed.errmsg)
  // With thread, each named message takes its conversation in the same folder (as update does).
  const doomed = new Map(named.map((m) => [m.mail_id, m]))
  if (body.thread) {
    for (const m of Object.values(store.messages))
      if (named.some((n) => n.thread === m.thread && n.folder === m.folder)) doomed.set(m.mail_id, m)
  }
  return success({ deleted: purgeMessages(state, env, store, [...doomed.values()]) })
}

const folderEmpty: Handler<'mail/folder/empty'> = ({ state, corp, caller, env }, body) => {
  const box = openMailbox(corp, caller, body.mailbox)
  if (!box.ok) return failure(box.errcode, box.errmsg)
  const folder = checkEmptyFolder(body.folder)
  if (!folder.ok) return failure(folder.errcode, folder.errmsg)
  const { store } = box.value
  // a copy: the cached list goes stale as the messages leave
  const doomed = folderMessages(store, folder.value).slice()
  return success({ deleted: purgeMessages(state, env, store, doomed) })
}

export const mailPurgeApis = {
  'mail/message/delete': messageDelete,
  'mail/folder/empty': folderEmpty,
} satisfies Partial<Handlers>
