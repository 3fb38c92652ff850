import Taro from '@tarojs/taro'
import TestUtils from '@tarojs/test-utils-react'
import { Current } from '@tarojs/runtime'
import { stores } from '../../../stores'
import { compose } from '../../../stores/composeSession'
import { backend, listOf, signIn } from '../../../../test/kit/app'
import { faults } from '../../../../test/kit/faults'
import { bodyText, click, typeInto, until } from '../../../../test/pages/helpers'
import ComposePage from './index'

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
})
