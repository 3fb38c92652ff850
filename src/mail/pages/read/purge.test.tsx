// The read page of a mail in 已删除 / 垃圾箱: 彻底删除 (asked first, in red) instead of 删除, then
// back to the list — or on to it when the page was opened alone; no 撤销; a failure offers 重试.
import Taro from '@tarojs/taro'
import TestUtils from '@tarojs/test-utils-react'
import { Current } from '@tarojs/runtime'
import { stores } from '../../../stores'
import { backend, listOf, mailIn, signIn, zhangsan } from '../../../../test/kit/app'
import { click, spyNavigation, until } from '../../../../test/pages/helpers'
import ReadPage from './index'

const testUtils = new TestUtils()
const open = (mailId: string) => {
  Current.router = { params: { id: mailId }, path: '/mail/pages/read/index' } as never
  return testUtils.mount(ReadPage, {})
}
const tools = () =>
  Array.from(document.querySelectorAll('.read-page__tool')).map((t) => t.textContent?.trim())
const tool = (label: string) =>
  Array.from(document.querySelectorAll('.read-page__tool')).find((t) => t.textContent?.trim() === label) ??
  null

let depth = 2
let back: jest.SpyInstance
let tab: jest.SpyInstance
let modal: jest.SpyInstance
const answer = (confirm: boolean) => ({ confirm, cancel: !confirm, errMsg: 'ok' }) as never

describe('Read page in 已删除 / 垃圾箱', () => {
  beforeEach(async () => {
    depth = 2
    await signIn(zhangsan)
    await stores.mailboxes.refresh()
    ;({ back, tab } = spyNavigation(() => depth))
    modal = jest.spyOn(Taro, 'showModal')
  })
  afterEach(() => {
    stores.messages.dismissNotice()
    jest.restoreAllMocks()
  })

  it('in 已删除: 移回收件箱 and 彻底删除, no 删除; asked first, then gone for good and back to the list without 撤销', async () => {
    const id = await mailIn('trash', '推广活动')
    await open(id)
    await until(testUtils, () => tool('彻底删除') !== null, 'the actions')
    expect(tools()).toEqual(['星标', '移动', '移回收件箱', '彻底删除'])
    expect(tool('彻底删除')?.className).toContain('read-page__tool--danger')

    // 取消 changes nothing
    modal.mockResolvedValueOnce(answer(false))
    await click(testUtils, tool('彻底删除'), '彻底删除')
    await until(testUtils, () => modal.mock.calls.length === 1, 'the question')
    expect(modal.mock.calls[0][0]).toMatchObject({
      title: '彻底删除？',
      content: '将彻底删除这封邮件，无法恢复',
      confirmText: '彻底删除',
      cancelText: '取消',
      confirmColor: '#fa5151',
    })
    expect((await listOf(zhangsan, 'trash')).some((i) => i.mail_id === id)).toBe(true)
    expect(back).not.toHaveBeenCalled()

    modal.mockResolvedValueOnce(answer(true))
    await click(testUtils, tool('彻底删除'), '彻底删除')
    await until(testUtils, () => back.mock.calls.length === 1, 'going back')
    expect((await listOf(zhangsan, 'trash')).some((i) => i.mail_id === id)).toBe(false)
    expect(stores.messages.notice).toBeNull()
    expect(document.querySelector('[data-testid="snackbar"]')).toBeNull()
  })

  it('in 垃圾箱 opened alone (one page on the stack): 彻底删除 then on to the mail list', async () => {
    depth = 1
    const id = await mailIn('spam', '中奖通知')
    await open(id)
    await until(testUtils, () => tool('彻底删除') !== null, 'the actions')
    expect(tools()).toEqual(['星标', '标为未读', '移动', '彻底删除'])
    modal.mockResolvedValueOnce(answer(true))
    await click(testUtils, tool('彻底删除'), '彻底删除')
    await until(testUtils, () => tab.mock.calls.length === 1, 'the list')
    expect(tab).toHaveBeenCalledWith({ url: '/pages/mail/index' })
    expect(back).not.toHaveBeenCalled()
    expect((await listOf(zhangsan, 'spam')).some((i) => i.mail_id === id)).toBe(false)
  })

  it('a failure says why in words with 重试, and 重试 finishes it', async () => {
    const id = await mailIn('trash', '旧通知')
    await open(id)
    await until(testUtils, () => tool('彻底删除') !== null, 'the actions')
    const b = backend()
    const real = b.call.bind(b)
    let refusals = 1
    jest
      .spyOn(b, 'call')
      .mockImplementation((api, body, ctx) =>
        api === 'mail/message/delete' && refusals-- > 0
          ? Promise.resolve({ errcode: -1, errmsg: '系统繁忙，请稍后重试' })
          : real(api, body, ctx),
      )
    modal.mockResolvedValueOnce(answer(true)).mockResolvedValueOnce(answer(true))
    await click(testUtils, tool('彻底删除'), '彻底删除')
    await until(testUtils, () => back.mock.calls.length === 1, 'going back after 重试')
    expect(modal.mock.calls[1][0]).toMatchObject({
      title: '彻底删除失败',
      content: '系统繁忙，请稍后重试',
      confirmText: '重试',
    })
    expect((await listOf(zhangsan, 'trash')).some((i) => i.mail_id === id)).toBe(false)
  })

  it('outside 已删除 / 垃圾箱 delete still moves to 已删除, asking nothing', async () => {
    await backend().deliver('wwdemo', 'zhangsan@xinghe.com', {
      from: 'c@example.com',
      subject: '合同',
      content: '。',
    })
    const id = (await listOf(zhangsan)).find((i) => i.subject === '合同')!.mail_id
    await open(id)
    await until(testUtils, () => tool('删除') !== null, 'the actions')
    expect(tool('彻底删除')).toBeNull()
    await click(testUtils, tool('删除'), '删除')
    await until(testUtils, () => back.mock.calls.length === 1, 'going back')
    expect(modal).not.toHaveBeenCalled()
    expect((await listOf(zhangsan, 'trash')).some((i) => i.mail_id === id)).toBe(true)
  })
})
