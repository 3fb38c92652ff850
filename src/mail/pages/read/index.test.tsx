import Taro from '@tarojs/taro'
import TestUtils from '@tarojs/test-utils-react'
import { Current } from '@tarojs/runtime'
import { stores } from '../../../stores'
import { asAdmin, backend, listOf, mailboxId, signIn, zhangsan } from '../../../../test/kit/app'
import { bodyText, click, spyNavigation, until } from '../../../../test/pages/helpers'
import * as files from '../../../utils/attachmentFile'
import * as browser from '../../../utils/browserFile'
import ReadPage from './index'

jest.mock('../../../utils/attachmentFile', () => ({ openAttachment: jest.fn(), saveAttachment: jest.fn() }))
jest.mock('../../../utils/browserFile', () => ({ openInBrowser: jest.fn() }))

const testUtils = new TestUtils()
const open = (mailId: string) => {
  Current.router = { params: { id: mailId }, path: '/mail/pages/read/index' } as never
  return testUtils.mount(ReadPage, {})
}
const byText = (selector: string, label: string) =>
  Array.from(document.querySelectorAll(selector)).find((a) => a.textContent?.trim() === label) ?? null
const tool = (label: string) => byText('.read-page__tool', label)

/** pages on the stack: 2 = opened from the list, 1 = a reload or a deep link */
let depth = 2
let back: jest.SpyInstance
let tab: jest.SpyInstance

async function deliverToMe(subject: string, from = 'client@example.com'): Promise<string> {
  await backend().deliver('wwdemo', 'zhangsan@xinghe.com', { from, subject, content: `${subject}的正文` })
  return (await listOf(zhangsan)).find((i) => i.subject === subject)!.mail_id
}

/** zhangsan inside the sales mailbox (rule folder 财务票据 with unread invoices) */
async function inSales(): Promise<number> {
  const id = await mailboxId('sales')
  await testUtils.act(async () => {
    await stores.mailboxes.refresh()
    expect(stores.mailboxes.select(String(id))).toBeNull()
  })
  return id
}

