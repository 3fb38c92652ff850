// What an avatar without a photo shows: a Chinese name's last two characters (how colleagues are
// addressed: 张三 → 张三, 单雄飞 → 雄飞), else the initials of a Latin name.
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/

export function avatarText(name: string): string {
  const chars = Array.from(name.trim())
  if (chars.length === 0) return '?'
  if (chars.some((c) => CJK.test(c))) {
    const cjk = chars.filter((c) => CJK.test(c))
    return cjk.slice(-2).join('')
  }
  const words = name
    .trim()
    .split(/[\s._-]+/)
    .filter(Boolean)
  if (words.length >= 2) return (words[0][0] + words[1][0]).toUpperCase()
  return words[0].slice(0, 2).toUpperCase()
}

const PALETTE = ['#3e8ef7', '#07c160', '#fa9d3b', '#8c6cf7', '#ef5d8f', '#21b5c4', '#e36b4b', '#5a78d6']

/** a stable colour per member, so the same person always looks the same */
export function avatarColor(key: string): string {
  let h = 0
  for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) >>> 0
  return PALETTE[h % PALETTE.length]
}
