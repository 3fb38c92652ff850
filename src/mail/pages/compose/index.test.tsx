import Taro from '@tarojs/taro'
import TestUtils from '@tarojs/test-utils-react'
import { Current } from '@tarojs/runtime'
import { stores } from '../../../stores'
import { compose } from '../../../stores/composeSession'
import { backend, listOf, signIn } from '../../../../test/kit/app'
import { faults } from '../../../../test/kit/faults'
import { bodyText, click, typeInto, until } from '../../../../test/pages/helpers'
import ComposePage from './index'

// The platform picker is the one thing a page test cannot drive: it hands over these files.
const mockPick = jest.fn()
jest.mock('../../../utils/pickFiles', () => ({ pickFiles: (max: number) => mockPick(max) }))

/** a picked file whose bytes arrive when `release()` is called (progress 40 % before) */
function heldFile(name: string, text: string) {
  let release = () => {}
  const gate = new Promise<void>((go) => (release = go))
  return {
    release: () => release(),
    file: {
      name,
      size: Buffer.byteLength(text),
      content_type: 'text/plain',
      read: async (progress?: (f: number) => void) => {
        progress?.(0.4)
        await gate
        return Buffer.from(text).toString('base64')
      },
    },
  }
}
const readyFile = (name: string, text: string, size = Buffer.byteLength(text)) => ({
  name,
  size,
  content_type: 'application/octet-stream',
  read: async () => Buffer.from(text).toString('base64'),
})
const rows = () => all('compose-attachment')
const states = () => rows().map((r) => r.getAttribute('data-state'))

const testUtils = new TestUtils()
const q = (id: string) => document.querySelector(`[data-testid="${id}"]`)
const all = (id: string) => Array.from(document.querySelectorAll(`[data-testid="${id}"]`))
// Taro's Input / Textarea render their native field a moment after the component itself.
const fieldsReady = () =>
  ['compose-to', 'compose-subject'].every((id) => q(id)?.querySelector('input') != null)
const chips = (field = 'to') => all(`compose-${field}-chip`)
const chipText = (field = 'to') => chips(field).map((c) => c.textContent?.replace('×', '').trim())

const lina = { corpid: 'wwdemo', userid: 'lina' }

async function openCompose(params: Record<string, string> = { mode: 'new' }) {
  Current.router = { params, path: '/mail/pages/compose/index' } as never
  await testUtils.mount(ComposePage, {})
  await until(testUtils, fieldsReady, 'the form')
}

/** back: the page goes (its leave hooks save a written draft) */
async function leave() {
  testUtils.unmout()
  await testUtils.act(() => new Promise((r) => setTimeout(r, 50)))
}

/** Enter in a recipient field (Taro's Input: keydown Enter → confirm) */
async function pressEnter(field: string) {
  const input = q(`compose-${field}`)?.querySelector('input')
  if (!input) throw new Error(`no input in ${field}`)
  await testUtils.act(async () => {
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', keyCode: 13, bubbles: true }))
  })
}

