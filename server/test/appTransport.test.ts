// The app's own http transport (src/api/http/transport.ts) against the real server: it logs in,
// carries the session, logs in again on 41001 / 42001 and repeats the call once, and keeps one
// session per dev identity.
import { after, before, test } from 'node:test'
import { expect } from 'expect'
import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { devLogin } from '../../src/api/http/devLogin'
import { createHttpTransport, type HttpRequest, type SessionLogin } from '../../src/api/http/transport'
import type { Db } from '../db'
import { CORP, testApp, testDb } from './harness'

let db: Db
let app: FastifyInstance
let clock: { now(): number; set(v: number | null): void }
let base = ''
const seen: { url: string; authorization?: string }[] = []

const request: HttpRequest = async (o) => {
  seen.push({ url: o.url, authorization: o.header.authorization })
  const res = await fetch(o.url, { method: o.method, headers: o.header, body: JSON.stringify(o.data) })
  return { statusCode: res.status, data: await res.json() }
}

before(async () => {
  db = await testDb()
  ;({ app, clock } = await testApp(db, { dev: true }))
  await app.listen({ port: 0, host: '127.0.0.1' })
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/`
})
after(async () => {
  await app.close()
  await db.close()
})

const boss = { corpid: CORP.corpid, userid: 'boss' }

test('logs in once, then every call carries the bearer token', async () => {
  const logins: SessionLogin[] = []
  const t = createHttpTransport(base, request, { login: devLogin(), onLogin: (s) => logins.push(s) })
  seen.length = 0
  const [a, b] = await Promise.all([
    t.call('mail/mailbox/list', {}, boss),
    t.call('exmail/publicmail/quota', {}, boss),
  ])
  expect(a.errcode).toBe(0)
  expect(b.errcode).toBe(0)
  expect(logins).toHaveLength(1)
  expect(logins[0]).toMatchObject(boss)
  expect(seen.filter((s) => s.url.endsWith('/auth/dev'))).toHaveLength(1)
  expect(
    seen
      .filter((s) => s.url.includes('/cgi-bin/'))
      .every((s) => s.authorization === `Bearer ${logins[0].token}`),
  ).toBe(true)
})

test('an expired session logs in again and the call is repeated once, invisibly', async () => {
  const at = Date.UTC(2026, 11, 2)
  clock.set(at)
  const t = createHttpTransport(base, request, { login: devLogin() })
  expect((await t.call('mail/mailbox/list', {}, boss)).errcode).toBe(0)
  clock.set(at + 3 * 3600_000)
  seen.length = 0
  const r = await t.call('mail/mailbox/list', {}, boss)
  expect(r.errcode).toBe(0)
  expect(seen.map((s) => s.url.replace(base, ''))).toEqual([
    'cgi-bin/mail/mailbox/list',
    'auth/dev',
    'cgi-bin/mail/mailbox/list',
  ])
  clock.set(null)
})

test('a dev identity switch is another member with another session', async () => {
  const t = createHttpTransport(base, request, { login: devLogin() })
  const made = await t.call('user/create', { userid: 'lina', name: '李娜', department: [1] }, boss)
  expect(made.errcode).toBe(0)
  const asLina = await t.call(
    'user/create',
    { userid: 'x2', name: 'x', department: [1] },
    { corpid: CORP.corpid, userid: 'lina' },
  )
  expect(asLina.errcode).toBe(48002)
})

test('a refused login answers the call with its reason; no call is made without a session', async () => {
  const t = createHttpTransport(base, request, { login: devLogin() })
  seen.length = 0
  const r = await t.call('mail/mailbox/list', {}, { corpid: CORP.corpid, userid: 'ghost' })
  expect(r.errcode).toBe(60111)
  expect(seen.some((s) => s.url.includes('/cgi-bin/'))).toBe(false)
})

test('a transport error (HTTP 413) is -1 with the server’s reason', async () => {
  const t = createHttpTransport(base, request, { login: devLogin() })
  const r = await t.call('mail/message/send', { content: 'x'.repeat(33 * 1024 * 1024) }, boss)
  expect(r.errcode).toBe(-1)
  expect(r.errmsg).toContain('32 MB')
})
