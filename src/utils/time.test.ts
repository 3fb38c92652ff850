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
  ])('%s → %s', (t, expected) => {
    expect(listTime(t, now)).toBe(expected)
  })

  it('full time for the message header', () => {
    expect(fullTime(at(2, 8, 7, 2))).toBe('2026年3月2日 08:07')
  })
})
