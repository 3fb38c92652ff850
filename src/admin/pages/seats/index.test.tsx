import TestUtils from '@tarojs/test-utils-react'
import { stores } from '../../../stores'
import { bodyText, until } from '../../../../test/pages/helpers'
import { adminStores } from '../../stores'
import SeatsPage from './index'

const testUtils = new TestUtils()

describe('Advanced seats page', () => {
  beforeEach(async () => {
    await stores.session.switchTo({ corpid: 'wwdemo', userid: 'lina' })
  })

  it('lists the holders and shows the refusal when the quota invariant would break', async () => {
    await testUtils.mount(SeatsPage, {})
    await until(testUtils, () => bodyText().includes('已分配 / 已购'), 'the seat summary')
    await until(testUtils, () => bodyText().includes('李娜'), 'holder names')
    expect(document.querySelector('[data-testid="seat-summary"]')?.textContent).toContain('2 / 5')

    // Assign through the picker's hand-off, as the page does after 完成.
    await testUtils.act(async () => {
      const r = await adminStores.seats.assign(['lisi', 'wangwu'])
      expect(r.ok).toBe(true)
      await adminStores.mailboxes.load()
    })
    await until(testUtils, () => bodyText().includes('李四'), 'the new holder')
    expect(document.querySelector('[data-testid="seat-summary"]')?.textContent).toContain('4 / 5')

    // Now 4 mailboxes, quota 3 + 1: the page explains before even opening the picker.
    const button = document.querySelector('[data-testid="assign-seats"]')
    await testUtils.act(async () => {
      testUtils.fireEvent.click(button!)
    })
    await until(testUtils, () => !!document.querySelector('[data-testid="seat-refusal"]'), 'the refusal')
    expect(bodyText()).toContain('少于已有的 4 个业务邮箱')
  })
})
