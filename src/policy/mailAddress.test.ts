import {
  checkAddressList,
  domainOf,
  isValidAddress,
  MAX_RECIPIENTS,
  normalizeAddress,
  parseMailbox,
} from './mailAddress'
import { snippet } from './mailText'

test('address validity', () => {
  for (const a of ['a@b.com', 'zhang.san+x@xinghe.com', 'A_B-c@mail.xinghe.com.cn'])
    expect(isValidAddress(a)).toBe(true)
  for (const a of [
    '',
    'a',
    'a@b',
    '@b.com',
    'a@@b.com',
    'a b@c.com',
    'a@b..com',
    '.a@b.com',
    3,
    null,
    `${'x'.repeat(250)}@b.com`,
  ]) {
    expect(isValidAddress(a)).toBe(false)
  }
  expect(normalizeAddress(' Sales@C.com ')).toBe('sales@c.com')
  expect(domainOf('X@Mail.C.com')).toBe('mail.c.com')
})

test('address lists: absent = empty, each checked, bounded', () => {
  expect(checkAddressList(undefined, 'cc')).toEqual({ ok: true, value: [] })
  expect(checkAddressList(['A@c.com'], 'to')).toEqual({ ok: true, value: ['a@c.com'] })
  const bad = checkAddressList(['a@c.com', 'nope'], 'to')
  expect(bad).toMatchObject({ ok: false, errcode: 40058 })
  expect(!bad.ok && bad.errmsg).toContain('to[1]')
  expect(checkAddressList('a@c.com', 'to')).toMatchObject({ ok: false, errcode: 40058 })
  const many = Array.from({ length: MAX_RECIPIENTS + 1 }, (_, i) => `u${i}@c.com`)
  expect(checkAddressList(many, 'bcc')).toMatchObject({ ok: false, errcode: 40058 })
  expect(checkAddressList(many.slice(1), 'bcc').ok).toBe(true)
})

test('snippet: one line, about 80 characters', () => {
  expect(snippet('你好，\n\n  请报价。')).toBe('你好， 请报价。')
  const long = '报'.repeat(100)
  expect(snippet(long)).toBe(`${'报'.repeat(80)}…`)
  expect(snippet('a < b')).toBe('a < b')
})

describe('parseMailbox', () => {
  it.each([
    ['chen@customer.cn', { name: '', address: 'chen@customer.cn' }],
    ['陈经理 <chen@customer.cn>', { name: '陈经理', address: 'chen@customer.cn' }],
    ['"Chen, Li" <chen@customer.cn>', { name: 'Chen, Li', address: 'chen@customer.cn' }],
    ['  <chen@customer.cn>  ', { name: '', address: 'chen@customer.cn' }],
  ])('%s', (raw, expected) => {
    expect(parseMailbox(raw)).toEqual(expected)
  })

  it.each([['陈经理 <not-an-address>'], ['<a@b.com> trailing'], [''], [42], ['a <b@c.com> <d@e.com>']])(
    'refuses %s',
    (raw) => {
      expect(parseMailbox(raw)).toBeNull()
    },
  )
})
