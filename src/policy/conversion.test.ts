import { ErrCode } from './codes'
import { aliasesAfterConversion, checkConversion } from './conversion'

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
