// Mail-list times the way Chinese mail apps show them: 刚刚 / 5 分钟前 / 14:05 / 昨天 / 3月2日 / 2025/3/2.
import dayjs from 'dayjs'
import relativeTime from 'dayjs/plugin/relativeTime'
import 'dayjs/locale/zh-cn'

dayjs.extend(relativeTime)
dayjs.locale('zh-cn')

export function listTime(ms: number, now: number = Date.now()): string {
  const t = dayjs(ms)
  const n = dayjs(now)
  const ago = n.diff(t, 'minute')
  if (ago >= 0 && ago < 1) return '刚刚'
  if (ago >= 0 && ago < 60) return t.from(n)
  if (t.isSame(n, 'day')) return t.format('HH:mm')
  if (t.isSame(n.subtract(1, 'day'), 'day')) return '昨天'
  if (t.isSame(n, 'year')) return t.format('M月D日')
  return t.format('YYYY/M/D')
}

export function fullTime(ms: number): string {
  return dayjs(ms).format('YYYY年M月D日 HH:mm')
}
