// Client submission (Outlook, Foxmail …): AUTH PLAIN / LOGIN with a business mailbox's address and
// a client-specific password, checked by the core's clientLogin (protocol 'smtp': product.md 3.7,
// the lockout included; refused → 535), then the message is sent as that mailbox through the core
// (ServerCore.submit, the code path of mail/message/send). From must be the mailbox or one of its
// aliases (553). AUTH needs TLS unless `insecureAuth` (dev and tests on loopback only).
import { SMTPServer } from 'smtp-server'
import { ErrCode } from '../../src/policy/codes'
import { isValidAddress, MAX_RECIPIENTS, normalizeAddress } from '../../src/policy/mailAddress'
import type { ClientSession } from '../../src/api/mock'
import type { ServerCore } from '../core'
import {
  MAX_MESSAGE_BYTES,
  readMessage,
  silentLog,
  smtpError,
  tlsOptions,
  type SmtpLog,
  type SmtpTls,
} from './common'
import { parseMessage } from './parse'

export interface SubmissionOptions {
  core: ServerCore
  tls: SmtpTls | null
  /** allow AUTH before STARTTLS: only for dev mode and loopback tests */
  insecureAuth: boolean
  log?: SmtpLog
  maxBytes?: number
  name?: string
}

const TEMPORARY = '4.3.0 Temporary failure, try again later'

export function submissionServer(options: SubmissionOptions): SMTPServer {
  const { core } = options
  const log = options.log ?? silentLog
  const maxBytes = options.maxBytes ?? MAX_MESSAGE_BYTES

  const server: SMTPServer = new SMTPServer({
    ...tlsOptions(options.tls),
    name: options.name,
    banner: 'bizmail submission',
    size: maxBytes,
    authMethods: ['PLAIN', 'LOGIN'],
    authOptional: false,
    allowInsecureAuth: options.insecureAuth,
    logger: false,
    onAuth(auth, _session, callback) {
      core.clientLogin(auth.username ?? '', auth.password ?? '', 'smtp').then(
        (r) => {
          if (r.errcode !== 0) {
            // Never say whether the address or the password was wrong (nor that it is locked).
            return callback(smtpError(535, '5.7.8 Authentication credentials invalid'))
          }
          const user: ClientSession = { email: String(r.email), auth_code_id: String(r.auth_code_id) }
          callback(null, { user })
        },
        (err: unknown) => {
          log.error({ err }, 'submission: login failed')
          callback(smtpError(454, '4.7.0 Temporary authentication failure'))
        },
      )
    },
    onRcptTo(address, session, callback) {
      if (!isValidAddress(address.address))
        return callback(smtpError(553, '5.1.3 Bad recipient address syntax'))
      if (session.envelope.rcptTo.length >= MAX_RECIPIENTS) {
        return callback(smtpError(452, '4.5.3 Too many recipients'))
      }
      callback()
    },
    onData(stream, session, callback) {
      const user = session.user as ClientSession | undefined
      const envelope = session.envelope.rcptTo.map((r) => normalizeAddress(r.address))
      void (async () => {
        const { raw, over } = await readMessage(stream, maxBytes)
        if (over) return callback(smtpError(552, `5.3.4 Message too big (limit ${maxBytes} bytes)`))
        if (!user) return callback(smtpError(530, '5.7.0 Authentication required'))
        const parsed = await parseMessage(raw, '')
        const headed = new Set([...parsed.to, ...parsed.cc])
        // Envelope recipients the headers do not name were Bcc; with no To / Cc at all, they are To.
        const to = headed.size ? parsed.to : envelope
        const bcc = headed.size ? envelope.filter((a) => !headed.has(a)) : []
        const outcome = await core.submit(user, {
          from: parsed.from,
          to,
          cc: parsed.cc,
          bcc,
          subject: parsed.subject,
          content: parsed.content,
          message_id: parsed.message_id,
          in_reply_to: parsed.in_reply_to,
          ...(parsed.references.length ? { references: parsed.references } : {}),
          ...(parsed.html ? { html: parsed.html } : {}),
          ...(parsed.attachments.length ? { attachments: parsed.attachments } : {}),
        })
        const r = outcome.result
        if (r.errcode === 0) {
          log.info({ rcpt: envelope.length, bytes: raw.length }, 'submission: mail sent')
          return callback(null, `OK: sent ${String(r.message_id)}`)
        }
        if (outcome.refused === 'from') {
          return callback(smtpError(553, "5.7.1 From must be the mailbox's address or one of its aliases"))
        }
        if (outcome.refused === 'login')
          return callback(smtpError(535, '5.7.8 Authentication credentials invalid'))
        if (r.errcode === ErrCode.BUSY) return callback(smtpError(451, TEMPORARY))
        log.warn({ errcode: r.errcode, errmsg: r.errmsg }, 'submission: mail refused')
        callback(smtpError(554, `5.6.0 Message refused (${r.errcode})`))
      })().catch((err: unknown) => {
        log.error({ err }, 'submission: sending failed')
        callback(smtpError(451, TEMPORARY))
      })
    },
  })
  server.on('error', (err) => log.error({ err }, 'submission: server error'))
  return server
}
