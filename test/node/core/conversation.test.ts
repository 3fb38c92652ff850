// Conversations across folders (issue 17): your own reply in Sent shows in the thread you read in
// the Inbox, marked with its folder; deleted and spam mail stays out unless opened there.
import { createMockBackend } from '../../../src/api/mock'
import { CORP } from '../../kit/mail'
import { sharesConversation } from '../../../src/policy/folders'

const boss = { corpid: 'c1', userid: 'boss' }
type M = { mail_id: string; folder: string; subject: string }

async function thread() {
  const b = createMockBackend({ corps: [CORP] })
  await b.deliver('c1', 'boss@c.com', {
    from: '陈经理 <chen@customer.cn>',
    subject: '询价：X300',
    content: '请报价。',
    message_id: '<q1@customer.cn>',
  })
  const inbox = await b.call('mail/message/list', { mailbox: 'personal', folder: 'inbox' }, boss)
  const asked = (inbox.items as M[])[0]
  const sent = await b.call(
    'mail/message/send',
    {
      mailbox: 'personal',
      from: 'boss@c.com',
      to: ['chen@customer.cn'],
      subject: '回复：询价：X300',
      content: '单价 2,980 元。',
      in_reply_to: '<q1@customer.cn>',
      idempotency_key: 'r1',
    },
    boss,
  )
  expect(sent.errcode).toBe(0)
  return { b, asked, replyId: sent.mail_id as string }
}

test('the reply in Sent is part of the conversation read in the Inbox, with its folder', async () => {
  const { b, asked, replyId } = await thread()
  const r = await b.call(
    'mail/message/read',
    { mailbox: 'personal', mail_id: asked.mail_id, thread: true },
    boss,
  )
  const conv = r.conversation as M[]
  expect(conv.map((m) => [m.mail_id, m.folder])).toEqual([
    [asked.mail_id, 'inbox'],
    [replyId, 'sent'],
  ])
  // and from the Sent side the question is there too
  const fromSent = await b.call('mail/message/read', { mailbox: 'personal', mail_id: replyId }, boss)
  expect((fromSent.conversation as M[]).map((m) => m.folder)).toEqual(['inbox', 'sent'])
})

test('a deleted reply leaves the conversation; opened in 已删除 it stands alone', async () => {
  const { b, asked, replyId } = await thread()
  const moved = await b.call(
    'mail/message/update',
    { mailbox: 'personal', mail_id: replyId, folder: 'trash' },
    boss,
  )
  expect(moved.errcode).toBe(0)
  const r = await b.call('mail/message/read', { mailbox: 'personal', mail_id: asked.mail_id }, boss)
  expect((r.conversation as M[]).map((m) => m.mail_id)).toEqual([asked.mail_id])
  const t = await b.call('mail/message/read', { mailbox: 'personal', mail_id: replyId }, boss)
  expect((t.conversation as M[]).map((m) => m.mail_id)).toEqual([replyId])
})

test('sharesConversation: every folder but 已删除 / 垃圾箱 / 草稿箱 joins, the same folder always does', () => {
  expect(sharesConversation('sent', 'inbox')).toBe(true)
  expect(sharesConversation('f_invoices', 'inbox')).toBe(true)
  expect(sharesConversation('trash', 'inbox')).toBe(false)
  expect(sharesConversation('inbox', 'trash')).toBe(false)
  expect(sharesConversation('spam', 'sent')).toBe(false)
  expect(sharesConversation('trash', 'trash')).toBe(true)
})
