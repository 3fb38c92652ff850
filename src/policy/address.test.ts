import { checkBusinessAddress, isValidBusinessAddress, utf8ByteLength } from './address'
import fc from 'fast-check'
import {
  bareAddress,
  isValidAddress as isValidMailAddress,
  normalizeAddress,
  parseMailbox,
} from './mailAddress'
import { ErrCode } from './codes'

describe('business mailbox address', () => {
  test('valid addresses in the corp domain are normalized to lower case', () => {
    expect(checkBusinessAddress(' Sales@Corp.COM ', 'corp.com')).toEqual({
      ok: true,
      value: 'sales@corp.com',
    })
    expect(checkBusinessAddress('hr-jobs.2024_x@corp.com', 'CORP.com')).toEqual({
      ok: true,
      value: 'hr-jobs.2024_x@corp.com',
    })
  })

  test('another domain is refused with 680032 naming the domain', () => {
    const v = checkBusinessAddress('sales@other.com', 'corp.com')
    expect(v).toMatchObject({ ok: false, errcode: ErrCode.MAILBOX_ADDRESS_INVALID })
    expect(!v.ok && v.errmsg).toContain('@corp.com')
    expect(checkBusinessAddress('sales@sub.corp.com', 'corp.com').ok).toBe(false)
  })

  test.each([
    [undefined],
    [''],
    [12],
    ['sales'],
    ['@corp.com'],
    ['a@@corp.com'],
    ['a@b@corp.com'],
    ['.a@corp.com'],
    ['a.@corp.com'],
    ['a..b@corp.com'],
    ['销售@corp.com'],
    ['a b@corp.com'],
    ['a+b@corp.com'],
    ['x'.repeat(65) + '@corp.com'],
    ['a@corp'],
    ['a'.repeat(100000) + '@corp.com'],
  ])('malformed %p is refused with 680032', (raw) => {
    expect(checkBusinessAddress(raw, 'corp.com')).toMatchObject({
      ok: false,
      errcode: ErrCode.MAILBOX_ADDRESS_INVALID,
    })
  })

  test('format helpers', () => {
    expect(isValidBusinessAddress('a@corp.com')).toBe(true)
    expect(isValidBusinessAddress('a@-corp.com')).toBe(false)
    expect(normalizeAddress(' A@B.C ')).toBe('a@b.c')
    expect(utf8ByteLength('办公PC')).toBe(8)
    expect(utf8ByteLength('𠀀')).toBe(4)
  })
})

describe('one notion of a mail address', () => {
  const part = fc.stringMatching(/^[a-z0-9][a-z0-9._+-]{0,12}$/)
  const label = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,8}$/)

  test('every address the corp may create is one mail accepts (never looser)', () => {
    fc.assert(
      fc.property(part, fc.array(label, { minLength: 1, maxLength: 3 }), label, (local, labels, tld) => {
        const address = `${local}@${[...labels, tld].join('.')}`
        if (isValidBusinessAddress(address)) expect(isValidMailAddress(address)).toBe(true)
      }),
      { numRuns: 2000 },
    )
    // a numeric top-level domain is no mail address, so no business address either
    expect(isValidBusinessAddress('sales@corp.123')).toBe(false)
  })

  test('the app and the backend take the same bare address from a header mailbox', () => {
    expect(bareAddress('张三 <ZS@Corp.com> ')).toBe('zs@corp.com')
    expect(bareAddress(' Li@corp.com')).toBe('li@corp.com')
    expect(parseMailbox('"张三" <zs@corp.com>')?.address.toLowerCase()).toBe(
      bareAddress('"张三" <zs@corp.com>'),
    )
  })
})
