// The server over HTTP (api.md): envelope and transport errors, sessions, WeCom login against a
// fake WeCom on loopback, dev mode on and off, migrations under several starters.
import { after as afterAll, before as beforeAll, describe, test } from 'node:test'
import { expect } from 'expect'
import type { FastifyInstance } from 'fastify'
import type { Db } from '../db'
import { dbTokenCache } from '../auth/tokenCache'
import { WecomClient } from '../auth/wecom'
import { migrate } from '../db/migrate'
import { startFakeWecom, type FakeWecom } from './fakeWecom'
import { CORP, testApp, testDb } from './harness'

let db: Db
let wecom: FakeWecom

beforeAll(async () => {
  db = await testDb()
  wecom = await startFakeWecom('wwtest', 's3cret')
})
afterAll(async () => {
  await wecom.close()
  await db.close()
})

const post = (
  app: FastifyInstance,
  url: string,
  body: unknown,
  token?: string,
  headers: Record<string, string> = {},
) =>
  app.inject({
    method: 'POST',
    url,
    payload: typeof body === 'string' ? body : JSON.stringify(body),
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
  })

async function devLogin(app: FastifyInstance, userid = 'boss'): Promise<string> {
  const r = (await post(app, '/auth/dev', { corpid: CORP.corpid, userid })).json()
  expect(r).toMatchObject({ errcode: 0, corpid: CORP.corpid, userid })
  return r.token as string
}

describe('transport', () => {
  let app: FastifyInstance
  beforeAll(async () => {
    ;({ app } = await testApp(db))
  })
  afterAll(() => app.close())

  test('health says the database answers', async () => {
    const r = await app.inject({ method: 'GET', url: '/healthz' })
    expect(r.statusCode).toBe(200)
    expect(r.json()).toEqual({ ok: true, db: true })
  })

  test('malformed JSON → 400, wrong content type → 415, over 32 MB → 413, each an envelope', async () => {
    const bad = await post(app, '/cgi-bin/user/get', '{"userid":')
    expect(bad.statusCode).toBe(400)
    expect(bad.json()).toMatchObject({ errcode: 40058, errmsg: expect.stringContaining('JSON') })
    const text = await app.inject({
      method: 'POST',
      url: '/cgi-bin/user/get',
      payload: 'x',
      headers: { 'content-type': 'text/plain' },
    })
    expect(text.statusCode).toBe(415)
    expect(text.json().errcode).toBe(40058)
    const big = await post(app, '/cgi-bin/mail/message/send', { content: 'x'.repeat(32 * 1024 * 1024 + 10) })
    expect(big.statusCode).toBe(413)
    expect(big.json()).toMatchObject({ errcode: 40058, errmsg: expect.stringContaining('32 MB') })
  })

  test('no token or an unknown one → 41001 with HTTP 200; unknown routes → 404 envelope', async () => {
    const none = await post(app, '/cgi-bin/user/get', { userid: 'boss' })
    expect(none.statusCode).toBe(200)
    expect(none.json().errcode).toBe(41001)
    expect((await post(app, '/cgi-bin/user/get', {}, 'forged')).json().errcode).toBe(41001)
    const lost = await post(app, '/nothing', {})
    expect(lost.statusCode).toBe(404)
    expect(lost.json().errcode).toBe(40058)
  })

  test('dev login and hooks do not exist without dev mode', async () => {
    expect((await post(app, '/auth/dev', { corpid: CORP.corpid, userid: 'boss' })).statusCode).toBe(404)
    for (const hook of ['/dev/reset', '/dev/clock', '/dev/deliver', '/dev/client-login', '/dev/settle']) {
      expect((await post(app, hook, {})).statusCode).toBe(404)
    }
  })
})

describe('sessions and identity (dev mode)', () => {
  let app: FastifyInstance
  let clock: { now(): number; set(v: number | null): void }
  beforeAll(async () => {
    ;({ app, clock } = await testApp(db, { dev: true }))
  })
  afterAll(() => app.close())

  test('the caller is the session member; x-userid headers are ignored', async () => {
    const token = await devLogin(app)
    const made = await post(
      app,
      '/cgi-bin/user/create',
      { userid: 'lina', name: '李娜', department: [1] },
      token,
    )
    expect(made.json().errcode).toBe(0)
    const linaToken = await devLogin(app, 'lina')
    // lina is no admin: creating a member is refused even when a header claims to be the boss
    const r = await post(
      app,
      '/cgi-bin/user/create',
      { userid: 'x1', name: 'x', department: [1] },
      linaToken,
      {
        'x-userid': 'boss',
        'x-corpid': CORP.corpid,
      },
    )
    expect(r.json().errcode).toBe(48002)
  })

  test('a session expires (42001) and the app logs in again', async () => {
    const at = Date.UTC(2026, 11, 1)
    clock.set(at)
    const token = await devLogin(app)
    expect((await post(app, '/cgi-bin/mail/mailbox/list', {}, token)).json().errcode).toBe(0)
    clock.set(at + 2 * 3600_000 + 1)
    expect((await post(app, '/cgi-bin/mail/mailbox/list', {}, token)).json().errcode).toBe(42001)
    const again = await devLogin(app)
    expect((await post(app, '/cgi-bin/mail/mailbox/list', {}, again)).json().errcode).toBe(0)
    clock.set(null)
  })

  test('a non-member gets no session', async () => {
    const r = (await post(app, '/auth/dev', { corpid: CORP.corpid, userid: 'ghost' })).json()
    expect(r.errcode).toBe(60111)
    expect(r.token).toBeUndefined()
  })

  test('the hooks answer as the MockBackend methods do', async () => {
    const token = await devLogin(app)
    const made = await post(
      app,
      '/cgi-bin/exmail/publicmail/create',
      { email: 'sales@test.com', name: '销售部', userid_list: { list: ['boss'] } },
      token,
    )
    expect(made.json().errcode).toBe(0)
    const delivered = await post(app, '/dev/deliver', {
      corpid: CORP.corpid,
      to: 'sales@test.com',
      mail: { from: 'client@ext.com', subject: '询价', content: '你好' },
    })
    expect(delivered.json().errcode).toBe(0)
    const list = (
      await post(app, '/cgi-bin/mail/message/list', { mailbox: made.json().id, folder: 'inbox' }, token)
    ).json()
    expect(list.items.map((i: { subject: string }) => i.subject)).toEqual(['询价'])
    const login = (
      await post(app, '/dev/client-login', { email: 'sales@test.com', auth_code: 'wrong', protocol: 'imap' })
    ).json()
    expect(login.errcode).not.toBe(0)
    expect((await post(app, '/dev/settle', {})).json()).toEqual({ errcode: 0, errmsg: 'ok' })
    expect((await post(app, '/dev/clock', { now: 'soon' })).json().errcode).toBe(40058)
    // reset replaces everything: the old session's member is gone
    expect((await post(app, '/dev/reset', { corps: [CORP] })).json().errcode).toBe(0)
    expect((await post(app, '/cgi-bin/mail/mailbox/list', {}, token)).json().errcode).toBe(41001)
  })
})

