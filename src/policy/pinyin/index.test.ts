import { pinyin } from 'pinyin-pro'
import fc from 'fast-check'
import { namePinyin } from './index'
import { READINGS, SURNAMES } from './table'

const reference = (name: string, surname: 'head' | 'off') =>
  pinyin(name, { toneType: 'none', type: 'array', v: true, surname })

const hanzi = READINGS.split('|').flatMap((g) => [...g.split(':')[1]])

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