describe('Compose page', () => {
  let modal: jest.SpyInstance
  let back: jest.SpyInstance
  let tab: jest.SpyInstance
  let toast: jest.SpyInstance
  let depth = 2

  beforeEach(async () => {
    await signIn(lina)
    await stores.mailboxes.refresh()
    depth = 2
    jest.spyOn(Taro, 'getCurrentPages').mockImplementation(() => new Array(depth).fill({}) as never)
    back = jest.spyOn(Taro, 'navigateBack').mockResolvedValue({ errMsg: 'ok' })
    tab = jest.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'ok' })
    toast = jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'ok' })
    modal = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'ok' })
  })
  afterEach(() => jest.restoreAllMocks())

  it('suggests colleagues and mailboxes while typing; the picked one becomes a chip with the directory name', async () => {
    await openCompose()
    expect(q('compose-from')?.textContent).toContain('lina@xinghe.com')
    await typeInto(testUtils, q('compose-to'), 'zs', 'to')
    await until(testUtils, () => bodyText().includes('zhangsan@xinghe.com'), 'a suggestion')
    await click(testUtils, document.querySelector('.compose__suggest-item'), 'suggestion')
    expect(compose.fields.to).toEqual(['张三 <zhangsan@xinghe.com>'])
    expect(chipText()).toEqual(['张三'])
    expect(q('compose-suggestions')).toBeNull()
  })

  it('typed addresses become chips at a comma or Enter: named from the directory, warned when outside, red with the reason when invalid', async () => {
    await openCompose()
    await typeInto(testUtils, q('compose-to'), 'zhangsan@xinghe.com, chen@customer.cn，', 'to')
    await typeInto(testUtils, q('compose-to'), 'bob@', 'to')
    await pressEnter('to')
    await until(testUtils, () => chipText()[0] === '张三', 'the directory name')
    expect(chipText()).toEqual(['张三', 'chen@customer.cn外部地址', 'bob@'])
    const bad = chips()[2]
    expect(bad.className).toContain('chip--invalid')
    expect(bodyText()).toContain('邮件地址格式不正确：bob@')
    expect(bodyText()).not.toMatch(/\(to\[\d\]\)/)
    // × removes one chip
    await click(testUtils, bad.querySelector('[data-testid="compose-to-remove"]'), '×')
    expect(chipText()).toEqual(['张三', 'chen@customer.cn外部地址'])
    expect(compose.fields.to).toEqual(['zhangsan@xinghe.com', 'chen@customer.cn'])
  })

  it('keeps what was typed when the page is left and comes back to it', async () => {
    await openCompose()
    await typeInto(testUtils, q('compose-subject'), '周报（未完成）', 'subject')
    testUtils.unmout()
    await testUtils.mount(ComposePage, {})
    await until(testUtils, () => bodyText().includes('已恢复上次未发送的草稿'), 'the restored draft')
    expect(compose.fields.subject).toBe('周报（未完成）')
  })

  it('a reply opened and left without a change leaves no draft; an edited one does', async () => {
    await backend().deliver('wwdemo', 'lina@xinghe.com', {
      from: '陈经理 <chen@customer.cn>',
      subject: '合同确认',
      content: '请确认合同条款',
    })
    const mail = (await listOf(lina)).find((i) => i.subject === '合同确认')!
    await openCompose({ mode: 'reply', id: mail.mail_id })
    await until(testUtils, () => chipText()[0] === '陈经理外部地址', 'the sender as a chip')
    await leave()
    expect(await listOf(lina, 'drafts')).toEqual([])

    await openCompose({ mode: 'reply', id: mail.mail_id })
    expect(bodyText()).not.toContain('已恢复上次未发送的草稿')
    await typeInto(testUtils, q('compose-body'), `好的。${compose.fields.content}`, 'body')
    await leave()
    expect((await listOf(lina, 'drafts')).map((d) => d.subject)).toEqual(['回复：合同确认'])
  })

  it('an empty subject asks first; 返回编辑 sends nothing, 发送 sends', async () => {
    await openCompose()
    await typeInto(testUtils, q('compose-to'), 'partner@example.com', 'to')
    modal.mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'ok' })
    await click(testUtils, q('compose-send'), '发送')
    expect(modal).toHaveBeenCalledWith(
      expect.objectContaining({
        title: '邮件没有主题，仍然发送？',
        confirmText: '发送',
        cancelText: '返回编辑',
      }),
    )
    expect((await listOf(lina, 'sent')).filter((i) => i.subject === '')).toHaveLength(0)
    expect(q('compose-subject')).not.toBeNull() // still editing

    await click(testUtils, q('compose-send'), '发送')
    await until(testUtils, () => tab.mock.calls.length + back.mock.calls.length > 0, 'the page to close')
    expect((await listOf(lina, 'sent')).filter((i) => i.subject === '')).toHaveLength(1)
  })

  it('sent from a deep link (one page in the stack): lands on the mail list, the draft gone from 草稿箱 at once', async () => {
    depth = 1
    await openCompose()
    await typeInto(testUtils, q('compose-to'), 'partner@example.com', 'to')
    await typeInto(testUtils, q('compose-subject'), '深链接发送', 'subject')
    await testUtils.act(() => compose.saveDraft()) // as leaving for a moment would
    const draftId = compose.draftId
    expect(draftId).not.toBe('')
    const drafts = stores.messages.view(compose.mailbox, 'drafts')
    await testUtils.act(() => drafts.refresh())
    expect(drafts.items.map((i) => i.draft_id)).toContain(draftId)

    await click(testUtils, q('compose-send'), '发送')
    await until(testUtils, () => tab.mock.calls.length > 0, 'the list')
    expect(tab).toHaveBeenCalledWith({ url: '/pages/mail/index' })
    expect(back).not.toHaveBeenCalled()
    expect(modal).not.toHaveBeenCalled() // it had a subject
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '已发送' }))
    expect(drafts.items.map((i) => i.draft_id)).not.toContain(draftId)
    expect(await listOf(lina, 'drafts')).toEqual([])
    expect((await listOf(lina, 'sent')).filter((i) => i.subject === '深链接发送')).toHaveLength(1)
    // the page shows no fresh form at the same URL, and leaving it saves nothing
    expect(q('compose-subject')).toBeNull()
    testUtils.unmout()
    expect(await listOf(lina, 'drafts')).toEqual([])
  })

  it('an invalid address keeps the label 发送 (only a send lost in transit offers 重试发送)', async () => {
    await openCompose()
    await typeInto(testUtils, q('compose-to'), 'bob@', 'to')
    await typeInto(testUtils, q('compose-subject'), '校验', 'subject')
    await click(testUtils, q('compose-send'), '发送')
    expect(toast).toHaveBeenCalledWith(
      expect.objectContaining({ title: '有收件人地址不正确，请修改标红的地址' }),
    )
    expect(q('compose-send')?.textContent).toBe('发送')

    await click(testUtils, chips()[0].querySelector('[data-testid="compose-to-remove"]'), '×')
    await typeInto(testUtils, q('compose-to'), 'partner@example.com', 'to')
    // every attempt is lost before the backend sees it: now a retry is offered, and the draft stays
    faults.plan = { mode: 'before', count: 10, apis: ['mail/message/send'] }
    await click(testUtils, q('compose-send'), '发送')
    await until(testUtils, () => q('compose-send')?.textContent === '重试发送', '重试发送', 10000)
    expect(bodyText()).toContain('草稿已保存')
    expect(compose.fields.subject).toBe('校验')
  })

  describe('attachments', () => {
    it('添加附件 picks files within the room left; a row shows type, name, size and progress, then is ready; × removes it; the send carries the rest', async () => {
      await openCompose()
      // uploads held in the backend: the rows follow each step
      const uploads: Array<() => void> = []
      const b = backend()
      const call = b.call.bind(b)
      jest.spyOn(b, 'call').mockImplementation(async (api, body, ctx) => {
        if (api === 'mail/attachment/upload') await new Promise<void>((go) => uploads.push(go))
        return call(api, body, ctx)
      })
      const held = heldFile('会议纪要.docx', '纪要内容')
      mockPick.mockResolvedValueOnce([held.file, readyFile('报价.pdf', 'PDF 内容')])
      await click(testUtils, q('compose-attach'), '添加附件')
      expect(mockPick).toHaveBeenCalledWith(20)
      await until(testUtils, () => states().join() === 'reading,uploading', 'one reading, one uploading')
      const first = rows()[0]
      expect(first.querySelector('.attachment__badge')?.textContent).toBe('DOC')
      expect(first.textContent).toContain('会议纪要.docx')
      expect(first.textContent).toContain('12 B · 读取中 40%')
      expect(first.querySelector('[data-testid="compose-attachment-progress"]')).not.toBeNull()
      // the send waits while a file is on its way
      expect(q('compose-send')?.textContent).toBe('附件上传中…')
      expect(q('compose-send')?.hasAttribute('disabled')).toBe(true)

      held.release()
      await until(testUtils, () => states().join() === 'uploading,uploading', 'both uploading')
      expect(rows()[0].textContent).toContain('12 B · 上传中…')
      expect(rows()[0].querySelector('.attachment__fill--busy')).not.toBeNull()
      uploads.forEach((go) => go())
      await until(testUtils, () => states().every((s) => s === 'ready'), 'both uploaded')
      expect(rows()[0].querySelector('[data-testid="compose-attachment-progress"]')).toBeNull()
      expect(rows()[1].querySelector('.attachment__badge')?.textContent).toBe('PDF')
      expect(q('compose-attachments-total')?.textContent).toBe('2 个附件，共 22 B')
      expect(q('compose-send')?.textContent).toBe('发送')

      await click(testUtils, rows()[1].querySelector('[data-testid="compose-attachment-remove"]'), '×')
      expect(rows().map((r) => r.querySelector('.attachment__name')?.textContent)).toEqual(['会议纪要.docx'])
      mockPick.mockResolvedValueOnce([])
      await click(testUtils, q('compose-attach'), '添加附件') // the picker cancelled: nothing changes
      expect(mockPick).toHaveBeenLastCalledWith(19)
      expect(rows()).toHaveLength(1)

      await typeInto(testUtils, q('compose-to'), 'zhangsan@xinghe.com', 'to')
      await typeInto(testUtils, q('compose-subject'), '带附件的纪要', 'subject')
      await click(testUtils, q('compose-send'), '发送')
      await until(testUtils, () => tab.mock.calls.length + back.mock.calls.length > 0, 'the page to close')
      const sent = (await listOf(lina, 'sent')).find((i) => i.subject === '带附件的纪要')!
      const read = await backend().call(
        'mail/message/read',
        { mailbox: 'personal', mail_id: sent.mail_id },
        lina,
      )
      expect((read.message as { attachments: { name: string }[] }).attachments.map((a) => a.name)).toEqual([
        '会议纪要.docx',
      ])
    })

    it("a file over the backend's limit says so in words, with 重试 and ×; until removed the send says why", async () => {
      await openCompose()
      mockPick.mockResolvedValueOnce([readyFile('扫描件.bin', 'x'.repeat(2 * 1024 * 1024 + 10))])
      await click(testUtils, q('compose-attach'), '添加附件')
      await until(testUtils, () => states()[0] === 'failed', 'the refusal')
      const error = q('compose-attachment-error')?.textContent ?? ''
      expect(error).toContain('扫描件.bin')
      expect(error).toContain('超过 2 MB')
      expect(error).not.toMatch(/\([a-z_]+\)/)
      expect(q('compose-attachment-retry')?.textContent).toBe('重试')
      await typeInto(testUtils, q('compose-to'), 'zhangsan@xinghe.com', 'to')
      await typeInto(testUtils, q('compose-subject'), '大附件', 'subject')
      await click(testUtils, q('compose-send'), '发送')
      expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '有附件未能添加，请重试或移除' }))
      expect((await listOf(lina, 'sent')).filter((i) => i.subject === '大附件')).toHaveLength(0)
      await click(testUtils, q('compose-attachment-remove'), '×')
      expect(rows()).toHaveLength(0)
      await click(testUtils, q('compose-send'), '发送')
      await until(testUtils, () => tab.mock.calls.length + back.mock.calls.length > 0, 'the page to close')
    })

    it('a file lost on the way is uploaded again by 重试', async () => {
      await openCompose()
      faults.plan = { mode: 'before', count: 1, apis: ['mail/attachment/upload'] }
      mockPick.mockResolvedValueOnce([readyFile('清单.txt', '清单')])
      await click(testUtils, q('compose-attach'), '添加附件')
      await until(testUtils, () => states()[0] === 'failed', 'the lost upload')
      expect(q('compose-attachment-error')?.textContent).toMatch(/^上传失败/)
      await click(testUtils, q('compose-attachment-retry'), '重试')
      await until(testUtils, () => states()[0] === 'ready', 'the retried upload')
      expect(q('compose-attachment-retry')).toBeNull()
    })

    it("forward shows the original's attachments (removable); reply shows none", async () => {
      await backend().deliver('wwdemo', 'lina@xinghe.com', {
        from: '陈经理 <chen@customer.cn>',
        subject: '合同附件',
        content: '见附件',
        attachments: [{ filename: '合同.pdf', content_type: 'application/pdf', content: 'UERG' }],
      })
      const mail = (await listOf(lina)).find((i) => i.subject === '合同附件')!
      await openCompose({ mode: 'reply', id: mail.mail_id })
      expect(rows()).toHaveLength(0)
      await leave()
      await openCompose({ mode: 'forward', id: mail.mail_id })
      await until(testUtils, () => rows().length === 1, "the original's attachment")
      expect(rows()[0].textContent).toContain('合同.pdf')
      expect(rows()[0].textContent).toContain('原邮件附件')
      await leave()
      expect(await listOf(lina, 'drafts')).toEqual([]) // a forward left as it began: no draft
    })

    it('an attachment alone is kept: leaving saves a draft that comes back with it', async () => {
      await openCompose()
      mockPick.mockResolvedValueOnce([readyFile('只有附件.txt', '内容')])
      await click(testUtils, q('compose-attach'), '添加附件')
      await until(testUtils, () => states()[0] === 'ready', 'the upload')
      await leave()
      const [draft] = await listOf(lina, 'drafts')
      expect(draft).toBeDefined()
      // only the server draft: as on another device
      for (const k of Taro.getStorageInfoSync().keys)
        if (k.startsWith('bizmail.draft.')) Taro.removeStorageSync(k)
      await openCompose({ mode: 'draft', id: (draft as { draft_id?: string }).draft_id ?? draft.mail_id })
      await until(testUtils, () => rows().length === 1, 'the draft attachment')
      expect(rows()[0].textContent).toContain('只有附件.txt')
    })
  })
})
