import { sanitizeMailHtml } from '../../policy/mailHtml'
import { mailNodes } from './nodes'

const html = sanitizeMailHtml(
  '<p>您好 <b>李</b> &amp; 王</p><img src="https://t.cn/a.png" alt="横幅"><a href="https://x.cn/?a=1&b=2">阅读</a><a href="https://x.cn/?a=1&b=2">再读</a><script>x</script>',
)

test('nodes mirror the sanitised markup; text is decoded once; links lose href and are listed once', () => {
  const { nodes, links } = mailNodes(html, false)
  expect(nodes[0]).toEqual({
    name: 'p',
    attrs: {},
    children: [
      { type: 'text', text: '您好 ' },
      { name: 'b', attrs: {}, children: [{ type: 'text', text: '李' }] },
      { type: 'text', text: ' & 王' },
    ],
  })
  expect(JSON.stringify(nodes)).not.toContain('href')
  expect(links).toEqual(['https://x.cn/?a=1&b=2'])
})

test('remote images: a placeholder until shown, then an img with the real address', () => {
  const hidden = mailNodes(html, false)
  expect(hidden.hiddenImages).toBe(1)
  expect(JSON.stringify(hidden.nodes)).toContain('[图片：横幅]')
  expect(JSON.stringify(hidden.nodes)).not.toContain('t.cn/a.png')
  const shown = mailNodes(html, true)
  expect(shown.hiddenImages).toBe(0)
  expect(shown.nodes).toContainEqual({
    name: 'img',
    attrs: { src: 'https://t.cn/a.png', style: 'max-width:100%;height:auto' },
    children: [],
  })
})
