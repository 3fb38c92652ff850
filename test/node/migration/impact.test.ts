import { ErrCode } from '../../../src/policy/codes'
import { createMockBackend } from '../../../src/api/mock/index'
import { quotaOf } from '../../../src/policy/quota'
import { A, B, buildOrgs, orgs } from './harness'

type Row = Record<string, unknown>

async function impactOf(state = buildOrgs()) {
  const o = orgs(state)
  const r = await o.as(A, 'boss')('exmail/migration/precheck', { target_corpid: B })
  expect(r).toMatchObject({ errcode: 0, ok: true, blockers: [], target: { corpid: B, name: '乙集团' } })
  return r.impact as {
    moves: Row & { member_mailboxes: Row[]; business_mailboxes: Row[]; target_members: Row }
    lost: { mailboxes: number; messages: number; list: Row[]; edition: Row | null }
    not_migrated: Row[]
    invalidated: Row[]
    unmatched_mailboxes: Row[]
    authority: Row
  }
}

describe('pre-check impact report', () => {
  test('what moves: domain, member mailboxes with mail, business mailboxes, disabled, rules, aliases, recycle bin', async () => {
    const state = buildOrgs()
    const a = state.corps[A]
    const { moves } = await impactOf(state)
    expect(moves.domain).toEqual({ name: 'a.com', kind: 'custom' })
    expect(moves.member_mailboxes.map((m) => [m.email, m.messages, m.target_userid])).toEqual([
      ['boss@a.com', 1, 'boss'],
      ['alice@a.com', 2, 'alice'],
      ['bob@a.com', 0, 'bob'],
      ['carol@a.com', 1, null],
    ])
    expect(moves.business_mailboxes.map((m) => [m.id, m.email, m.enabled])).toEqual(
      Object.values(a.publicmails).map((m) => [m.id, m.email, m.enabled]),
    )
    expect(moves.disabled).toEqual([{ id: 4, email: 'old@a.com', name: '旧邮箱' }])
    expect(moves.receive_rules).toBe(1)
    expect(moves.aliases).toEqual(['ali@a.com', 'carol.c@a.com', 'xiaoshou@a.com'])
    expect(moves.recycle).toEqual([
      { id: 6, email: 'event@a.com', name: '年会', kind: 'business' },
      { id: 7, email: 'frank@a.com', name: '弗兰克', kind: 'member' },
    ])
    const total = Object.values(a.stores).reduce((n, s) => n + Object.keys(s.messages).length, 0)
    expect(moves.messages).toBe(total)
    expect(moves.target_members).toEqual({
      matched: 3,
      fresh: [
        { userid: 'gina', email: 'gina@a.com', name: '吉娜' },
        { userid: 'hank', email: 'hank@a.com', name: '汉克' },
      ],
      without_mailbox: [{ userid: 'erin', email: 'erin@a.com', name: '艾琳' }],
    })
  })

  test('what is lost for good: every B mailbox and message, counted', async () => {
    const state = buildOrgs()
    const b = state.corps[B]
    const { lost } = await impactOf(state)
    const messages = Object.values(b.stores).reduce((n, s) => n + Object.keys(s.messages).length, 0)
    expect(messages).toBeGreaterThan(0)
    expect(lost.messages).toBe(messages)
    const mailboxes =
      Object.keys(b.users).length + Object.keys(b.publicmails).length + Object.keys(b.recycle).length
    expect(lost.mailboxes).toBe(mailboxes)
    expect(lost.list).toHaveLength(mailboxes)
    expect(lost.list).toContainEqual({
      kind: 'business',
      email: 'old-b@cb.wecom.work',
      name: '乙旧邮箱',
      messages: 1,
    })
    expect(lost.list).toContainEqual({
      kind: 'member',
      email: 'gina@cb.wecom.work',
      name: '吉娜',
      messages: 2,
    })
    expect(lost.list).toContainEqual({
      kind: 'recycle',
      email: 'ivan@cb.wecom.work',
      name: '伊万',
      messages: 1,
    })
    expect(lost.edition).toEqual({ edition: 'basic', seats: 0 })
  })

  test('what does not migrate, and whose directory decides', async () => {
    const impact = await impactOf()
    expect(impact.not_migrated.map((x) => x.key)).toEqual([
      'tags',
      'admin_settings',
      'calendar',
      'wedrive_wedoc',
    ])
    expect(impact.not_migrated.map((x) => x.name)).toEqual([
      '通讯录标签',
      '管理员设置',
      '日历',
      '微盘 / 微文档',
    ])
    expect(impact.authority).toEqual({ corpid: B, name: '乙集团' })
  })

  test('every department- or tag-based setting is listed one by one, with names', async () => {
    const { invalidated } = await impactOf()
    expect(
      invalidated.map((x) => [
        x.kind,
        (x.mailbox as Row | undefined)?.email ?? x.rule_id,
        x.name ?? x.rule_type,
      ]),
    ).toEqual([
      ['publicmail_department', 'sales@a.com', '销售部'],
      ['publicmail_user', 'sales@a.com', '卡罗'],
      ['publicmail_tag', 'service@a.com', '客服'],
      ['publicmail_user', 'ceo@a.com', '卡罗'],
      ['publicmail_department', 'event@a.com', '财务部'],
      ['contact_rule', 1, 1],
    ])
    expect(invalidated[4]).toMatchObject({ mailbox: { in_recycle: true } })
    expect(invalidated[5]).toMatchObject({
      range: { departments: [{ id: 3, name: '财务部' }] },
      whitelist: { users: [{ userid: 'boss', name: '老板' }] },
    })
    for (const x of invalidated) expect(String(x.text).length).toBeGreaterThan(0)
  })

  test('a new department or tag on a mailbox shows up in the list at once', async () => {
    const state = buildOrgs()
    state.corps[A].publicmails[3].department_list = [3]
    state.corps[A].publicmails[3].tag_list = [1]
    const { invalidated } = await impactOf(state)
    const ceo = invalidated.filter((x) => (x.mailbox as Row | undefined)?.email === 'ceo@a.com')
    expect(ceo.map((x) => [x.kind, x.name])).toEqual([
      ['publicmail_department', '财务部'],
      ['publicmail_tag', '客服'],
      ['publicmail_user', '卡罗'],
    ])
  })

  test('A mailboxes with nobody of that userid in B are listed (they go to B’s recycle bin)', async () => {
    const { unmatched_mailboxes } = await impactOf()
    expect(unmatched_mailboxes).toEqual([
      { userid: 'carol', name: '卡罗', email: 'carol@a.com', aliases: ['carol.c@a.com'], messages: 1 },
    ])
  })

  test('the pre-check changes nothing', async () => {
    const o = orgs()
    const before = JSON.stringify(await o.saved())
    await o.as(A, 'boss')('exmail/migration/precheck', { target_corpid: B })
    await o.backend.settle()
    expect(JSON.stringify(await o.saved())).toBe(before)
  })
})

