import { highlightByPinyin, highlightText } from './segments'

const marked = (segs: { text: string; hit: boolean }[]) =>
  segs
    .filter((s) => s.hit)
    .map((s) => s.text)
    .join('|')

describe('search highlight segments', () => {
  it('marks the first case-insensitive occurrence in plain text', () => {
    expect(highlightText('ZhangSan@xinghe.com', 'sAn')).toEqual([
      { text: 'Zhang', hit: false },
      { text: 'San', hit: true },
      { text: '@xinghe.com', hit: false },
    ])
    expect(highlightText('销售代表', '代表')).toEqual([
      { text: '销售', hit: false },
      { text: '代表', hit: true },
    ])
    expect(highlightText('销售代表', 'xyz')).toEqual([{ text: '销售代表', hit: false }])
    expect(highlightText('', 'a')).toEqual([])
  })

  it('marks the characters an initials match stands for', () => {
    expect(marked(highlightByPinyin('张三', 'zs', 'initials'))).toBe('张三')
    expect(marked(highlightByPinyin('单雄飞', 'xf', 'initials'))).toBe('雄飞')
    expect(marked(highlightByPinyin('曾小贤', 'z', 'initials'))).toBe('曾')
  })

  it('marks the characters a full-pinyin match covers, a half-typed syllable included', () => {
    expect(marked(highlightByPinyin('张三', 'zhangs', 'pinyin'))).toBe('张三')
    expect(marked(highlightByPinyin('张三', 'zhang', 'pinyin'))).toBe('张')
    expect(marked(highlightByPinyin('单雄飞', 'shan xiong', 'pinyin'))).toBe('单雄')
    expect(marked(highlightByPinyin('解晓东', 'xiedong', 'pinyin'))).toBe('')
  })
})
