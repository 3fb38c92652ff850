import fc from 'fast-check'
import { htmlToText } from './mailText'
import { checkSignature, MAX_SIGNATURE_LENGTH, sanitizeSignature, signatureText } from './signature'

describe('sanitizeSignature', () => {
  test('keeps the safe subset', () => {
    const safe =
      '<p><b>张三</b> <i>销售</i> <u>部</u><br><strong>电话</strong> <em>1</em></p><div><span>x</span></div>'
    expect(sanitizeSignature(safe)).toBe(safe)
  })

  test('links keep http(s) / mailto hrefs only', () => {
    expect(sanitizeSignature('<a href="https://xinghe.com/a?b=1&amp;c=2">官网</a>')).toBe(
      '<a href="https://xinghe.com/a?b=1&amp;c=2">官网</a>',
    )
    expect(sanitizeSignature("<a href='mailto:sales@c.com'>写信</a>")).toBe(
      '<a href="mailto:sales@c.com">写信</a>',
    )
    for (const bad of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'java&#x09;script:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,<script>',
      '/relative',
      'vbscript:x',
    ]) {
      expect(sanitizeSignature(`<a href="${bad}">x</a>`)).toBe('<a>x</a>')
    }
  })

  test('strips scripts, styles, frames (with content), images, handlers and other attributes', () => {
    expect(sanitizeSignature('a<script>alert(1)</script>b')).toBe('ab')
    expect(sanitizeSignature('a<STYLE>body{}</STYLE>b<iframe src="https://x">y</iframe>c')).toBe('abc')
    expect(sanitizeSignature('<img src="https://tracker/x.png">签名')).toBe('签名')
    expect(sanitizeSignature('<b onclick="alert(1)" style="x">粗</b>')).toBe('<b>粗</b>')
    expect(sanitizeSignature('<a href="https://x" onmouseover="alert(1)">x</a>')).toBe(
      '<a href="https://x">x</a>',
    )
    expect(sanitizeSignature('<!-- c --><svg onload=alert(1)><circle/></svg>ok')).toBe('ok')
    expect(sanitizeSignature('<script>never closed')).toBe('')
  })

  test('escapes stray markup characters and balances tags', () => {
    expect(sanitizeSignature('1 < 2 & 3 > 2')).toBe('1 &lt; 2 &amp; 3 &gt; 2')
    expect(sanitizeSignature('<b>x')).toBe('<b>x</b>')
    expect(sanitizeSignature('x</b></p>')).toBe('x')
    expect(sanitizeSignature('<b><i>x</b>y')).toBe('<b><i>x</i></b>y')
  })

  const htmlish = fc
    .array(
      fc.oneof(
        fc.constantFrom(
          '<b>',
          '</b>',
          '<p>',
          '</div>',
          '<br/>',
          '<script>',
          '</script>',
          '<a href="javascript:x">',
          '<a href="https://ok">',
          '</a>',
          '<img src=x onerror=alert(1)>',
          '<span onclick="x">',
          '"',
          "'",
          '<',
          '>',
          '&',
          '&amp;',
          '<!--',
          '-->',
          '<iframe>',
          'on',
          '=',
          'javascript:',
          '<style>',
          '</style>',
        ),
        fc.string({ maxLength: 5 }),
      ),
      { maxLength: 30 },
    )
    .map((parts) => parts.join(''))

  test('property: output has only allowed tags, no handlers, only safe hrefs', () => {
    fc.assert(
      fc.property(htmlish, (input) => {
        const out = sanitizeSignature(input)
        const tags = out.match(/<[^>]*>/g) ?? []
        for (const t of tags) {
          expect(t).toMatch(
            /^<\/?(b|i|u|strong|em|br|p|div|span|a)>$|^<a href="(https?:\/\/|mailto:)[^"]*">$/,
          )
        }
        // nothing outside tags can open one
        expect(out.replace(/<[^>]*>/g, '')).not.toMatch(/[<>]/)
      }),
    )
  })

  test('property: sanitising is idempotent', () => {
    fc.assert(
      fc.property(htmlish, (input) => {
        const once = sanitizeSignature(input)
        expect(sanitizeSignature(once)).toBe(once)
      }),
    )
  })
})

describe('checkSignature', () => {
  test(`≤ ${MAX_SIGNATURE_LENGTH} characters, counted before sanitising`, () => {
    expect(checkSignature('x'.repeat(MAX_SIGNATURE_LENGTH)).ok).toBe(true)
    // would shrink to nothing after sanitising, still refused
    const r = checkSignature(`<script>${'x'.repeat(MAX_SIGNATURE_LENGTH)}</script>`)
    expect(r).toMatchObject({ ok: false, errcode: 40058 })
    expect(!r.ok && r.errmsg).toContain('(signature)')
  })

  test('not text → 40058', () => {
    expect(checkSignature(12)).toMatchObject({ ok: false, errcode: 40058 })
  })

  test('returns the sanitised signature', () => {
    expect(checkSignature('<b onclick=x>李娜</b>')).toEqual({ ok: true, value: '<b>李娜</b>' })
  })
})

test('signatureText turns markup into plain lines', () => {
  expect(signatureText('<p><b>李娜</b></p><p>星河科技 &amp; 销售部</p>电话：<br>010-1234')).toBe(
    '李娜\n星河科技 & 销售部\n电话：\n010-1234',
  )
})

describe('the text form never carries markup', () => {
  const MARKUP = /<[A-Za-z/!?]/
  test.each([
    ['named entities', '&lt;script&gt;alert(1)&lt;/script&gt;', '＜script＞alert(1)＜/script＞'],
    ['decimal entities', '&#60;img src=x onerror=alert(1)&#62;', '＜img src=x onerror=alert(1)＞'],
    ['hex entities', '&#x3C;svg/onload=alert(1)&#x3e;', '＜svg/onload=alert(1)＞'],
    ['an end tag', 'a &lt;/textarea&gt; b', 'a ＜/textarea＞ b'],
    ['a comment opener', '&lt;!-- x', '＜!-- x'],
    ['double escaping stays escaped text', '&amp;lt;script&amp;gt;', '&lt;script&gt;'],
    ['a comparison is not markup', '1 &lt; 2 &amp;&amp; 3 &gt; 2', '1 < 2 && 3 > 2'],
  ])('%s', (_what, input, text) => {
    const stored = checkSignature(input)
    if (!stored.ok) throw new Error(stored.errmsg)
    expect(signatureText(stored.value)).toBe(text)
    expect(signatureText(stored.value)).not.toMatch(MARKUP)
  })

  test('property: whatever is typed, the sent text holds nothing an HTML parser would read as a tag', () => {
    const piece = fc.constantFrom(
      '<',
      '>',
      '&lt;',
      '&gt;',
      '&#60;',
      '&#x3c;',
      '&amp;',
      'script',
      '/',
      '!',
      '?',
      'img',
      ' ',
      'a',
      '"',
      '<b>',
      '</b>',
      '<br>',
      '<p>',
      '</p>',
      '<!--',
      '-->',
      '&',
      ';',
      '#',
    )
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), fc.string({ maxLength: 20 }), (parts, extra) => {
        const stored = checkSignature(parts.join('') + extra)
        if (stored.ok) expect(signatureText(stored.value)).not.toMatch(MARKUP)
      }),
    )
  })

  test('linear on hostile input: many unclosed script tags', () => {
    const text = signatureText('<script>'.repeat(1000).slice(0, 9000))
    expect(text).toBe('')
    const big = htmlToText('<script '.repeat(100_000))
    expect(big.startsWith('＜script')).toBe(true)
  })
})
