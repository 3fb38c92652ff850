import TestUtils from '@tarojs/test-utils-react'
import { stores } from '../../../stores'
import { bodyText, click, typeInto, until } from '../../../../test/pages/helpers'
import { adminStores } from '../../stores'
import PreviewPage from './index'

const testUtils = new TestUtils()
const all = (sel: string) => Array.from(document.querySelectorAll(sel))

describe('Visibility preview', () => {
  beforeEach(async () => {
    await stores.session.switchTo({ corpid: 'wwdemo', userid: 'lina' })
  })
  afterEach(() => testUtils.unmout())

  it('shows what 张三 sees, departments as a foldable tree, and searches as TA', async () => {
    await testUtils.mount(PreviewPage, {})
    await until(testUtils, () => adminStores.directory.state === 'ready', 'the directory')
    await typeInto(testUtils, document.querySelector('[data-testid="preview-search"]'), '张三', 'search')
    await until(
      testUtils,
      () => !!document.querySelector('[data-testid="preview-as-zhangsan"]'),
      'candidates',
    )
    await click(testUtils, document.querySelector('[data-testid="preview-as-zhangsan"]'), '张三')
    await until(testUtils, () => !!document.querySelector('[data-testid="preview-result"]'), 'the preview')
    const depts = () => all('[data-testid="preview-dept"]')
    const depth = (name: string) =>
      depts()
        .find((d) => d.textContent?.includes(name))
        ?.getAttribute('data-depth')
    expect(depth('星河科技')).toBe('0')
    expect(depth('销售部')).toBe('1')
    expect(depth('华东区')).toBe('2')
    expect(depth('上海组')).toBe('3')
    expect(bodyText()).not.toContain('董事会')
    expect(bodyText()).toContain(`能看到 ${adminStores.preview.total} 位成员`)

    const sales = depts().find((d) => d.textContent?.includes('销售部'))!
    await click(testUtils, sales, 'fold 销售部')
    expect(depth('华东区')).toBeUndefined()
    await click(
      testUtils,
      depts().find((d) => d.textContent?.includes('销售部'))!,
      'unfold 销售部',
    )
    expect(depth('华东区')).toBe('2')

    await typeInto(testUtils, document.querySelector('[data-testid="preview-as-search"]'), '王建国', 'search')
    await until(testUtils, () => bodyText().includes('TA 搜不到任何人'), 'no result for a hidden member')
  }, 20_000)
})
