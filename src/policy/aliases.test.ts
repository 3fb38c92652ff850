import { checkAliases } from './aliases'
import { ErrCode } from './codes'

const D = 'corp.com'

describe('aliases', () => {
  test('up to 5 valid aliases in the corp domain, normalized', () => {
    const list = ['Media@corp.com', 'press@corp.com', 'news1@corp.com', 'news2@corp.com', 'news3@corp.com']
    expect(checkAliases(list, D, 'pr@corp.com')).toEqual({
      ok: true,
      value: list.map((a) => a.toLowerCase()),
    })
    expect(checkAliases([], D, 'pr@corp.com')).toEqual({ ok: true, value: [] })
  })

  test('a sixth alias is refused with 690005', () => {
    const six = ['a1@corp.com', 'a2@corp.com', 'a3@corp.com', 'a4@corp.com', 'a5@corp.com', 'a6@corp.com']
    expect(checkAliases(six, D, 'pr@corp.com')).toMatchObject({ ok: false, errcode: ErrCode.ALIAS_INVALID })
  })

  test('length must be 6–64 bytes', () => {
    expect(checkAliases(['a@c.cn'], 'c.cn', 'pr@c.cn').ok).toBe(true) // exactly 6 bytes
    expect(checkAliases(['@c.cn'], 'c.cn', 'pr@c.cn')).toMatchObject({ errcode: ErrCode.ALIAS_INVALID })
    const local55 = 'a'.repeat(55) // 55 + '@corp.com'(9) = 64 bytes
    expect(checkAliases([`${local55}@corp.com`], D, 'pr@corp.com').ok).toBe(true)
    expect(checkAliases([`${local55}b@corp.com`], D, 'pr@corp.com')).toMatchObject({
      errcode: ErrCode.ALIAS_INVALID,
    })
  })

  test('format, domain, duplicates and the primary address itself are refused with 690005', () => {
    for (const list of [
      ['bad address@corp.com'],
      ['media@other.com'],
      ['media@corp.com', 'MEDIA@corp.com'],
      ['PR@corp.com'],
      [42],
    ]) {
      expect(checkAliases(list, D, 'pr@corp.com')).toMatchObject({
        ok: false,
        errcode: ErrCode.ALIAS_INVALID,
      })
    }
  })

  test('a non-list is 40058', () => {
    expect(checkAliases('media@corp.com', D, 'pr@corp.com')).toMatchObject({ errcode: ErrCode.INVALID_PARAM })
  })
})
