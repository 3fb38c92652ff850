import TestUtils from '@tarojs/test-utils-react'
import { Current } from '@tarojs/runtime'
import { stores } from '../../../stores'
import { listOf, signIn } from '../../../../test/kit/app'
import { bodyText, click, typeInto, until } from '../../../../test/pages/helpers'
import ComposePage from './index'

const testUtils = new TestUtils()
const q = (id: string) => document.querySelector(`[data-testid="${id}"]`)
// Taro's Input / Textarea render their native field a moment after the component itself.
const fieldsReady = () =>
  ['compose-to', 'compose-subject'].every((id) => q(id)?.querySelector('input') != null)

describe('Compose page', () => {
  const lina = { corpid: 'wwdemo', userid: 'lina' }
  beforeEach(async () => {
    await signIn(lina)
    await stores.mailboxes.refresh()
  })

  it('suggests colleagues from the directory while typing and adds the picked one', async () => {
    Current.router = { params: { mode: 'new' }, path: '/mail/pages/compose/index' } as never
    await testUtils.mount(ComposePage, {})
    await until(testUtils, fieldsReady, 'the form')
    expect(q('compose-from')?.textContent).toContain('lina@xinghe.com')
    await typeInto(testUtils, q('compose-to'), 'zs', 'to')
    await until(testUtils, () => bodyText().includes('zhangsan@xinghe.com'), 'a suggestion')
    const item = document.querySelector('.compose__suggest-item')
    await click(testUtils, item, 'suggestion')
    expect(stores.compose.fields.to).toEqual(['张三 <zhangsan@xinghe.com>'])
  })

  it('keeps what was typed when the page is left and comes back to it', async () => {
    Current.router = { params: { mode: 'new' }, path: '/mail/pages/compose/index' } as never
    await testUtils.mount(ComposePage, {})
    await until(testUtils, fieldsReady, 'the form')
    await typeInto(testUtils, q('compose-subject'), '周报（未完成）', 'subject')
    testUtils.unmout()
    await testUtils.mount(ComposePage, {})
    await until(testUtils, () => bodyText().includes('已恢复上次未发送的草稿'), 'the restored draft')
    expect(stores.compose.fields.subject).toBe('周报（未完成）')
  })

  it('sends as the mailbox and lands one copy in Sent', async () => {
    Current.router = { params: { mode: 'new' }, path: '/mail/pages/compose/index' } as never
    await testUtils.mount(ComposePage, {})
    await until(testUtils, fieldsReady, 'the form')
    await typeInto(testUtils, q('compose-to'), 'partner@example.com', 'to')
    await typeInto(testUtils, q('compose-subject'), '页面发送测试', 'subject')
    await testUtils.act(async () => {
      await stores.compose.send()
    })
    const sent = await listOf(lina, 'sent')
    expect(sent.filter((i) => i.subject === '页面发送测试')).toHaveLength(1)
  })
})
