// Outbound mail: a worker that takes Sent copies with outside recipients from the core's queue
// (claimOutbound), hands them to the relay (SMTP_RELAY_URL, nodemailer, pooled) and reports back.
// The lease lives in the database, so a worker that dies mid-send is retried by any instance; the
// Message-ID stays the same on every attempt, so a relay or recipient can tell a repeat.
import nodemailer from 'nodemailer'
import type { OutboundJob, OutboundOutcome } from '../../src/api/mock'
import type { ServerCore } from '../core'
import { silentLog, type SmtpLog } from './common'

export interface RelayOptions {
  /** smtp(s)://user:pass@host:port; '' = none configured (outside mail fails with a 退信) */
  url: string
  /** how often to look for due mail (default 2 s) */
  pollMs?: number
  log?: SmtpLog
}

export interface RelayWorker {
  /** look for due mail now (after a send) */
  kick(): void
  close(): Promise<void>
}

export const NO_RELAY_REASON = '服务器未配置外发邮件中继，无法发往外部地址'

/** the bare address of a From header value ("名字 <a@b>" → a@b) */
function addressOf(from: string): string {
  const m = /<([^<>]+)>\s*$/.exec(from)
  return (m ? m[1] : from).trim()
}

function outcomeOf(e: unknown): OutboundOutcome {
  const err = e as { responseCode?: number; response?: string; code?: string; message?: string }
  if (typeof err.responseCode === 'number' && err.responseCode >= 500 && err.responseCode < 600) {
    const said = String(err.response ?? err.message ?? '').slice(0, 200)
    return { ok: false, permanent: true, reason: `对方邮件服务器拒收：${said}` }
  }
  if (typeof err.responseCode === 'number') {
    return { ok: false, permanent: false, reason: `对方邮件服务器暂时拒收（${err.responseCode}）` }
  }
  return { ok: false, permanent: false, reason: '外发邮件服务器暂时无法连接' }
}

export function startRelay(core: ServerCore, options: RelayOptions): RelayWorker {
  const log = options.log ?? silentLog
  const transport = options.url
    ? nodemailer.createTransport(
        options.url.includes('pool=')
          ? options.url
          : `${options.url}${options.url.includes('?') ? '&' : '?'}pool=true`,
      )
    : null
  let closed = false
  let running: Promise<void> | null = null

  async function send(job: OutboundJob): Promise<OutboundOutcome> {
    if (!transport) return { ok: false, permanent: true, reason: NO_RELAY_REASON }
    try {
      const attachments = []
      for (const a of job.mail.attachments) {
        const data = await core.blob(a.blob)
        // A file whose bytes are gone cannot be sent as if it were whole: retry, then 退信.
        if (data === null) return { ok: false, permanent: false, reason: `附件「${a.name}」暂时无法读取` }
        attachments.push({
          filename: a.name,
          content: Buffer.from(data, 'base64'),
          contentType: a.content_type,
        })
      }
      await transport.sendMail({
        envelope: { from: addressOf(job.mail.from), to: job.recipients },
        // Recipients see who wrote: "销售部" <sales@corp> (nodemailer quotes and encodes the name).
        from: job.mail.from_name
          ? { name: job.mail.from_name, address: addressOf(job.mail.from) }
          : job.mail.from,
        to: job.mail.to,
        cc: job.mail.cc.length ? job.mail.cc : undefined,
        subject: job.mail.subject,
        text: job.mail.content,
        ...(job.mail.content_html ? { html: job.mail.content_html } : {}),
        ...(attachments.length ? { attachments } : {}),
        messageId: job.mail.message_id,
        inReplyTo: job.mail.in_reply_to || undefined,
        // The whole chain (RFC 5322 §3.6.4): clients thread by it, not by In-Reply-To alone.
        references: job.mail.references.length ? job.mail.references : undefined,
        date: new Date(job.mail.time),
      })
      return { ok: true }
    } catch (e) {
      return outcomeOf(e)
    }
  }

  async function drain(): Promise<void> {
    while (!closed) {
      const job = await core.claimOutbound()
      if (!job) return
      const outcome = await send(job)
      log.info({ mail: job.mail_id, attempt: job.attempt, ok: outcome.ok }, 'relay')
      // A report that cannot be saved is retried; if it never lands, the lease runs out and the
      // mail is tried again (with the same Message-ID).
      for (let i = 0; i < 5 && !closed; i++) {
        if (await core.completeOutbound(job, outcome)) break
        await new Promise((r) => setTimeout(r, 200 * (i + 1)))
      }
    }
  }

  const kick = (): void => {
    if (running || closed) return
    running = drain()
      .catch((e: unknown) => log.error({ err: String(e) }, 'relay worker failed'))
      .finally(() => {
        running = null
      })
  }
  const timer = setInterval(kick, options.pollMs ?? 2000)
  timer.unref()
  kick()
  return {
    kick,
    async close() {
      closed = true
      clearInterval(timer)
      await running
      transport?.close()
    },
  }
}
