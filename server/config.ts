// The server's settings, from the environment (api.md "The server over HTTP").
import { readFileSync } from 'node:fs'
import type { CorpSetup } from '../src/api/contract'

export interface ServerConfig {
  port: number
  host: string
  databaseUrl: string
  dataDir: string
  wecom: { corpid: string; secret: string; base: string } | null
  dev: boolean
  /** BIZMAIL_STATIC: a built H5 app to serve at / */
  staticDir: string
  /** BIZMAIL_PUBLIC_URL: the https origin the app reaches the server at, for attachment links behind a proxy */
  publicUrl: string
  /** from BIZMAIL_CORPS; undefined = none given */
  corps: CorpSetup[] | undefined
  /** SMTP_PORT (inbound, 2525), SUBMISSION_PORT (2587), SMTP_TLS_CERT / SMTP_TLS_KEY (PEM files) */
  smtp: { port: number; submissionPort: number; tlsCert: string; tlsKey: string }
  /** SMTP_RELAY_URL: where mail to outside addresses leaves (smtp://user:pass@host:587) */
  relayUrl: string
  /** BIZMAIL_RESUME_MS: how often an instance looks for a migration another one left unfinished */
  resumeEveryMs: number
  /** BIZMAIL_DEV_STEP_DELAY_MS (dev mode only): a pause before each background step, for tests */
  stepDelayMs: number
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.PORT ?? 8787)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, got ${env.PORT}`)
  const corpid = env.WECOM_CORPID ?? ''
  const secret = env.WECOM_SECRET ?? ''
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL ?? '',
    dataDir: env.BIZMAIL_DATA_DIR ?? './data/db',
    wecom:
      corpid && secret ? { corpid, secret, base: env.WECOM_API_BASE ?? 'https://qyapi.weixin.qq.com' } : null,
    dev: env.BIZMAIL_DEV === '1',
    staticDir: env.BIZMAIL_STATIC ?? '',
    publicUrl: publicUrlOf(env.BIZMAIL_PUBLIC_URL ?? ''),
    corps: env.BIZMAIL_CORPS ? readCorps(env.BIZMAIL_CORPS) : undefined,
    relayUrl: env.SMTP_RELAY_URL ?? '',
    resumeEveryMs: Math.max(0, Number(env.BIZMAIL_RESUME_MS ?? 5000) || 0),
    stepDelayMs: env.BIZMAIL_DEV === '1' ? Math.max(0, Number(env.BIZMAIL_DEV_STEP_DELAY_MS ?? 0) || 0) : 0,
    smtp: {
      port: portOf(env, 'SMTP_PORT', 2525),
      submissionPort: portOf(env, 'SUBMISSION_PORT', 2587),
      tlsCert: env.SMTP_TLS_CERT ?? '',
      tlsKey: env.SMTP_TLS_KEY ?? '',
    },
  }
}

function portOf(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const port = Number(env[name] ?? fallback)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`${name} must be a port number, got ${env[name]}`)
  return port
}

function publicUrlOf(value: string): string {
  if (!value) return ''
  if (!/^https?:\/\/[^/?#\s]+\/?$/.test(value))
    throw new Error(`BIZMAIL_PUBLIC_URL must be an origin such as https://mail.example.com, got ${value}`)
  return value.replace(/\/+$/, '')
}

function readCorps(file: string): CorpSetup[] {
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'))
  if (!Array.isArray(parsed)) throw new Error(`BIZMAIL_CORPS (${file}) must hold a JSON array of corp setups`)
  return parsed as CorpSetup[]
}
