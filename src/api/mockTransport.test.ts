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
