// A fake WeCom API on loopback: gettoken, jscode2session and auth/getuserinfo, with counters and
// switches for the failures the login must handle. Tests never call the real host.
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface FakeWecom {
  base: string
  /** code → the member it stands for (usable once, as WeCom's are) */
  codes: Map<string, { corpid: string; userid: string }>
  /** code → an outsider's openid (getuserinfo of a non-member) */
  outsiders: Map<string, string>
  calls: { gettoken: number; jscode2session: number; getuserinfo: number }
  /** the next API answer says the token is invalid (40014) */
  invalidateTokenOnce(): void
  close(): Promise<void>
}

export async function startFakeWecom(corpid: string, secret: string): Promise<FakeWecom> {
  const codes = new Map<string, { corpid: string; userid: string }>()
  const outsiders = new Map<string, string>()
  const calls = { gettoken: 0, jscode2session: 0, getuserinfo: 0 }
  let tokenSeq = 0
  let live = ''
  let invalidOnce = false
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x')
    const q = url.searchParams
    const send = (body: object) => {
      res.setHeader('content-type', 'application/json')
      res.end(JSON.stringify(body))
    }
    if (url.pathname === '/cgi-bin/gettoken') {
      calls.gettoken++
      if (q.get('corpid') !== corpid || q.get('corpsecret') !== secret)
        return send({ errcode: 40001, errmsg: 'invalid credential' })
      live = `tok${++tokenSeq}`
      return send({ errcode: 0, errmsg: 'ok', access_token: live, expires_in: 7200 })
    }
    const api =
      url.pathname === '/cgi-bin/miniprogram/jscode2session'
        ? 'jscode2session'
        : url.pathname === '/cgi-bin/auth/getuserinfo'
          ? 'getuserinfo'
          : null
    if (!api) {
      res.statusCode = 404
      return res.end()
    }
    calls[api]++
    if (invalidOnce || q.get('access_token') !== live) {
      invalidOnce = false
      return send({ errcode: 40014, errmsg: 'invalid access_token' })
    }
    const code = (api === 'jscode2session' ? q.get('js_code') : q.get('code')) ?? ''
    const who = codes.get(code)
    codes.delete(code)
    if (who)
      return send({
        errcode: 0,
        errmsg: 'ok',
        corpid: who.corpid,
        userid: who.userid,
        session_key: 'sk-secret',
      })
    const openid = outsiders.get(code)
    if (openid && api === 'getuserinfo') return send({ errcode: 0, errmsg: 'ok', openid })
    return send({ errcode: 40029, errmsg: 'invalid code' })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as AddressInfo
  return {
    base: `http://127.0.0.1:${port}`,
    codes,
    outsiders,
    calls,
    invalidateTokenOnce: () => {
      invalidOnce = true
    },
    close: () => new Promise((r) => server.close(() => r())),
  }
}
