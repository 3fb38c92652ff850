import { capReferences, MAX_REFERENCES, replyReferences } from './references'

const ids = (n: number) => Array.from({ length: n }, (_, i) => `<m${i}@x>`)

describe('capReferences', () => {
  test('drops blanks and repeats, keeps the order', () => {
    expect(capReferences([' <a@x> ', '', '<b@x>', '<a@x>', '  '])).toEqual(['<a@x>', '<b@x>'])
  })
  test('a long chain keeps its root and the newest ids, at most MAX_REFERENCES', () => {
    const capped = capReferences(ids(50))
    expect(capped).toHaveLength(MAX_REFERENCES)
    expect(capped[0]).toBe('<m0@x>')
    expect(capped.slice(1)).toEqual(ids(50).slice(50 - (MAX_REFERENCES - 1)))
    expect(capReferences(ids(MAX_REFERENCES))).toEqual(ids(MAX_REFERENCES))
  })
})

describe('replyReferences', () => {
  test("the parent's References, then the parent's Message-ID", () => {
    expect(
      replyReferences({ message_id: '<c@x>', in_reply_to: '<b@x>', references: ['<a@x>', '<b@x>'] }),
    ).toEqual(['<a@x>', '<b@x>', '<c@x>'])
  })
  test('a parent without References contributes its In-Reply-To', () => {
    expect(replyReferences({ message_id: '<b@x>', in_reply_to: '<a@x>' })).toEqual(['<a@x>', '<b@x>'])
    expect(replyReferences({ message_id: '<b@x>', in_reply_to: '<a@x>', references: [] })).toEqual([
      '<a@x>',
      '<b@x>',
    ])
  })
  test('a reply to a root names only the root; a long discussion stays capped with its root', () => {
    expect(replyReferences({ message_id: '<a@x>', in_reply_to: '' })).toEqual(['<a@x>'])
    const chain = replyReferences({ message_id: '<new@x>', in_reply_to: '<m29@x>', references: ids(30) })
    expect(chain).toHaveLength(MAX_REFERENCES)
    expect(chain[0]).toBe('<m0@x>')
    expect(chain[chain.length - 1]).toBe('<new@x>')
  })
})
