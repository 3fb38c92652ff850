import TestUtils from '@tarojs/test-utils-react'
import Taro from '@tarojs/taro'
import { observable } from 'mobx'
import { stores } from '../../../stores'
import { bodyText, click, typeInto, until } from '../../../../test/pages/helpers'
import { adminStores } from '../../stores'
import { emptyTargets } from '../../stores/types'
import PickerPage from './index'

const testUtils = new TestUtils()
const all = (sel: string) => Array.from(document.querySelectorAll(sel))

describe('Member / department / tag picker', () => {
  beforeEach(async () => {
    await stores.session.switchTo({ corpid: 'wwdemo', userid: 'lina' })
  })
  afterEach(() => testUtils.unmout())

  it('lists members in 拼音 order under A–Z sections, jumps by letter, and still searches', async () => {
    const target = observable(emptyTargets())
    adminStores.picker.open(target, { title: '选择成员', kinds: ['user', 'dept', 'tag'] })
    const scroll = jest
      .spyOn(Taro, 'pageScrollTo')
      .mockImplementation(() => Promise.resolve({ errMsg: 'ok' }))
    await testUtils.mount(PickerPage, {})
    await until(testUtils, () => all('[data-testid="picker-group"]').length > 0, 'the A–Z sections')
    const letters = all('[data-testid^="picker-letter-"]').map((e) => e.textContent)
    expect(letters).toEqual(adminStores.directory.memberGroups.map((g) => g.letter))
    expect([...letters].sort()).toEqual(letters)
    // 拼音 order (白…, 蔡… first), not the userid order that put 外审顾问 (auditor) first
    const order = all('[data-testid^="pick-user-"]').map((e) => e.getAttribute('data-testid')!.slice(10))
    expect(order).toEqual(adminStores.directory.sortedMembers.map((m) => m.userid))
    expect(order[0]).not.toBe('auditor')
    const w = all('[data-testid="picker-group"]').find((g) => g.textContent?.startsWith('W'))!
    expect(w.textContent).toContain('外审顾问')

    await click(testUtils, document.querySelector('[data-testid="picker-letter-W"]'), 'W')
    expect(scroll).toHaveBeenLastCalledWith({ selector: '#pick-letter-W', duration: 0 })
    scroll.mockRestore()

    await click(testUtils, document.querySelector('[data-testid="pick-user-auditor"]'), '外审顾问')
    expect(target.userid).toEqual(['auditor'])

    await typeInto(testUtils, document.querySelector('[data-testid="picker-search"]'), 'lina', 'search')
    await until(testUtils, () => all('[data-testid="picker-group"]').length === 0, 'the ranked results')
    await until(testUtils, () => !!document.querySelector('[data-testid="pick-user-lina"]'), 'lina')
  }, 20_000)

  it('shows who each tag stands for', async () => {
    const target = observable(emptyTargets())
    adminStores.picker.open(target, { title: '选择', kinds: ['user', 'dept', 'tag'] })
    await testUtils.mount(PickerPage, {})
    await until(testUtils, () => adminStores.directory.state === 'ready', 'the directory')
    await click(testUtils, document.querySelector('[data-testid="picker-tab-tag"]'), 'the tag tab')
    const kf = adminStores.directory.tags.find((t) => t.tagname === '客服')!
    const row = () => document.querySelector(`[data-testid="pick-tag-${kf.tagid}"]`)
    await until(testUtils, () => !row()?.textContent?.includes('正在读取'), 'the tag members')
    const who = adminStores.directory.tagMembers.get(kf.tagid)!
    expect(who.userlist.length).toBeGreaterThan(0)
    const desc = row()!.querySelector('[data-testid="tag-members"]')!.textContent!
    expect(desc).toContain(who.userlist[0].name)
    if (who.userlist.length > 3) expect(desc).toContain(`等 ${who.userlist.length} 人`)
    expect(bodyText()).not.toContain('(tagid)')
  }, 20_000)
})
