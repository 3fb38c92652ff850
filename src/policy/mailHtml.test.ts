import fc from 'fast-check'
import { hasRemoteImages, sanitizeMailHtml as clean } from './mailHtml'

describe('sanitizeMailHtml', () => {
  test('keeps the formatting a mail needs', () => {
    expect(
      clean('<h2>标题</h2><p>您好 <b>李</b><br>谢谢</p><table><tr><td colspan="2">X200</td></tr></table>'),
    ).toBe('<h2>标题</h2><p>您好 <b>李</b><br>谢谢</p><table><tr><td colspan="2">X200</td></tr></table>')
    expect(clean('<ul><li>一<li>二</ul>')).toBe('<ul><li>一<li>二</li></li></ul>')
  })

  test('drops scripts, styles, frames and forms with their content, and unknown tags but not their text', () => {
    expect(
      clean('a<script>steal()</script>b<style>p{}</style>c<iframe src="x"></iframe>d<form><input>e</form>'),
    ).toBe('abcd')
    expect(clean('<marquee>滚动</marquee><blink>x</blink>')).toBe('滚动x')
    expect(clean('<SCRIPT >x</SCRIPT >ok')).toBe('ok')
  })

  test('no event handlers, no unsafe links; http(s) and mailto links stay', () => {
    expect(clean('<p onclick="x()" onmouseover=y>t</p>')).toBe('<p>t</p>')
    expect(clean('<a href="javascript:alert(1)">x</a>')).toBe('<a>x</a>')
    expect(clean('<a href="java&#x09;script:alert(1)">x</a>')).toBe('<a>x</a>')
    expect(clean('<a href=" JaVaScRiPt:alert(1)">x</a>')).toBe('<a>x</a>')
    expect(clean('<a href="data:text/html,<script>">x</a>')).toBe('<a>x</a>')
    expect(clean('<a href="https://x.com/?a=1&amp;b=2">x</a>')).toBe(
      '<a href="https://x.com/?a=1&amp;b=2">x</a>',
    )
    expect(clean('<a href="mailto:a@b.com">写信</a>')).toBe('<a href="mailto:a@b.com">写信</a>')
  })

  test('remote images keep their address only in data-remote-src; cid: and data: images leave their alt text', () => {
    expect(clean('<img src="https://t.cn/p.png" alt="横幅" width="600">')).toBe(
      '<img data-remote-src="https://t.cn/p.png" alt="横幅" width="600">',
    )
    expect(clean('<img src="cid:logo" alt="标志">')).toBe('标志')
    expect(clean('<img src="data:image/png;base64,AAAA">')).toBe('')
    expect(clean('<img src=x onerror=alert(1)>')).toBe('')
    expect(hasRemoteImages(clean('<img src="http://a/b.png">'))).toBe(true)
    expect(hasRemoteImages(clean('<p>data-remote-src=" in text</p>'))).toBe(false)
  })

  test('style keeps safe properties only', () => {
    expect(clean('<span style="color:#d83931; position:fixed; background:url(x)">x</span>')).toBe(
      '<span style="color:#d83931">x</span>',
    )
    expect(clean('<p style="width: expression(alert(1))">x</p>')).toBe('<p>x</p>')
    expect(clean('<p style="color: re\\64">x</p>')).toBe('<p>x</p>')
  })

  test('text stays text: entities are decoded once and re-escaped', () => {
    expect(clean('1 &lt; 2 &amp;&amp; <3')).toBe('1 &lt; 2 &amp;&amp; &lt;3')
    expect(clean('&lt;script&gt;x')).toBe('&lt;script&gt;x')
  })

  const htmlish = fc.array(
    fc.oneof(
      fc.constantFrom(
        '<script>',
        '</script>',
        '<img src="https://a/b.png" onerror="x">',
        '<img src=javascript:x>',
        '<a href="javascript:x">',
        '<a href="https://ok.cn">',
        '</a>',
        '<p onclick=x>',
        '</p>',
        '<style>',
        '<svg onload=x>',
        '<iframe>',
        '"',
        "'",
        '<',
        '>',
        '&',
        '&lt;',
        '&#106;avascript:',
        '<!--',
        '-->',
        'style="background:url(x)"',
        '<div style="color:red;behavior:x">',
      ),
      fc.string({ maxLength: 6 }),
    ),
    { maxLength: 30 },
  )

  test('properties: nothing executable survives, and cleaning twice changes nothing', () => {
    fc.assert(
      fc.property(
        htmlish.map((parts) => parts.join('')),
        (input) => {
          const out = clean(input)
          expect(out).not.toMatch(/<(script|style|iframe|svg|object|embed|form)/i)
          expect(out).not.toMatch(/<[^>]*\son[a-z]+\s*=/i)
          expect(out).not.toMatch(/(href|src)="\s*(javascript|data):/i)
          expect(out).not.toMatch(/<[^>]*\ssrc=/i)
          expect(out).not.toMatch(/<[^>]*(url\(|behavior)/i)
          expect(clean(out)).toBe(out)
        },
      ),
      { numRuns: 2000 },
    )
  })
})
