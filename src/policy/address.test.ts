import { checkBusinessAddress, isValidAddress, normalizeAddress, utf8ByteLength } from './address'
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
    expect(isValidAddress('a@corp.com')).toBe(true)
    expect(isValidAddress('a@-corp.com')).toBe(false)
    expect(normalizeAddress(' A@B.C ')).toBe('a@b.c')
    expect(utf8ByteLength('办公PC')).toBe(8)
    expect(utf8ByteLength('𠀀')).toBe(4)
  })
})
