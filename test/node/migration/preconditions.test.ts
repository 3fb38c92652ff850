import { ErrCode } from '../../../src/policy/codes'
import { STATE_KEY } from '../../../src/api/mock/persistence'
import { newMember } from '../../../src/api/mock/seed'
import { createMockBackend } from '../../../src/api/mock/index'
import { A, B, B_NAME, buildOrgs, CREATOR_ACCOUNT, orgs, START } from './harness'

const DOMAIN_BOUND = '该企业已绑定专属域名。请解除后再进行绑定'

/** A third org: same creator (by account) unless told otherwise. */
function withThird(
  fields: { creator?: string; creatorAccount?: string; kind?: 'custom' | 'experience' } = {},
) {
  const state = buildOrgs()
  const c = JSON.parse(JSON.stringify(state.corps[B]))
  c.corpid = 'cc'
  c.name = '丙公司'
  c.creator = fields.creator ?? 'boss'
  c.creatorAccount = 'creatorAccount' in fields ? fields.creatorAccount : CREATOR_ACCOUNT
  if (c.creatorAccount === undefined) delete c.creatorAccount
  c.domain = {
    name: fields.kind === 'custom' ? 'c-own.com' : 'cc.wecom.work',
    kind: fields.kind ?? 'experience',
  }
  c.users[c.creator] ??= newMember(c, { userid: c.creator, name: c.creator })
  state.corps.cc = c
  return orgs(state)
}

async function refusedWithoutChange<R extends { errcode: number }>(
  o: ReturnType<typeof orgs>,
  run: () => Promise<R>,
): Promise<R> {
  await o.backend.settle()
  const before = o.storage.get(STATE_KEY)
  const r = await run()
  await o.backend.settle()
  expect(o.storage.get(STATE_KEY)).toBe(before)
  return r
}

describe('690010: creator only, same creator', () => {
  test('an admin of A who is not the creator is refused (precheck blocker, start error)', async () => {
    const o = orgs()
    const alice = o.as(A, 'alice') // admin of A, member of B, not the creator
    const p = await alice('exmail/migration/precheck', { target_corpid: B })
    expect(p).toMatchObject({ errcode: 0, ok: false, impact: null })
    expect(p.blockers).toEqual([
      { errcode: ErrCode.MIGRATION_NOT_CREATOR, errmsg: expect.stringContaining('创建者') },
    ])
    const s = await refusedWithoutChange(o, () => alice('exmail/migration/start', START))
    expect(s.errcode).toBe(ErrCode.MIGRATION_NOT_CREATOR)
  })

  test('an ordinary member is refused with 690010 too, not a generic 48002', async () => {
    const o = orgs()
    const s = await o.as(A, 'bob')('exmail/migration/start', START)
    expect(s.errcode).toBe(ErrCode.MIGRATION_NOT_CREATOR)
    expect((await o.as(A, 'bob')('exmail/migration/status')).errcode).toBe(ErrCode.MIGRATION_NOT_CREATOR)
  })

  test('B with another creator and an unknown B answer identically (no corpid probing)', async () => {
    const o = withThird({ creator: 'someone', creatorAccount: 'wx-someone' })
    const boss = o.as(A, 'boss')
    const other = await boss('exmail/migration/precheck', { target_corpid: 'cc' })
    const unknown = await boss('exmail/migration/precheck', { target_corpid: 'nope' })
    expect(other).toMatchObject({ ok: false, impact: null })
    expect(other.blockers).toEqual([{ errcode: ErrCode.MIGRATION_NOT_CREATOR, errmsg: expect.any(String) }])
    expect(unknown.blockers).toEqual(other.blockers)
    expect(JSON.stringify(other)).not.toContain('丙公司')
    const s1 = await refusedWithoutChange(o, () =>
      boss('exmail/migration/start', { target_corpid: 'cc', confirm_name: '丙公司' }),
    )
    const s2 = await boss('exmail/migration/start', { target_corpid: 'nope', confirm_name: 'x' })
    expect(s1.errcode).toBe(ErrCode.MIGRATION_NOT_CREATOR)
    expect(s2).toEqual(s1)
  })
})

