import Taro from '@tarojs/taro'
import TestUtils from '@tarojs/test-utils-react'
import { Current } from '@tarojs/runtime'
import { stores } from '../../../stores'
import { backend, listOf, signIn, zhangsan } from '../../../../test/kit/app'
import { bodyText, click, until } from '../../../../test/pages/helpers'
import ReadPage from './index'

const testUtils = new TestUtils()
const open = (mailId: string) => {
  Current.router = { params: { id: mailId }, path: '/mail/pages/read/index' } as never
  return testUtils.mount(ReadPage, {})
}
const action = (label: string) =>
  Array.from(document.querySelectorAll('.read-page__action')).find((a) => a.textContent === label) ?? null

describe('Read page', () => {
  beforeEach(async () => {
    await signIn(zhangsan)
    await stores.mailboxes.refresh()
    jest.spyOn(Taro, 'navigateBack').mockResolvedValue({ errMsg: 'ok' })
    jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'ok' })
  })
  afterEach(() => jest.restoreAllMocks())

  it('shows headers, the body as text (never markup) and the earlier messages of the thread, and marks it read', async () => {
    const thread = (await listOf(zhangsan)).find((i) => (i.count ?? 1) > 1)!
    await open(thread.mail_id)
    await until(testUtils, () => bodyText().includes('回复全部'), 'the message')
    expect(bodyText()).toContain(thread.subject)
    expect(bodyText()).toContain('发件人：')
    // the earlier message of the conversation is folded above the latest one
    expect(document.querySelectorAll('.read-page__folded').length).toBeGreaterThan(0)
    expect((await listOf(zhangsan)).find((i) => i.mail_id === thread.mail_id)?.read).toBe(true)
  })

  it('renders a hostile body as plain text', async () => {
    await backend().deliver('wwdemo', 'zhangsan@xinghe.com', {
      from: 'x@evil.example',
      subject: '脚本测试',
      content: '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>正文还在',
    })
    const mail = (await listOf(zhangsan)).find((i) => i.subject === '脚本测试')!
    await open(mail.mail_id)
    await until(testUtils, () => bodyText().includes('正文还在'), 'the body')
    expect(document.querySelector('img')).toBeNull()
    expect(document.querySelector('script')).toBeNull()
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined()
  })

  it('stars the message in place, and deleting moves it to 已删除 and goes back', async () => {
    await backend().deliver('wwdemo', 'zhangsan@xinghe.com', {
      from: 'client@example.com',
      subject: '待处理的询价',
      content: '请报价',
    })
    const mail = (await listOf(zhangsan)).find((i) => i.subject === '待处理的询价')!
    await open(mail.mail_id)
    await until(testUtils, () => action('星标') !== null, 'the actions')
    await click(testUtils, action('星标'), 'star')
    await until(testUtils, () => action('取消星标') !== null, 'the star to show')
    expect((await listOf(zhangsan)).find((i) => i.mail_id === mail.mail_id)?.starred).toBe(true)

    await click(testUtils, action('删除'), 'delete')
    await until(testUtils, () => (Taro.navigateBack as jest.Mock).mock.calls.length > 0, 'going back')
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已删除' }))
    expect((await listOf(zhangsan)).some((i) => i.mail_id === mail.mail_id)).toBe(false)
    expect((await listOf(zhangsan, 'trash')).some((i) => i.mail_id === mail.mail_id)).toBe(true)
  })
})
