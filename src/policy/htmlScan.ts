// One tokenizer under both sanitisers (mail HTML, signatures): text, tags, and elements dropped
// with their content. Linear on hostile input; each sanitiser decides what a token becomes.

export interface HtmlScanOptions {
  /** elements removed together with everything inside them (script, style …) */
  dropContent: ReadonlySet<string>
  /** whether such an element left unclosed takes the rest of the input with it (else only its tag) */
  dropsRest(name: string): boolean
  /** the longest tag still read as one; a longer one stays text */
  maxTag: number
}

export interface HtmlScanVisitor {
  /** text between tags, not decoded; a '<' that opens no tag comes as the text '<' */
  text(raw: string): void
  /** a start or end tag outside the dropped elements, with its raw attribute text */
  tag(name: string, closing: boolean, attrs: string): void
  /** the start tag of a dropped element */
  dropped?(name: string): void
}

const TAG = /^<(\/?)([A-Za-z][A-Za-z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/

export function scanHtml(input: string, options: HtmlScanOptions, visit: HtmlScanVisitor): void {
  let i = 0
  const n = input.length
  while (i < n) {
    const lt = input.indexOf('<', i)
    if (lt < 0) {
      visit.text(input.slice(i))
      return
    }
    if (lt > i) visit.text(input.slice(i, lt))
    if (input.startsWith('<!--', lt)) {
      const end = input.indexOf('-->', lt + 4)
      i = end < 0 ? n : end + 3
      continue
    }
    // Bounded look-ahead keeps a flood of unterminated '<' linear; an over-long tag stays text.
    const tag = TAG.exec(input.slice(lt, lt + options.maxTag))
    if (!tag) {
      if (/^<[!?/]/.test(input.slice(lt, lt + 2))) {
        // <!doctype>, <?xml?>, a malformed end tag: gone up to the next '>'
        const end = input.indexOf('>', lt)
        i = end < 0 ? n : end + 1
      } else {
        visit.text('<')
        i = lt + 1
      }
      continue
    }
    i = lt + tag[0].length
    const closing = tag[1] === '/'
    const name = tag[2].toLowerCase()
    if (options.dropContent.has(name)) {
      if (!closing) {
        visit.dropped?.(name)
        const close = new RegExp(`</${name}\\s*>`, 'i').exec(input.slice(i))
        i = close ? i + close.index + close[0].length : options.dropsRest(name) ? n : i
      }
      continue
    }
    visit.tag(name, closing, tag[3])
  }
}
