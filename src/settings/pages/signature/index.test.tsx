import { settings } from '../../store'
import Taro from '@tarojs/taro'
import TestUtils from '@tarojs/test-utils-react'
import { backend } from '../../../../test/kit/app'
import { bodyText, click, typeInto, until } from '../../../../test/pages/helpers'
import { enterSales, otherMemberSaves, zhangsan } from '../../../../test/pages/settingsHelpers'
import SignaturePage from './index'

const testUtils = new TestUtils()
const input = () => document.querySelector('[data-testid="signature-input"]')
/** types into a field of the format panel once its web component has rendered its native input */
async function typeField(testid: string, text: string) {
  await until(testUtils, () => !!document.querySelector(`[data-testid="${testid}"] input`), testid)
  await typeInto(testUtils, document.querySelector(`[data-testid="${testid}"]`), text, testid)
}
const serverSignature = async (mailbox: string) =>
  ((await backend().call('mail/settings/get', { mailbox }, zhangsan)).shared as { signature: string })
    .signature

describe('Signature page', () => {
  let mailbox = ''
  beforeEach(async () => {
    mailbox = await enterSales(testUtils)
  })
  beforeEach(() => {
    jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'ok' })
    jest.spyOn(Taro, 'navigateBack').mockResolvedValue({ errMsg: 'ok' })
  })
  afterEach(() => {
    jest.restoreAllMocks()
    testUtils.unmout()
  })

  it('previews the sanitised signature as text and saves it', async () => {
    await testUtils.mount(SignaturePage, {})
    await until(testUtils, () => bodyText().includes('编辑签名'), 'the editor')
    expect(bodyText()).toContain('所有可使用该邮箱的成员共享')
    await typeInto(testUtils, input(), '张三<script>alert(1)</script> <b onclick="x()">销售顾问</b>')
    const preview = document.querySelector('[data-testid="signature-preview"]')!
    await until(testUtils, () => preview.textContent!.includes('张三 销售顾问'), 'the preview')
    // Drawn from the saved markup with Text: bold is bold, no markup from the signature in the DOM.
    expect(preview.querySelector('b, script')).toBeNull()
    expect(preview.textContent).not.toContain('alert')
    const bold = Array.from(preview.querySelectorAll('.signature__run--b')).map((e) => e.textContent)
    expect(bold).toEqual(['销售顾问'])
    // What saving removes is said before and after saving.
    expect(document.querySelector('[data-testid="signature-removed"]')!.textContent).toBe(
      '保存时将移除：脚本 1 处、事件或样式属性 1 处',
    )

    await click(testUtils, document.querySelector('[data-testid="signature-save"]'), 'save')
    await until(testUtils, () => !settings.of(mailbox).signatureDirty, 'the save')
    expect(await serverSignature(mailbox)).toBe('张三 <b>销售顾问</b>')
    expect(Taro.showModal).toHaveBeenCalledWith(
      expect.objectContaining({ title: '签名已保存', content: expect.stringContaining('脚本 1 处') }),
    )
  })

  it('bold and link buttons insert markers, no HTML to write; unsafe links are refused', async () => {
    await testUtils.mount(SignaturePage, {})
    await until(testUtils, () => bodyText().includes('编辑签名'), 'the editor')
    await typeInto(testUtils, input(), '张三 ')
    await click(testUtils, document.querySelector('[data-testid="signature-bold"]'), '加粗')
    await typeField('signature-format-words', '销售总监')
    await click(testUtils, document.querySelector('[data-testid="signature-format-insert"]'), '插入')
    expect(settings.of(mailbox).signatureText).toBe('张三 **销售总监**')

    await click(testUtils, document.querySelector('[data-testid="signature-link"]'), '链接')
    await typeField('signature-format-words', '官网')
    await typeInto(
      testUtils,
      document.querySelector('[data-testid="signature-format-url"]'),
      'javascript:alert(1)',
    )
    await click(testUtils, document.querySelector('[data-testid="signature-format-insert"]'), '插入')
    expect(document.querySelector('[data-testid="signature-format-error"]')!.textContent).toContain(
      '链接只能是以 http://、https:// 开头的网址或邮箱地址',
    )
    await typeInto(
      testUtils,
      document.querySelector('[data-testid="signature-format-url"]'),
      'www.xinghe.com',
    )
    await click(testUtils, document.querySelector('[data-testid="signature-format-insert"]'), '插入')
    expect(settings.of(mailbox).signatureText).toBe('张三 **销售总监**[官网](https://www.xinghe.com)')

    const preview = document.querySelector('[data-testid="signature-preview"]')!
    await until(testUtils, () => !!preview.querySelector('.signature__run--a'), 'the link in the preview')
    expect(preview.querySelector('.signature__run--a')!.getAttribute('data-href')).toBe(
      'https://www.xinghe.com',
    )
    expect(bodyText()).toContain('纯文本邮件中显示为：张三 销售总监官网（https://www.xinghe.com）')
    await click(testUtils, document.querySelector('[data-testid="signature-save"]'), 'save')
    await until(testUtils, () => !settings.of(mailbox).signatureDirty, 'the save')
    expect(await serverSignature(mailbox)).toBe(
      '张三 <b>销售总监</b><a href="https://www.xinghe.com">官网</a>',
    )
    // Reopened, the saved signature reads as the same markers.
    expect(settings.of(mailbox).signatureText).toBe('张三 **销售总监**[官网](https://www.xinghe.com)')
  })

  it('explains an over-long signature and does not save it', async () => {
    await testUtils.mount(SignaturePage, {})
    await until(testUtils, () => bodyText().includes('编辑签名'), 'the editor')
    await typeInto(testUtils, input(), 'x'.repeat(10001))
    await until(testUtils, () => bodyText().includes('签名不能超过 10000 个字符'), 'the reason')
    expect(bodyText()).toContain('10001 / 10000')
    settings.of(mailbox).discardSignature()
  })

  it('a stale save shows the newer version, keeps my text, and can overwrite', async () => {
    await testUtils.mount(SignaturePage, {})
    await until(testUtils, () => bodyText().includes('编辑签名'), 'the editor')
    await typeInto(testUtils, input(), '我的新签名')
    await otherMemberSaves(mailbox, { signature: '李四刚改的签名' })

    await click(testUtils, document.querySelector('[data-testid="signature-save"]'), 'save')
    await until(testUtils, () => bodyText().includes('其他成员已修改了签名'), 'the conflict panel')
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '其他成员已修改签名' }))
    expect(document.querySelector('[data-testid="conflict"]')!.textContent).toContain('李四刚改的签名')
    expect(input()!.getAttribute('value')).toBe('我的新签名')
    expect(await serverSignature(mailbox)).toBe('李四刚改的签名')

    await click(testUtils, document.querySelector('[data-testid="conflict-overwrite"]'), 'overwrite')
    await until(testUtils, () => !bodyText().includes('其他成员已修改了签名'), 'the panel to go')
    expect(await serverSignature(mailbox)).toBe('我的新签名')
  })
})
