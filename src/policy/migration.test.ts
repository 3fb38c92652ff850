import fc from 'fast-check'
import { ErrCode } from './codes'
import {
  checkConfirmName,
  confirmNameDifference,
  isCandidateTarget,
  checkMigration,
  checkTargetCorpid,
  DOMAIN_BOUND_MESSAGE,
  freshExperienceDomain,
  matchMailboxes,
  migrationBlockers,
  movedUsers,
  sameCreator,
  TARGET_NOT_OWNED_MESSAGE,
  type MigrationParties,
} from './migration'

const parties = (over: Partial<MigrationParties> = {}): MigrationParties => ({
  caller: 'boss',
  source: { corpid: 'a', creator: 'boss', creatorAccount: 'wx-boss', migrated: false },
  target: { corpid: 'b', creator: 'boss', creatorAccount: 'wx-boss', domainKind: 'experience' },
  running: false,
  ...over,
})

const target = (over: Partial<NonNullable<MigrationParties['target']>> = {}) => ({
  corpid: 'b',
  creator: 'boss',
  creatorAccount: 'wx-boss',
  domainKind: 'experience' as const,
  ...over,
})
const source = (over: Partial<MigrationParties['source']> = {}) => ({
  corpid: 'a',
  creator: 'boss',
  creatorAccount: 'wx-boss',
  migrated: false,
  ...over,
})

const codes = (p: MigrationParties) => migrationBlockers(p).map((b) => b.errcode)

