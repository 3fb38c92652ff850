import fc from 'fast-check'
import { JSDOM } from 'jsdom'
import { hasRemoteImages, sanitizeMailHtml as clean } from './mailHtml'

describe('sanitizeMailHtml: what stays', () => {
  test('keeps the structure and formatting a mail needs, as written', () => {
    const mail =
      '<h2>标题</h2><p>您好 <b>李</b><br>谢谢</p><hr><blockquote><i>引文</i></blockquote>' +
      '<ul><li><u>一</u></li></ul><ol><li><s>二</s></li></ol><pre><code>x = 1</code></pre>' +
      '<center><small>小字</small> H<sub>2</sub>O x<sup>2</sup> <em>强调</em> <strong>重</strong></center>' +
      '<table><thead><tr><th>产品</th></tr></thead><tbody><tr><td colspan="2" rowspan="1" align="center">X200</td></tr></tbody><tfoot><tr><td>合计</td></tr></tfoot></table>'
    expect(clean(mail)).toBe(mail)
  })

  test('tags are written in lower case, attributes double-quoted, unclosed ones closed at the end', () => {
    expect(clean('<P ALIGN=right><B>x</P>')).toBe('<p align="right"><b>x</b></p>')
    expect(clean('<td title=\'a "b"\'>')).toBe('<td title="a &quot;b&quot;"></td>')
    expect(clean('<div><span>x')).toBe('<div><span>x</span></div>')
    expect(clean('x</b></div>')).toBe('x')
  })

  test('a new item, row, cell or paragraph ends the open one, as a browser reads it', () => {
    expect(clean('<ul><li>一<li>二</ul>')).toBe('<ul><li>一</li><li>二</li></ul>')
    expect(clean('<table><tr><td>a<td>b<tr><th>c</table>')).toBe(
      '<table><tr><td>a</td><td>b</td></tr><tr><th>c</th></tr></table>',
    )
    expect(clean('<p>一<p>二')).toBe('<p>一</p><p>二</p>')
    // a nested list keeps its outer item open
    expect(clean('<ul><li>外<ul><li>内一<li>内二</ul></li></ul>')).toBe(
      '<ul><li>外<ul><li>内一</li><li>内二</li></ul></li></ul>',
    )
    // a paragraph inside a cell does not close the paragraph around the table
    expect(clean('<p>x<table><tr><td><p>y</td></tr></table>')).toBe(
      '<p>x<table><tr><td><p>y</p></td></tr></table></p>',
    )
  })

  test('font keeps its text and loses its attributes', () => {
    expect(clean('<font color="red" face="宋体" size="7">红字</font>')).toBe('<font>红字</font>')
  })

  test('only the allowed attributes, with values of their kind', () => {
    expect(clean('<td width="600" height="40%" colspan="x" rowspan="2" valign="top" nowrap>c</td>')).toBe(
      '<td width="600" height="40%" rowspan="2" valign="top">c</td>',
    )
    expect(clean('<div id="a" class="b" lang="zh" dir="rtl" data-x="1" align="javascript:x">d</div>')).toBe(
      '<div>d</div>',
    )
    expect(clean('<p align="left" align="right">x</p>')).toBe('<p align="left">x</p>')
  })

  test('text stays text: entities are decoded once and re-escaped', () => {
    expect(clean('1 &lt; 2 &amp;&amp; <3')).toBe('1 &lt; 2 &amp;&amp; &lt;3')
    expect(clean('&lt;script&gt;x')).toBe('&lt;script&gt;x')
    expect(clean('&copy; 2026 星河&mdash;科技&hellip; &#x4e2d;&#25991;')).toBe('© 2026 星河—科技… 中文')
    expect(clean('a&nbsp;b')).toBe('a\u00a0b')
    // never twice: the text "&copy;" written as &amp;copy; stays that text
    expect(clean('&amp;copy;')).toBe('&amp;copy;')
    expect(clean('&unknown; & x')).toBe('&amp;unknown; &amp; x')
  })
})

