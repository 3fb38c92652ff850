// The References chain of a mail (RFC 5322 §3.6.4): the Message-IDs of its ancestors, oldest
// first. Mail clients (Gmail, Outlook, Apple Mail) thread by the whole chain, not only In-Reply-To.

/** ids kept per message: the root and the newest ones, so a long discussion's header stays bounded */
export const MAX_REFERENCES = 20

/** The chain without blanks and repeats; over the cap, the first id (the root) and the newest rest. */
export function capReferences(ids: readonly string[]): string[] {
  const out: string[] = []
  for (const raw of ids) {
    const id = raw.trim()
    if (id && !out.includes(id)) out.push(id)
  }
  return out.length <= MAX_REFERENCES ? out : [out[0], ...out.slice(out.length - (MAX_REFERENCES - 1))]
}

/** what a message says about its ancestors (`references` absent = none stored) */
export interface ChainSource {
  message_id: string
  in_reply_to: string
  references?: readonly string[]
}

/** a message's ancestors: its References, or (mail stored before chains were kept) its In-Reply-To */
export function ancestorsOf(m: Omit<ChainSource, 'message_id'>): string[] {
  return m.references?.length ? [...m.references] : m.in_reply_to ? [m.in_reply_to] : []
}

/** References of a reply to `parent`: the parent's ancestors followed by the parent's own Message-ID. */
export function replyReferences(parent: ChainSource): string[] {
  return capReferences([...ancestorsOf(parent), parent.message_id])
}
