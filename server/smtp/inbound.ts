// Inbound SMTP (MX) for the corps' domains: a recipient the core does not route is refused at RCPT
// (550), mail over 25 MB is refused (552), and each accepted recipient gets the message through
// ServerCore.deliver — the same path as the dev hook, so receive rules apply and a resend of a
// Message-ID is stored once. A failure the sender can retry (the core busy) answers 451.
import { SMTPServer, type SMTPServerSession } from 'smtp-server'
import { ErrCode } from '../../src/policy/codes'
import { isValidAddress, MAX_RECIPIENTS, normalizeAddress } from '../../src/policy/mailAddress'
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

export interface InboundOptions {
  core: ServerCore
  tls: SmtpTls | null
  log?: SmtpLog
  maxBytes?: number
  /** the name in the greeting and Received lines (default: the host name) */
  name?: string
}

export function inboundServer(options: InboundOptions): SMTPServer {
  const { core } = options
  const log = options.log ?? silentLog
  const maxBytes = options.maxBytes ?? MAX_MESSAGE_BYTES
  // recipient address -> corp, per connection (an envelope's RCPTs; reset by RSET / the next MAIL)
  const routes = new Map<string, Map<string, string>>()
  const routesOf = (session: SMTPServerSession): Map<string, string> => {
    let m = routes.get(session.id)
    if (!m) routes.set(session.id, (m = new Map()))
    return m
  }

  const server: SMTPServer = new SMTPServer({
    ...tlsOptions(options.tls),
    name: options.name,
    banner: 'bizmail',
    size: maxBytes,
    authOptional: true,
    disabledCommands: options.tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    logger: false,
    onMailFrom(_address, session, callback) {
      routes.delete(session.id)
      callback()
    },
    onRcptTo(address, session, callback) {
      const a = address.address
      if (!isValidAddress(a)) return callback(smtpError(553, '5.1.3 Bad recipient address syntax'))
      if (session.envelope.rcptTo.length >= MAX_RECIPIENTS) {
        return callback(smtpError(452, '4.5.3 Too many recipients'))
      }
      core.accepts(a).then(
        (hit) => {
          if (!hit) return callback(smtpError(550, '5.1.1 Recipient address rejected: no such mailbox here'))
          routesOf(session).set(normalizeAddress(a), hit.corpid)
          callback()
        },
        (err: unknown) => {
          log.error({ err }, 'smtp: routing failed')
          callback(smtpError(451, '4.3.0 Temporary failure, try again later'))
        },
      )
    },
    onData(stream, session, callback) {
      const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : ''
      const recipients = session.envelope.rcptTo.map((r) => normalizeAddress(r.address))
      const corps = routesOf(session)
      void (async () => {
        const { raw, over } = await readMessage(stream, maxBytes)
        if (over) return callback(smtpError(552, `5.3.4 Message too big (limit ${maxBytes} bytes)`))
        const parsed = await parseMessage(raw, envelopeFrom)
        if (parsed.malformed) log.warn({ bytes: raw.length }, 'smtp: MIME not parsed, kept as text')
        const mail = {
          from: parsed.from,
          to: parsed.to,
          cc: parsed.cc,
          subject: parsed.subject,
          content: parsed.content,
          message_id: parsed.message_id,
          in_reply_to: parsed.in_reply_to,
          ...(parsed.references.length ? { references: parsed.references } : {}),
          ...(parsed.html ? { html: parsed.html } : {}),
          ...(parsed.attachments.length ? { attachments: parsed.attachments } : {}),
        }
        let delivered = 0
        let retry = false
        for (const rcpt of recipients) {
          const corpid = corps.get(rcpt)
          const r = corpid ? await core.deliver(corpid, rcpt, mail) : null
          if (r?.errcode === 0) delivered++
          else if (!r || r.errcode === ErrCode.BUSY) retry = true
          else log.warn({ rcpt, errcode: r.errcode, errmsg: r.errmsg }, 'smtp: delivery refused')
        }
        routes.delete(session.id)
        // Already-stored copies are not stored again on the retry (Message-ID per mailbox).
        if (retry) return callback(smtpError(451, '4.3.0 Temporary failure, try again later'))
        if (delivered === 0) return callback(smtpError(554, '5.0.0 Message not delivered'))
        log.info({ rcpt: recipients.length, bytes: raw.length }, 'smtp: mail received')
        callback(null, 'OK: queued')
      })().catch((err: unknown) => {
        log.error({ err }, 'smtp: receiving failed')
        routes.delete(session.id)
        callback(smtpError(451, '4.3.0 Temporary failure, try again later'))
      })
    },
    onClose(session) {
      routes.delete(session.id)
    },
  })
  server.on('error', (err) => log.error({ err }, 'smtp: server error'))
  return server
}
