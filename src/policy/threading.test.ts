import fc from 'fast-check'
import { hasReplyPrefix, normalizeSubject, threadFor } from './threading'

test('normalizeSubject strips reply / forward prefixes in both languages', () => {
  for (const s of [
    'Re: 报价单',
    'RE：报价单',
    'Fwd: 报价单',
    'FW: Re: 报价单',
    '回复：报价单',
    '转发: 回复：报价单',
    'Re[2]: 报价单',
    '  报价单 ',
  ]) {
    expect(normalizeSubject(s)).toBe('报价单')
  }
  expect(normalizeSubject('Rebate 报价')).toBe('rebate 报价')
  expect(hasReplyPrefix('回复：x')).toBe(true)
  expect(hasReplyPrefix('报价')).toBe(false)
})

test('property: a prefix never changes the base subject; normalising is idempotent', () => {
  const prefix = fc.constantFrom('Re: ', 'RE:', 'Fwd: ', 'Fw：', '回复：', '答复: ', '转发：')
  fc.assert(
    fc.property(fc.array(prefix, { maxLength: 4 }), fc.string({ maxLength: 20 }), (ps, s) => {
      expect(normalizeSubject(ps.join('') + s)).toBe(normalizeSubject(s))
      expect(normalizeSubject(normalizeSubject(s))).toBe(normalizeSubject(s))
    }),
  )
})

describe('threadFor', () => {
  const byId: Record<string, string> = { '<a@x>': '<root@x>' }
  const bySubject: Record<string, string> = { 报价单: '<root@x>' }
  const lookup = {
    threadOfMessageId: (id: string) => byId[id],
    threadOfSubject: (s: string) => bySubject[s],
  }
  test('a known In-Reply-To joins that thread', () => {
    expect(threadFor({ message_id: '<b@x>', in_reply_to: '<a@x>', subject: '别的主题' }, lookup)).toBe(
      '<root@x>',
    )
  })
  test('unknown parent → same base subject', () => {
    expect(threadFor({ message_id: '<b@x>', in_reply_to: '<gone@x>', subject: '报价单' }, lookup)).toBe(
      '<root@x>',
    )
    expect(threadFor({ message_id: '<b@x>', in_reply_to: '', subject: '回复：报价单' }, lookup)).toBe(
      '<root@x>',
    )
  })
  test('an unknown In-Reply-To with a known earlier id of References joins that thread', () => {
    const mail = { message_id: '<c@x>', in_reply_to: '<gone@x>', subject: '另一件事' }
    expect(threadFor({ ...mail, references: ['<a@x>', '<gone@x>'] }, lookup)).toBe('<root@x>')
    expect(threadFor({ ...mail, in_reply_to: '', references: ['<a@x>'] }, lookup)).toBe('<root@x>')
    // without the chain it stands alone (no reply prefix, a different subject)
    expect(threadFor(mail, lookup)).toBe('<c@x>')
    expect(threadFor({ ...mail, references: ['<gone@x>', '<c@x>'] }, lookup)).toBe('<c@x>')
  })
  test('the nearest known ancestor of References wins; In-Reply-To comes first', () => {
    const ids: Record<string, string> = { '<a@x>': '<t1@x>', '<b@x>': '<t2@x>' }
    const two = { threadOfMessageId: (id: string) => ids[id], threadOfSubject: () => undefined }
    const mail = { message_id: '<c@x>', in_reply_to: '', subject: 's' }
    expect(threadFor({ ...mail, references: ['<a@x>', '<b@x>', '<gone@x>'] }, two)).toBe('<t2@x>')
    expect(threadFor({ ...mail, in_reply_to: '<a@x>', references: ['<b@x>'] }, two)).toBe('<t1@x>')
  })
  test('References with no known id is a reply: the same base subject joins', () => {
    expect(
      threadFor(
        { message_id: '<c@x>', in_reply_to: '', subject: '报价单', references: ['<gone@x>'] },
        lookup,
      ),
    ).toBe('<root@x>')
  })
  test('a plain subject without In-Reply-To starts its own thread', () => {
    expect(threadFor({ message_id: '<b@x>', in_reply_to: '', subject: '报价单' }, lookup)).toBe('<b@x>')
    expect(threadFor({ message_id: '<b@x>', in_reply_to: '', subject: 'Re: 新主题' }, lookup)).toBe('<b@x>')
  })
})
