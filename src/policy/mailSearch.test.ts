import fc from 'fast-check'
import { foldSearch, highlight, searchSnippet, searchTerms } from './mailSearch'

describe('mail search rules', () => {
  test('folding lower-cases Latin letters and never changes the length', () => {
    expect(foldSearch('Invoice ÉTÉ 报价')).toBe('invoice été 报价')
    expect(foldSearch('İstanbul').length).toBe('İstanbul'.length) // toLowerCase alone would grow it
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => foldSearch(s).length === s.length))
  })

  test('terms: folded, split on any whitespace (full-width too), duplicates dropped', () => {
    expect(searchTerms('  报价  INVOICE\u3000报价\tmarch ')).toEqual(['报价', 'invoice', 'march'])
    expect(searchTerms(' \n ')).toEqual([])
  })

  test('highlight marks every occurrence of any term, case-insensitively, longest first', () => {
    expect(highlight('含税报价单 Invoice 报价', ['报价', 'invoice'])).toEqual([
      { text: '含税', hit: false },
      { text: '报价', hit: true },
      { text: '单 ', hit: false },
      { text: 'Invoice', hit: true },
      { text: ' ', hit: false },
      { text: '报价', hit: true },
    ])
    expect(highlight('报价单', ['报价', '报价单'])).toEqual([{ text: '报价单', hit: true }])
    expect(highlight('无关', ['报价'])).toEqual([{ text: '无关', hit: false }])
    expect(highlight('', ['报价'])).toEqual([])
    // the pieces always rebuild the text
    fc.assert(
      fc.property(fc.string(), fc.array(fc.string({ minLength: 1, maxLength: 3 })), (text, terms) => {
        const parts = highlight(text, terms.map(foldSearch))
        return parts.map((p) => p.text).join('') === text
      }),
    )
  })

  test('the snippet starts shortly before the first body match, on one line', () => {
    const body = `${'一二三四五六七八九十'.repeat(5)}\n\n请确认报价单。`
    const s = searchSnippet(body, ['报价'])
    expect(s.startsWith('…')).toBe(true)
    expect(s).toContain('请确认报价单')
    expect(s).not.toContain('\n')
    // an early match, or none: the body from its start
    expect(searchSnippet('报价如下', ['报价'])).toBe('报价如下')
    expect(searchSnippet('正文', ['主题里的词'])).toBe('正文')
    // never cuts an emoji in half
    const emoji = `a${'😀'.repeat(30)}x报价` // the cut would fall on the second half of an emoji
    expect(searchSnippet(emoji, ['报价']).charCodeAt(1)).toBe('😀'.charCodeAt(0))
  })
})
