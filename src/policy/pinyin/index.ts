// Toneless pinyin of a person's name from a compact table (see table.ts): surnames read as
// surnames at the head (单 shan, 曾 zeng, 尉迟 yu chi), every other GB2312 character by its
// common reading. Characters outside the table (Latin, digits, rare hanzi) stand for themselves.
import { decodeReadings } from './decode'
import { FINALS, INITIALS, READINGS, SURNAMES } from './table'

let readingOf: Map<string, string> | null = null
let surnameOf: Map<string, string[]> | null = null

function tables() {
  if (!readingOf || !surnameOf) {
    readingOf = decodeReadings(READINGS, INITIALS, FINALS)
    surnameOf = new Map(
      SURNAMES.split('|').map((entry) => {
        const [s, py] = entry.split(':')
        return [s, py.split(' ')] as const
      }),
    )
  }
  return { readingOf, surnameOf }
}

/** one syllable per hanzi, any other character as itself: 张三 → ['zhang', 'san'] */
export function namePinyin(name: string): string[] {
  const { readingOf, surnameOf } = tables()
  const chars = [...name]
  const out: string[] = []
  let i = 0
  // a compound surname (尉迟) wins over a single one (尉)
  const compound = chars.length >= 2 ? surnameOf.get(chars[0] + chars[1]) : undefined
  if (compound) {
    out.push(...compound)
    i = 2
  } else if (chars.length > 0 && surnameOf.has(chars[0])) {
    out.push(...(surnameOf.get(chars[0]) as string[]))
    i = 1
  }
  for (; i < chars.length; i++) out.push(readingOf.get(chars[i]) ?? chars[i])
  return out
}

/** the character has a reading in the table */
export function hasReading(char: string): boolean {
  return tables().readingOf.has(char)
}
