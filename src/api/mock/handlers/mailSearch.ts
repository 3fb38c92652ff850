// mail/message/search (api.md "Mail content and files"): the caller's matches in one mailbox, newest
// first, keyset-paged like mail/message/list. The mailbox is opened exactly as every mail/* call
// opens it (access and enabled state now); the index is mail/mailSearchIndex.
import { ErrCode } from '../../../policy/codes'
import {
  searchSnippet,
  searchTerms,
  SEARCH_PAGE_DEFAULT,
  UNSEARCHED_FOLDERS,
} from '../../../policy/mailSearch'
import { parseCursor } from '../mail/listing'
import { searchStore } from '../mail/mailSearchIndex'
import { openMailbox } from '../mail/open'
import { folderExists, seqOf } from '../mail/store'
import { failure, success, type Handler, type Handlers } from '../registry'

const messageSearch: Handler<'mail/message/search'> = ({ corp, caller }, body) => {
  const box = openMailbox(corp, caller, body.mailbox)
  if (!box.ok) return failure(box.errcode, box.errmsg)
  const terms = searchTerms(body.query)
  if (!terms.length) return failure(ErrCode.INVALID_PARAM, '搜索内容不能为空 (query)')
  const folder = body.folder ?? undefined
  if (folder !== undefined && !folderExists(box.value.store, folder)) {
    return failure(ErrCode.INVALID_PARAM, '文件夹不存在 (folder)')
  }
  const cursor = parseCursor(body.cursor)
  if (!cursor.ok) return failure(cursor.errcode, cursor.errmsg)
  const limit = body.limit ?? SEARCH_PAGE_DEFAULT
  const inFolder =
    folder === undefined ? (f: string) => !UNSEARCHED_FOLDERS.includes(f) : (f: string) => f === folder
  const found = searchStore(box.value.store, terms, inFolder, cursor.value, limit)
  const last = found.messages[found.messages.length - 1]
  return success({
    items: found.messages.map((m) => ({
      mail_id: m.mail_id,
      folder: m.folder,
      from: m.from,
      to: m.to.slice(),
      subject: m.subject,
      snippet: searchSnippet(m.content, terms),
      time: m.time,
      read: m.read,
      starred: m.starred,
      ...(m.attachments?.length ? { attachments: m.attachments.length } : {}),
    })),
    next_cursor: found.more && last ? `${last.time}_${seqOf(last.mail_id)}` : '',
  })
}

export const mailSearchApis = {
  'mail/message/search': messageSearch,
} satisfies Partial<Handlers>
