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

// Each carries white initials at ≥ 4.5:1 (WCAG AA) in both schemes.
const PALETTE = ['#2364c9', '#067a42', '#a4560f', '#6d4fd6', '#c4386a', '#0f7a85', '#b8431f', '#4660c0']

/** a stable colour per member, so the same person always looks the same */
export function avatarColor(key: string): string {
  let h = 0
  for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) >>> 0
  return PALETTE[h % PALETTE.length]
}