describe('migration preconditions', () => {
  test('all met: no blockers', () => {
    expect(migrationBlockers(parties())).toEqual([])
    expect(checkMigration(parties()).ok).toBe(true)
  })

  test('690010: caller is not the creator of A', () => {
    expect(codes(parties({ caller: 'lina' }))).toEqual([ErrCode.MIGRATION_NOT_CREATOR])
  })

  test('690010: B has another creator, or does not exist — the same answer for both', () => {
    const other = migrationBlockers(parties({ target: target({ creator: 'x', creatorAccount: 'wx-x' }) }))
    const none = migrationBlockers(parties({ target: null }))
    expect(other).toEqual([
      { ok: false, errcode: ErrCode.MIGRATION_NOT_CREATOR, errmsg: TARGET_NOT_OWNED_MESSAGE },
    ])
    expect(none).toEqual(other)
  })

  test('690010: the same creator userid in two orgs is not the same person', () => {
    // acme's creator `admin` and victim's creator `admin` are two people (userids are corp-local)
    const lookalike = parties({
      source: source({ creator: 'admin', creatorAccount: 'wx-acme-owner' }),
      target: target({ creator: 'admin', creatorAccount: 'wx-victim-owner' }),
      caller: 'admin',
    })
    expect(codes(lookalike)).toEqual([ErrCode.MIGRATION_NOT_CREATOR])
    expect(migrationBlockers(lookalike)).toEqual(migrationBlockers(parties({ target: null })))
  })

  test('690010: a missing or empty creator account matches no other org, not even another missing one', () => {
    for (const [a, b] of [
      [undefined, undefined],
      ['', ''],
      ['wx-boss', undefined],
      [undefined, 'wx-boss'],
      ['wx-boss', ''],
    ] as const) {
      const p = parties({ source: source({ creatorAccount: a }), target: target({ creatorAccount: b }) })
      expect(codes(p)).toEqual([ErrCode.MIGRATION_NOT_CREATOR])
    }
  })

  test('the same person under different userids in A and B may migrate', () => {
    const p = parties({ target: target({ creator: 'zhang.wei' }) })
    expect(migrationBlockers(p)).toEqual([])
  })

  test('sameCreator compares accounts exactly', () => {
    expect(sameCreator({ creatorAccount: 'wx-a' }, { creatorAccount: 'wx-a' })).toBe(true)
    expect(sameCreator({ creatorAccount: 'wx-a' }, { creatorAccount: 'WX-A' })).toBe(false)
    expect(sameCreator({}, {})).toBe(false)
  })

  test('690010 hides every other blocker (nothing is revealed about B)', () => {
    const p = parties({
      caller: 'lina',
      running: true,
      source: source({ migrated: true }),
      target: target({ domainKind: 'custom' }),
    })
    expect(codes(p)).toEqual([ErrCode.MIGRATION_NOT_CREATOR])
  })

  test('690012: A migrated before', () => {
    expect(codes(parties({ source: source({ migrated: true }) }))).toEqual([ErrCode.MIGRATION_DONE])
  })

  test('690013: a migration is running', () => {
    expect(codes(parties({ running: true }))).toEqual([ErrCode.MIGRATION_IN_PROGRESS])
  })

  test('690011: B has its own domain, with the exact message', () => {
    const [b] = migrationBlockers(parties({ target: target({ domainKind: 'custom' }) }))
    expect(b.errcode).toBe(ErrCode.MIGRATION_DOMAIN_BOUND)
    expect(b.errmsg).toBe('该企业已绑定专属域名。请解除后再进行绑定')
    expect(DOMAIN_BOUND_MESSAGE).toBe('该企业已绑定专属域名。请解除后再进行绑定')
  })

  test('every failing condition is reported, in order; checkMigration gives the first', () => {
    const p = parties({
      running: true,
      source: source({ migrated: true }),
      target: target({ domainKind: 'custom' }),
    })
    expect(codes(p)).toEqual([
      ErrCode.MIGRATION_DONE,
      ErrCode.MIGRATION_IN_PROGRESS,
      ErrCode.MIGRATION_DOMAIN_BOUND,
    ])
    const first = checkMigration(p)
    expect(!first.ok && first.errcode).toBe(ErrCode.MIGRATION_DONE)
  })

  test('property: no blockers exactly when every precondition holds', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('boss', 'lina'),
        fc.constantFrom('boss', 'other'),
        fc.constantFrom(undefined, '', 'wx-boss', 'wx-other'),
        fc.constantFrom(undefined, '', 'wx-boss', 'wx-other'),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom('custom', 'experience') as fc.Arbitrary<'custom' | 'experience'>,
        fc.boolean(),
        (caller, targetCreator, sourceAccount, targetAccount, exists, migrated, domainKind, running) => {
          const p = parties({
            caller,
            source: source({ creatorAccount: sourceAccount, migrated }),
            target: exists
              ? target({ creator: targetCreator, creatorAccount: targetAccount, domainKind })
              : null,
            running,
          })
          // the target's creator userid is irrelevant: only the account identifies the person
          const fine =
            caller === 'boss' &&
            exists &&
            !!sourceAccount &&
            sourceAccount === targetAccount &&
            !migrated &&
            !running &&
            domainKind === 'experience'
          expect(migrationBlockers(p).length === 0).toBe(fine)
          for (const b of migrationBlockers(p)) expect(b.errmsg.length).toBeGreaterThan(0)
        },
      ),
    )
  })
})

