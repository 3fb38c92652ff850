// Recipients as people type them ("张三 <zs@x.com>", separators in both scripts) and as the API wants them.

export { bareAddress } from '../policy/mailAddress'

/** "a@x.com, 张三 <b@x.com>；c@x.com" → the addresses, as typed */
export function parseRecipients(text: string): string[] {
  return text
    .split(/[,;，；\n]+/)
    .map((s) => s.trim())
    .filter(Boolean)
}
