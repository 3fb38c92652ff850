// Lists of people and groups in 拼音 order with an A–Z index, as WeCom's pickers show them:
// 李娜 under L, 外审顾问 under W, names without a Chinese reading by their first letter, others under #.
import { namePinyin } from './pinyin'

export const INDEX_OTHER = '#'

/** lower-case syllables separated by spaces, so 李娜 "li na" sorts before 林 "lin" */
export function pinyinSortKey(name: string): string {
  return namePinyin(name.trim())
    .map((s) => s.toLowerCase())
    .join(' ')
}

/** 'A'–'Z' by the first syllable's letter, else '#' */
export function indexLetter(name: string): string {
  const c = pinyinSortKey(name).charAt(0).toUpperCase()
  return c >= 'A' && c <= 'Z' ? c : INDEX_OTHER
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** by letter ('#' last), then pinyin, then the name itself, then `tie` (e.g. the userid) */
export function sortByPinyin<T>(items: readonly T[], nameOf: (t: T) => string, tie?: (t: T) => string): T[] {
  const keyed = items.map((item) => {
    const name = nameOf(item)
    const letter = indexLetter(name)
    return { item, name, letter: letter === INDEX_OTHER ? '~' : letter, key: pinyinSortKey(name) }
  })
  keyed.sort(
    (a, b) =>
      cmp(a.letter, b.letter) ||
      cmp(a.key, b.key) ||
      cmp(a.name, b.name) ||
      (tie ? cmp(tie(a.item), tie(b.item)) : 0),
  )
  return keyed.map((k) => k.item)
}

export interface LetterGroup<T> {
  letter: string
  items: T[]
}

/** consecutive groups by index letter, in sortByPinyin order */
export function groupByLetter<T>(
  items: readonly T[],
  nameOf: (t: T) => string,
  tie?: (t: T) => string,
): LetterGroup<T>[] {
  const out: LetterGroup<T>[] = []
  for (const item of sortByPinyin(items, nameOf, tie)) {
    const letter = indexLetter(nameOf(item))
    const last = out[out.length - 1]
    if (last && last.letter === letter) last.items.push(item)
    else out.push({ letter, items: [item] })
  }
  return out
}
