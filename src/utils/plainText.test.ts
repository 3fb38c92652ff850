import { signatureText } from '../policy/signature'
import { plainText } from './plainText'

describe('plainText', () => {
  it('keeps plain text as it is', () => {
    expect(plainText('你好\n  世界')).toBe('你好\n  世界')
  })
  it('turns markup into text, dropping scripts and styles', () => {
    expect(plainText('<p>第一段</p><p>第二段<br>换行</p><script>alert(1)</script><style>p{}</style>')).toBe(
      '第一段\n第二段\n换行',
    )
  })
  it('decodes the common entities once; decoded markup is shown full-width, never as a tag', () => {
    expect(plainText('a &lt;b&gt; &amp;lt; c')).toBe('a ＜b＞ &lt; c')
    expect(plainText('1 < 2 &amp; 3 > 2')).toBe('1 < 2 & 3 > 2')
  })
  it('is the converter the backend appends signatures with: preview and sent text agree', () => {
    for (const s of [
      '  李娜  ',
      '<ul><li>销售部</li><li>李娜</li></ul>',
      '&lt;script&gt;alert(1)&lt;/script&gt;',
      '<h3>星河科技</h3>电话 &#60;010&#62;',
      '<p>a</p>\n\n\n\n<p>b</p>',
    ]) {
      expect(plainText(s)).toBe(signatureText(s))
    }
  })
})
