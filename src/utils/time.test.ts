import { fullTime, listTime } from './time'

const now = new Date(2026, 10, 21, 15, 30).getTime()
const at = (d: number, h: number, m = 0, month = 10, y = 2026) => new Date(y, month, d, h, m).getTime()

describe('listTime', () => {
  it.each([
    [now - 20_000, '刚刚'],
    [now - 5 * 60_000, '5 分钟前'],
    [at(21, 9, 5), '09:05'],
    [at(20, 23, 59), '昨天'],
    [at(2, 8, 0, 2), '3月2日'],
    [at(2, 8, 0, 2, 2025), '2025/3/2'],
    [now - 59_999, '刚刚'],
    [now - 60_000, '1 分钟前'],
    [now - 59 * 60_000 - 59_000, '59 分钟前'],
    [now - 60 * 60_000, '14:30'],
    [at(21, 0, 0), '00:00'],
    [now + 5 * 60_000, '15:35'], // a sender's clock ahead of ours
  ])('%s → %s', (t, expected) => {
    expect(listTime(t, now)).toBe(expected)
  })

  it('yesterday is the calendar day before, across a month and a year end', () => {
    const jan1 = new Date(2026, 0, 1, 8, 0).getTime()
    expect(listTime(new Date(2025, 11, 31, 23, 0).getTime(), jan1)).toBe('昨天')
    expect(listTime(new Date(2025, 11, 30, 23, 0).getTime(), jan1)).toBe('2025/12/30')
    const mar1 = new Date(2026, 2, 1, 8, 0).getTime()
    expect(listTime(new Date(2026, 1, 28, 9, 0).getTime(), mar1)).toBe('昨天')
    expect(listTime(new Date(2026, 1, 27, 9, 0).getTime(), mar1)).toBe('2月27日')
  })

  it('full time for the message header', () => {
    expect(fullTime(at(2, 8, 7, 2))).toBe('2026年3月2日 08:07')
  })
})
