import { pinyin } from 'pinyin-pro'
import fc from 'fast-check'
import { decodeReadings } from './decode'
import { hasReading, namePinyin } from './index'
import { FINALS, INITIALS, READINGS, SURNAMES } from './table'

const reference = (name: string, surname: 'head' | 'off') =>
  pinyin(name, { toneType: 'none', type: 'array', v: true, surname })

// every hanzi of GB2312 (rows 0xB0–0xF7), in GB2312 order
const gb = new TextDecoder('gb18030')
const hanzi: string[] = []
for (let hi = 0xb0; hi <= 0xf7; hi++)
  for (let lo = 0xa1; lo <= 0xfe; lo++) {
    const c = gb.decode(new Uint8Array([hi, lo]))
    if (/\p{Script=Han}/u.test(c)) hanzi.push(c)
  }

describe('the encoded reading table', () => {
  it("decodes to exactly the GB2312 hanzi, each with pinyin-pro's default reading", () => {
    const readings = decodeReadings(READINGS, INITIALS, FINALS)
    expect(hanzi.length).toBe(6763)
    expect([...readings.keys()].sort()).toEqual([...hanzi].sort())
    const differ = hanzi.filter((c) => readings.get(c) !== reference(c, 'off')[0])
    expect(differ).toEqual([])
  })

  it('ships as plain ASCII without quotes or backslashes', () => {
    expect(READINGS).toMatch(/^[!#-&(-[\]-~]+$/)
    expect(READINGS.length % 2).toBe(0)
  })

  it('knows no character outside GB2312', () => {
    // 丂 U+4E02 and 乽 U+4E7D fall between GB2312 hanzi, 𠀀 is outside the BMP, 龥 U+9FA5 past the last
    for (const c of ['丂', '乽', '𠀀', '龥', 'A', '1', '・']) expect([c, hasReading(c)]).toEqual([c, false])
    expect(hanzi.every(hasReading)).toBe(true)
  })
})

describe('namePinyin (compact table)', () => {
  it('reads every GB2312 character like pinyin-pro does outside the surname position', () => {
    expect(hanzi.length).toBe(6763)
    const differ = hanzi.filter((c) => namePinyin(`一${c}`)[1] !== reference(c, 'off')[0])
    expect(differ).toEqual([])
  })

  it('reads surnames at the head of a name like pinyin-pro, single and compound', () => {
    for (const entry of SURNAMES.split('|')) {
      const surname = entry.split(':')[0]
      const name = `${surname}明`
      expect([surname, namePinyin(name)]).toEqual([surname, reference(name, 'head')])
    }
    expect(namePinyin('单雄信')).toEqual(['shan', 'xiong', 'xin'])
    expect(namePinyin('曾小贤')).toEqual(['zeng', 'xiao', 'xian'])
    expect(namePinyin('尉迟恭')).toEqual(['yu', 'chi', 'gong'])
    expect(namePinyin('张三')).toEqual(['zhang', 'san'])
  })

  it('agrees with pinyin-pro on random two- and three-character names', () => {
    const char = fc.constantFrom(...hanzi)
    fc.assert(
      fc.property(fc.array(char, { minLength: 2, maxLength: 3 }), (chars) => {
        const name = chars.join('')
        const ours = namePinyin(name)
        const theirs = reference(name, 'head')
        // pinyin-pro also knows multi-character words (长大, 长史 zhang shi); a name rarely forms
        // one, and when it does the per-character reading is what people type, so only count
        // mismatches that are not explained by such a word.
        const perChar = chars.map((c, i) => reference(c, i === 0 ? 'head' : 'off')[0])
        return ours.join(' ') === theirs.join(' ') || ours.join(' ') === perChar.join(' ')
      }),
      { numRuns: 2000 },
    )
  })

  it('keeps characters without a reading as they are', () => {
    expect(namePinyin('Tom张')).toEqual(['T', 'o', 'm', 'zhang'])
    expect(namePinyin('')).toEqual([])
  })
})
