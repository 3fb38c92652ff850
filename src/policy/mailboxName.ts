// Business mailbox names (product spec 3.4): 1–64 display units where a CJK / full-width
// character counts 2, unique among the corp's business mailboxes.
import { ErrCode } from './codes'
import { ok, refuse, type Verdict } from './result'
import { withVisibleText } from './text'

export const NAME_MAX_UNITS = 64

// East Asian wide and full-width ranges: these take two columns wherever names are shown.
const WIDE: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x20000, 0x3fffd],
]

export function isWide(codePoint: number): boolean {
  for (const [lo, hi] of WIDE) if (codePoint >= lo && codePoint <= hi) return true
  return false
}

/** Display units of a text: 2 per wide (CJK) character, 1 per other character. */
export function displayWidth(text: string): number {
  let n = 0
  for (const ch of text) n += isWide(ch.codePointAt(0) as number) ? 2 : 1
  return n
}

/** The key two names are compared by: "Sales" and " sales " are the same name. */
export function nameKey(name: string): string {
  return name.trim().normalize('NFC').toLowerCase()
}

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/

/** Validate a name; the value is the name as stored (trimmed). */
export function checkMailboxName(raw: unknown): Verdict<string> {
  if (raw === undefined || raw === null)
    return refuse(ErrCode.MAILBOX_NAME_INVALID, '请填写业务邮箱名称 (name)')
  if (typeof raw !== 'string') return refuse(ErrCode.MAILBOX_NAME_INVALID, '业务邮箱名称必须是文本 (name)')
  // Bound the work on absurd input before walking code points.
  const name = raw.length > 1024 ? raw.slice(0, 1024) : raw.trim()
  if (!name) return refuse(ErrCode.MAILBOX_NAME_INVALID, '业务邮箱名称不能为空 (name)')
  if (CONTROL.test(name))
    return refuse(ErrCode.MAILBOX_NAME_INVALID, '业务邮箱名称不能包含换行或控制字符 (name)')
  const width = displayWidth(name)
  if (raw.length > 1024 || width > NAME_MAX_UNITS) {
    return refuse(
      ErrCode.MAILBOX_NAME_INVALID,
      `业务邮箱名称过长 (name)：最多 ${NAME_MAX_UNITS} 个字符，中文算 2 个（最多 32 个汉字），当前 ${width}`,
    )
  }
  return ok(name)
}

/** Names are unique among business mailboxes; `others` are the names of every other mailbox. */
export function checkNameUnique(name: string, others: Iterable<string>): Verdict<void> {
  const key = nameKey(name)
  for (const other of others) {
    if (nameKey(other) === key) {
      return refuse(ErrCode.MAILBOX_NAME_USED, `名称「${name}」已被另一个业务邮箱使用 (name)`)
    }
  }
  return ok()
}

/**
 * A business mailbox's name as given, the whole rule: a valid name, visible text, and no other
 * mailbox's (`others`: the names of the rest, without the one being renamed).
 */
export function checkMailboxNameAmong(raw: unknown, others: Iterable<string>): Verdict<string> {
  const name = withVisibleText(checkMailboxName(raw), ErrCode.MAILBOX_NAME_INVALID, '业务邮箱名称', 'name')
  if (!name.ok) return name
  const unique = checkNameUnique(name.value, others)
  return unique.ok ? name : unique
}
