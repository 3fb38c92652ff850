// Mail-list times the way Chinese mail apps show them: 刚刚 / 5 分钟前 / 14:05 / 昨天 / 3月2日 / 2025/3/2.
// Plain Date arithmetic in local time: a date library (dayjs + plugin + locale, 9 KB) would sit in
// the weapp main package for two formats.

const pad = (n: number) => (n < 10 ? `0${n}` : String(n))
const clock = (d: Date) => `${pad(d.getHours())}:${pad(d.getMinutes())}`
const sameDay = (a: Date, b: Date) =>
  a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate()

export function listTime(ms: number, now: number = Date.now()): string {
  const t = new Date(ms)
  const n = new Date(now)
  // whole minutes ago; a time slightly in the future (clock skew) is shown as a time, not "ago"
  const ago = Math.trunc((now - ms) / 60_000)
  if (now >= ms && ago < 1) return '刚刚'
  if (now >= ms && ago < 60) return `${ago} 分钟前`
  if (sameDay(t, n)) return clock(t)
  // calendar yesterday (not "24 h ago"), also across month and year ends
  if (sameDay(t, new Date(n.getFullYear(), n.getMonth(), n.getDate() - 1))) return '昨天'
  if (t.getFullYear() === n.getFullYear()) return `${t.getMonth() + 1}月${t.getDate()}日`
  return `${t.getFullYear()}/${t.getMonth() + 1}/${t.getDate()}`
}

export function fullTime(ms: number): string {
  const t = new Date(ms)
  return `${t.getFullYear()}年${t.getMonth() + 1}月${t.getDate()}日 ${clock(t)}`
}