describe('sanitizeMailHtml: what goes', () => {
  test('scripts, styles, frames, forms and the like go with their content', () => {
    expect(
      clean('a<script>steal()</script>b<style>p{}</style>c<iframe src="x"></iframe>d<form><input>e</form>'),
    ).toBe('abcd')
    expect(clean('<SCRIPT >x</SCRIPT >ok')).toBe('ok')
    for (const t of [
      'object',
      'embed',
      'select',
      'textarea',
      'svg',
      'math',
      'head',
      'title',
      'noscript',
      'template',
    ])
      expect(clean(`前<${t}>里面</${t}>后`)).toBe('前后')
    // a script never closed takes the rest with it; a form never closed loses only its tag
    expect(clean('a<script>never closed <b>x</b>')).toBe('a')
    expect(clean('<form action="https://evil">留言<input name="pw">')).toBe('留言')
  })

  test('unknown tags go, their text stays; comments and doctypes go', () => {
    expect(clean('<marquee>滚动</marquee><blink>x</blink><section><article>文</article></section>')).toBe(
      '滚动x文',
    )
    expect(clean('<!DOCTYPE html><html><body><!-- 注释 <script>x</script> -->正文</body></html>')).toBe(
      '正文',
    )
    expect(clean('<?xml version="1.0"?>x')).toBe('x')
  })

  test('no event handlers or other attributes that run or fetch', () => {
    expect(clean('<p onclick="x()" onmouseover=y ONLOAD=z>t</p>')).toBe('<p>t</p>')
    expect(clean('<table background="https://t/x.gif"><tr><td bgcolor="red">x</td></tr></table>')).toBe(
      '<table><tr><td>x</td></tr></table>',
    )
  })

  test('links: http(s) and mailto only, after decoding entities and dropping control characters', () => {
    expect(clean('<a href="https://x.com/?a=1&amp;b=2" title="官网" target="_blank">x</a>')).toBe(
      '<a href="https://x.com/?a=1&amp;b=2" title="官网">x</a>',
    )
    expect(clean('<a href="mailto:a@b.com">写信</a>')).toBe('<a href="mailto:a@b.com">写信</a>')
    expect(clean('<a href=HTTP://X.CN>x</a>')).toBe('<a href="HTTP://X.CN">x</a>')
    for (const bad of [
      'javascript:alert(1)',
      ' JaVaScRiPt:alert(1)',
      'java&#x09;script:alert(1)',
      'java\u0000script:alert(1)',
      '&#106;avascript:alert(1)',
      '&#x6A;avascript:alert(1)',
      'javascript&colon;alert(1)',
      'data:text/html,<script>',
      'vbscript:x',
      '/relative',
      '//evil.example/x',
      'file:///etc/passwd',
    ]) {
      expect(clean(`<a href="${bad}">x</a>`)).toBe('<a>x</a>')
    }
    // links do not nest
    expect(clean('<a href="https://a.cn">a<b><a href="https://b.cn">b</a>')).toBe(
      '<a href="https://a.cn">a<b></b></a><a href="https://b.cn">b</a>',
    )
  })

  test('remote images keep their address only in data-remote-src; cid:, data: and others leave their alt text', () => {
    expect(clean('<img src="https://t.cn/p.png" alt="横幅" width="600" onerror="x">')).toBe(
      '<img data-remote-src="https://t.cn/p.png" alt="横幅" width="600">',
    )
    expect(clean('<IMG SRC=http://t.cn/a.gif>')).toBe('<img data-remote-src="http://t.cn/a.gif">')
    expect(clean('<img src="cid:logo@x" alt="标志">')).toBe('标志')
    expect(clean('<img src="data:image/png;base64,AAAA" alt="图">')).toBe('图')
    expect(clean('<img src="javascript:alert(1)">')).toBe('')
    expect(clean('<img src=x onerror=alert(1)>')).toBe('')
    expect(clean('<img alt="&lt;b&gt;无地址">')).toBe('&lt;b&gt;无地址')
    // data-alt is not alt
    expect(clean('<img src="cid:x" data-alt="不是">')).toBe('')
    // an img's srcset / other loaders go
    expect(clean('<img src="https://a/1.png" srcset="https://a/2.png 2x" lowsrc="https://a/3.png">')).toBe(
      '<img data-remote-src="https://a/1.png">',
    )
  })

  test('style keeps the safe properties only, without url(), expression(), escapes or comments', () => {
    expect(
      clean('<span style="COLOR: #d83931; position:fixed; background:url(x); font-weight:bold">x</span>'),
    ).toBe('<span style="color:#d83931;font-weight:bold">x</span>')
    expect(
      clean(
        '<p style="text-align:center;line-height:1.5;padding:4px 8px;border:1px solid #ddd;width:100%">x</p>',
      ),
    ).toBe(
      '<p style="text-align:center;line-height:1.5;padding:4px 8px;border:1px solid #ddd;width:100%">x</p>',
    )
    for (const bad of [
      'width: expression(alert(1))',
      'color: re\\64',
      'background-color: url(https://t/x)',
      'background-color: URL (x)',
      'color: red/**/',
      'behavior: url(x.htc)',
      'color: red; -moz-binding: url(x)',
      'color: &#92;72ed',
      'border: 1px solid &quot;x&quot;',
    ]) {
      expect(clean(`<p style="${bad}">x</p>`).replace(/ style="color:red"/, '')).toBe('<p>x</p>')
    }
  })
})

describe('hasRemoteImages', () => {
  test('true for a remote image, false for text or attributes that only look like one', () => {
    expect(hasRemoteImages(clean('<p>看图</p><img src="http://a/b.png">'))).toBe(true)
    expect(hasRemoteImages(clean('<img src="cid:a" alt="x">'))).toBe(false)
    expect(hasRemoteImages(clean('<p>x data-remote-src=" in text</p>'))).toBe(false)
    expect(hasRemoteImages(clean('<p title=\'<img data-remote-src="https://a">\'>x</p>'))).toBe(false)
  })
})

// ---- properties: whatever comes in, what goes out is inert and stable -------------------------

