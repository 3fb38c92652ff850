// Names and short labels people type (member, department, tag and business mailbox names, remarks):
// one rule for what they may not contain, so every field refuses the same things the same way.
// Refused: control characters (C0, DEL, C1, line / paragraph separators), bidirectional overrides
// and isolates (they reorder what is shown: "abc‮gpj.exe"), zero-width spaces / word joiner / BOM
// anywhere, lone surrogates, and a text made only of invisible characters. Zero-width (non-)joiners
// are fine inside visible text: emoji sequences and several scripts need them.
import { refuse, ok, type Verdict } from './result'

export type TextProblem = 'control' | 'bidi' | 'invisible' | 'surrogate' | 'blank'

/** reason shown for every problem except an only-invisible text */
export const INVISIBLE_OR_CONTROL_MESSAGE = '不能包含不可见或控制字符'
export const ONLY_INVISIBLE_MESSAGE = '不能只由空白或不可见字符组成'

const isControl = (c: number) => c <= 0x1f || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029
const isBidiControl = (c: number) => (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)
/** invisible and never needed in a name */
const isForbiddenInvisible = (c: number) => c === 0x200b || c === 0x2060 || c === 0xfeff
/** invisible but legitimate next to visible characters */
const isSoftInvisible = (c: number) =>
  c === 0x200c ||
  c === 0x200d ||
  c === 0x200e ||
  c === 0x200f ||
  c === 0x00ad ||
  c === 0x034f ||
  c === 0x180e ||
  (c >= 0x2061 && c <= 0x2064) ||
  c === 0x3164 ||
  c === 0x115f ||
  c === 0x1160 ||
  c === 0xffa0
const isSpace = (c: number) =>
  c === 0x20 ||
  c === 0xa0 ||
  c === 0x1680 ||
  (c >= 0x2000 && c <= 0x200a) ||
  c === 0x202f ||
  c === 0x205f ||
  c === 0x3000

/** The first thing wrong with a text, or null. Walks UTF-16 units (no regex lookbehind: old JS cores). */
export function textProblem(text: string): TextProblem | null {
  let visible = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0
      if (next < 0xdc00 || next > 0xdfff) return 'surrogate'
      i++
      visible = true
      continue
    }
    if (c >= 0xdc00 && c <= 0xdfff) return 'surrogate'
    if (isControl(c)) return 'control'
    if (isBidiControl(c)) return 'bidi'
    if (isForbiddenInvisible(c)) return 'invisible'
    if (!isSoftInvisible(c) && !isSpace(c)) visible = true
  }
  return visible ? null : 'blank'
}

/**
 * The same check as a verdict for one field: `label` is how the field is called to a person
 * (姓名, 部门名称 …), `field` the request field named in the message, `code` that field's error code.
 */
export function checkVisibleText(text: string, code: number, label: string, field: string): Verdict<void> {
  const problem = textProblem(text)
  if (!problem) return ok()
  const why = problem === 'blank' ? ONLY_INVISIBLE_MESSAGE : INVISIBLE_OR_CONTROL_MESSAGE
  return refuse(code, `${label}${why} (${field})`)
}

/** A field check followed by the visible-text rule: `checked` as it was, or the text's refusal. */
export function withVisibleText(
  checked: Verdict<string>,
  code: number,
  label: string,
  field: string,
): Verdict<string> {
  if (!checked.ok) return checked
  const visible = checkVisibleText(checked.value, code, label, field)
  return visible.ok ? checked : visible
}
