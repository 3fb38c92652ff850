import { ErrCode } from './codes'
import { aliasesAfterConversion, checkConversion, conversionBlockedReason } from './conversion'
import { EXPERIENCE_DOMAIN_MESSAGE, type QuotaFacts } from './quota'

const member = (advanced: 0 | 1) => ({ userid: 'zs', biz_mail: 'zs@corp.com', advanced, storeId: 's1' })

describe('conversion', () => {
  test('basic: any member with a mailbox, releasing nothing', () => {
    expect(checkConversion('basic', member(0))).toEqual({ ok: true, value: 0 })
  })

  test('trial / advanced: only a seat holder (690003); the seat is released', () => {
    for (const edition of ['trial', 'advanced'] as const) {
      expect(checkConversion(edition, member(0))).toMatchObject({
        ok: false,
        errcode: ErrCode.CONVERT_NEEDS_SEAT,
      })
      expect(checkConversion(edition, member(1))).toEqual({ ok: true, value: 1 })
    }
  })

  test('a member without a mailbox cannot be converted; a given email must be their own', () => {
    expect(checkConversion('basic', { ...member(0), biz_mail: '', storeId: null })).toMatchObject({
      errcode: ErrCode.INVALID_PARAM,
    })
    expect(checkConversion('basic', member(0), 'ZS@corp.com').ok).toBe(true)
    expect(checkConversion('basic', member(0), 'other@corp.com')).toMatchObject({
      errcode: ErrCode.MAILBOX_ADDRESS_INVALID,
    })
  })

  test('valid aliases follow the mail (at most 5), the others are dropped', () => {
    const valid = (a: string) => a.endsWith('@corp.com')
    expect(aliasesAfterConversion(['A1@corp.com', 'x@old.com', 'a1@corp.com'], valid)).toEqual({
      kept: ['a1@corp.com'],
      dropped: ['x@old.com', 'a1@corp.com'],
    })
    const many = ['1', '2', '3', '4', '5', '6'].map((n) => `alias${n}@corp.com`)
    expect(aliasesAfterConversion(many, valid).kept).toHaveLength(5)
  })
})

describe('conversionBlockedReason', () => {
  const facts = (over: Partial<QuotaFacts> = {}): QuotaFacts => ({
    edition: 'advanced',
    domainKind: 'custom',
    purchased: 5,
    assigned: 2,
    used: 3,
    ...over,
  })

  test('an experience domain blocks it, with the bind-your-domain reason', () => {
    expect(conversionBlockedReason(facts({ domainKind: 'experience' }))).toBe(EXPERIENCE_DOMAIN_MESSAGE)
  })

  test('basic: blocked only when the quota of 3 is used', () => {
    expect(conversionBlockedReason(facts({ edition: 'basic', used: 2 }))).toBe('')
    expect(conversionBlockedReason(facts({ edition: 'basic', used: 3 }))).toContain('已达上限')
  })

  test('trial / advanced: a full quota does not block (the seat is released), no seat holder does', () => {
    expect(conversionBlockedReason(facts({ purchased: 2, assigned: 2, used: 3 }))).toBe('')
    expect(conversionBlockedReason(facts({ edition: 'trial', assigned: 0, used: 0 }))).toContain(
      '没有已分配高级功能账号的成员',
    )
  })
})
