// Graceful shutdown: a request in flight when the server is told to stop is answered in full;
// nothing new is accepted afterwards.
import { test } from 'node:test'
import { expect } from 'expect'
import type { AddressInfo } from 'node:net'
import { buildApp } from '../app'
import { Sessions } from '../auth/sessions'
import { createClock } from '../clock'
import type { ServerCore } from '../core'
import { migrate } from '../db/migrate'
import { testDb } from './harness'

test('in-flight requests finish before the server stops', async () => {
  const db = await testDb()
  await migrate(db)
  const clock = createClock()
  const sessions = new Sessions(db, clock.now)
  let finished = 0
  // A core whose writes take a while: the answer must still arrive after close() was called.
  const slow: ServerCore = {
    call: async () => {
      await new Promise((r) => setTimeout(r, 400))
      finished++
      return { errcode: 0, errmsg: 'ok', saved: true }
    },
    deliver: async () => ({ errcode: 0, errmsg: 'ok' }),
    clientLogin: async () => ({ errcode: 0, errmsg: 'ok' }),
    accepts: async () => null,
    blob: async () => null,
    submit: async () => ({ result: { errcode: 0, errmsg: 'ok' }, refused: null, changedCorp: null }),
    settle: async () => undefined,
    close: async () => undefined,
    claimOutbound: async () => null,
    completeOutbound: async () => true,
    reset: async () => undefined,
    isMember: async () => true,
  }
  const app = buildApp({ db, core: slow, sessions, wecom: null, clock, dev: false })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = app.server.address() as AddressInfo
  const { token } = await sessions.open({ corpid: 'c', userid: 'u' }, 'dev')
  const inFlight = fetch(`http://127.0.0.1:${port}/cgi-bin/user/update`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, connection: 'close' },
    body: '{}',
  })
  await new Promise((r) => setTimeout(r, 100))
  const closing = app.close()
  const res = await inFlight
  expect(res.status).toBe(200)
  expect(await res.json()).toEqual({ errcode: 0, errmsg: 'ok', saved: true })
  await closing
  expect(finished).toBe(1)
  await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow()
  await db.close()
})
