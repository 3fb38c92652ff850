import { scanHtml } from './htmlScan'

function tokens(input: string, dropsRest = true): string[] {
  const out: string[] = []
  scanHtml(
    input,
    { dropContent: new Set(['script']), dropsRest: () => dropsRest, maxTag: 64 },
    {
      text: (raw) => out.push(`text:${raw}`),
      tag: (name, closing, attrs) => out.push(`${closing ? '/' : ''}${name}${attrs}`),
      dropped: (name) => out.push(`dropped:${name}`),
    },
  )
  return out
}

test('text, start and end tags with their raw attributes; comments and doctypes vanish', () => {
  expect(tokens('<!doctype html>a<!-- x --><b class="c">b</b>')).toEqual([
    'text:a',
    'b class="c"',
    'text:b',
    '/b',
  ])
})

test('a dropped element goes with its content; unclosed, with the rest only when told', () => {
  expect(tokens('a<script>x<b></script>c')).toEqual(['text:a', 'dropped:script', 'text:c'])
  expect(tokens('a<script>x<b>c')).toEqual(['text:a', 'dropped:script'])
  expect(tokens('a<script>x', false)).toEqual(['text:a', 'dropped:script', 'text:x'])
})

test("a '<' that opens no tag, and a tag longer than maxTag, stay text", () => {
  expect(tokens('1 < 2')).toEqual(['text:1 ', 'text:<', 'text: 2'])
  expect(tokens(`<a title="${'x'.repeat(80)}">`)[0]).toBe('text:<')
})
