// What the inbound and submission servers share: the size limit, TLS, SMTP errors, reading DATA.
import type { Readable } from 'node:stream'
import type { SMTPServerOptions } from 'smtp-server'

/** product.md 8: mail over 25 MB is refused (552) */
export const MAX_MESSAGE_BYTES = 25 * 1024 * 1024

export interface SmtpTls {
  key: Buffer
  cert: Buffer
}

export interface SmtpLog {
  info(obj: object, msg: string): void
  warn(obj: object, msg: string): void
  error(obj: object, msg: string): void
}

export const silentLog: SmtpLog = { info() {}, warn() {}, error() {} }

/** An Error smtp-server answers with this reply code (and enhanced status in the text). */
export function smtpError(code: number, text: string): Error & { responseCode: number } {
  return Object.assign(new Error(text), { responseCode: code })
}

/**
 * STARTTLS only with the configured key and certificate: without them the command is not offered
 * (smtp-server's built-in key is public, so its "TLS" would protect nothing).
 */
export function tlsOptions(tls: SmtpTls | null): Partial<SMTPServerOptions> {
  return tls ? { key: tls.key, cert: tls.cert } : { disabledCommands: ['STARTTLS'] }
}

/**
 * Reads DATA up to `limit` bytes; past it the rest is drained and discarded (the caller answers
 * 552 from `sizeExceeded`), so an over-size message never sits in memory whole.
 */
export function readMessage(stream: Readable, limit: number): Promise<{ raw: Buffer; over: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let over = false
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) over = true
      else chunks.push(chunk)
    })
    stream.on('error', reject)
    stream.on('end', () => {
      const exceeded = (stream as Readable & { sizeExceeded?: boolean }).sizeExceeded === true
      resolve({ raw: over ? Buffer.alloc(0) : Buffer.concat(chunks), over: over || exceeded })
    })
  })
}
