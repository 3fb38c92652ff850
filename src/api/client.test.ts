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
        return { errcode: 0, errmsg: 'ok', tagid: 7 }
      },
    }
    let who = me
    const client = createApiClient(transport, () => who)
    await client.call('user/get', { userid: 'lisi' })
    who = { corpid: 'c2', userid: 'u2' }
    const r = await client.request('tag/create', { tagname: '销售' })
    expect(r.tagid).toBe(7)
    expect(seen).toEqual([
      ['user/get', { userid: 'lisi' }, me],
      ['tag/create', { tagname: '销售' }, { corpid: 'c2', userid: 'u2' }],
    ])
  })

  it('is typed from the contract: names, bodies and answers', async () => {
    const client = createApiClient(
      { call: async () => ({ errcode: 0, errmsg: 'ok', taglist: [] }) },
      () => me,
    )
    // A body-less API takes no argument; an API with required fields does.
    const tags = await client.call('tag/list')
    expect(tags.taglist).toEqual([])
    // @ts-expect-error an API the contract does not declare
    await client.call('tag/rename', {})
    // @ts-expect-error a renamed field (tagname → name) fails typecheck at the call site
    await client.call('tag/create', { name: '销售' })
    // @ts-expect-error a required body
    await client.call('user/get')
    const r = await client.call('tag/create', { tagname: '销售' })
    // @ts-expect-error an answer field the contract does not declare
    void r.tag_id
  })

  it('request rejects with ApiError carrying the code; call resolves with the envelope', async () => {
    const client = createApiClient({ call: async () => ({ errcode: 48002, errmsg: '没有权限' }) }, () => me)
    expect((await client.call('tag/list')).errcode).toBe(48002)
    await expect(client.request('tag/list')).rejects.toMatchObject({
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
    const r = await client.call('tag/list')
    expect(r.errcode).toBe(-1)
    expect(r.errmsg).toContain('网络异常')
    const err = await client.request('tag/list').catch((e: unknown) => e)
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
