// The reference answer of mail/message/search: every message of the store, every field folded and
// scanned, sorted newest first. The index (src/api/mock/mail/mailSearchIndex.ts) must answer
// exactly this; the search benchmark measures against it.
import { foldSearch } from '../../src/policy/mailSearch'
import { newestFirst } from '../../src/api/mock/mail/store'
import type { MailMessage, MailStore } from '../../src/api/mock/state'
import { raw } from '../../src/api/mock/tx'

export function scanSearch(
  store: MailStore,
  terms: readonly string[],
  inFolder: (folder: string) => boolean,
): MailMessage[] {
  const hits: MailMessage[] = []
  for (const m of Object.values(raw(store).messages)) {
    if (!inFolder(m.folder)) continue
    const fields = [m.subject, m.from, ...m.to, ...m.cc, ...m.bcc, m.content].map(foldSearch)
    if (terms.every((t) => fields.some((f) => f.includes(t)))) hits.push(m)
  }
  return hits.sort(newestFirst)
}
