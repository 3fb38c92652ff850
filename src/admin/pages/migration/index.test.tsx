import Taro from '@tarojs/taro'
import { runInAction } from 'mobx'
import TestUtils from '@tarojs/test-utils-react'
import { admin, asAdmin, backend, signIn, zhangsan } from '../../../../test/kit/app'
import { stores } from '../../../stores'
import { bodyText, click, typeInto, until } from '../../../../test/pages/helpers'
import { adminStores } from '../../stores'
import MigrationPage from './index'

const testUtils = new TestUtils()
const q = (testid: string) => document.querySelector(`[data-testid="${testid}"]`)
const stepStates = () => [1, 2, 3, 4, 5].map((n) => q(`mig-step-${n}`)?.getAttribute('data-state'))
const TARGETS = 'exmail/migration/targets'

/**
 * Counts the backend's answers to exmail/migration/targets; `answer` may replace the n-th (from 1).
 * Past a few calls it never answers, so a page that re-requests by itself fails the count instead
 * of spinning the test forever.
 */
function watchTargets(answer?: (n: number) => Record<string, unknown> | undefined): () => number {
  const b = backend()
  const real = b.call.bind(b)
  let n = 0
  jest.spyOn(b, 'call').mockImplementation((api, body, ctx) => {
    if (api !== TARGETS) return real(api, body, ctx)
    n++
    if (n > 5) return new Promise(() => undefined)
    const replaced = answer?.(n)
    return replaced ? Promise.resolve({ errcode: 0, errmsg: 'ok', ...replaced }) : real(api, body, ctx)
  })
  return () => n
}

/** lets the page's pending calls and effects run (a self-repeating request would show by now) */
const idle = (ms = 100) => testUtils.act(() => new Promise((r) => setTimeout(r, ms)))

describe('Migration wizard', () => {
  beforeEach(async () => {
    await stores.session.switchTo({ corpid: 'wwdemo', userid: 'zhangwei' })
  })
  beforeEach(() => {
    jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'ok' })
  })
  afterEach(() => jest.restoreAllMocks())

  it('offers the creator’s other org, leads with counts, says what differs in the name, and completes every step', async () => {
    await testUtils.mount(MigrationPage, {})
    // No CorpID to type: the org of the same creator is offered.
    await until(testUtils, () => !!q('mig-target-wwdemo2'), 'the candidate org')
    expect(document.querySelector('[data-testid="mig-target"] input')).toBeNull()
    expect(q('mig-target-wwdemo2')!.textContent).toContain('星河科技（集团）')
    expect(stepStates()).toEqual(['current', 'todo', 'todo', 'todo', 'todo'])

    await click(testUtils, q('mig-target-wwdemo2'), 'the candidate')
    await until(testUtils, () => !!q('mig-summary'), 'the summary')
    // The summary comes first, the gravest consequence in its first lines, counts leading.
    const summary = q('mig-summary')!
    const lines = Array.from(summary.querySelectorAll('.mig__sum')).map((e) => e.textContent ?? '')
    expect(lines[0]).toMatch(/^31 个邮箱「星河科技（集团）」现有的邮箱将被永久删除/)
    expect(lines[1]).toMatch(
      /^284 个成员邮箱在「星河科技（集团）」中没有对应成员，将进入「星河科技（集团）」的回收站/,
    )
    expect(lines.findIndex((l) => l.includes('接手同一账号成员的邮箱'))).toBeGreaterThan(1)
    const position = (el: Element | null) => {
      const all = Array.from(document.querySelectorAll('*'))
      return el ? all.indexOf(el) : -1
    }
    expect(position(summary)).toBeLessThan(position(q('mig-lost')))
    expect(stepStates()).toEqual(['done', 'done', 'current', 'todo', 'todo'])

    // Short by a part: say which; half-width brackets and spaces: the same name.
    await typeInto(testUtils, q('mig-confirm'), '星河科技')
    await until(testUtils, () => !!q('mig-confirm-diff'), 'the difference')
    expect(q('mig-confirm-diff')!.textContent).toBe('与「星河科技（集团）」不一致：少了「（集团）」')
    expect(q('mig-start')!.hasAttribute('disabled')).toBe(true)
    await typeInto(testUtils, q('mig-confirm'), ' 星河科技(集团) ')
    await until(testUtils, () => !!q('mig-confirm-ok'), 'the match')
    expect(q('mig-confirm-diff')).toBeNull()
    expect(q('mig-start')!.hasAttribute('disabled')).toBe(false)

    await click(testUtils, q('mig-start'), '开始迁移')
    await until(testUtils, () => adminStores.migration.phase === 'running', 'the start')
    await backend().settle()
    await until(testUtils, () => !!q('mig-result'), 'the result', 8000)
    // Done: all five steps carry their ✓.
    expect(stepStates()).toEqual(['done', 'done', 'done', 'done', 'done'])
    expect(q('mig-step-5')!.textContent).toContain('✓')
    expect(bodyText()).toContain('迁移已完成')
  })
})

