import fc from 'fast-check'
import { placeSignature, QUOTE_HEADER, quoteOf, replySubject, splitQuote } from './reply'

const original = {
  from: '李娜 <lina@xinghe.com>',
  to: ['sales@xinghe.com'],
  subject: '报价',
  content: '请看附件',
}

describe('replySubject', () => {
  it('puts one prefix in front, whatever prefixes the original had', () => {
    expect(replySubject('reply', 'Re: RE：回复：报价')).toBe('回复：报价')
    expect(replySubject('reply', 'Fwd: 报价')).toBe('回复：报价')
    expect(replySubject('forward', 'Re[2]: 报价')).toBe('转发：报价')
    expect(replySubject('reply', '报价 Re: 说明')).toBe('回复：报价 Re: 说明')
  })
})

describe('placeSignature', () => {
  const sig = '<b>张三</b><br>销售部'

  it('goes under the new text and above the quote', () => {
    const body = `好的，今天回复您${quoteOf(original)}`
    const out = placeSignature(body, sig)
    expect(out.indexOf('张三')).toBeGreaterThan(out.indexOf('好的'))
    expect(out.indexOf('张三')).toBeLessThan(out.indexOf(QUOTE_HEADER))
    expect(out).toBe(`好的，今天回复您\n\n-- \n张三\n销售部${quoteOf(original)}`)
  })

  it('is added to a reply to one’s own signed mail (the quote already holds it)', () => {
    const mine = { ...original, content: `上次的内容\n\n-- \n张三\n销售部` }
    const out = placeSignature(`补充一句${quoteOf(mine)}`, sig)
    expect(splitQuote(out).text).toBe('补充一句\n\n-- \n张三\n销售部')
  })

  it('is not added twice to a body that is already signed', () => {
    const once = placeSignature(`你好${quoteOf(original)}`, sig)
    expect(placeSignature(once, sig)).toBe(once)
  })

  it('leaves the body alone without a signature', () => {
    expect(placeSignature('你好', '')).toBe('你好')
    expect(placeSignature('你好', '<p> </p>')).toBe('你好')
  })

  it('keeps the typed text and the quote unchanged, with the signature exactly once in the new text', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.boolean(), (typed, quoted, withQuote) => {
        const text = typed.replace(new RegExp(QUOTE_HEADER, 'g'), '').replace(/\s+$/, '')
        const quote = withQuote ? quoteOf({ ...original, content: `${quoted}\n-- \n张三\n销售部` }) : ''
        const out = placeSignature(`${text}${quote}`, sig)
        const parts = splitQuote(out)
        expect(parts.quote).toBe(quote)
        expect(parts.text.startsWith(text)).toBe(true)
        expect(parts.text.slice(text.length)).toBe('\n\n-- \n张三\n销售部')
      }),
    )
  })
})
