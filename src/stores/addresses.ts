// Recipients as people type them ("张三 <zs@x.com>", separators in both scripts) and as the API wants them.

/** the bare address of "张三 <zs@x.com>" */
export function bareAddress(a: string): string {
  const m = /<([^>]+)>/.exec(a)
  return (m ? m[1] : a).trim().toLowerCase()
}

/** "a@x.com, 张三 <b@x.com>；c@x.com" → the addresses, as typed */
export function parseRecipients(text: string): string[] {
  return text
    .split(/[,;，；\n]+/)
    .map((s) => s.trim())
    .filter(Boolean)
}