describe('690010: the same creator is the same person (creatorAccount), not the same userid', () => {
  // acme and victim are unrelated; both creators happen to have the corp-local userid `admin`.
  const corps = (victimAccount?: string) =>
    createMockBackend({
      now: () => Date.UTC(2025, 2, 3),
      corps: [
        {
          corpid: 'acme',
          name: 'Acme',
          creator: 'admin',
          creatorAccount: 'wx-acme-founder',
          edition: 'basic',
          domain: { name: 'acme.com', kind: 'custom' },
        },
        {
          corpid: 'victim',
          name: '受害者公司',
          creator: 'admin',
          ...(victimAccount === undefined ? {} : { creatorAccount: victimAccount }),
          edition: 'basic',
          domain: { name: 'victim.wecom.work', kind: 'experience' },
        },
      ],
    })

  test.each([
    ['another account', 'wx-victim-founder'],
    ['no account', undefined],
    ['an empty account', ''],
  ])('a lookalike creator userid with %s is refused: 690010, nothing about the target', async (_w, acct) => {
    const backend = corps(acct)
    const acme = { corpid: 'acme', userid: 'admin' }
    const victim = { corpid: 'victim', userid: 'admin' }
    await backend.call(
      'mail/message/send',
      {
        mailbox: 'personal',
        from: 'admin@victim.wecom.work',
        to: ['admin@victim.wecom.work'],
        subject: '受害者的邮件',
        content: '不要被清空',
        idempotency_key: 'k1',
      },
      victim,
    )
    const before = await backend.call('mail/message/list', { mailbox: 'personal', folder: 'inbox' }, victim)
    expect((before.items as unknown[]).length).toBe(1)

    const p = await backend.call('exmail/migration/precheck', { target_corpid: 'victim' }, acme)
    const unknown = await backend.call('exmail/migration/precheck', { target_corpid: 'nope' }, acme)
    expect(p).toEqual(unknown) // no name, no counts, no impact: indistinguishable from no such corp
    expect(p).toMatchObject({ errcode: 0, ok: false, impact: null })
    expect(p.blockers).toEqual([{ errcode: ErrCode.MIGRATION_NOT_CREATOR, errmsg: expect.any(String) }])
    expect(JSON.stringify(p)).not.toContain('受害者公司')
    expect(p.target).toBeUndefined()

    const s = await backend.call(
      'exmail/migration/start',
      { target_corpid: 'victim', confirm_name: '受害者公司' },
      acme,
    )
    expect(s.errcode).toBe(ErrCode.MIGRATION_NOT_CREATOR)
    expect(JSON.stringify(s)).not.toContain('受害者公司')
    await backend.settle()
    expect((await backend.call('exmail/migration/status', {}, acme)).state).toBe('none')
    const after = await backend.call('mail/message/list', { mailbox: 'personal', folder: 'inbox' }, victim)
    expect(after.items).toEqual(before.items)
  })

  test('the same account under different userids is the same creator', async () => {
    const state = buildOrgs()
    const b = state.corps[B]
    // in B the creator is `boss.b` — a different userid, the same person
    b.users['boss.b'] = { ...b.users.boss, userid: 'boss.b' }
    delete b.users.boss
    b.creator = 'boss.b'
    b.admins = ['boss.b', 'gina']
    const o = orgs(state)
    const p = await o.as(A, 'boss')('exmail/migration/precheck', { target_corpid: B })
    expect(p).toMatchObject({ ok: true, blockers: [], target: { corpid: B, name: B_NAME } })
  })

  test('the migration re-checks the creators when it runs: an account changed meanwhile aborts it', async () => {
    const state = buildOrgs()
    const o = orgs(state)
    expect((await o.as(A, 'boss')('exmail/migration/start', START)).errcode).toBe(0)
    // saved state edited between start and the check step (as another process could)
    const saved = await o.saved()
    saved.corps[B].creatorAccount = 'wx-someone-else'
    const resumed = orgs(saved)
    await resumed.backend.settle()
    const st = await resumed.as(A, 'boss')('exmail/migration/status')
    expect(st).toMatchObject({
      state: 'done',
      migrated: false,
      error: { errcode: ErrCode.MIGRATION_NOT_CREATOR },
    })
    expect((await resumed.corp(B)).domain.name).toBe('cb.wecom.work')
  })
})

