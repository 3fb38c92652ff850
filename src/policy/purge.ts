// 彻底删除 and 清空 (README contract additions): only mail already in 已删除 or 垃圾箱 may be deleted
// for good, so one mistaken tap elsewhere can never destroy mail (delete elsewhere moves to 已删除).
import { ErrCode } from './codes'
import { ok, refuse, type Verdict } from './result'

export type PurgeableFolder = 'trash' | 'spam'

/** the folders whose mail can be deleted for good */
export const PURGEABLE_FOLDERS: readonly PurgeableFolder[] = ['trash', 'spam']

/** most messages one mail/message/delete names */
export const PURGE_MAX = 100

export function isPurgeable(folder: string): folder is PurgeableFolder {
  return (PURGEABLE_FOLDERS as readonly string[]).includes(folder)
}

/** mail/message/delete: every message must be in 已删除 or 垃圾箱, else none is deleted. */
export function checkPurge(folders: readonly string[]): Verdict {
  return folders.every(isPurgeable)
    ? ok()
    : refuse(ErrCode.NOT_IN_TRASH, '只能彻底删除「已删除」或「垃圾箱」中的邮件 (mail_ids)')
}

/** mail/folder/empty: only 已删除 or 垃圾箱 can be emptied. */
export function checkEmptyFolder(folder: string): Verdict<PurgeableFolder> {
  return isPurgeable(folder)
    ? ok(folder)
    : refuse(ErrCode.INVALID_PARAM, '只能清空「已删除」或「垃圾箱」 (folder)')
}
