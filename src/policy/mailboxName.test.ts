import fc from 'fast-check'
import { ErrCode } from './codes'
import { checkMailboxName, checkMailboxNameAmong, checkNameUnique, displayWidth } from './mailboxName'
import { INVISIBLE_OR_CONTROL_MESSAGE } from './text'

describe('display width', () => {
  test('CJK and full-width characters count 2, others 1', () => {
    expect(displayWidth('sales')).toBe(5)
    expect(displayWidth('销售部')).toBe(6)
    expect(displayWidth('销售 Sales')).toBe(10)
    expect(displayWidth('ＡＢ')).toBe(4) // full-width Latin
    expect(displayWidth('한국')).toBe(4)
    expect(displayWidth('カナ')).toBe(4)
    expect(displayWidth('𠀀')).toBe(2) // CJK extension B, a surrogate pair
  })
})

describe('mailbox name', () => {
  test('64 Latin or 32 CJK characters fit, one more does not', () => {
    expect(checkMailboxName('a'.repeat(64))).toEqual({ ok: true, value: 'a'.repeat(64) })
    expect(checkMailboxName('中'.repeat(32)).ok).toBe(true)
    expect(checkMailboxName('中'.repeat(31) + 'ab').ok).toBe(true)
    for (const bad of ['a'.repeat(65), '中'.repeat(33), '中'.repeat(32) + 'a']) {
      const v = checkMailboxName(bad)
      expect(v).toMatchObject({ ok: false, errcode: ErrCode.MAILBOX_NAME_INVALID })
      expect(!v.ok && v.errmsg).toContain('(name)')
    }
  })

  test('empty, blank, missing, non-text and control characters are refused', () => {
    for (const bad of [undefined, null, '', '   ', 42, {}, 'a\nb', 'tab\there']) {
      expect(checkMailboxName(bad)).toMatchObject({ ok: false, errcode: ErrCode.MAILBOX_NAME_INVALID })
    }
  })

  test('the stored name is trimmed; huge input is refused without hanging', () => {
    expect(checkMailboxName('  客服中心 ')).toEqual({ ok: true, value: '客服中心' })
    expect(checkMailboxName('a'.repeat(1_000_000)).ok).toBe(false)
  })

  test('any accepted name is 1–64 units wide', () => {
    fc.assert(
      fc.property(fc.fullUnicodeString({ maxLength: 80 }), (s) => {
        const v = checkMailboxName(s)
        if (v.ok) expect(displayWidth(v.value)).toBeGreaterThanOrEqual(1)
        if (v.ok) expect(displayWidth(v.value)).toBeLessThanOrEqual(64)
      }),
    )
  })

  test('names are unique case- and space-insensitively', () => {
    expect(checkNameUnique('Sales', ['销售', ' sales '])).toMatchObject({
      ok: false,
      errcode: ErrCode.MAILBOX_NAME_USED,
    })
    expect(checkNameUnique('Sales', ['销售', 'Sales 2']).ok).toBe(true)
  })

  test('the whole rule, as the backend and the admin forms apply it: valid, visible, unique', () => {
    expect(checkMailboxNameAmong(' 客服中心 ', ['销售'])).toEqual({ ok: true, value: '客服中心' })
    // zero-width spaces pass the length check but show nothing: refused as invisible
    const invisible = checkMailboxNameAmong('\u200b\u200b', [])
    expect(checkMailboxName('\u200b\u200b').ok).toBe(true)
    expect(invisible).toMatchObject({ ok: false, errcode: ErrCode.MAILBOX_NAME_INVALID })
    expect(!invisible.ok && invisible.errmsg).toBe(`业务邮箱名称${INVISIBLE_OR_CONTROL_MESSAGE} (name)`)
    expect(checkMailboxNameAmong('Sales', [' sales '])).toMatchObject({ errcode: ErrCode.MAILBOX_NAME_USED })
    expect(checkMailboxNameAmong('', [])).toMatchObject({ errcode: ErrCode.MAILBOX_NAME_INVALID })
  })
})
