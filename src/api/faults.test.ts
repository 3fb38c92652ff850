import type { ApiResult, Transport } from './contract'
import { withFaults, type FaultInjector } from './faults'

function counting(): Transport & { calls: string[] } {
  const calls: string[] = []
  return { calls, call: async (api) => (calls.push(api), { errcode: 0, errmsg: 'ok' } as ApiResult) }
}
const ctx = { corpid: 'c', userid: 'u' }

describe('fault injection', () => {
  it('passes everything through without a plan', async () => {
    const inner = counting()
    const t = withFaults(inner, { plan: null, injected: 0 })
    expect((await t.call('a', {}, ctx)).errcode).toBe(0)
    expect(inner.calls).toEqual(['a'])
  })

  it("'before' fails the matching calls without reaching the backend", async () => {
    const inner = counting()
    const f: FaultInjector = { plan: { mode: 'before', count: 2, apis: ['send'] }, injected: 0 }
    const t = withFaults(inner, f)
    expect((await t.call('list', {}, ctx)).errcode).toBe(0)
    expect((await t.call('send', {}, ctx)).errcode).toBe(-1)
    expect((await t.call('send', {}, ctx)).errcode).toBe(-1)
    expect((await t.call('send', {}, ctx)).errcode).toBe(0)
    expect(inner.calls).toEqual(['list', 'send'])
    expect(f.injected).toBe(2)
  })

  it("'after' lets the backend do the work and loses the answer", async () => {
    const inner = counting()
    const t = withFaults(inner, { plan: { mode: 'after', count: 1 }, injected: 0 })
    expect((await t.call('send', {}, ctx)).errcode).toBe(-1)
    expect(inner.calls).toEqual(['send'])
  })
})
