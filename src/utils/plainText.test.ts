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
  it('decodes the common entities once, so escaped markup stays text', () => {
    expect(plainText('a &lt;b&gt; &amp;lt; c')).toBe('a <b> &lt; c')
  })
})
