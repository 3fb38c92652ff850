// Helpers of the SMTP suites: a test certificate made at test time (openssl), a line-level SMTP
// client for what nodemailer will not do (drop the connection after DATA, send broken MIME), and
// the app's own view of a mailbox (POST /cgi-bin/mail/… as a member).
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import net from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect } from 'expect'
import type { FastifyInstance } from 'fastify'
import { CORP } from './harness'

/** A self-signed certificate for localhost, written to a temporary folder. */
export function testCertificate(): { certPath: string; keyPath: string; cert: Buffer; cleanup(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'smtp-tls-'))
  const certPath = path.join(dir, 'cert.pem')
  const keyPath = path.join(dir, 'key.pem')
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-keyout',
      keyPath,
      '-out',
      certPath,
    ],
    { stdio: 'ignore', input: '' },
  )
  return {
    certPath,
    keyPath,
    cert: readFileSync(certPath),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  }
}

/** One SMTP connection driven line by line: `say` sends and resolves with the next full reply. */
export async function rawSmtp(port: number) {
  const socket = net.connect(port, '127.0.0.1')
  let buffer = ''
  let waiting: { resolve: (reply: string) => void; reject: (e: Error) => void } | null = null
  const replies: string[] = []
  const flush = (): void => {
    // A reply is complete at a line "NNN text" (a space after the code, not a dash).
    const m = /(^|\r\n)(\d{3}) [^\r\n]*\r\n/.exec(buffer)
    if (!m) return
    const end = m.index + m[0].length
    const reply = buffer.slice(0, end).trim()
    buffer = buffer.slice(end)
    if (waiting) {
      const w = waiting
      waiting = null
      w.resolve(reply)
    } else replies.push(reply)
    flush()
  }
  socket.on('close', () => {
    const w = waiting
    waiting = null
    w?.reject(new Error('connection closed'))
  })
  socket.setEncoding('utf8')
  socket.on('data', (chunk: string) => {
    buffer += chunk
    flush()
  })
  const next = (): Promise<string> =>
    replies.length
      ? Promise.resolve(replies.shift() as string)
      : new Promise((resolve, reject) => {
          waiting = { resolve, reject }
        })
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve())
    socket.once('error', reject)
  })
  const greeting = await next()
  return {
    greeting,
    say(line: string): Promise<string> {
      socket.write(`${line}\r\n`)
      return next()
    },
    /** writes without waiting for an answer */
    write(data: string): void {
      socket.write(data)
    },
    next,
    destroy(): void {
      socket.destroy()
    },
  }
}

/** Sends one message over a raw connection; answers the reply to the final dot. */
export async function rawSend(port: number, from: string, to: string[], data: string): Promise<string> {
  const c = await rawSmtp(port)
  expect(await c.say('EHLO test.local')).toMatch(/^250/)
  expect(await c.say(`MAIL FROM:<${from}>`)).toMatch(/^250/)
  for (const rcpt of to) expect(await c.say(`RCPT TO:<${rcpt}>`)).toMatch(/^250/)
  expect(await c.say('DATA')).toMatch(/^354/)
  const reply = await c.say(`${data.replace(/\r?\n/g, '\r\n').replace(/^\./gm, '..')}\r\n.`)
  await c.say('QUIT').catch(() => '')
  c.destroy()
  return reply
}

export async function devToken(app: FastifyInstance, userid = 'boss'): Promise<string> {
  const r = await app.inject({ method: 'POST', url: '/auth/dev', payload: { corpid: CORP.corpid, userid } })
  return (r.json() as { token: string }).token
}

export async function api(
  app: FastifyInstance,
  token: string,
  name: string,
  body: object,
): Promise<Record<string, unknown>> {
  const r = await app.inject({
    method: 'POST',
    url: `/cgi-bin/${name}`,
    payload: body,
    headers: { authorization: `Bearer ${token}` },
  })
  const json = r.json() as Record<string, unknown>
  expect(json.errcode).toBe(0)
  return json
}

export interface Item {
  mail_id: string
  from: string
  subject: string
  /** messages in the conversation (the inbox lists conversations) */
  count?: number
}

export async function folder(
  app: FastifyInstance,
  token: string,
  mailbox: string | number,
  name = 'inbox',
): Promise<Item[]> {
  return (await api(app, token, 'mail/message/list', { mailbox, folder: name })).items as Item[]
}

export async function message(
  app: FastifyInstance,
  token: string,
  mailbox: string | number,
  mail_id: string,
): Promise<Record<string, unknown>> {
  return (await api(app, token, 'mail/message/read', { mailbox, mail_id })).message as Record<string, unknown>
}