describe('690011: B has its own domain bound', () => {
  test('blocked with exactly the product message', async () => {
    const o = withThird({ kind: 'custom' })
    const boss = o.as(A, 'boss')
    const p = await boss('exmail/migration/precheck', { target_corpid: 'cc' })
    expect(p.ok).toBe(false)
    expect(p.blockers).toEqual([{ errcode: ErrCode.MIGRATION_DOMAIN_BOUND, errmsg: DOMAIN_BOUND }])
    expect(p.impact).not.toBeNull() // the creator may still see what it would do
    const s = await refusedWithoutChange(o, () =>
      boss('exmail/migration/start', { target_corpid: 'cc', confirm_name: '丙公司' }),
    )
    expect(s).toEqual({ errcode: ErrCode.MIGRATION_DOMAIN_BOUND, errmsg: DOMAIN_BOUND })
  })
})

describe('690012: once only', () => {
  test('after a migration A can never migrate again, to B or anywhere', async () => {
    const o = withThird()
    const boss = o.as(A, 'boss')
    expect((await boss('exmail/migration/start', START)).errcode).toBe(0)
    await o.backend.settle()
    const again = await boss('exmail/migration/precheck', { target_corpid: 'cc' })
    expect(again.ok).toBe(false)
    expect(again.blockers).toEqual([{ errcode: ErrCode.MIGRATION_DONE, errmsg: expect.any(String) }])
    const s = await refusedWithoutChange(o, () =>
      boss('exmail/migration/start', { target_corpid: 'cc', confirm_name: '丙公司' }),
    )
    expect(s.errcode).toBe(ErrCode.MIGRATION_DONE)
    // B received A's own domain, so B itself is now blocked as a target — but could move on elsewhere.
    const intoB = await o.as('cc', 'boss')('exmail/migration/precheck', { target_corpid: B })
    expect(intoB.blockers).toEqual([{ errcode: ErrCode.MIGRATION_DOMAIN_BOUND, errmsg: DOMAIN_BOUND }])
    const fromB = await o.as(B, 'boss')('exmail/migration/precheck', { target_corpid: 'cc' })
    expect(fromB.ok).toBe(true)
  })
})

describe('690013: none in progress', () => {
  test('a second start while one runs is refused, for A, for B and for a third org', async () => {
    const o = withThird()
    const boss = o.as(A, 'boss')
    expect((await boss('exmail/migration/start', START)).errcode).toBe(0)
    const p = await boss('exmail/migration/precheck', { target_corpid: 'cc' })
    expect(p.blockers).toEqual([{ errcode: ErrCode.MIGRATION_IN_PROGRESS, errmsg: expect.any(String) }])
    expect((await boss('exmail/migration/start', START)).errcode).toBe(ErrCode.MIGRATION_IN_PROGRESS)
    // B as a source, and a third org targeting A or B, are all involved in the running one.
    const fromB = await o.as(B, 'boss')('exmail/migration/precheck', { target_corpid: 'cc' })
    expect(fromB.blockers).toContainEqual({
      errcode: ErrCode.MIGRATION_IN_PROGRESS,
      errmsg: expect.any(String),
    })
    const intoA = await o.as('cc', 'boss')('exmail/migration/precheck', { target_corpid: A })
    expect(intoA.blockers).toContainEqual({
      errcode: ErrCode.MIGRATION_IN_PROGRESS,
      errmsg: expect.any(String),
    })
    await o.backend.settle()
    expect((await o.as(B, 'boss')('exmail/migration/precheck', { target_corpid: 'cc' })).ok).toBe(true)
  })
})

