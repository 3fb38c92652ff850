import Taro from '@tarojs/taro'
import TestUtils from '@tarojs/test-utils-react'
import { stores } from '../../stores'
import { asAdmin, backend, listOf, mailboxId, signIn, zhangsan } from '../../../test/kit/app'
import { bodyText, click, until } from '../../../test/pages/helpers'
import MailPage from './index'

const testUtils = new TestUtils()

// jsdom has no scrollIntoView; Taro's H5 ScrollView calls it to bring the current folder tab in view
const scrolledTo: string[] = []
beforeAll(() => {
  Element.prototype.scrollIntoView = function (this: Element) {
    scrolledTo.push(this.id)
  }
})

/** zhangsan inside the sales mailbox, as the switcher leaves him */
async function inSales(): Promise<number> {
  const id = await mailboxId('sales')
  await testUtils.act(async () => {
    await stores.mailboxes.refresh()
    expect(stores.mailboxes.select(String(id))).toBeNull()
  })
  return id
}

const rows = () => Array.from(document.querySelectorAll('[data-testid="message-row"]'))
const row = (subject: string) => rows().find((r) => r.textContent?.includes(subject)) ?? null
const snackbar = () => document.querySelector('[data-testid="snackbar"]')

/** ⋯ on a row, then the action sheet's choice (Taro.showActionSheet answers `tapIndex`) */
async function rowAction(subject: string, tapIndex: number) {
  jest.spyOn(Taro, 'showActionSheet').mockResolvedValueOnce({ tapIndex, errMsg: 'ok' })
  await click(testUtils, row(subject)?.querySelector('.msg-row__more') ?? null, `⋯ of ${subject}`)
}

