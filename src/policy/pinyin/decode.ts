// Decodes the compact reading table of table.ts (written by scripts/gen-pinyin.mjs): ASCII instead
// of 6,763 three-byte hanzi keeps the weapp main package ~10 KB smaller.
// READINGS is a bit stream, 13 bits per two characters of a 91-symbol alphabet (printable ASCII
// without " ' \), holding in order:
//   4 bits L, then L × 9 bits: how many syllables have a Huffman code of length 1..L;
//   the syllables in canonical-code order, each an index into INITIALS then one into FINALS;
//   13 bits N, then N × (Elias-gamma gap to the previous character's code point, from U+4DFF;
//   Huffman code of its syllable).

/** symbol of the 91-letter alphabet → 0..90 */
const digit = (c: number) => c - 33 - +(c > 34) - +(c > 39) - +(c > 92)

/** bits needed for an index below n */
const width = (n: number) => 32 - Math.clz32(n - 1)

export function decodeReadings(data: string, initials: string, finals: string): Map<string, string> {
  // a window of held (≤ 29) unread bits at the low end of acc, refilled 13 bits at a time
  let acc = 0
  let held = 0
  let pos = 0
  const fill = (k: number) => {
    while (held < k) {
      acc =
        ((acc & ((1 << held) - 1)) << 13) |
        (digit(data.charCodeAt(pos)) * 91 + digit(data.charCodeAt(pos + 1)))
      pos += 2
      held += 13
    }
  }
  const bits = (k: number) => {
    fill(k)
    held -= k
    return (acc >>> held) & ((1 << k) - 1)
  }

  const counts: number[] = []
  for (let len = bits(4); len > 0; len--) counts.push(bits(9))
  const heads = initials.split(',')
  const tails = finals.split(',')
  const headBits = width(heads.length)
  const tailBits = width(tails.length)
  const syllables: string[] = []
  for (let total = counts.reduce((a, b) => a + b, 0); total > 0; total--)
    syllables.push(heads[bits(headBits)] + tails[bits(tailBits)])

  // canonical Huffman codes (consecutive within a length, each length's first code the previous
  // length's end shifted left) spread into a table indexed by the next maxLen bits: one look-up per
  // character instead of a bit-by-bit walk keeps the first decode within a few milliseconds
  const maxLen = counts.length
  const table = new Uint16Array(1 << maxLen)
  for (let len = 1, code = 0, index = 0; len <= maxLen; len++, code <<= 1)
    for (let i = 0; i < counts[len - 1]; i++, code++, index++)
      table.fill((index << 4) | len, code << (maxLen - len), (code + 1) << (maxLen - len))

  const readings = new Map<string, string>()
  const mask = (1 << maxLen) - 1
  let point = 0x4dff
  for (let n = bits(13); n > 0; n--) {
    fill(17)
    // Elias gamma, at most 17 bits: z zeros, then the gap's z + 1 bits
    const next = (acc >>> (held - 17)) & 0x1ffff
    const zeros = Math.clz32(next) - 15
    held -= 2 * zeros + 1
    point += next >>> (16 - 2 * zeros)
    fill(maxLen)
    const entry = table[(acc >>> (held - maxLen)) & mask]
    held -= entry & 15
    readings.set(String.fromCharCode(point), syllables[entry >> 4])
  }
  return readings
}
