import { ApiError, createApiClient } from './client'
import type { CallContext, Transport } from './contract'
import { createHttpTransport } from './http/transport'

const me: CallContext = { corpid: 'c1', userid: 'u1' }

describe('api client', () => {
  it('passes api, body and the current identity to the transport', async () => {
    const seen: unknown[] = []
    const transport: Transport = {
      call: async (api, body, ctx) => {
        seen.push([api, body, ctx])
        return { errcode: 0, errmsg: 'ok', id: 7 }
      },
    }
    let who = me
    const client = createApiClient(transport, () => who)
    await client.call('a/b', { x: 1 })
    who = { corpid: 'c2', userid: 'u2' }
    const r = await client.request<{ id: number }>('c/d')
    expect(r.id).toBe(7)
    expect(seen).toEqual([
      ['a/b', { x: 1 }, me],
      ['c/d', {}, { corpid: 'c2', userid: 'u2' }],
    ])
  })

  it('request rejects with ApiError carrying the code; call resolves with the envelope', async () => {
    const client = createApiClient({ call: async () => ({ errcode: 48002, errmsg: '没有权限' }) }, () => me)
    expect((await client.call('x')).errcode).toBe(48002)
    await expect(client.request('x')).rejects.toMatchObject({
      errcode: 48002,
      errmsg: '没有权限',
      retryable: false,
    })
  })

  it('turns a throwing transport into a retryable -1 with a plain-Chinese message', async () => {
    const client = createApiClient(
      {
        call: async () => {
          throw new Error('socket hang up')
        },
      },
      () => me,
    )
    const r = await client.call('x')
    expect(r.errcode).toBe(-1)
    expect(r.errmsg).toContain('网络异常')
    const err = await client.request('x').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect((err as ApiError).retryable).toBe(true)
  })
})

describe('http transport', () => {
  it('posts JSON to {base}/cgi-bin/{api} and returns the envelope', async () => {
    const calls: unknown[] = []
    const t = createHttpTransport('https://mail.example.com/', async (o) => {
      calls.push(o)
      return { statusCode: 200, data: { errcode: 0, errmsg: 'ok', id: 1 } }
    })
    const r = await t.call('exmail/publicmail/get', { id_list: [1] }, me)
    expect(r).toEqual({ errcode: 0, errmsg: 'ok', id: 1 })
    expect(calls[0]).toMatchObject({
      url: 'https://mail.example.com/cgi-bin/exmail/publicmail/get',
      method: 'POST',
      data: { id_list: [1] },
    })
  })

  it('reports a non-200 or malformed answer as busy (-1)', async () => {
    const bad = createHttpTransport('https://x', async () => ({ statusCode: 502, data: '<html>' }))
    expect((await bad.call('a', {}, me)).errcode).toBe(-1)
    const odd = createHttpTransport('https://x', async () => ({ statusCode: 200, data: { hello: 1 } }))
    expect((await odd.call('a', {}, me)).errcode).toBe(-1)
  })
})