describe('Mail page', () => {
  beforeEach(async () => {
    await signIn()
  })
  afterEach(() => {
    stores.messages.dismissNotice()
    jest.restoreAllMocks()
  })

  it('the folder drawer lists every folder, rule folders with their unread counts; the header keeps the current one', async () => {
    await inSales()
    await testUtils.mount(MailPage, {})
    await until(testUtils, () => rows().length > 0, 'sales inbox rows')
    const button = () => document.querySelector('[data-testid="folder-button"]')
    const current = () => document.querySelector('.mail-page__folder--on')?.textContent ?? ''
    expect(current()).toContain('收件箱')
    // unread waits in a rule folder: the button says so
    await until(testUtils, () => button()?.querySelector('.mail-page__all-dot') !== null, 'the hint')
    await click(testUtils, button(), 'folders')
    await until(testUtils, () => document.querySelector('.folder-sheet') !== null, 'the drawer')
    const sheet = document.querySelector('.folder-sheet')!
    for (const name of ['收件箱', '已发送', '草稿箱', '已删除', '垃圾箱', '财务票据'])
      expect(sheet.textContent).toContain(name)
    const rule = Array.from(sheet.querySelectorAll('.folder-sheet__item')).find((e) =>
      e.textContent?.includes('财务票据'),
    )!
    const unread = (await stores.messages.folders(stores.mailboxes.currentId).data)!.find(
      (f) => f.name === '财务票据',
    )!.unread
    expect(unread).toBeGreaterThan(0)
    expect(rule.querySelector('.folder-sheet__count')?.textContent).toBe(String(unread))

    await click(testUtils, rule, '财务票据')
    await until(testUtils, () => document.querySelector('.folder-sheet') === null, 'the drawer to close')
    expect(current()).toContain('财务票据')
    // a rule folder at the far end of the bar is scrolled into view
    await until(
      testUtils,
      () => scrolledTo.includes(`folder-tab-${stores.mailboxes.folder}`),
      'the tab in view',
    )
    expect(stores.mailboxes.folder).toBe(rule.getAttribute('data-testid')!.replace('folder-', ''))
    await until(testUtils, () => rows().some((r) => r.textContent?.includes('发票')), 'the invoices')
  })

  it('move from the list says where, with 撤销 that puts the mail back in its folder unread as it was', async () => {
    await backend().deliver('wwdemo', 'zhangsan@xinghe.com', {
      from: 'x@y.com',
      subject: '挪走的邮件',
      content: 'x',
    })
    await testUtils.mount(MailPage, {})
    await until(testUtils, () => row('挪走的邮件') !== null, 'the row')
    await rowAction('挪走的邮件', 2) // 移动到…
    await until(testUtils, () => document.querySelector('.folder-sheet') !== null, 'the move sheet')
    expect(document.querySelector('[data-testid="folder-inbox"]')?.getAttribute('aria-disabled')).toBe('true')
    await click(testUtils, document.querySelector('[data-testid="folder-spam"]'), '垃圾箱')
    await until(testUtils, () => snackbar()?.textContent?.includes('已移至垃圾箱') === true, 'the notice')
    expect(row('挪走的邮件')).toBeNull()
    expect(document.querySelector('.mail-page__compose--lifted')).not.toBeNull() // 写邮件 moves out of its way

    await click(testUtils, document.querySelector('[data-testid="snackbar-action"]'), '撤销')
    await until(testUtils, () => row('挪走的邮件') !== null, 'the row back')
    expect(snackbar()).toBeNull()
    expect((await listOf(zhangsan)).find((i) => i.subject === '挪走的邮件')?.read).toBe(false)
    expect((await listOf(zhangsan, 'spam')).some((i) => i.subject === '挪走的邮件')).toBe(false)
  })

  it('delete and star from the list give 已删除 / 已加星标 with 撤销', async () => {
    await backend().deliver('wwdemo', 'zhangsan@xinghe.com', {
      from: 'x@y.com',
      subject: '删掉的邮件',
      content: 'x',
    })
    await testUtils.mount(MailPage, {})
    await until(testUtils, () => row('删掉的邮件') !== null, 'the row')
    await rowAction('删掉的邮件', 1) // 加星标
    await until(testUtils, () => snackbar()?.textContent?.includes('已加星标') === true, 'the star notice')
    await rowAction('删掉的邮件', 3) // 删除
    await until(testUtils, () => snackbar()?.textContent?.includes('已删除') === true, 'the delete notice')
    expect(row('删掉的邮件')).toBeNull()
    await click(testUtils, document.querySelector('[data-testid="snackbar-action"]'), '撤销')
    await until(testUtils, () => row('删掉的邮件') !== null, 'the row back')
    // only the delete was undone: the star stays
    expect((await listOf(zhangsan)).find((i) => i.subject === '删掉的邮件')).toMatchObject({ starred: true })
  })

  it('shows colleagues and business mailboxes by name, outsiders by their header name', async () => {
    await backend().deliver('wwdemo', 'zhangsan@xinghe.com', {
      from: '陈经理 <chen@customer.cn>',
      subject: '外部询价',
      content: 'x',
    })
    await backend().deliver('wwdemo', 'zhangsan@xinghe.com', {
      from: 'sales@xinghe.com',
      subject: '来自业务邮箱',
      content: 'x',
    })
    await testUtils.mount(MailPage, {})
    await until(testUtils, () => row('外部询价') !== null, 'the row')
    await until(
      testUtils,
      () => row('来自业务邮箱')?.querySelector('.msg-row__from')?.textContent === '销售部公共邮箱',
      'the business mailbox name',
    )
    expect(row('外部询价')?.querySelector('.msg-row__from')?.textContent).toBe('陈经理')
    // 张伟 wrote the weekly meeting mail from zhangwei@xinghe.com
    await until(
      testUtils,
      () => row('本周销售例会安排')?.querySelector('.msg-row__from')?.textContent === '张伟',
      'the directory name',
    )
    expect(bodyText()).not.toContain('zhangwei@xinghe.com')
  })

  it('shows the personal inbox, switches to a business mailbox in one tap, and says why I may use it', async () => {
    await testUtils.mount(MailPage, {})
    await until(testUtils, () => bodyText().includes('zhangsan@xinghe.com'), 'the personal mailbox')
    await until(
      testUtils,
      () => document.querySelectorAll('[data-testid="message-row"]').length > 0,
      'inbox rows',
    )

    await click(testUtils, document.querySelector('[data-testid="current-mailbox"]'), 'header')
    await until(testUtils, () => bodyText().includes('切换邮箱'), 'the switcher')
    expect(bodyText()).toContain('通过部门「销售部」')
    expect(bodyText()).toContain('通过标签「客服」')

    const id = await mailboxId('sales')
    await click(testUtils, document.querySelector(`[data-testid="mailbox-${id}"]`), 'sales')
    await until(testUtils, () => !bodyText().includes('切换邮箱'), 'the sheet to close')
    expect(document.querySelector('[data-testid="current-mailbox"]')?.textContent).toContain(
      'sales@xinghe.com',
    )
    await until(testUtils, () => bodyText().includes('门店系统报价请求'), 'the sales inbox')
    expect(stores.mailboxes.currentId).toBe(String(id))
    expect(Taro.getStorageSync('bizmail.current.wwdemo.zhangsan')).toBe(String(id))
  })

  it('returns me to the personal mailbox with a notice when my access is taken away', async () => {
    const id = await inSales()
    await testUtils.mount(MailPage, {})
    await until(testUtils, () => bodyText().includes('sales@xinghe.com'), 'the sales mailbox')
    // The admin hands the mailbox to someone else only.
    await asAdmin('exmail/publicmail/update', {
      id,
      userid_list: { list: ['lina'] },
      department_list: { list: [] },
      tag_list: { list: [] },
    })
    await testUtils.act(async () => {
      await stores.mailboxes.refresh()
    })
    await until(testUtils, () => bodyText().includes('已返回个人邮箱'), 'the lost-access notice')
    expect(stores.mailboxes.currentId).toBe('personal')
    expect(stores.mailboxes.list.some((m) => m.id === String(id))).toBe(false)
  })
})
