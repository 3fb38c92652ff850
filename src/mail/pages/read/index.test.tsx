import TestUtils from '@tarojs/test-utils-react'
import { Current } from '@tarojs/runtime'
import { api } from '../../../api'
import { stores } from '../../../stores'
import { bodyText, until } from '../../../../test/pages/helpers'
import ReadPage from './index'

const testUtils = new TestUtils()

describe('Read page', () => {
  beforeAll(async () => {
    await stores.session.switchTo({ corpid: 'wwdemo', userid: 'zhangsan' })
    await stores.mailboxes.refresh()
  })
  afterEach(() => testUtils.unmout())

  it('shows headers, the body as text (never markup) and the earlier messages of the thread, and marks it read', async () => {
    const list = await api.request(
      'mail/message/list',
      { mailbox: 'personal', folder: 'inbox' },
    )
    const thread = list.items.find((i) => (i.count ?? 1) > 1)!
    Current.router = { params: { id: thread.mail_id }, path: '/mail/pages/read/index' } as never
    await testUtils.mount(ReadPage, {})
    await until(testUtils, () => bodyText().includes('回复全部'), 'the message')
    expect(bodyText()).toContain(thread.subject)
    expect(bodyText()).toContain('发件人：')
    // the earlier message of the conversation is folded above the latest one
    expect(document.querySelectorAll('.read-page__folded').length).toBeGreaterThan(0)
    const again = await api.request('mail/message/list', {
      mailbox: 'personal',
      folder: 'inbox',
    })
    expect(again.items.find((i) => i.mail_id === thread.mail_id)?.read).toBe(true)
  })

  it('renders a hostile body as plain text', async () => {
    const { mockBackend } = await import('../../../api')
    await mockBackend()!.deliver('wwdemo', 'zhangsan@xinghe.com', {
      from: 'x@evil.example',
      subject: '脚本测试',
      content: '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>正文还在',
    })
    const list = await api.request('mail/message/list', {
      mailbox: 'personal',
      folder: 'inbox',
    })
    const mail = list.items.find((i) => i.subject === '脚本测试')!
    Current.router = { params: { id: mail.mail_id }, path: '/mail/pages/read/index' } as never
    await testUtils.mount(ReadPage, {})
    await until(testUtils, () => bodyText().includes('正文还在'), 'the body')
    expect(document.querySelector('img')).toBeNull()
    expect(document.querySelector('script')).toBeNull()
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined()
  })
})
