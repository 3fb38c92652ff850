// The mail list in 已删除 / 垃圾箱: 清空 in the header (asked first, naming how many; then the empty
// state), and the row's delete is 彻底删除 (asked first, no 撤销); elsewhere delete still moves.
import Taro from '@tarojs/taro'
import TestUtils from '@tarojs/test-utils-react'
import { stores } from '../../stores'
import { listOf, mailIn, signIn, zhangsan } from '../../../test/kit/app'
import { bodyText, click, until } from '../../../test/pages/helpers'
import MailPage from './index'

const testUtils = new TestUtils()

beforeAll(() => {
  // jsdom has no scrollIntoView (Taro's ScrollView brings the current tab in view)
  Element.prototype.scrollIntoView = () => undefined
})

const rows = () => Array.from(document.querySelectorAll('[data-testid="message-row"]'))
const row = (subject: string) => rows().find((r) => r.textContent?.includes(subject)) ?? null
const emptyButton = () => document.querySelector('[data-testid="empty-folder"]')
const answer = (confirm: boolean) => ({ confirm, cancel: !confirm, errMsg: 'ok' }) as never

async function showFolder(folder: string) {
  await testUtils.act(async () => {
    await stores.mailboxes.refresh()
    stores.mailboxes.setFolder(folder)
  })
  await testUtils.mount(MailPage, {})
}

describe('Mail list in 已删除 / 垃圾箱', () => {
  let modal: jest.SpyInstance
  let sheet: jest.SpyInstance
  beforeEach(async () => {
    await signIn()
    modal = jest.spyOn(Taro, 'showModal')
    sheet = jest.spyOn(Taro, 'showActionSheet')
    jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'ok' })
  })
  afterEach(() => {
    stores.messages.dismissNotice()
    jest.restoreAllMocks()
  })

  it('清空 asks first naming how many, then shows the empty state; 垃圾箱 keeps its mail', async () => {
    await mailIn('trash', '广告一')
    await mailIn('trash', '广告二')
    await mailIn('spam', '垃圾一')
    await showFolder('trash')
    await until(testUtils, () => row('广告二') !== null && emptyButton() !== null, 'the trash rows')
    const n = (await listOf(zhangsan, 'trash')).length
    await until(testUtils, () => bodyText().includes(`共 ${n} 封`), 'the count')

    modal.mockResolvedValueOnce(answer(false))
    await click(testUtils, emptyButton(), '清空')
    await until(testUtils, () => modal.mock.calls.length === 1, 'the question')
    expect(modal.mock.calls[0][0]).toMatchObject({
      title: '清空「已删除」？',
      content: `将彻底删除 ${n} 封邮件，无法恢复`,
      confirmText: '清空',
      cancelText: '取消',
      confirmColor: '#fa5151',
    })
    expect(await listOf(zhangsan, 'trash')).toHaveLength(n)

    modal.mockResolvedValueOnce(answer(true))
    await click(testUtils, emptyButton(), '清空')
    await until(
      testUtils,
      () => rows().length === 0 && bodyText().includes('这里还没有邮件'),
      'the empty state',
    )
    expect(emptyButton()).toBeNull()
    expect(await listOf(zhangsan, 'trash')).toEqual([])
    expect((await listOf(zhangsan, 'spam')).map((i) => i.subject)).toContain('垃圾一')
    expect(document.querySelector('[data-testid="snackbar"]')).toBeNull()
  })

  it('a row in 已删除: 移回收件箱 and 彻底删除; 彻底删除 asks, then the row is gone with no 撤销', async () => {
    await mailIn('trash', '旧广告')
    await showFolder('trash')
    await until(testUtils, () => row('旧广告') !== null, 'the row')
    sheet.mockResolvedValueOnce({ tapIndex: 4, errMsg: 'ok' })
    modal.mockResolvedValueOnce(answer(true))
    await click(testUtils, row('旧广告')!.querySelector('.msg-row__more'), '⋯')
    await until(testUtils, () => row('旧广告') === null, 'the row to go')
    expect(sheet.mock.calls[0][0].itemList.slice(2)).toEqual(['移动到…', '移回收件箱', '彻底删除'])
    expect(modal.mock.calls[0][0]).toMatchObject({ title: '彻底删除？', confirmText: '彻底删除' })
    expect((await listOf(zhangsan, 'trash')).some((i) => i.subject === '旧广告')).toBe(false)
    expect(document.querySelector('[data-testid="snackbar"]')).toBeNull()
  })

  it('in 垃圾箱 the row delete is 彻底删除; in the inbox it is 删除, no question and no 清空', async () => {
    await mailIn('spam', '中奖了')
    await showFolder('spam')
    await until(testUtils, () => row('中奖了') !== null, 'the spam row')
    expect(emptyButton()).not.toBeNull()
    sheet.mockResolvedValueOnce({ tapIndex: 3, errMsg: 'ok' })
    modal.mockResolvedValueOnce(answer(false))
    await click(testUtils, row('中奖了')!.querySelector('.msg-row__more'), '⋯')
    await until(testUtils, () => modal.mock.calls.length === 1, 'the question')
    expect(sheet.mock.calls[0][0].itemList[3]).toBe('彻底删除')
    expect(row('中奖了')).not.toBeNull() // 取消: nothing happened
    expect((await listOf(zhangsan, 'spam')).some((i) => i.subject === '中奖了')).toBe(true)

    await testUtils.act(async () => stores.mailboxes.setFolder('inbox'))
    await until(testUtils, () => rows().length > 0, 'the inbox')
    expect(emptyButton()).toBeNull()
    const first = rows()[0]
    sheet.mockResolvedValueOnce({ tapIndex: 3, errMsg: 'ok' })
    await click(testUtils, first.querySelector('.msg-row__more'), '⋯')
    await until(testUtils, () => sheet.mock.calls.length === 2, 'the sheet')
    expect(sheet.mock.calls[1][0].itemList[3]).toBe('删除')
    await until(testUtils, () => document.querySelector('[data-testid="snackbar"]') !== null, '已删除 · 撤销')
    expect(modal.mock.calls).toHaveLength(1)
  })
})
