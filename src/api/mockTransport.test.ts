import { createMockTransport } from './mockTransport'

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('in-process transport', () => {
  it('advances background work (the migration) step by step on its own, without settle()', async () => {
    const t = createMockTransport({}, 5)
    const creator = { corpid: 'wwdemo', userid: 'zhangwei' }
    const started = await t.call(
      'exmail/migration/start',
      { target_corpid: 'wwdemo2', confirm_name: '星河科技（集团）' },
      creator,
    )
    expect(started.errcode).toBe(0)
    const seen = new Set<string>()
    for (let i = 0; i < 200; i++) {
      const s = await t.call('exmail/migration/status', { migration_id: started.migration_id }, creator)
      seen.add(String(s.state))
      if (s.state === 'done') break
      await wait(5)
    }
    expect(seen.has('running')).toBe(true)
    expect(seen.has('done')).toBe(true)
  })
})

describe('storage use', () => {
  it('reports what the saved data occupies after each call, growing with what was written', async () => {
    const map = new Map<string, string>()
    const storage = {
      get: (k: string) => map.get(k),
      set: (k: string, v: string) => void map.set(k, v),
      remove: (k: string) => void map.delete(k),
    }
    const seen: number[] = []
    const t = createMockTransport({ storage, onStorageUsage: (u) => seen.push(u.bytes) }, 5)
    const me = { corpid: 'wwdemo', userid: 'zhangsan' }
    await t.call('mail/folder/list', { mailbox: 'personal' }, me)
    await t.call(
      'mail/message/send',
      {
        mailbox: 'personal',
        from: 'zhangsan@xinghe.com',
        to: ['x@outside.cn'],
        subject: '报价',
        content: '正文'.repeat(500),
        idempotency_key: 'k1',
      },
      me,
    )
    await wait(20)
    expect(seen).toHaveLength(2)
    const stored = [...map.entries()].reduce((n, [k, v]) => n + k.length + Buffer.byteLength(v), 0)
    expect(seen[1]).toBeGreaterThan(seen[0])
    // the estimate counts what storage really holds (UTF-8), within the per-key bookkeeping
    expect(Math.abs(seen[1] - stored) / stored).toBeLessThan(0.02)
  })
})
