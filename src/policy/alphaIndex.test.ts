import { groupByLetter, indexLetter, pinyinSortKey, sortByPinyin } from './alphaIndex'

describe('pinyin order with an A–Z index', () => {
  test('letters by the first syllable; surnames read as surnames; no reading goes under #', () => {
    expect(indexLetter('李娜')).toBe('L')
    expect(indexLetter('外审顾问')).toBe('W')
    expect(indexLetter('单雄信')).toBe('S') // 单 as a surname is shan
    expect(indexLetter('曾小贤')).toBe('Z')
    expect(indexLetter('alice')).toBe('A')
    expect(indexLetter('7号前台')).toBe('#')
    expect(indexLetter('')).toBe('#')
  })

  test('sorted by pinyin syllable by syllable, # last, ties by the given key', () => {
    const names = ['外审顾问', '张三', '林', '李娜', '阿明', '7号前台', 'Bob', '张三']
    const tie = (n: string) => n
    expect(sortByPinyin(names, (n) => n, tie)).toEqual([
      '阿明',
      'Bob',
      '李娜', // li na before lin
      '林',
      '外审顾问',
      '张三',
      '张三',
      '7号前台',
    ])
    expect(pinyinSortKey('李娜')).toBe('li na')
  })

  test('groups are consecutive letters in order', () => {
    const people = [
      { id: 'a', name: '王五' },
      { id: 'b', name: '李四' },
      { id: 'c', name: '刘备' },
      { id: 'd', name: '王芳' },
    ]
    const groups = groupByLetter(
      people,
      (p) => p.name,
      (p) => p.id,
    )
    expect(groups.map((g) => [g.letter, g.items.map((p) => p.id)])).toEqual([
      ['L', ['b', 'c']],
      ['W', ['d', 'a']],
    ])
  })
})
