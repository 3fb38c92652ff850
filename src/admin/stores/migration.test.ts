import { harness } from '../../../test/node/stores/harness'
import { MigrationStore } from './migration'

function setup(userid = 'zhangwei') {
  const h = harness({ corpid: 'wwdemo', userid })
  const store = new MigrationStore({
    api: h.api,
    // Between polls the backend runs its queued steps.
    sleep: () => h.backend.settle(),
    pollMs: 0,
  })
  return { ...h, store }
}

describe('MigrationStore', () => {
  it('is offered to the creator only', async () => {
    const creator = setup()
    await creator.store.probe()
    expect(creator.store.available).toBe(true)
    const admin = setup('lina')
    await admin.store.probe()
    expect(admin.store.available).toBe(false)
    expect(admin.store.unavailableReason).toBeTruthy()
  })

  it('pre-checks, shows the impact, needs the exact name, runs to the end, then the entry is gone', async () => {
    const { store, api } = setup()
    store.setTarget('wwdemo2')
    await store.runPrecheck()
    expect(store.checkError).toBe('')
    const p = store.precheck!
    expect(p.ok).toBe(true)
    expect(p.blockers).toEqual([])
    expect(p.targetName).toBe('星河科技（集团）')
    expect(p.impact!.moves.join('\n')).toContain('@xinghe.com')
    expect(p.impact!.lost.mailboxes).toBeGreaterThan(0)
    expect(p.impact!.notMigrated.join('\n')).toContain('日历')
    expect(p.impact!.invalidated.length).toBeGreaterThan(0)

    expect(store.canStart).toBe(false)
    store.setConfirmName('星河科技')
    expect(store.canStart).toBe(false)
    expect(store.confirmDifference).toBe('少了「（集团）」')
    // Half-width brackets and stray spaces are the same name (the backend agrees: start succeeds).
    store.setConfirmName(' 星河科技 (集团) ')
    expect(store.confirmDifference).toBe('')
    expect(store.canStart).toBe(true)
    expect(await store.start()).toEqual({ ok: true })
    // start() polls in the background until the backend says done.
    for (let i = 0; i < 100 && store.phase === 'running'; i++) await new Promise((r) => setTimeout(r, 1))
    expect(store.phase).toBe('done')
    expect(store.steps.every((s) => s.done)).toBe(true)
    expect(store.available).toBe(false)
    // All five steps of the wizard are complete once done.
    expect(store.progress).toEqual({ done: 5, current: -1 })

    const again = await api.call('exmail/migration/precheck', { target_corpid: 'wwdemo2' })
    expect(JSON.stringify(again)).toContain('690012')
  })

  it('shows blockers with their exact messages', async () => {
    const { store } = setup()
    store.setTarget('nosuchcorp')
    await store.runPrecheck()
    const shown = store.precheck ? store.precheck.blockers.map((b) => b.errmsg).join() : store.checkError
    expect(shown).toBeTruthy()
    expect(store.canStart).toBe(false)
  })
})

describe('MigrationStore target choice and summary', () => {
  it('offers the orgs of the same creator instead of a typed CorpID, and checks the one chosen', async () => {
    const { store } = setup()
    await store.loadCandidates()
    expect(store.candidates).toEqual([
      {
        corpid: 'wwdemo2',
        name: '星河科技（集团）',
        domain: { name: 'xinghe-group.wecom.work', kind: 'experience' },
        ok: true,
        blockers: [],
      },
    ])
    expect(store.progress).toEqual({ done: 0, current: 0 })
    await store.choose('wwdemo2')
    expect(store.phase).toBe('checked')
    expect(store.targetName).toBe('星河科技（集团）')
    expect(store.progress).toEqual({ done: 2, current: 2 })
  })

  it('leads with counts, the gravest first: lost, to the recycle bin, invalidated, then what moves', async () => {
    const { store } = setup()
    await store.choose('wwdemo2')
    const summary = store.precheck!.impact!.summary
    expect(summary.map((l) => l.key)).toEqual([
      'lost',
      'unmatched',
      'invalidated',
      'moves',
      'members',
      'not_migrated',
    ])
    const unmatched = summary[1]
    expect(unmatched).toMatchObject({ tone: 'danger', count: 284, unit: '个成员邮箱' })
    expect(`${unmatched.count} ${unmatched.unit}${unmatched.text}`).toBe(
      '284 个成员邮箱在「星河科技（集团）」中没有对应成员，将进入「星河科技（集团）」的回收站（保留 60 天，期间可恢复）',
    )
    expect(summary[0]).toMatchObject({ tone: 'danger', count: 31, unit: '个邮箱' })
    expect(summary[4]).toMatchObject({ count: 13, unit: '位成员' })
    expect(summary[3].text).toContain('成员邮箱 297 个、业务邮箱 4 个')
  })

  it('the creator only: anyone else gets the refusal, not a list', async () => {
    const { store } = setup('lina')
    await store.loadCandidates()
    expect(store.candidates).toBeNull()
    expect(store.candidatesError).toContain('创建者')
  })
})

describe('MigrationStore blockers', () => {
  it('shows the exact refusal when the target already has its own domain', async () => {
    const corps = [
      {
        corpid: 'a',
        name: '甲',
        creator: 'boss',
        creatorAccount: 'wx-boss',
        edition: 'basic' as const,
        domain: { name: 'a.com', kind: 'custom' as const },
      },
      {
        corpid: 'b',
        name: '乙',
        creator: 'boss',
        creatorAccount: 'wx-boss',
        edition: 'basic' as const,
        domain: { name: 'b.com', kind: 'custom' as const },
      },
    ]
    const h = harness({ corpid: 'a', userid: 'boss' }, { corps })
    const store = new MigrationStore({ api: h.api, sleep: async () => {} })
    store.setTarget('b')
    await store.runPrecheck()
    expect(store.precheck?.ok).toBe(false)
    expect(store.precheck?.blockers.map((b) => b.errmsg)).toContain(
      '该企业已绑定专属域名。请解除后再进行绑定',
    )
    store.setConfirmName('乙')
    expect(store.canStart).toBe(false)
    // A target that cannot be used leaves step 1 open: no ✓ for it.
    expect(store.progress).toEqual({ done: 0, current: 0 })
  })
})
