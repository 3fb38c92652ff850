import fc from 'fast-check'
import { htmlToText } from './mailText'
import {
  checkSignature,
  MAX_SIGNATURE_LENGTH,
  sanitizeSignature,
  sanitizeSignatureReport,
  signatureText,
} from './signature'
import {
  boldMarker,
  checkSignatureLink,
  describeRemoved,
  editorFromSignature,
  linkMarker,
  signatureFromEditor,
  signatureLines,
} from './signatureEditor'

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

describe('the signature editor', () => {
  const saved = (text: string) => sanitizeSignature(signatureFromEditor(text))

  test('plain text with **bold**, [links](…) and line breaks becomes the safe HTML subset', () => {
    expect(saved('张三 **销售总监**\n电话 400-800-1234\n[官网](https://xinghe.com/?a=1&b=2)')).toBe(
      '张三 <b>销售总监</b><br>电话 400-800-1234<br><a href="https://xinghe.com/?a=1&amp;b=2">官网</a>',
    )
    expect(saved('**[写信](mailto:sales@xinghe.com)**')).toBe(
      '<b><a href="mailto:sales@xinghe.com">写信</a></b>',
    )
  })

  test('text that only looks like a tag stays text; known HTML is HTML', () => {
    expect(saved('销售部 <sales@xinghe.com> 1<2')).toBe('销售部 &lt;sales@xinghe.com&gt; 1&lt;2')
    expect(saved('<b>粗</b> <i>斜</i>')).toBe('<b>粗</b> <i>斜</i>')
  })

  test('back and forth: a saved signature opens as markers and saves the same', () => {
    const html =
      '<p><b>张三</b> &amp; <i>李四</i></p><div>电话<br><a href="https://x.cn/a?b=1&amp;c=2">官网</a></div>'
    const text = editorFromSignature(html)
    expect(text).toBe('**张三** & <i>李四</i>\n电话\n[官网](https://x.cn/a?b=1&c=2)')
    expect(saved(text)).toBe(
      '<b>张三</b> &amp; <i>李四</i><br>电话<br><a href="https://x.cn/a?b=1&amp;c=2">官网</a>',
    )
    fc.assert(
      fc.property(
        fc
          .array(
            fc.oneof(
              fc.constantFrom(
                '**',
                '[',
                ']',
                '(',
                ')',
                'https://a.cn',
                '\n',
                '<b>',
                '</b>',
                '<i>',
                '</i>',
                '<a href="https://b.cn">',
                '</a>',
                '<p>',
                '</div>',
                '*',
                '\\',
                '&amp;',
                '&',
                '<',
                '>',
                '"',
                ' ',
              ),
              fc.string({ maxLength: 4 }),
            ),
            { maxLength: 25 },
          )
          .map((xs) => xs.join('')),
        (text) => {
          // What a reader sees survives opening and saving again (empty <b></b> pairs may go).
          const once = saved(text)
          expect(signatureLines(saved(editorFromSignature(once)))).toEqual(signatureLines(once))
        },
      ),
    )
  })

  test('links do not nest: a second link closes the first', () => {
    expect(sanitizeSignature('<a href="https://a.cn">x<b><a href="https://b.cn">y</a>')).toBe(
      '<a href="https://a.cn">x<b></b></a><a href="https://b.cn">y</a>',
    )
  })

  test('says what saving removed: images, scripts, javascript: links, handlers, other formats', () => {
    const r = sanitizeSignatureReport(
      '<img src="https://t/x.png">张三<script>alert(1)</script><a href="javascript:alert(1)">点我</a>' +
        '<b onclick="x">粗</b><font color="red">红</font><img src="y">',
    )
    expect(r.html).toBe('张三<a>点我</a><b>粗</b>红')
    expect(r.removed).toEqual([
      { kind: 'image', count: 2 },
      { kind: 'script', count: 1 },
      { kind: 'unsafe_link', count: 1 },
      { kind: 'attribute', count: 1 },
      { kind: 'format', count: 1 },
    ])
    expect(describeRemoved(r.removed)).toBe(
      '图片 2 处、脚本 1 处、不安全的链接（如 javascript:） 1 处、事件或样式属性 1 处、不支持的格式（文字已保留） 1 处',
    )
    expect(sanitizeSignatureReport('<b>粗</b><br><a href="https://x.cn">官网</a>').removed).toEqual([])
    // A javascript: link typed with the marker is caught the same way.
    expect(sanitizeSignatureReport(signatureFromEditor('[点我](javascript:history.back)')).removed).toEqual([
      { kind: 'unsafe_link', count: 1 },
    ])
  })

  test('the preview is drawn from the saved markup: bold is bold, links carry their address', () => {
    expect(signatureLines(saved('张三 **总监**\n[官网](https://x.cn)'))).toEqual([
      [{ text: '张三 ' }, { text: '总监', bold: true }],
      [{ text: '官网', href: 'https://x.cn' }],
    ])
    expect(signatureLines('<p>a</p><p><i><u>b</u></i></p>')).toEqual([
      [{ text: 'a' }],
      [{ text: 'b', italic: true, underline: true }],
    ])
    expect(signatureLines('')).toEqual([])
  })

  test('the text form sent in plain-text mail keeps a link’s address', () => {
    expect(
      signatureText(saved('[官网](https://x.cn) [https://y.cn](https://y.cn) [写信](mailto:s@x.cn)')),
    ).toBe('官网（https://x.cn） https://y.cn 写信（s@x.cn）')
  })

  test('inserted links: http(s) or mailto only, bare domains and addresses completed', () => {
    expect(checkSignatureLink('https://x.cn/a')).toEqual({ ok: true, value: 'https://x.cn/a' })
    expect(checkSignatureLink('www.xinghe.com')).toEqual({ ok: true, value: 'https://www.xinghe.com' })
    expect(checkSignatureLink('sales@xinghe.com')).toEqual({ ok: true, value: 'mailto:sales@xinghe.com' })
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', '', '  ', '官网']) {
      expect(checkSignatureLink(bad).ok).toBe(false)
    }
    expect(linkMarker('官网', 'https://x.cn/a(b)')).toBe('[官网](https://x.cn/a%28b%29)')
    expect(linkMarker('', 'mailto:s@x.cn')).toBe('[s@x.cn](mailto:s@x.cn)')
    expect(boldMarker('总监')).toBe('**总监**')
  })
})
