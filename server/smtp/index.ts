// The SMTP side of the server: inbound (MX) on SMTP_PORT and client submission on SUBMISSION_PORT.
import { readFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import type { SMTPServer } from 'smtp-server'
import type { ServerCore } from '../core'
import { silentLog, type SmtpLog, type SmtpTls } from './common'
import { inboundServer } from './inbound'
import { submissionServer } from './submission'

export interface SmtpConfig {
  /** inbound port (0: any free one) */
  port: number
  submissionPort: number
  host: string
  /** paths of the PEM certificate and key (SMTP_TLS_CERT / SMTP_TLS_KEY); '' = no STARTTLS */
  tlsCert: string
  tlsKey: string
  /** dev mode without a certificate: AUTH is allowed in the clear (with one, TLS is always required) */
  dev: boolean
}

export interface SmtpServers {
  inboundPort: number
  submissionPort: number
  close(): Promise<void>
}

export function readTls(certPath: string, keyPath: string): SmtpTls | null {
  if (!certPath && !keyPath) return null
  if (!certPath || !keyPath) throw new Error('SMTP_TLS_CERT and SMTP_TLS_KEY must be given together')
  return { cert: readFileSync(certPath), key: readFileSync(keyPath) }
}

function listen(server: SMTPServer, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.server.once('error', reject)
    server.listen(port, host, () => {
      server.server.off('error', reject)
      resolve((server.server.address() as AddressInfo).port)
    })
  })
}

function close(server: SMTPServer): Promise<void> {
  // Stops accepting; connections still open get smtp-server's close timeout to finish.
  return new Promise((resolve) => server.close(() => resolve()))
}

export async function startSmtp(
  core: ServerCore,
  config: SmtpConfig,
  log: SmtpLog = silentLog,
): Promise<SmtpServers> {
  const tls = readTls(config.tlsCert, config.tlsKey)
  if (!tls) {
    // Without TLS a client password would cross the network in the clear: only dev mode allows it.
    log.warn(
      { insecureAuth: config.dev },
      config.dev
        ? 'smtp: no SMTP_TLS_CERT / SMTP_TLS_KEY: no STARTTLS; dev mode accepts AUTH in the clear'
        : 'smtp: no SMTP_TLS_CERT / SMTP_TLS_KEY: no STARTTLS, so submission refuses AUTH',
    )
  }
  const inbound = inboundServer({ core, tls, log })
  const submission = submissionServer({ core, tls, log, insecureAuth: config.dev && !tls })
  const inboundPort = await listen(inbound, config.port, config.host)
  let submissionPort: number
  try {
    submissionPort = await listen(submission, config.submissionPort, config.host)
  } catch (e) {
    await close(inbound)
    throw e
  }
  return {
    inboundPort,
    submissionPort,
    close: async () => {
      await Promise.all([close(inbound), close(submission)])
    },
  }
}
