import TestUtils from '@tarojs/test-utils-react'
import { stores } from '../../stores'
import MePage from './index'

const testUtils = new TestUtils()

async function until(check: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting for the page')
    await testUtils.act(() => new Promise((r) => setTimeout(r, 10)))
  }
}

describe('Me page', () => {
  beforeEach(() => localStorage.clear())

  it('shows the signed-in member and switches identity from the dev switcher', async () => {
    await stores.session.switchTo({ corpid: 'wwdemo', userid: 'zhangsan' })
    await testUtils.mount(MePage, {})
    await until(() => document.body.textContent?.includes('zhangsan@xinghe.com') ?? false)
    expect(document.body.textContent).not.toContain('管理后台')

    const lina = document.querySelector('[data-testid="identity-wwdemo-lina"]') as HTMLElement
    await testUtils.act(async () => {
      testUtils.fireEvent.click(lina)
    })
    await until(() => document.body.textContent?.includes('lina@xinghe.com') ?? false)
    await until(() => document.body.textContent?.includes('管理后台') ?? false)
    expect(localStorage.getItem('bizmail.identity')).toContain('lina')
  })
})
