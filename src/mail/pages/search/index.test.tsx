import Taro from '@tarojs/taro'
import TestUtils from '@tarojs/test-utils-react'
import { stores } from '../../../stores'
import { search } from '../../../stores/searchSession'
import { backend, mailboxId, signIn, zhangsan } from '../../../../test/kit/app'
import { faults } from '../../../../test/kit/faults'
import { bodyText, click, typeInto, until } from '../../../../test/pages/helpers'
import SearchPage from './index'

const testUtils = new TestUtils()
const field = () => document.querySelector('[data-testid="search-input"]')
const rows = () => Array.from(document.querySelectorAll('[data-testid="search-row"]'))
const hits = () =>
  Array.from(document.querySelectorAll('[data-testid="search-hit"]')).map((h) => h.textContent)

async function deliverToMe(subject: string, content = `${subject}的正文`) {
  await backend().deliver('wwdemo', 'zhangsan@xinghe.com', {
    from: '陈经理 <chen@customer.cn>',
    subject,
    content,
  })
}

describe('Search page', () => {
  let navigate: jest.SpyInstance
  beforeEach(async () => {
    await signIn(zhangsan)
    await stores.mailboxes.refresh()
    navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' })
  })
  afterEach(() => {
    faults.plan = null
    jest.restoreAllMocks()
  })

  it('searches while I type: matches highlighted in sender, subject and snippet; a tap opens the mail', async () => {
    await deliverToMe('含税报价单（第二版）', '您好，附件是更新后的报价，请确认。')
    await testUtils.mount(SearchPage, {})
    await until(testUtils, () => bodyText().includes('中搜索发件人、收件人、主题和正文'), 'the hint')
    expect(bodyText()).toContain('「张三」')
    expect(field()?.querySelector('input')?.autofocus || field()?.getAttribute('focus') !== null).toBe(true)

    await typeInto(testUtils, field(), '报价')
    await until(testUtils, () => rows().length > 0, 'results')
    const first = rows()[0]
    expect(first.textContent).toContain('含税报价单（第二版）')
    expect(first.textContent).toContain('陈经理')
    expect(first.textContent).toContain('更新后的报价')
    expect(hits().filter((h) => h === '报价').length).toBeGreaterThanOrEqual(2) // subject and snippet
    expect(hits().every((h) => h === '报价')).toBe(true)

    await click(testUtils, first, 'the first result')
    const id = search.items[0].mail_id
    expect(navigate).toHaveBeenCalledWith({ url: `/mail/pages/read/index?id=${encodeURIComponent(id)}` })
    expect(search.items[0].read).toBe(true)
  })

  it('Latin letters in any case are found and highlighted as written in the mail', async () => {
    await deliverToMe('Invoice for March', 'Please find the INVOICE attached.')
    await testUtils.mount(SearchPage, {})
    await typeInto(testUtils, field(), 'invoice')
    await until(testUtils, () => rows().length > 0, 'results')
    expect(hits()).toEqual(['Invoice', 'INVOICE'])
  })

  it('says when nothing is found, and clearing the field goes back to the hint', async () => {
    await testUtils.mount(SearchPage, {})
    await typeInto(testUtils, field(), '火星基地')
    await until(testUtils, () => bodyText().includes('没有找到与「火星基地」相关的邮件'), 'the empty state')
    await click(testUtils, document.querySelector('.search-page__clear'), 'clear')
    await until(testUtils, () => bodyText().includes('中搜索发件人'), 'the hint again')
    expect(rows()).toHaveLength(0)
  })

  it('a failed search shows the error with 重试, which searches again', async () => {
    await testUtils.mount(SearchPage, {})
    faults.plan = { mode: 'before', count: 1, apis: ['mail/message/search'] }
    await typeInto(testUtils, field(), '例会')
    await until(testUtils, () => bodyText().includes('重试'), 'the error')
    expect(bodyText()).toContain('系统繁忙')
    await click(testUtils, document.querySelector('.state-view__retry'), '重试')
    await until(testUtils, () => rows().length > 0, 'results after the retry')
    expect(bodyText()).toContain('本周销售例会安排')
  })

  it('searches the business mailbox in use, not the personal one', async () => {
    const id = await mailboxId('sales')
    await testUtils.act(async () => {
      expect(stores.mailboxes.select(String(id))).toBeNull()
    })
    await testUtils.mount(SearchPage, {})
    await until(
      testUtils,
      () => bodyText().includes('「销售部」') || bodyText().includes('中搜索'),
      'the hint',
    )
    await typeInto(testUtils, field(), '报价')
    await until(testUtils, () => rows().length > 0, 'results')
    expect(bodyText()).toContain('门店系统报价请求')
    expect(search.mailbox).toBe(String(id))
    // folders other than the inbox are named on the row
    await typeInto(testUtils, field(), '发票')
    await until(testUtils, () => search.answered === '发票' && rows().length > 0, 'invoice results')
    expect(bodyText()).toContain('财务票据')
  })

  it('says more can be loaded when a page is full', async () => {
    for (let i = 1; i <= 21; i++) await deliverToMe(`对账单 ${i}`)
    await testUtils.mount(SearchPage, {})
    await typeInto(testUtils, field(), '对账单')
    await until(testUtils, () => rows().length === 20, 'the first page')
    expect(bodyText()).toContain('上拉加载更多')
    await testUtils.act(() => search.loadMore())
    await until(testUtils, () => rows().length === 21, 'the second page')
    expect(bodyText()).toContain('没有更多了')
  })
})
