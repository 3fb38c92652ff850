// Generates src/policy/pinyin/table.ts: the toneless reading of every GB2312 hanzi (6,763) and the
// readings of surnames, taken from pinyin-pro. The app ships this ~12 KB table instead of
// pinyin-pro's ~470 KB dictionary (the weapp main package budget is 700 KB).
// Run after upgrading pinyin-pro: node scripts/gen-pinyin.mjs
import fs from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const { pinyin } = require('pinyin-pro')
const opts = { toneType: 'none', type: 'array', v: true }

const gb = new TextDecoder('gb18030')
const hanzi = []
for (let hi = 0xb0; hi <= 0xf7; hi++) {
  for (let lo = 0xa1; lo <= 0xfe; lo++) {
    const c = gb.decode(new Uint8Array([hi, lo]))
    if (/\p{Script=Han}/u.test(c)) hanzi.push(c)
  }
}

// The table as decode.ts reads it: a bit stream written 13 bits per two characters of a 91-symbol
// alphabet (printable ASCII without " ' \\), so that it stays plain ASCII in a string literal.
const ALPHABET = [...Array(94)]
  .map((_, i) => String.fromCharCode(33 + i))
  .filter((c) => !`"'\\`.includes(c))
  .join('')
const INITIALS = [
  'zh',
  'ch',
  'sh',
  'b',
  'p',
  'm',
  'f',
  'd',
  't',
  'n',
  'l',
  'g',
  'k',
  'h',
  'j',
  'q',
  'x',
].concat(['r', 'z', 'c', 's', 'y', 'w'])
const width = (n) => 32 - Math.clz32(n - 1)

/** Huffman code length of each count (deterministic: ties broken by position) */
function codeLengths(counts) {
  let queue = counts.map((n, i) => ({ n, order: i, leaves: [i] }))
  const lengths = counts.map(() => 0)
  while (queue.length > 1) {
    queue.sort((a, b) => a.n - b.n || a.order - b.order)
    const [a, b, ...rest] = queue
    for (const leaf of [...a.leaves, ...b.leaves]) lengths[leaf]++
    queue = [
      ...rest,
      { n: a.n + b.n, order: counts.length + rest.length, leaves: [...a.leaves, ...b.leaves] },
    ]
  }
  return lengths
}

function encode(readingOf) {
  const out = []
  const put = (value, k) => {
    if (value >= 2 ** k) throw new Error(`${value} does not fit in ${k} bits`)
    for (let i = k - 1; i >= 0; i--) out.push((value >> i) & 1)
  }
  const uses = new Map()
  for (const py of readingOf.values()) uses.set(py, (uses.get(py) ?? 0) + 1)
  const sorted = [...uses.keys()].sort()
  const lengths = codeLengths(sorted.map((py) => uses.get(py)))
  const maxLength = Math.max(...lengths)
  if (maxLength > 15) throw new Error('Huffman codes longer than 15 bits: update decode.ts')
  // canonical order: by code length, then alphabetically; codes counted up within a length
  const canonical = sorted.map((py, i) => ({ py, length: lengths[i] }))
  canonical.sort((a, b) => a.length - b.length || (a.py < b.py ? -1 : 1))
  const codeOf = new Map()
  let code = 0
  for (let length = 1, i = 0; length <= maxLength; length++, code <<= 1)
    for (; i < canonical.length && canonical[i].length === length; i++)
      codeOf.set(canonical[i].py, [code++, length])

  const split = (py) => {
    const head = INITIALS.find((h) => py.startsWith(h) && py.length > h.length) ?? ''
    return [head, py.slice(head.length)]
  }
  const heads = [...new Set(canonical.map(({ py }) => split(py)[0]))].sort()
  const tails = [...new Set(canonical.map(({ py }) => split(py)[1]))].sort()

  put(maxLength, 4)
  for (let length = 1; length <= maxLength; length++) put(lengths.filter((l) => l === length).length, 9)
  for (const { py } of canonical) {
    const [head, tail] = split(py)
    put(heads.indexOf(head), width(heads.length))
    put(tails.indexOf(tail), width(tails.length))
  }
  const chars = [...readingOf.keys()].sort((a, b) => a.codePointAt(0) - b.codePointAt(0))
  if (chars[0].codePointAt(0) <= 0x4dff || chars.at(-1).codePointAt(0) > 0xffff)
    throw new Error('characters outside U+4E00..U+FFFF: update decode.ts')
  put(chars.length, 13)
  let point = 0x4dff
  for (const c of chars) {
    const gap = c.codePointAt(0) - point
    if (gap >= 512) throw new Error(`gap of ${gap} before ${c}: decode.ts reads at most 17 gamma bits`)
    point += gap
    const zeros = width(gap + 1) - 1
    put(0, zeros)
    put(gap, zeros + 1)
    put(...codeOf.get(readingOf.get(c)))
  }
  while (out.length % 13) out.push(0)
  let data = ''
  for (let i = 0; i < out.length; i += 13) {
    const value = parseInt(out.slice(i, i + 13).join(''), 2)
    data += ALPHABET[Math.floor(value / 91)] + ALPHABET[value % 91]
  }
  return { initials: heads.join(','), finals: tails.join(','), data }
}

// default reading of each character
const readingOf = new Map()
for (const c of hanzi) {
  const [py] = pinyin(c, opts)
  if (!/^[a-z]+$/.test(py)) throw new Error(`unexpected reading ${py} for ${c}`)
  readingOf.set(c, py)
}
const { initials, finals, data } = encode(readingOf)

// surnames: pinyin-pro's surname dictionary (single and compound), as read at the head of a name
const src = fs.readFileSync(require.resolve('pinyin-pro'), 'utf8')
const at = src.indexOf('{"南宫"')
if (at < 0) throw new Error("pinyin-pro's surname dictionary not found: update the generator")
const dict = JSON.parse(src.slice(at, src.indexOf('}', at) + 1))
const surnames = Object.keys(dict)
  .sort()
  .map(
    (s) =>
      `${s}:${pinyin(`${s}一`, { ...opts, surname: 'head' })
        .slice(0, [...s].length)
        .join(' ')}`,
  )
  .filter((entry) => {
    // keep only the surnames whose head reading differs from the characters' default readings
    const [s, py] = entry.split(':')
    return [...s].map((c) => pinyin(c, opts)[0]).join(' ') !== py
  })
  .join('|')

const out = `// Generated by scripts/gen-pinyin.mjs from pinyin-pro — do not edit by hand.
// READINGS: toneless default reading of every GB2312 hanzi, as a bit stream over INITIALS and
// FINALS (decoded once, on first use, by decode.ts).
// SURNAMES: surnames whose reading at the head of a name differs from the default (单 shan, 曾 zeng).
export const INITIALS = '${initials}'
export const FINALS = '${finals}'
export const READINGS =
  '${data}'

export const SURNAMES = '${surnames}'
`
fs.writeFileSync('src/policy/pinyin/table.ts', out)
console.log(
  `${hanzi.length} characters, ${new Set(readingOf.values()).size} syllables, ${surnames.split('|').length} surnames, ${out.length} chars`,
)
