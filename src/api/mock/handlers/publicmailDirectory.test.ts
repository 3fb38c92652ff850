// Member-readable reads the directory page needs: enabled business mailboxes, department member counts.
import { createMockBackend } from '..'

const zhangsan = { corpid: 'wwdemo', userid: 'zhangsan' }
const admin = { corpid: 'wwdemo', userid: 'zhangwei' }

describe('mail/publicmail/directory', () => {
  it('lists the enabled business mailboxes of the caller’s corp to a plain member, nothing more', async () => {
    const b = createMockBackend()
    const all = (await b.call('exmail/publicmail/search', { fuzzy: 0 }, admin)).list as Array<{
      id: number
      email: string
    }>
    const got = await b.call('exmail/publicmail/get', { id_list: all.map((m) => m.id) }, admin)
    const enabled = (got.list as Array<{ id: number; email: string; name: string; enabled: boolean }>)
      .filter((m) => m.enabled)
      .map(({ id, email, name }) => ({ id, email, name }))
    expect(enabled.length).toBeGreaterThan(0)
    expect(enabled.length).toBeLessThan(all.length) // the demo has a disabled one

    const r = await b.call('mail/publicmail/directory', {}, zhangsan)
    expect(r.errcode).toBe(0)
    expect(r.list).toEqual(enabled)
    expect(r.list).toContainEqual(
      expect.objectContaining({ email: 'sales@xinghe.com', name: '销售部公共邮箱' }),
    )
  })

  it('follows enable / disable at once and never shows another corp’s mailboxes', async () => {
    const b = createMockBackend()
    const sales = (
      (await b.call('exmail/publicmail/search', { fuzzy: 1, email: 'sales@' }, admin)).list as {
        id: number
      }[]
    )[0].id
    expect(
      (await b.call('exmail/account/act_email', { publicemail_id: sales, type: 2 }, admin)).errcode,
    ).toBe(0)
    const after = (await b.call('mail/publicmail/directory', {}, zhangsan)).list as { id: number }[]
    expect(after.map((m) => m.id)).not.toContain(sales)
    const other = (await b.call('mail/publicmail/directory', {}, { corpid: 'wwdemo2', userid: 'zhangsan' }))
      .list as { email: string }[]
    expect(other.every((m) => !m.email.endsWith('@xinghe.com'))).toBe(true)
  })
})

describe('department/list fetch_member_count', () => {
  it('counts the visible members under each department, sub-departments included, once each', async () => {
    const b = createMockBackend()
    const r = await b.call('department/list', { fetch_member_count: 1 }, zhangsan)
    const depts = r.department as Array<{ id: number; name: string; member_count: number }>
    for (const d of depts.filter((x) => ['上海组', '华东区', '董事会'].includes(x.name) || x.id === 1)) {
      const listed = await b.call('user/list', { department_id: d.id, fetch_child: 1 }, zhangsan)
      expect(d.member_count).toBe((listed.userlist as unknown[]).length)
    }
    // 董事会 is hidden from zhangsan: not listed at all. The root counts zhangsan once (two departments).
    expect(depts.some((d) => d.name === '董事会')).toBe(false)
    const plain = await b.call('department/list', {}, zhangsan)
    expect((plain.department as object[])[0]).not.toHaveProperty('member_count')
    expect((await b.call('department/list', { fetch_member_count: 2 }, zhangsan)).errcode).toBe(40058)
  })

  it('an auditor who sees nobody counts only themselves', async () => {
    const b = createMockBackend()
    const r = await b.call(
      'department/list',
      { fetch_member_count: 1 },
      { corpid: 'wwdemo', userid: 'auditor' },
    )
    const depts = r.department as Array<{ id: number; member_count: number }>
    expect(depts.find((d) => d.id === 1)?.member_count).toBe(1)
  })
})
