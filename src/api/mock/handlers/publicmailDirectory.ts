// mail/publicmail/directory: the corp's enabled business mailboxes for every member (product spec 4.4
// "so members can write to them"). exmail/publicmail/search is admin-only; this read shows only what a
// member may address anyway: id, address and name — never who has access, aliases or auth codes.
import { success, type HandlerContext, type Handlers } from '../registry'

function publicmailDirectory({ corp }: HandlerContext) {
  const list = Object.values(corp.publicmails)
    .filter((m) => m.enabled)
    .sort((a, b) => a.id - b.id)
    .map((m) => ({ id: m.id, email: m.email, name: m.name }))
  return success({ list })
}

export const publicmailDirectoryApis = {
  'mail/publicmail/directory': publicmailDirectory,
} satisfies Partial<Handlers>
