import fc from 'fast-check'
import { checkVisibleText, textProblem, withVisibleText } from './text'
import { ok } from './result'

describe('textProblem', () => {
  test.each([
    ['张三', null],
    ['Sales 销售', null],
    ['👨‍👩‍👧 家庭', null], // ZWJ inside an emoji sequence
    ['می‌خواهم', null], // ZWNJ in Persian
    ['𠮷野家', null], // a surrogate pair
    ['O’Brien', null],
  ])('%p is fine', (text, problem) => {
    expect(textProblem(text)).toBe(problem)
  })

  test.each([
    ['only zero-width spaces', '\u200b\u200b', 'invisible'],
    ['only ZWNJ / ZWJ', '\u200c\u200d', 'blank'],
    ['only a word joiner', '\u2060', 'invisible'],
    ['only a BOM', '\ufeff', 'invisible'],
    ['only LRM / RLM and spaces', '\u200e \u200f', 'blank'],
    ['only ideographic spaces', '\u3000\u3000', 'blank'],
    ['a ZWSP inside a name (lookalike of 张三)', '张\u200b三', 'invisible'],
    ['an RTL override', 'abc\u202egpj.exe', 'bidi'],
    ['an LTR embedding', '\u202a张三', 'bidi'],
    ['a first-strong isolate', '张三\u2068', 'bidi'],
    ['a pop directional isolate', '\u2069张三', 'bidi'],
    ['NUL', '张\u0000三', 'control'],
    ['a tab', '张\t三', 'control'],
    ['a newline', '张三\n', 'control'],
    ['DEL', '张三\u007f', 'control'],
    ['a C1 control', '\u0085张三', 'control'],
    ['a line separator', '张\u2028三', 'control'],
    ['a lone high surrogate', '张\ud842', 'surrogate'],
    ['a lone low surrogate', '\udfb7野家', 'surrogate'],
    ['swapped surrogates', '\udfb7\ud842', 'surrogate'],
    ['empty', '', 'blank'],
  ])('%s → %s', (_what, text, problem) => {
    expect(textProblem(text)).toBe(problem)
  })

  test('property: any text with a forbidden character anywhere has a problem', () => {
    const forbidden = fc.constantFrom(
      '\u0000',
      '\u0008',
      '\u001f',
      '\u007f',
      '\u009f',
      '\u200b',
      '\u2060',
      '\ufeff',
      '\u202a',
      '\u202b',
      '\u202c',
      '\u202d',
      '\u202e',
      '\u2066',
      '\u2067',
      '\u2068',
      '\u2069',
      '\ud800',
      '\udfff',
    )
    fc.assert(
      fc.property(fc.string(), forbidden, fc.string(), (a, bad, b) => {
        // a lone surrogate next to its partner would form a pair: keep the neighbours out of the range
        const clean = (s: string) => s.replace(/[\ud800-\udfff]/g, 'x')
        expect(textProblem(`${clean(a)}${bad}${clean(b)}`)).not.toBeNull()
      }),
    )
  })

  test('property: ordinary visible text (letters, CJK, digits, punctuation) has none', () => {
    const visible = fc.stringMatching(
      /^[A-Za-z0-9\u4e00-\u9fa5 ._()（）·-]*[A-Za-z0-9\u4e00-\u9fa5][A-Za-z0-9\u4e00-\u9fa5 ._()（）·-]*$/,
    )
    fc.assert(fc.property(visible, (t) => expect(textProblem(t)).toBeNull()))
  })
})

describe('checkVisibleText / withVisibleText', () => {
  test('the refusal carries the field’s code, its label and the field name', () => {
    expect(checkVisibleText('\u200b', 680034, '业务邮箱名称', 'name')).toEqual({
      ok: false,
      errcode: 680034,
      errmsg: '业务邮箱名称不能包含不可见或控制字符 (name)',
    })
    expect(checkVisibleText('\u200d', 40058, '姓名', 'name')).toEqual({
      ok: false,
      errcode: 40058,
      errmsg: '姓名不能只由空白或不可见字符组成 (name)',
    })
    expect(checkVisibleText('张三', 40058, '姓名', 'name')).toEqual({ ok: true, value: undefined })
  })

  test('an earlier refusal is kept; a passing value goes on unchanged', () => {
    const earlier = { ok: false as const, errcode: 40058, errmsg: '姓名不能为空 (name)' }
    expect(withVisibleText(earlier, 40058, '姓名', 'name')).toBe(earlier)
    expect(withVisibleText(ok('张三'), 40058, '姓名', 'name')).toEqual(ok('张三'))
    expect(withVisibleText(ok('张\u202e三'), 40068, '标签名称', 'tagname')).toMatchObject({
      ok: false,
      errcode: 40068,
      errmsg: expect.stringContaining('(tagname)'),
    })
  })
})
