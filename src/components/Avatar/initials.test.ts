import { avatarColor, avatarText } from './initials'

describe('avatar initials', () => {
  it('shows the last two characters of a Chinese name', () => {
    expect(avatarText('张三')).toBe('张三')
    expect(avatarText('单雄飞')).toBe('雄飞')
    expect(avatarText('外审顾问')).toBe('顾问')
    expect(avatarText('李')).toBe('李')
  })

  it('shows the initials of a Latin name', () => {
    expect(avatarText('Tom Li')).toBe('TL')
    expect(avatarText('sales')).toBe('SA')
    expect(avatarText('  ')).toBe('?')
  })

  it('gives a member the same colour every time', () => {
    expect(avatarColor('zhangsan')).toBe(avatarColor('zhangsan'))
    expect(avatarColor('zhangsan')).toMatch(/^#[0-9a-f]{6}$/)
  })
})