describe('Read page', () => {
  beforeEach(async () => {
    depth = 2
    await signIn(zhangsan)
    await stores.mailboxes.refresh()
    ;({ back, tab } = spyNavigation(() => depth))
    jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' })
  })
  afterEach(() => {
    stores.messages.dismissNotice()
    jest.restoreAllMocks()
  })

  it('shows your own reply from 已发送 in the conversation, marked with its folder', async () => {
    await backend().deliver('wwdemo', 'zhangsan@xinghe.com', {
      from: 'chen@customer.cn',
      subject: '询价：X300',
      content: '请报价。',
      message_id: '<q-x300@customer.cn>',
    })
    const asked = (await listOf(zhangsan)).find((i) => i.subject === '询价：X300')!
    const sent = await backend().call(
      'mail/message/send',
      {
        mailbox: 'personal',
        from: 'zhangsan@xinghe.com',
        to: ['chen@customer.cn'],
        subject: '回复：询价：X300',
        content: '单价 2,980 元。',
        in_reply_to: '<q-x300@customer.cn>',
        idempotency_key: 'conv-1',
      },
      zhangsan,
    )
    expect(sent.errcode).toBe(0)
    await open(asked.mail_id)
    await until(testUtils, () => bodyText().includes('回复全部'), 'the message')
    const tag = document.querySelector('.read-page__elsewhere')
    expect(tag?.textContent).toBe('已发送')
    const folded = tag!.closest('.read-page__folded')!
    expect(folded.textContent).toContain('单价 2,980 元。')
    // in time order: the question (opened, unfolded) first, the later reply after it
    const opened = document.querySelector('.read-page__message')!
    expect(opened.compareDocumentPosition(folded) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
  })

  it('shows headers, the body as text (never markup) and the earlier messages of the thread, and marks it read', async () => {
    const thread = (await listOf(zhangsan)).find((i) => (i.count ?? 1) > 1)!
    await open(thread.mail_id)
    await until(testUtils, () => bodyText().includes('回复全部'), 'the message')
    expect(bodyText()).toContain(thread.subject)
    expect(bodyText()).toContain('收件人：')
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

  it('stars in place with 撤销, and 撤销 takes the star off again', async () => {
    const id = await deliverToMe('待处理的询价')
    await open(id)
    await until(testUtils, () => tool('星标') !== null, 'the actions')
    await click(testUtils, tool('星标'), 'star')
    await until(testUtils, () => tool('取消星标') !== null, 'the star to show')
    expect((await listOf(zhangsan)).find((i) => i.mail_id === id)?.starred).toBe(true)
    expect(document.querySelector('[data-testid="snackbar"]')?.textContent).toContain('已加星标')

    await click(testUtils, document.querySelector('[data-testid="snackbar-action"]'), '撤销')
    await until(testUtils, () => tool('星标') !== null, 'the star to go')
    expect((await listOf(zhangsan)).find((i) => i.mail_id === id)?.starred).toBe(false)
    expect(document.querySelector('[data-testid="snackbar"]')).toBeNull()
  })

  it('删除 moves it to 已删除 and goes back; 撤销 brings it back to the inbox as it was', async () => {
    const id = await deliverToMe('要删除的询价')
    await open(id)
    await until(testUtils, () => tool('删除') !== null, 'the actions')
    await click(testUtils, tool('删除'), 'delete')
    await until(testUtils, () => back.mock.calls.length > 0, 'going back')
    expect((await listOf(zhangsan)).some((i) => i.mail_id === id)).toBe(false)
    expect((await listOf(zhangsan, 'trash')).some((i) => i.mail_id === id)).toBe(true)
    // the notice waits for the list page (which shows it) with 撤销
    expect(stores.messages.notice?.text).toBe('已删除')
    expect(await stores.messages.undo()).toBe('')
    expect((await listOf(zhangsan)).find((i) => i.mail_id === id)).toMatchObject({ read: true })
    expect((await listOf(zhangsan, 'trash')).some((i) => i.mail_id === id)).toBe(false)
  })

  it('a deep-linked message (one page on the stack): 删除 lands on the mail list, never stays on the deleted mail', async () => {
    depth = 1
    const id = await deliverToMe('深链接里的邮件')
    await open(id)
    await until(testUtils, () => tool('删除') !== null, 'the actions')
    await click(testUtils, tool('删除'), 'delete')
    await until(testUtils, () => tab.mock.calls.length > 0, 'the list')
    expect(tab).toHaveBeenCalledWith({ url: '/pages/mail/index' })
    expect(back).not.toHaveBeenCalled()
  })

  it('标为未读 goes back to the list with the mail unread', async () => {
    const id = await deliverToMe('稍后再看')
    await open(id)
    await until(testUtils, () => tool('标为未读') !== null, 'the actions')
    expect((await listOf(zhangsan)).find((i) => i.mail_id === id)?.read).toBe(true)
    await click(testUtils, tool('标为未读'), 'mark unread')
    await until(testUtils, () => back.mock.calls.length > 0, 'going back')
    expect((await listOf(zhangsan)).find((i) => i.mail_id === id)?.read).toBe(false)
    expect(stores.messages.view('personal', 'inbox').items.find((i) => i.mail_id === id)?.read).toBe(false)
  })

  it('移动 lists every folder, rule folders too, the current one disabled; moving says where with 撤销', async () => {
    await inSales()
    const sales = String(await mailboxId('sales'))
    const mail = (await listOf(zhangsan, 'inbox', sales))[0]
    await open(mail.mail_id)
    await until(testUtils, () => tool('移动') !== null, 'the actions')
    await click(testUtils, tool('移动'), 'move')
    await until(testUtils, () => bodyText().includes('财务票据'), 'the rule folder in the sheet')
    const sheet = document.querySelector('.folder-sheet')!
    expect(sheet.textContent).toContain('规则文件夹')
    expect(sheet.querySelector('[data-testid="folder-drafts"]')).toBeNull()
    expect(sheet.querySelector('[data-testid="folder-inbox"]')?.getAttribute('aria-disabled')).toBe('true')
    // tapping the current folder does nothing
    await click(testUtils, sheet.querySelector('[data-testid="folder-inbox"]'), 'current folder')
    expect(document.querySelector('.folder-sheet')).not.toBeNull()

    const rule = Array.from(sheet.querySelectorAll('.folder-sheet__item')).find((e) =>
      e.textContent?.includes('财务票据'),
    )!
    const ruleId = rule.getAttribute('data-testid')!.replace('folder-', '')
    await click(testUtils, rule, '财务票据')
    await until(testUtils, () => back.mock.calls.length > 0, 'going back')
    expect((await listOf(zhangsan, ruleId, sales)).some((i) => i.mail_id === mail.mail_id)).toBe(true)
    expect(stores.messages.notice?.text).toBe('已移至财务票据')
  })

  it('names people from the directory; a colleague opens the member card', async () => {
    // zhangwei (张伟) wrote the weekly meeting mail to zhangsan and lina
    const mail = (await listOf(zhangsan)).find((i) => i.subject.includes('本周销售例会安排'))!
    await open(mail.mail_id)
    await until(
      testUtils,
      () => document.querySelector('[data-testid="read-from"]')?.textContent === '张伟',
      'the name',
    )
    await until(testUtils, () => bodyText().includes('张三、李娜'), 'the recipients by name')
    expect(bodyText()).not.toContain('zhangwei@xinghe.com')
    await click(testUtils, document.querySelector('[data-testid="read-from"]'), 'the sender')
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/contacts/pages/member/index?userid=zhangwei' })
  })

  it('an outsider shows the name of the From header; a tap shows the address with 复制地址 / 写邮件', async () => {
    const copy = jest.spyOn(Taro, 'setClipboardData').mockResolvedValue({ errMsg: 'ok' } as never)
    const id = await deliverToMe('外部来信', '陈经理 <chen@customer.cn>')
    await open(id)
    await until(
      testUtils,
      () => document.querySelector('[data-testid="read-from"]')?.textContent === '陈经理',
      'the name',
    )
    expect(bodyText()).not.toContain('chen@customer.cn')
    await click(testUtils, document.querySelector('[data-testid="read-from"]'), 'the sender')
    await until(
      testUtils,
      () => document.querySelector('[data-testid="person-address"]') !== null,
      'the card',
    )
    expect(document.querySelector('[data-testid="person-address"]')?.textContent).toBe('chen@customer.cn')
    expect(bodyText()).toContain('外部联系人')
    await click(testUtils, byText('.person-sheet__item', '复制地址'), '复制地址')
    expect(copy).toHaveBeenCalledWith({ data: 'chen@customer.cn' })

    await click(testUtils, document.querySelector('[data-testid="read-from"]'), 'the sender again')
    await click(testUtils, byText('.person-sheet__item', '写邮件'), '写邮件')
    expect(Taro.navigateTo).toHaveBeenCalledWith({
      url: `/mail/pages/compose/index?mode=new&to=${encodeURIComponent('陈经理 <chen@customer.cn>')}`,
    })
  })

  it('recipients open a sheet of every person with their address', async () => {
    const mail = (await listOf(zhangsan)).find((i) => i.subject.includes('本周销售例会安排'))!
    await open(mail.mail_id)
    await until(testUtils, () => bodyText().includes('张三、李娜'), 'the recipients')
    await click(testUtils, document.querySelector('[data-testid="read-recipients"]'), 'recipients')
    const sheet = document.querySelector('.people-sheet')!
    expect(sheet.textContent).toContain('lina@xinghe.com')
    await click(testUtils, byText('.people-sheet__name', '李娜')!.closest('.people-sheet__item'), '李娜')
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/contacts/pages/member/index?userid=lina' })
  })

  it('a business mailbox the member lost: leaves the message (to the list when deep-linked)', async () => {
    depth = 1
    const id = await inSales()
    const mail = (await listOf(zhangsan, 'inbox', String(id)))[0]
    await asAdmin('exmail/publicmail/update', {
      id,
      userid_list: { list: ['lina'] },
      department_list: { list: [] },
      tag_list: { list: [] },
    })
    await open(mail.mail_id)
    await until(testUtils, () => tab.mock.calls.length > 0, 'leaving')
    expect(tab).toHaveBeenCalledWith({ url: '/pages/mail/index' })
  })

  it('a mail that is gone offers the way back to the list', async () => {
    depth = 1
    await open('m999999')
    await until(testUtils, () => bodyText().includes('返回邮件列表'), 'the way back')
    await click(testUtils, byText('button, taro-button-core', '返回邮件列表'), 'back')
    await until(testUtils, () => tab.mock.calls.length > 0, 'the list')
    expect(tab).toHaveBeenCalledWith({ url: '/pages/mail/index' })
  })

  describe('HTML mail and attachments', () => {
    const NEWS =
      '<p>本月<b>新品</b>上市</p><img src="https://img.partner.cn/b.png" alt="横幅">' +
      '<p><a href="https://partner.cn/n?id=1&amp;from=mail">阅读<i>全文</i></a> · <a href="mailto:news@partner.cn?subject=TD">退订</a></p>' +
      '<script>window.__pwned=1</script><p onclick="window.__pwned=2">结尾</p>'

    async function openNews(): Promise<Element> {
      await backend().deliver('wwdemo', 'zhangsan@xinghe.com', {
        from: 'news@partner.cn',
        subject: '图文通讯',
        content: '',
        html: NEWS,
      })
      const id = (await listOf(zhangsan)).find((i) => i.subject === '图文通讯')!.mail_id
      await open(id)
      await until(testUtils, () => bodyText().includes('新品'), 'the HTML body')
      return document.querySelector('[data-testid="mail-html"]')!
    }
    // test-utils' transformer reads this before TARO_ENV (written apart: it rewrites process.env.TARO_ENV*)
    const JEST_ENV = ['TARO', 'ENV', 'JEST'].join('_')
    const modal = () =>
      jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'ok' } as never)
    beforeEach(() => jest.clearAllMocks())
    afterEach(() => {
      delete process.env[JEST_ENV]
    })

    it('renders the HTML from nodes as elements, with nothing that runs', async () => {
      const body = await openNews()
      expect(body.querySelector('b')?.textContent).toBe('新品')
      expect(body.querySelector('i')?.textContent).toBe('全文')
      expect(body.textContent).toContain('结尾')
      expect(body.querySelector('script')).toBeNull()
      expect(body.innerHTML).not.toMatch(/onclick|__pwned|\shref=/)
      expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined()
      // not the text fallback
      expect(document.querySelector('.read-page__content')).toBeNull()
    })

    it('remote images wait for 显示图片: a placeholder, no image request, then the image', async () => {
      const body = await openNews()
      expect(body.querySelector('img')).toBeNull()
      expect(body.innerHTML).not.toContain('img.partner.cn')
      expect(body.textContent).toContain('[图片：横幅]')
      expect(body.querySelector('[data-testid="show-images"]')?.textContent).toBe(
        '此邮件含有外部图片显示图片',
      )
      await click(testUtils, byText('.mail-html__images-action', '显示图片'), '显示图片')
      await until(testUtils, () => body.querySelector('img') !== null, 'the image')
      expect(body.querySelector('img')?.getAttribute('src')).toBe('https://img.partner.cn/b.png')
      expect(body.textContent).not.toContain('[图片')
      expect(body.querySelector('[data-testid="show-images"]')).toBeNull()
    })

    it('H5: a tap on a link in the body asks first, showing the real target, then opens a new tab', async () => {
      const ask = modal()
      const body = await openNews()
      await click(testUtils, body.querySelector('i'), 'the link (its inner words)')
      await until(testUtils, () => ask.mock.calls.length > 0, 'the confirm')
      expect(ask.mock.calls[0][0]).toMatchObject({ content: '将打开：https://partner.cn/n?id=1&from=mail' })
      await until(testUtils, () => (browser.openInBrowser as jest.Mock).mock.calls.length > 0, 'opening')
      expect(browser.openInBrowser).toHaveBeenCalledWith('https://partner.cn/n?id=1&from=mail')
      // the list is WeChat's: H5 taps the body
      expect(document.querySelector('[data-testid="mail-links"]')).toBeNull()
    })

    it('a link the member does not confirm opens nothing; a mailto link writes to its address', async () => {
      const ask = jest
        .spyOn(Taro, 'showModal')
        .mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'ok' } as never)
        .mockResolvedValueOnce({ confirm: true, cancel: false, errMsg: 'ok' } as never)
      const body = await openNews()
      await click(testUtils, body.querySelector('i'), 'the link')
      await until(testUtils, () => ask.mock.calls.length === 1, 'the confirm')
      await testUtils.act(() => new Promise((r) => setTimeout(r, 20)))
      expect(browser.openInBrowser).not.toHaveBeenCalled()
      const unsubscribe = Array.from(body.querySelectorAll('a')).find((a) => a.textContent === '退订')!
      await click(testUtils, unsubscribe, '退订')
      await until(testUtils, () => (Taro.navigateTo as jest.Mock).mock.calls.length > 0, 'compose')
      expect(ask.mock.calls[1][0]).toMatchObject({ content: '将写信给：news@partner.cn' })
      expect(Taro.navigateTo).toHaveBeenCalledWith({
        url: `/mail/pages/compose/index?mode=new&to=${encodeURIComponent('news@partner.cn')}`,
      })
    })

    it('WeChat: links are listed under the body; a tap confirms the target, then copies it', async () => {
      process.env[JEST_ENV] = 'weapp'
      const ask = modal()
      const copy = jest.spyOn(Taro, 'setClipboardData').mockResolvedValue({ errMsg: 'ok' } as never)
      await openNews()
      const list = document.querySelector('[data-testid="mail-links"]')!
      expect(list.textContent).toContain('邮件中的链接')
      await click(
        testUtils,
        byText('.mail-html__href', 'https://partner.cn/n?id=1&from=mail'),
        'the listed link',
      )
      await until(testUtils, () => ask.mock.calls.length > 0, 'the confirm')
      await until(
        testUtils,
        () => copy.mock.calls.length > 0,
        `the copy after ${JSON.stringify(ask.mock.calls)}`,
      )
      expect(ask.mock.calls[0][0]).toMatchObject({
        content: '将打开：https://partner.cn/n?id=1&from=mail',
        confirmText: '复制链接',
      })
      expect(copy).toHaveBeenCalledWith({ data: 'https://partner.cn/n?id=1&from=mail' })
      expect(Taro.showToast).toHaveBeenCalledWith({ title: '链接已复制，可在浏览器中打开', icon: 'none' })
    })

    async function openWithFiles(): Promise<string> {
      const pdf = Buffer.alloc(150 * 1024, 7).toString('base64')
      const png = Buffer.alloc(1800, 1).toString('base64')
      await backend().deliver('wwdemo', 'zhangsan@xinghe.com', {
        from: 'billing@vendor.cn',
        subject: '附件测试',
        content: '见附件',
        attachments: [
          { filename: '发票-2026-11.pdf', content_type: 'application/pdf', content: pdf },
          { filename: '现场照片.png', content_type: 'image/png', content: png },
        ],
      })
      const id = (await listOf(zhangsan)).find((i) => i.subject === '附件测试')!.mail_id
      await open(id)
      await until(testUtils, () => bodyText().includes('发票-2026-11'), 'the attachments')
      return pdf
    }
    const rows = () => Array.from(document.querySelectorAll('[data-testid="attachment-row"]'))

    it('lists the attachments with type, name (extension kept apart) and size; a tap opens the bytes', async () => {
      const pdf = await openWithFiles()
      expect(rows().map((r) => r.textContent)).toEqual([
        'PDF发票-2026-11.pdf150.0 KB保存',
        '图片现场照片.png1.8 KB保存',
      ])
      expect(rows()[0].querySelector('.att-list__ext')?.textContent).toBe('.pdf')
      const opener = files.openAttachment as jest.Mock
      opener.mockResolvedValue(undefined)
      await click(testUtils, rows()[0], 'the PDF row')
      await until(testUtils, () => opener.mock.calls.length > 0, 'opening')
      expect(opener.mock.calls[0][0]).toMatchObject({
        name: '发票-2026-11.pdf',
        content_type: 'application/pdf',
        data: pdf,
      })
      expect(files.saveAttachment).not.toHaveBeenCalled()
    })

    it('a row spins while its file loads; a failure says why with 重试, which repeats the save', async () => {
      await openWithFiles()
      let finish: () => void = () => undefined
      const saver = files.saveAttachment as jest.Mock
      saver.mockImplementationOnce(
        () =>
          new Promise<void>((_, reject) => (finish = () => reject(new Error('微信暂不能打开 .png 文件')))),
      )
      await click(testUtils, byText('.att-list__action', '保存'), '保存')
      await until(
        testUtils,
        () => document.querySelector('[data-testid="attachment-busy"]') !== null,
        'the spinner',
      )
      expect(rows()[0].textContent).toContain('正在打开…')
      await testUtils.act(async () => finish())
      await until(
        testUtils,
        () => document.querySelector('[data-testid="attachment-error"]') !== null,
        'the reason',
      )
      expect(rows()[0].querySelector('[data-testid="attachment-error"]')?.textContent).toBe(
        '微信暂不能打开 .png 文件',
      )
      saver.mockResolvedValueOnce(undefined)
      await click(testUtils, byText('.att-list__action', '重试'), '重试')
      await until(testUtils, () => saver.mock.calls.length === 2, 'the second save')
      await until(
        testUtils,
        () => document.querySelector('[data-testid="attachment-error"]') === null,
        'the row again',
      )
      expect(rows()[0].textContent).toContain('150.0 KB')
    })

    it('a folded message of the conversation with attachments shows a paperclip', async () => {
      await backend().deliver('wwdemo', 'zhangsan@xinghe.com', {
        from: 'chen@customer.cn',
        subject: '合同',
        content: '合同见附件。',
        message_id: '<ct-1@customer.cn>',
        attachments: [{ filename: '合同.docx', content_type: '', content: 'UEsDBA==' }],
      })
      await backend().deliver('wwdemo', 'zhangsan@xinghe.com', {
        from: 'chen@customer.cn',
        subject: '回复：合同',
        content: '已盖章。',
        in_reply_to: '<ct-1@customer.cn>',
      })
      const latest = (await listOf(zhangsan)).find((i) => i.subject === '回复：合同')!
      await open(latest.mail_id)
      await until(
        testUtils,
        () => document.querySelector('.read-page__folded') !== null,
        'the folded message',
      )
      const folded = document.querySelector('.read-page__folded')!
      expect(folded.textContent).toContain('合同见附件')
      expect(folded.querySelector('[data-testid="folded-clip"]')?.getAttribute('aria-label')).toBe('1 个附件')
      // unfolded, its attachment is listed
      await click(testUtils, folded, 'unfold')
      await until(testUtils, () => bodyText().includes('合同.docx'), 'its attachment')
      // opening it keeps the message unfolded (the row's tap is not the fold's)
      ;(files.openAttachment as jest.Mock).mockResolvedValue(undefined)
      await click(testUtils, rows()[0], 'the attachment of the unfolded message')
      await until(testUtils, () => (files.openAttachment as jest.Mock).mock.calls.length > 0, 'opening')
      expect(bodyText()).toContain('合同.docx')
      expect(document.querySelector('.read-page__folded')).toBeNull()
    })
  })
})
