import { createHash } from 'crypto'
import fc from 'fast-check'
import { constantTimeEqual, sha256, sha256Hex, toHex, utf8Encode } from './sha256'

describe('sha256', () => {
  test.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    [
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    ],
    [
      'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu',
      'cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1',
    ],
  ])('NIST vector %#', (input, hex) => {
    expect(sha256Hex(input)).toBe(hex)
  })

  test('one million "a" (multi-block, length field beyond one block)', () => {
    expect(toHex(sha256(new Uint8Array(1_000_000).fill(0x61)))).toBe(
      'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0',
    )
  })

  test('matches Node crypto on arbitrary text, including padding boundaries and non-BMP characters', () => {
    fc.assert(
      fc.property(fc.fullUnicodeString({ maxLength: 200 }), (s) => {
        expect(sha256Hex(s)).toBe(createHash('sha256').update(s, 'utf8').digest('hex'))
      }),
    )
    for (let n = 50; n < 70; n++) {
      const s = 'x'.repeat(n)
      expect(sha256Hex(s)).toBe(createHash('sha256').update(s).digest('hex'))
    }
  })

  test('utf8Encode agrees with Buffer, lone surrogates become U+FFFD', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 50 }), fc.fullUnicodeString({ maxLength: 50 }), (a, b) => {
        expect(Array.from(utf8Encode(a + b))).toEqual(Array.from(Buffer.from(a + b, 'utf8')))
      }),
    )
    expect(Array.from(utf8Encode('\ud800'))).toEqual([0xef, 0xbf, 0xbd])
  })

  test('constantTimeEqual compares whole strings', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true)
    expect(constantTimeEqual('abc', 'abd')).toBe(false)
    expect(constantTimeEqual('abc', 'ab')).toBe(false)
    expect(constantTimeEqual('', 'a')).toBe(false)
  })
})
