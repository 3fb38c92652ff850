import { harness } from '../../../test/node/stores/harness'
import { SeatsStore } from './seats'

describe('SeatsStore', () => {
  it('lists, assigns and releases seats; refuses (751002) when the quota invariant would break', async () => {
    const h = harness({ corpid: 'wwdemo', userid: 'lina' })
    const seats = new SeatsStore(h.api)
    await seats.load()
    expect(seats.holders).toHaveLength(2)

    // 4 business mailboxes, quota 3 + (5 - 2) = 6: one more seat leaves 5 ≥ 4 …
    expect(await seats.assign(['lisi'])).toMatchObject({ ok: true, failed: [] })
    expect(seats.holders).toContain('lisi')
    // … a second would leave 4 ≥ 4, a third 3 < 4: refused with the reason.
    expect(await seats.assign(['wangwu'])).toMatchObject({ ok: true })
    const refused = await seats.assign(['chenjing'])
    expect(refused).toMatchObject({ ok: false, errcode: 751002 })
    expect(!refused.ok && refused.errmsg).toContain('少于已有的 4 个业务邮箱')
    expect(seats.holders).not.toContain('chenjing')

    expect(await seats.release(['lisi'])).toMatchObject({ ok: true })
    expect(seats.holders).not.toContain('lisi')
  })

  it('shows the lock while a migration runs', async () => {
    const h = harness({ corpid: 'wwdemo', userid: 'zhangwei' })
    const r = await h.api.call('exmail/migration/start', {
      target_corpid: 'wwdemo2',
      confirm_name: '星河科技（集团）',
    })
    expect(r.errcode).toBe(0)
    const seats = new SeatsStore(h.api)
    await seats.load()
    expect(seats.locked).toBe(true)
    expect(seats.error).toContain('邮箱迁移进行中')
  })
})