describe('Migration wizard, blocked target', () => {
  it('gives step 1 no ✓ for a target that cannot be used', async () => {
    // wwdemo has migrated already (each org only once): its target now reports 690012.
    await asAdmin('exmail/migration/start', { target_corpid: 'wwdemo2', confirm_name: '星河科技（集团）' })
    await backend().settle()
    await signIn(admin)
    jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'ok' })
    // The entry is gone by now; open the wizard anyway (as a stale link would) to see a blocked target.
    await testUtils.act(async () => {
      runInAction(() => {
        adminStores.migration.available = true
      })
    })
    await testUtils.mount(MigrationPage, {})
    await until(testUtils, () => !!q('mig-target-wwdemo2'), 'the candidate org')
    expect(q('mig-target-wwdemo2')!.textContent).toContain('迁移只能进行一次')
    await click(testUtils, q('mig-target-wwdemo2'), 'the candidate')
    await until(testUtils, () => !!q('mig-blockers'), 'the blockers')
    expect(stepStates()).toEqual(['current', 'todo', 'todo', 'todo', 'todo'])
    expect(q('mig-step-1')!.textContent).not.toContain('✓')
    expect(q('mig-start')).toBeNull()
  })
  afterEach(() => jest.restoreAllMocks())
})

describe('Migration wizard, candidates that cannot be loaded', () => {
  afterEach(() => jest.restoreAllMocks())

  it('tells a member who is not the creator so, asking for the orgs once only', async () => {
    await signIn(zhangsan)
    const targetCalls = watchTargets()
    await testUtils.mount(MigrationPage, {})
    await until(testUtils, () => bodyText().includes('只有企业创建者可以查看邮箱迁移进度'), 'the refusal')
    await idle()
    expect(targetCalls()).toBe(1)
    expect(q('mig-targets')).toBeNull()
    expect(q('mig-start')).toBeNull()
  })

  it('shows a failed load with a retry, and asks again only when retried', async () => {
    await signIn(admin)
    const targetCalls = watchTargets((n) =>
      n === 1 ? { errcode: -1, errmsg: '系统繁忙，请稍后重试' } : undefined,
    )
    await testUtils.mount(MigrationPage, {})
    await until(testUtils, () => !!document.querySelector('.state-view__retry'), 'the retry')
    expect(bodyText()).toContain('系统繁忙，请稍后重试')
    await idle()
    expect(targetCalls()).toBe(1)
    expect(q('mig-target-wwdemo2')).toBeNull()

    await click(testUtils, document.querySelector('.state-view__retry'), '重试')
    await until(testUtils, () => !!q('mig-target-wwdemo2'), 'the candidate org')
    expect(targetCalls()).toBe(2)
    expect(q('mig-target-wwdemo2')!.textContent).toContain('星河科技（集团）')
  })
})