describe('WeCom login (fake WeCom on loopback)', () => {
  let app: FastifyInstance
  beforeAll(async () => {
    ;({ app } = await testApp(db, { wecomBase: wecom.base }))
  })
  afterAll(() => app.close())

  test('wx.qy.login code → session; the access token is fetched once and reused', async () => {
    wecom.codes.set('c1', { corpid: 'wwtest', userid: 'boss' })
    wecom.codes.set('c2', { corpid: 'wwtest', userid: 'boss' })
    const before = wecom.calls.gettoken
    const a = (await post(app, '/auth/wecom', { code: 'c1' })).json()
    const b = (await post(app, '/auth/wecom', { code: 'c2' })).json()
    expect(a).toMatchObject({ errcode: 0, corpid: 'wwtest', userid: 'boss', expires_in: 7200 })
    expect(JSON.stringify(a)).not.toContain('sk-secret')
    expect(b.token).not.toBe(a.token)
    expect(wecom.calls.gettoken - before).toBe(1)
    expect((await post(app, '/cgi-bin/mail/mailbox/list', {}, a.token)).json().errcode).toBe(0)
  })

  test('another instance on the same database uses the stored token: no second gettoken', async () => {
    wecom.codes.set('c7', { corpid: 'wwtest', userid: 'boss' })
    wecom.codes.set('c8', { corpid: 'wwtest', userid: 'boss' })
    expect((await post(app, '/auth/wecom', { code: 'c7' })).json().errcode).toBe(0)
    const before = wecom.calls.gettoken
    const other = new WecomClient({
      base: wecom.base,
      corpid: 'wwtest',
      secret: 's3cret',
      cache: dbTokenCache(db),
    })
    expect(await other.login('c8')).toMatchObject({ ok: true, userid: 'boss' })
    expect(wecom.calls.gettoken - before).toBe(0)
  })

  test('an invalid token (40014) is fetched again once; a used code is 40029 in Chinese', async () => {
    wecom.codes.set('c3', { corpid: 'wwtest', userid: 'boss' })
    wecom.invalidateTokenOnce()
    const before = wecom.calls.gettoken
    expect((await post(app, '/auth/wecom', { code: 'c3' })).json().errcode).toBe(0)
    expect(wecom.calls.gettoken - before).toBe(1)
    const used = (await post(app, '/auth/wecom', { code: 'c3' })).json()
    expect(used).toMatchObject({ errcode: 40029, errmsg: expect.stringMatching(/登录凭证/) })
  })

  test('H5 OAuth code → session; an outsider (openid only) or a non-member gets none', async () => {
    wecom.codes.set('w1', { corpid: 'wwtest', userid: 'boss' })
    expect((await post(app, '/auth/wecom-web', { code: 'w1' })).json()).toMatchObject({
      errcode: 0,
      userid: 'boss',
    })
    wecom.outsiders.set('w2', 'o-123')
    expect((await post(app, '/auth/wecom-web', { code: 'w2' })).json().errcode).toBe(60111)
    wecom.codes.set('c4', { corpid: 'wwtest', userid: 'stranger' })
    const r = (await post(app, '/auth/wecom', { code: 'c4' })).json()
    expect(r.errcode).toBe(60111)
    expect(r.token).toBeUndefined()
  })

  test('a missing code is refused before WeCom is asked', async () => {
    const before = wecom.calls.jscode2session
    expect((await post(app, '/auth/wecom', {})).json().errcode).toBe(40058)
    expect(wecom.calls.jscode2session).toBe(before)
  })

  test('repeated failures from one source are slowed down (45009)', async () => {
    let last = 0
    for (let i = 0; i < 21; i++) last = (await post(app, '/auth/wecom', { code: `nope${i}` })).json().errcode
    expect(last).toBe(45009)
  })
})

test('WeCom unreachable → -1', async () => {
  const { app } = await testApp(db, { wecomBase: 'http://127.0.0.1:9' })
  expect((await post(app, '/auth/wecom', { code: 'x' })).json().errcode).toBe(-1)
  await app.close()
})

test('migrations apply once even when several servers start together', async () => {
  const runs = await Promise.all([migrate(db), migrate(db), migrate(db), migrate(db)])
  expect(runs.flat()).toEqual([])
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations')
  expect(rows[0].n).toBeGreaterThan(0)
})
