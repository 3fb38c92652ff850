import Taro from '@tarojs/taro'
import { runInAction } from 'mobx'
import TestUtils from '@tarojs/test-utils-react'
import { backend } from '../../../../test/kit/app'
import { stores } from '../../../stores'
import { bodyText, click, typeInto, until } from '../../../../test/pages/helpers'
import { adminStores } from '../../stores'
import MigrationPage from './index'

const testUtils = new TestUtils()
const q = (testid: string) => document.querySelector(`[data-testid="${testid}"]`)
const stepStates = () => [1, 2, 3, 4, 5].map((n) => q(`mig-step-${n}`)?.getAttribute('data-state'))

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
    // After the migration above wwdemo cannot migrate again: its target now reports 690012.
    adminStores.migration.clear()
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
    jest.restoreAllMocks()
  })
})
