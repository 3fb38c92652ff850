// SMTP submission (product spec 3.7, api.md "The server over HTTP"): a mail client that logged in
// with a business mailbox's client-specific password sends as that mailbox, exactly as
// mail/message/send would (mail/send.ts). The login is checked again at the moment of sending: a
// password revoked, a mailbox disabled or SMTP's service switched off since AUTH stops the mail.
import { hasAccess } from '../../../policy/access'
import { CLIENT_LOGIN_REFUSED_MESSAGE } from '../../../policy/clientLock'
import { checkClientAccess } from '../../../policy/clientLogin'
import { ErrCode } from '../../../policy/codes'
import { normalizeAddress, parseMailbox } from '../../../policy/mailAddress'
import { sanitizeMailHtml } from '../../../policy/mailHtml'
import type { ApiResult, Parsed } from '../../contract'
import { storeIncomingFiles } from '../handlers/deliver'
import { MAX_HEADER_ID } from '../../contract/mail'
import type { MockEnv } from '../env'
import { orgIndex } from '../orgIndex'
import { mailboxesByAddress } from '../publicmail/mailboxes'
import { failure, success } from '../registry'
import type { BackendState } from '../state'
import { checkSend } from './compose'
import { businessBox } from './open'
import { sendOutgoing } from './send'
import { copyOf } from './store'
import { clientPasswordsOf } from '../ports/clientPasswords'
import { settingsOf } from '../ports/settings'

/** What clientLogin answered for the connection: the mailbox's address and the password used. */
export interface ClientSession {
  email: string
  auth_code_id: string
}

/** A submitted message: headers as the client wrote them, `bcc` = envelope recipients not in To / Cc. */
export interface SubmittedMail {
  from: string
  to: string[]
  cc: string[]
  bcc: string[]
  subject: string
  content: string
  message_id: string
  in_reply_to: string
  /** the client's References header, oldest first: sent on as written (capped) */
  references?: string[]
  /** the HTML part as the client wrote it (sanitised here) */
  html?: string
  /** base64 content, as IncomingMail's */
  attachments?: { filename: string; content_type: string; content: string }[]
}

export interface SubmitOutcome {
  /** errcode 0: { mail_id, message_id }; a repeat of a Message-ID already sent adds duplicate: true */
  result: ApiResult
  /** why the mail was refused: the login is no longer valid, or From is not the mailbox's */
  refused: 'login' | 'from' | null
  changedCorp: string | null
}

export async function submitMail(
  state: BackendState,
  env: MockEnv,
  session: ClientSession,
  mail: SubmittedMail,
): Promise<SubmitOutcome> {
  const loginRefused: SubmitOutcome = {
    result: failure(ErrCode.CLIENT_LOGIN_REFUSED, CLIENT_LOGIN_REFUSED_MESSAGE),
    refused: 'login',
    changedCorp: null,
  }
  const port = clientPasswordsOf(env, state)
  for (const { corp, mailbox } of mailboxesByAddress(state, normalizeAddress(session.email))) {
    const code = await port.find(corp.corpid, mailbox.id, session.auth_code_id)
    if (!code || code.revoked) continue
    if (!code.by_admin) {
      const member = Object.prototype.hasOwnProperty.call(corp.users, code.creator)
        ? corp.users[code.creator]
        : undefined
      if (!member || !hasAccess(mailbox, member, orgIndex(corp))) return loginRefused
    }
    const store = corp.stores[mailbox.storeId]
    if (!store) return loginRefused
    const shared = await settingsOf(env, state).shared(corp.corpid, store.id)
    if (!checkClientAccess(mailbox, shared, 'smtp').ok) return loginRefused
    const box = businessBox(mailbox, store)
    const sender = parseMailbox(mail.from)
    const from = sender ? normalizeAddress(sender.address) : ''
    if (!box.addresses.includes(from)) {
      return {
        result: failure(
          ErrCode.INVALID_PARAM,
          `发件地址必须是 ${box.email} 或它的别名：${mail.from.slice(0, 64)} (from)`,
        ),
        refused: 'from',
        changedCorp: null,
      }
    }
    const body = {
      mailbox: mailbox.id,
      idempotency_key: `smtp:${mail.message_id}`,
      from,
      to: mail.to,
      cc: mail.cc,
      bcc: mail.bcc,
      subject: mail.subject,
      content: mail.content,
      in_reply_to: mail.in_reply_to,
    } satisfies Parsed<'mail/message/send'>
    const checked = checkSend(body, box.addresses)
    if (!checked.ok) {
      return { result: failure(checked.errcode, checked.errmsg), refused: null, changedCorp: null }
    }
    const messageId = mail.message_id.length <= MAX_HEADER_ID ? mail.message_id.trim() : ''
    // A client that lost the connection after DATA sends the same message again: send it once.
    const again = copyOf(store, messageId, 'sent')
    if (again) {
      return {
        result: success({ mail_id: again.mail_id, message_id: again.message_id, duplicate: true }),
        refused: null,
        changedCorp: null,
      }
    }
    const files = storeIncomingFiles(
      env,
      (mail.attachments ?? []).map((a) => ({
        name: a.filename,
        content_type: a.content_type,
        data: a.content,
      })),
    )
    if (!files.ok) return { result: failure(files.errcode, files.errmsg), refused: null, changedCorp: null }
    const html = mail.html ? sanitizeMailHtml(mail.html) : ''
    const references = (mail.references ?? []).filter((id) => id.length <= MAX_HEADER_ID)
    const sent = await sendOutgoing(
      state,
      corp,
      env,
      box,
      {
        ...checked.value,
        attachments: files.value,
        references,
        ...(html ? { content_html: html } : {}),
      },
      messageId,
    )
    await port.update(corp.corpid, mailbox.id, code.auth_code_id, { last_use_time: env.now() })
    return {
      result: success({ mail_id: sent.mail_id, message_id: sent.message_id }),
      refused: null,
      changedCorp: corp.corpid,
    }
  }
  return loginRefused
}