describe('exmail/migration/targets', () => {
  test('lists the other orgs of the same creator, each with what a pre-check would block', async () => {
    const o = withThird({ kind: 'custom' })
    const r = await o.as(A, 'boss')('exmail/migration/targets')
    expect(r.errcode).toBe(0)
    expect(r.list).toEqual([
      {
        corpid: B,
        name: B_NAME,
        domain: { name: 'cb.wecom.work', kind: 'experience' },
        ok: true,
        blockers: [],
      },
      {
        corpid: 'cc',
        name: '丙公司',
        domain: { name: 'c-own.com', kind: 'custom' },
        ok: false,
        blockers: [{ errcode: ErrCode.MIGRATION_DOMAIN_BOUND, errmsg: DOMAIN_BOUND }],
      },
    ])
  })

  test('never lists another creator’s org (a same userid is not the same person), nor A itself', async () => {
    const o = withThird({ creator: 'boss', creatorAccount: 'wx-someone-else' })
    const r = await o.as(A, 'boss')('exmail/migration/targets')
    expect((r.list as { corpid: string }[]).map((t) => t.corpid)).toEqual([B])
  })

  test('is the creator’s alone: an admin or a member of A gets 690010', async () => {
    const o = orgs()
    for (const who of ['alice', 'bob']) {
      expect((await o.as(A, who)('exmail/migration/targets')).errcode).toBe(ErrCode.MIGRATION_NOT_CREATOR)
    }
  })

  test('after the migration the target reports it as done (690012)', async () => {
    const o = orgs()
    const boss = o.as(A, 'boss')
    expect((await boss('exmail/migration/start', START)).errcode).toBe(0)
    await o.backend.settle()
    const r = await boss('exmail/migration/targets')
    const b = (r.list as { corpid: string; ok: boolean; blockers: { errcode: number }[] }[])[0]
    expect(b.ok).toBe(false)
    expect(b.blockers.map((x) => x.errcode)).toContain(ErrCode.MIGRATION_DONE)
  })
})

describe('690014 and bad input', () => {
  test('the confirmation must be B’s name (width and spaces aside); nothing starts otherwise', async () => {
    const o = orgs()
    const boss = o.as(A, 'boss')
    for (const [confirm_name, says] of [
      ['乙集', '少了「团」'],
      ['甲公司', '与企业名称「乙集团」不同'],
      ['cb', '与企业名称「乙集团」不同'],
      ['乙大集团', '多了「大」'],
    ]) {
      const r = await refusedWithoutChange(o, () =>
        boss('exmail/migration/start', { target_corpid: B, confirm_name }),
      )
      expect(r.errcode).toBe(ErrCode.MIGRATION_CONFIRM_MISMATCH)
      expect(r.errmsg).toContain(says)
    }
    expect((await boss('exmail/migration/status')).state).toBe('none')
    // Surrounding and inner spaces (half and full width) are not a different name.
    const r = await boss('exmail/migration/start', { target_corpid: B, confirm_name: '　乙 集团 ' })
    expect(r.errcode).toBe(0)
  })

  test('preconditions are reported before the confirmation', async () => {
    const o = withThird({ kind: 'custom' })
    const r = await o.as(A, 'boss')('exmail/migration/start', { target_corpid: 'cc', confirm_name: 'wrong' })
    expect(r.errcode).toBe(ErrCode.MIGRATION_DOMAIN_BOUND)
  })

  test.each([
    ['target_corpid', 'missing', {}],
    ['target_corpid', 'a number', { target_corpid: 7 }],
    ['target_corpid', 'huge', { target_corpid: 'x'.repeat(10_000) }],
    ['target_corpid', 'A itself', { target_corpid: A }],
    ['confirm_name', 'missing', { target_corpid: B }],
    ['confirm_name', 'an object', { target_corpid: B, confirm_name: { name: B_NAME } }],
  ])('start with %s %s → 40058 naming the field, nothing changes', async (field, _what, body) => {
    const o = orgs()
    const r = await refusedWithoutChange(o, () => o.as(A, 'boss')('exmail/migration/start', body))
    expect(r).toMatchObject({ errcode: ErrCode.INVALID_PARAM, errmsg: expect.stringContaining(`(${field})`) })
  })

  test.each([null, [], 'x', 3])('precheck with body %p never throws', async (body) => {
    const o = orgs()
    const r = await o.backend.call('exmail/migration/precheck', body as object, { corpid: A, userid: 'boss' })
    expect(r.errcode).toBe(ErrCode.INVALID_PARAM)
  })

  test('status: a bad or unknown migration_id is 40058', async () => {
    const o = orgs()
    const boss = o.as(A, 'boss')
    expect((await boss('exmail/migration/status', { migration_id: 5 })).errcode).toBe(ErrCode.INVALID_PARAM)
    expect((await boss('exmail/migration/status', { migration_id: 'mig_nope' })).errcode).toBe(
      ErrCode.INVALID_PARAM,
    )
    const { migration_id } = await boss('exmail/migration/start', START)
    expect((await boss('exmail/migration/status', { migration_id })).state).toBe('running')
  })
})