describe('target corpid and confirmation', () => {
  test.each([undefined, null, 42, '', '   ', 'x'.repeat(65), { id: 'b' }])('target %p → 40058', (raw) => {
    const v = checkTargetCorpid(raw, 'a')
    expect(!v.ok && v.errcode).toBe(ErrCode.INVALID_PARAM)
    expect(!v.ok && v.errmsg).toContain('(target_corpid)')
  })

  test('A itself is not a target', () => {
    const v = checkTargetCorpid('a', 'a')
    expect(!v.ok && v.errcode).toBe(ErrCode.INVALID_PARAM)
    expect(checkTargetCorpid('b', 'a')).toEqual({ ok: true, value: 'b' })
  })

  test('full / half width and spaces do not make another name', () => {
    for (const typed of [
      '星河科技（集团）',
      '星河科技(集团)',
      ' 星河科技（集团） ',
      '星河 科技（集团）',
      '　星河科技(集团)',
    ]) {
      expect(checkConfirmName(typed, '星河科技（集团）')).toEqual({ ok: true, value: undefined })
    }
    expect(checkConfirmName('ＡＣＭＥ　Ltd', 'ACME Ltd').ok).toBe(true)
  })

  test.each([
    ['星河科技', '少了「（集团）」'],
    ['科技（集团）', '开头少了「星河」'],
    ['星河科技（集团）有限公司', '多了「有限公司」'],
    ['星海科技（集团）', '「海」应为「河」'],
    ['月亮公司', '与企业名称「星河科技（集团）」不同'],
  ])('%s: says what differs (%s)', (typed, says) => {
    expect(confirmNameDifference(typed, '星河科技（集团）')).toBe(says)
    const v = checkConfirmName(typed, '星河科技（集团）')
    expect(!v.ok && v.errcode).toBe(ErrCode.MIGRATION_CONFIRM_MISMATCH)
    expect(!v.ok && v.errmsg).toContain(says)
    expect(!v.ok && v.errmsg).toContain('(confirm_name)')
  })

  test('letter case is a difference, named as such', () => {
    const v = checkConfirmName('acme', 'ACME')
    expect(!v.ok && v.errcode).toBe(ErrCode.MIGRATION_CONFIRM_MISMATCH)
    expect(confirmNameDifference('acme', 'ACME')).toBe('英文字母大小写不同，应为「ACME」')
  })

  test('candidate targets: other orgs with the same creator account only', () => {
    const a = { corpid: 'a', creatorAccount: 'wx-1' }
    expect(isCandidateTarget(a, { corpid: 'b', creatorAccount: 'wx-1' })).toBe(true)
    expect(isCandidateTarget(a, { corpid: 'a', creatorAccount: 'wx-1' })).toBe(false)
    expect(isCandidateTarget(a, { corpid: 'c', creatorAccount: 'wx-2' })).toBe(false)
    expect(isCandidateTarget({ corpid: 'a' }, { corpid: 'd' })).toBe(false)
  })

  test.each([undefined, null, '', 7, ['x']])('confirmation %p missing → 40058', (raw) => {
    const v = checkConfirmName(raw, 'B')
    expect(!v.ok && v.errcode).toBe(ErrCode.INVALID_PARAM)
  })
})

describe('matching and user lists', () => {
  test('A mailboxes match B members by userid, case-insensitively, spelled as in B', () => {
    const m = matchMailboxes(['alice', 'Bob', 'carol'], ['ALICE', 'bob', 'dave'])
    expect([...m.matched]).toEqual([
      ['alice', 'ALICE'],
      ['Bob', 'bob'],
    ])
    expect(m.unmatched).toEqual(['carol'])
  })

  test('property: every owner is either matched or unmatched, never both', () => {
    const id = fc.stringMatching(/^[a-cA-C]{1,2}$/)
    fc.assert(
      fc.property(
        fc.uniqueArray(id, { selector: (s) => s.toLowerCase() }),
        fc.array(id),
        (owners, target) => {
          const m = matchMailboxes(owners, target)
          expect(m.matched.size + m.unmatched.length).toBe(owners.length)
          const lower = new Set(target.map((t) => t.toLowerCase()))
          for (const u of m.unmatched) expect(lower.has(u.toLowerCase())).toBe(false)
          for (const [u, t] of m.matched) expect(t.toLowerCase()).toBe(u.toLowerCase())
        },
      ),
    )
  })

  test('departments and tags are dropped, only members present in B are kept', () => {
    const inB = new Map([
      ['alice', 'alice'],
      ['bob', 'Bob'],
    ])
    const r = movedUsers(
      { userid_list: ['alice', 'carol', 'bob', 'BOB'], department_list: [2, 3], tag_list: [1] },
      (u) => inB.get(u.toLowerCase()),
    )
    expect(r.userid_list).toEqual(['alice', 'Bob'])
    expect(r.dropped).toEqual({ userids: ['carol'], departments: [2, 3], tags: [1] })
  })

  test('A gets a new experience domain unlike any in use', () => {
    expect(freshExperienceDomain('wwdemo', () => false)).toBe('wwdemo.wecom.work')
    const taken = new Set(['wwdemo.wecom.work', 'wwdemo-2.wecom.work'])
    expect(freshExperienceDomain('wwdemo', (d) => taken.has(d))).toBe('wwdemo-3.wecom.work')
    expect(freshExperienceDomain('Corp_X!', () => false)).toBe('corp-x.wecom.work')
    expect(freshExperienceDomain('___', () => false)).toBe('corp.wecom.work')
  })
})
