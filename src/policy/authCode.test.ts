import fc from 'fast-check'
import {
  checkAdminCodeLimit,
  checkRemark,
  DEFAULT_REMARK,
  groupSecret,
  normalizeSecretInput,
  SECRET_ALPHABET,
  SECRET_BITS,
  SECRET_LENGTH,
  secretFromBytes,
} from './authCode'
import { ErrCode } from './codes'

describe('client-specific password rules', () => {
  test('remark defaults to 办公PC', () => {
    expect(DEFAULT_REMARK).toBe('办公PC')
    expect(checkRemark(undefined)).toEqual({ ok: true, value: '办公PC' })
    expect(checkRemark('  ')).toEqual({ ok: true, value: '办公PC' })
    expect(checkRemark('Outlook')).toEqual({ ok: true, value: 'Outlook' })
  })

  test('remark is at most 128 bytes of UTF-8 (a CJK character is 3)', () => {
    expect(checkRemark('a'.repeat(128)).ok).toBe(true)
    expect(checkRemark('a'.repeat(129))).toMatchObject({ ok: false, errcode: ErrCode.INVALID_PARAM })
    expect(checkRemark('中'.repeat(42) + 'ab').ok).toBe(true) // 128 bytes
    expect(checkRemark('中'.repeat(43))).toMatchObject({ ok: false, errcode: ErrCode.INVALID_PARAM }) // 129
    expect(checkRemark(5)).toMatchObject({ ok: false, errcode: ErrCode.INVALID_PARAM })
    // the settings page and the admin detail page check with this too: invisible text is refused here
    expect(checkRemark('\u200b')).toEqual({
      ok: false,
      errcode: ErrCode.INVALID_PARAM,
      errmsg: '备注不能包含不可见或控制字符 (remark)',
    })
  })

  test('at most 10 live admin-created codes (690006)', () => {
    expect(checkAdminCodeLimit(9).ok).toBe(true)
    expect(checkAdminCodeLimit(10)).toMatchObject({ ok: false, errcode: ErrCode.TOO_MANY_AUTH_CODES })
  })

  test('a secret is ≥ 16 characters carrying ≥ 80 bits', () => {
    expect(SECRET_LENGTH).toBeGreaterThanOrEqual(16)
    expect(new Set(SECRET_ALPHABET).size).toBe(SECRET_ALPHABET.length)
    expect(SECRET_BITS).toBeGreaterThanOrEqual(80)
    expect(256 % SECRET_ALPHABET.length).toBe(0) // unbiased mapping from bytes
  })

  test('every byte value maps into the alphabet; different bytes give different secrets', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (bytes) => {
        const s = secretFromBytes(bytes)
        expect(s).toHaveLength(SECRET_LENGTH)
        for (const ch of s) expect(SECRET_ALPHABET).toContain(ch)
      }),
    )
    const a = new Uint8Array(16)
    const b = new Uint8Array(16)
    b[15] = 1
    expect(secretFromBytes(a)).not.toBe(secretFromBytes(b))
    expect(() => secretFromBytes(new Uint8Array(3))).toThrow()
  })

  test('the alphabet has no look-alikes (0 O o, 1 l I) and no capitals', () => {
    for (const ch of '0Oo1lI') expect(SECRET_ALPHABET).not.toContain(ch)
    expect(SECRET_ALPHABET).toMatch(/^[a-z2-9]{32}$/)
  })

  test('shown in groups of four; typed back with or without the spaces, in any case', () => {
    expect(groupSecret('abcdefghijkmnpqr')).toBe('abcd efgh ijkm npqr')
    for (const typed of [
      'abcd efgh ijkm npqr',
      'abcdefghijkmnpqr',
      ' Abcd\u3000efgh\u00a0ijkm  npqr ',
      'ABCDEFGHIJKMNPQR',
    ]) {
      expect(normalizeSecretInput(typed)).toBe('abcdefghijkmnpqr')
    }
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (bytes) => {
        const s = secretFromBytes(bytes)
        expect(normalizeSecretInput(groupSecret(s))).toBe(s)
      }),
    )
  })
})
