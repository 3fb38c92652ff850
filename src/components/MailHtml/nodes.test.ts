import { sanitizeMailHtml } from '../../policy/mailHtml'
import { mailNodes, tappedLink } from './nodes'

const html = sanitizeMailHtml(
  '<p style="color:#d83931">您好 <b>李</b> &amp; 王 &lt;x&gt;</p><img src="https://t.cn/a.png" alt="横幅" width="600">' +
    '<a href="https://x.cn/?a=1&amp;b=2" title="官网">阅读</a><a href="https://x.cn/?a=1&b=2">再读</a>' +
    '<img src="https://t.cn/b.png"><table><tr><td colspan="2">格</td></tr></table><script>x</script>',
)

test('nodes mirror the sanitised markup; text and attributes are decoded once', () => {
  const { nodes } = mailNodes(html, false)
  expect(nodes[0]).toEqual({
    name: 'p',
    attrs: { style: 'color:#d83931' },
    children: [
      { type: 'text', text: '您好 ' },
      { name: 'b', attrs: {}, children: [{ type: 'text', text: '李' }] },
      { type: 'text', text: ' & 王 <x>' },
    ],
  })
  expect(nodes[nodes.length - 1]).toEqual({
    name: 'table',
    attrs: {},
    children: [
      {
        name: 'tr',
        attrs: {},
        children: [{ name: 'td', attrs: { colspan: '2' }, children: [{ type: 'text', text: '格' }] }],
      },
    ],
  })
  expect(JSON.stringify(nodes)).not.toMatch(/script/)
})

test('links keep their target only in data-href (nothing to follow) and are listed once each', () => {
  const { nodes, links } = mailNodes(html, false)
  expect(nodes[2]).toEqual({
    name: 'a',
    attrs: { title: '官网', class: 'mail-html__link', 'data-href': 'https://x.cn/?a=1&b=2' },
    children: [{ type: 'text', text: '阅读' }],
  })
  expect(JSON.stringify(nodes)).not.toContain('"href"')
  expect(links).toEqual(['https://x.cn/?a=1&b=2'])
})

test('remote images: a placeholder (with the alt text) until shown, then an img with the real address', () => {
  const hidden = JSON.stringify(mailNodes(html, false).nodes)
  expect(hidden).toContain('[图片：横幅]')
  expect(hidden).toContain('"[图片]"')
  expect(hidden).not.toContain('t.cn')
  const shown = mailNodes(html, true).nodes
  expect(shown[1]).toEqual({
    name: 'img',
    attrs: { src: 'https://t.cn/a.png', alt: '横幅', style: 'max-width:100%;height:auto' },
    children: [],
  })
  expect(JSON.stringify(shown)).toContain('https://t.cn/b.png')
  expect(JSON.stringify(shown)).not.toContain('[图片')
})

test('tappedLink finds the link a tap landed in, never beyond the container', () => {
  type Fake = { getAttribute(n: string): string | null; parentElement: Fake | null }
  const el = (href: string | null, parentElement: Fake | null): Fake => ({
    getAttribute: (n) => (n === 'data-href' ? href : null),
    parentElement,
  })
  const outside = el('https://outside.cn', null)
  const container = el(null, outside)
  const link = el('https://x.cn', container)
  const bold = el(null, link)
  expect(tappedLink(bold, container)).toBe('https://x.cn')
  expect(tappedLink(el(null, container), container)).toBeNull()
  // WeChat's event target has no DOM methods: nothing found
  expect(tappedLink({ id: '', dataset: {} }, container)).toBeNull()
})
