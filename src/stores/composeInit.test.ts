import type { Message } from '../api/mailTypes'
import { bareAddress, initialAttachments, initialFields, parseRecipients } from './composeInit'

const original: Message = {
  mail_id: 'm1',
  folder: 'inbox',
  from: '客户王 <wang@client.com>',
  to: ['sales@corp.com', 'zhangsan@corp.com'],
  cc: ['li@client.com', 'media@corp.com'],
  subject: 'Re: 报价咨询',
  content: '请报价',
  time: 1,
  read: true,
  starred: false,
  message_id: '<m1@client.com>',
  in_reply_to: '',
}
const mine = ['sales@corp.com', 'media@corp.com']

describe('initialFields', () => {
  it('reply: to the sender, from the address it arrived at, quoted, threaded', () => {
    const f = initialFields('reply', original, mine, 'media@corp.com')
    expect(f.from).toBe('media@corp.com')
    expect(f.to).toEqual(['客户王 <wang@client.com>'])
    expect(f.cc).toEqual([])
    expect(f.subject).toBe('回复：报价咨询')
    expect(f.in_reply_to).toBe('<m1@client.com>')
    expect(f.content).toContain('原始邮件')
    expect(f.content).toContain('请报价')
  })

  it('reply-all: everyone except the mailbox itself and its aliases', () => {
    const f = initialFields('replyAll', original, mine, 'sales@corp.com')
    expect(f.to).toEqual(['客户王 <wang@client.com>', 'zhangsan@corp.com'])
    expect(f.cc).toEqual(['li@client.com'])
  })

  it('forward: no recipients, 转发 subject, no thread link', () => {
    const f = initialFields('forward', original, mine, '')
    expect(f.to).toEqual([])
    expect(f.subject).toBe('转发：报价咨询')
    expect(f.in_reply_to).toBe('')
    expect(f.from).toBe('sales@corp.com')
  })

  it('replying to my own sent mail goes to its recipients', () => {
    const sent = { ...original, from: 'sales@corp.com', to: ['wang@client.com'], cc: [] }
    expect(initialFields('reply', sent, mine, 'sales@corp.com').to).toEqual(['wang@client.com'])
  })

  it('new: empty, from the mailbox address', () => {
    expect(initialFields('new', null, mine, '')).toMatchObject({
      from: 'sales@corp.com',
      to: [],
      subject: '',
    })
  })
})

describe('recipients', () => {
  it('parses separators in both scripts', () => {
    expect(parseRecipients('a@x.com, 张三 <b@x.com>；c@x.com\n')).toEqual([
      'a@x.com',
      '张三 <b@x.com>',
      'c@x.com',
    ])
  })
  it('bare address', () => {
    expect(bareAddress('张三 <ZS@X.com>')).toBe('zs@x.com')
  })
})

describe('initialAttachments', () => {
  const withFiles: Message = {
    ...original,
    attachments: [{ attachment_id: 'a1', name: '合同.pdf', size: 3, content_type: 'application/pdf' }],
  }

  it("forward carries the original's attachments by message and attachment id", () => {
    expect(initialAttachments('forward', withFiles)).toEqual([
      {
        key: 'fwd-m1-a1',
        name: '合同.pdf',
        size: 3,
        content_type: 'application/pdf',
        state: 'ready',
        forward: { mail_id: 'm1', attachment_id: 'a1' },
      },
    ])
  })

  it('reply and reply-all do not', () => {
    expect(initialAttachments('reply', withFiles)).toEqual([])
    expect(initialAttachments('replyAll', withFiles)).toEqual([])
  })
})