describe('the demo orgs', () => {
  test('星河科技 (own domain) may move into 星河科技（集团）; the other way is blocked with 690011', async () => {
    const backend = createMockBackend({ now: () => Date.UTC(2025, 4, 1) })
    const forward = await backend.call(
      'exmail/migration/precheck',
      { target_corpid: 'wwdemo2' },
      { corpid: 'wwdemo', userid: 'zhangwei' },
    )
    expect(forward).toMatchObject({ errcode: 0, ok: true, blockers: [] })
    const impact = forward.impact as {
      unmatched_mailboxes: Row[]
      invalidated: Row[]
      moves: { member_mailboxes: Row[] }
    }
    expect(impact.moves.member_mailboxes.length).toBeGreaterThan(impact.unmatched_mailboxes.length)
    expect(impact.invalidated.length).toBeGreaterThan(0)
    const backward = await backend.call(
      'exmail/migration/precheck',
      { target_corpid: 'wwdemo' },
      { corpid: 'wwdemo2', userid: 'zhangwei' },
    )
    expect(backward).toMatchObject({
      errcode: 0,
      ok: false,
      blockers: [
        { errcode: ErrCode.MIGRATION_DOMAIN_BOUND, errmsg: '该企业已绑定专属域名。请解除后再进行绑定' },
      ],
    })
  })

  test('the demo migration runs to the end and leaves a sound org behind', async () => {
    const backend = createMockBackend({ now: () => Date.UTC(2025, 4, 1) })
    const zw =
      (corpid: string) =>
      (api: string, body: Row = {}) =>
        backend.call(api, body, { corpid, userid: 'zhangwei' })
    const started = await zw('wwdemo')('exmail/migration/start', {
      target_corpid: 'wwdemo2',
      confirm_name: '星河科技（集团）',
    })
    expect(started.errcode).toBe(0)
    await backend.settle()
    expect((await zw('wwdemo')('exmail/migration/status')).state).toBe('done')
    const quota = await zw('wwdemo2')('exmail/publicmail/quota')
    expect(quota.errcode).toBe(0)
    expect(quota.used as number).toBeLessThanOrEqual(quota.quota as number)
    expect(quota.quota).toBe(
      quotaOf({
        edition: 'advanced',
        purchased: 5,
        assigned: (quota.seats as { assigned: number }).assigned,
      }),
    )
    const list = await zw('wwdemo2')('mail/mailbox/list')
    expect((list.mailboxes as Row[])[0]).toMatchObject({ id: 'personal', email: 'zhangwei@xinghe.com' })
    const inbox = await zw('wwdemo2')('mail/message/list', {
      mailbox: 'personal',
      folder: 'inbox',
      limit: 100,
    })
    expect((inbox.items as Row[]).some((m) => String(m.subject).includes('邮箱迁移'))).toBe(true)
    const again = await zw('wwdemo')('exmail/migration/precheck', { target_corpid: 'wwdemo2' })
    expect(again.blockers).toContainEqual({ errcode: ErrCode.MIGRATION_DONE, errmsg: expect.any(String) })
  })
})