const ALLOWED_TAGS = new Set(
  'a b i u s em strong small sub sup br hr p div span font center h1 h2 h3 h4 h5 h6 ul ol li blockquote pre code table thead tbody tfoot tr td th caption img'.split(
    ' ',
  ),
)
const ALLOWED_ATTRS = new Set(
  'href data-remote-src alt title width height colspan rowspan align valign style'.split(' '),
)

/** what a real HTML parser (jsdom's parse5, as a browser) makes of the output: a reason it is unsafe, or '' */
function unsafeInDom(html: string): string {
  const doc = new JSDOM(`<body>${html}</body>`).window.document
  for (const el of Array.from(doc.body.querySelectorAll('*'))) {
    const tag = el.tagName.toLowerCase()
    if (!ALLOWED_TAGS.has(tag)) return `element <${tag}>`
    for (const { name, value } of Array.from(el.attributes)) {
      if (!ALLOWED_ATTRS.has(name)) return `attribute ${name} on <${tag}>`
      if (name === 'href' && (tag !== 'a' || !/^(https?:\/\/|mailto:)/i.test(value))) return `href ${value}`
      if (name === 'data-remote-src' && (tag !== 'img' || !/^https?:\/\//i.test(value)))
        return `image ${value}`
      if (name === 'style' && /url\s*\(|expression|behavior|\\|\/\*/i.test(value)) return `style ${value}`
    }
  }
  return ''
}

const hostile = fc.constantFrom(
  '<script>',
  '</script>',
  '<SCRIPT src=//x>',
  '<img src="https://a/b.png" onerror="x">',
  '<img src=javascript:x>',
  '<img src="data:image/gif;base64,R0lG">',
  '<img data-remote-src="javascript:x">',
  '<img/src=x/onerror=alert(1)>',
  '<a href="javascript:x">',
  '<a href="&#106;avascript:x">',
  '<a href="java\tscript:x">',
  '<a href="https://ok.cn" onclick="x">',
  '<a href=data:text/html,x>',
  '</a>',
  '<p onclick=x>',
  '<p title="x onclick=y">',
  "<p title='\"><script>x</script>'>",
  '</p>',
  '<li>',
  '<td>',
  '<tr>',
  '<style>',
  '</style>',
  '<svg onload=x>',
  '<math><mi xlink:href="javascript:x">',
  '<iframe srcdoc="<script>x</script>">',
  '<object data="x">',
  '<form action=x><button formaction=javascript:x>',
  '<textarea>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<base href="javascript:x">',
  '<meta http-equiv="refresh" content="0;url=javascript:x">',
  '<link rel=stylesheet href=x>',
  '<div style="color:red;behavior:url(x)">',
  '<div style="background-color:u\\rl(x)">',
  '<span style="width:expression(alert(1))">',
  '<font color=red>',
  '"',
  "'",
  '<',
  '>',
  '/',
  '=',
  '&',
  '&lt;',
  '&amp;',
  '&quot;',
  '&#60;',
  '&#x3c;script&#x3e;',
  '&copy;',
  '<!--',
  '-->',
  '<!doctype html>',
  '<?x ?>',
  ' onerror=x ',
  ' src=x ',
  ' style="background:url(x)" ',
)
const htmlish = fc
  .array(fc.oneof({ weight: 3, arbitrary: hostile }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) }), {
    maxLength: 30,
  })
  .map((parts) => parts.join(''))

test('properties: nothing executable or fetching survives, a browser parses it the same, and cleaning twice changes nothing', () => {
  fc.assert(
    fc.property(htmlish, (input) => {
      const out = clean(input)
      expect(out).not.toMatch(/<script/i)
      // every tag is canonical: a known name and known, double-quoted attributes
      for (const tag of out.match(/<[^>]*>/g) ?? []) {
        expect(tag).toMatch(
          /^<\/?[a-z0-9]+(?: (?:href|data-remote-src|alt|title|width|height|colspan|rowspan|align|valign|style)="[^"<>]*")*>$/,
        )
        for (const [, attr, value] of tag.matchAll(/ ([a-z-]+)="([^"]*)"/g)) {
          expect(attr).not.toMatch(/^on|^src$/)
          if (attr === 'href' || attr === 'data-remote-src')
            expect(value.replace(/&amp;/g, '&')).toMatch(/^(https?:\/\/|mailto:)/i)
        }
      }
      expect(unsafeInDom(out)).toBe('')
      expect(clean(out)).toBe(out)
    }),
    { numRuns: 600 },
  )
})

test('properties: text without markup comes out as the same text (decoded once)', () => {
  fc.assert(
    fc.property(
      fc.string({ maxLength: 40 }).filter((s) => !/[<&]/.test(s)),
      (text) => {
        const out = clean(text)
        expect(new JSDOM(`<body>${out}</body>`).window.document.body.textContent).toBe(text)
      },
    ),
    { numRuns: 200 },
  )
})

// Its speed on such input is measured in bench/mailHtml.bench.ts, not here.
test('200 KB of unterminated tags and quotes comes out as escaped text, never as markup', () => {
  const flood = '<a href="'.repeat(10000) + "<p title='".repeat(10000)
  const out = clean(flood)
  expect(out.includes('<')).toBe(false)
  expect(out.startsWith('&lt;a href=')).toBe(true)
})
