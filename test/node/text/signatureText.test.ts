// The signature a member previews is the text the backend appends when sending, and decoded
// entities never come out as markup (src/policy/mailText.ts htmlToText is the one converter).
import { createMockBackend } from '../../../src/api/mock/index'
import { plainText } from '../../../src/utils/plainText'

const ctx = { corpid: 'c1', userid: 'boss' }

async function sentWithSignature(signature: string) {
  const b = createMockBackend({
    now: () => Date.UTC(2025, 2, 3),
    corps: [
      {
        corpid: 'c1',
        name: '测试企业',
        creator: 'boss',
        edition: 'basic',
        domain: { name: 'corp.com', kind: 'custom' },
      },
    ],
  })
  const got = await b.call('mail/settings/get', { mailbox: 'personal' }, ctx)
  const version = (got.shared as { version: number }).version
  const upd = await b.call(
    'mail/settings/update',
    { mailbox: 'personal', shared: { signature, version } },
    ctx,
  )
  expect(upd.errcode).toBe(0)
  const stored = (
    (await b.call('mail/settings/get', { mailbox: 'personal' }, ctx)).shared as { signature: string }
  ).signature
  const sent = await b.call(
    'mail/message/send',
    {
      mailbox: 'personal',
      from: 'boss@corp.com',
      to: ['client@ext.com'],
      subject: '报价',
      content: '您好',
      idempotency_key: 'k1',
    },
    ctx,
  )
  expect(sent.errcode).toBe(0)
  const read = await b.call('mail/message/read', { mailbox: 'personal', mail_id: sent.mail_id }, ctx)
  return { preview: plainText(stored), content: (read.message as { content: string }).content }
}

test.each([
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '&#60;img src=x onerror=alert(1)&#62;',
  '<ul><li>销售部</li><li>李娜</li></ul>',
  '  李娜 · 星河科技  ',
])('signature %p: the sent text ends with exactly the preview, and holds no markup', async (signature) => {
  const { preview, content } = await sentWithSignature(signature)
  expect(preview).not.toBe('')
  expect(content).toBe(`您好\n\n-- \n${preview}`)
  expect(content).not.toMatch(/<[A-Za-z/!?]/)
})
