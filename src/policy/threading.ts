// Conversation threading: a reply joins its parent's thread (by In-Reply-To, then by the nearest
// known ancestor in References); when none is known, a message whose subject is clearly a
// reply/forward joins the thread of the same base subject.

// "Re:", "RE :", "Fwd:", "Fw:", "回复：", "答复:", "转发：", also "Re[2]:"; half- or full-width colon.
const PREFIX = /^\s*(re|fwd?|aw|回复|答复|转发)\s*(\[\d+\])?\s*[:：]\s*/i

export function hasReplyPrefix(subject: string): boolean {
  return PREFIX.test(subject)
}

/** The subject without its leading reply/forward prefixes ("Re: 回复：报价" → "报价"). */
export function stripReplyPrefixes(subject: string): string {
  let s = subject
  for (let i = 0; i < 50 && PREFIX.test(s); i++) s = s.replace(PREFIX, '')
  return s
}

/** Subject without reply/forward prefixes, whitespace collapsed, lower-case: the thread's base. */
export function normalizeSubject(subject: string): string {
  return stripReplyPrefixes(subject).replace(/\s+/g, ' ').trim().toLowerCase()
}

export interface ThreadLookup {
  /** thread of the message with this Message-ID, if known */
  threadOfMessageId(messageId: string): string | undefined
  /** thread of the newest message with this normalised subject, if any */
  threadOfSubject(normalized: string): string | undefined
}

/**
 * Thread key (the root's Message-ID) for a new message.
 * 1. In-Reply-To names a known message → that message's thread.
 * 2. Otherwise the newest id of References (oldest first) that names a known message → its thread
 *    (the parent never reached this mailbox, an earlier message of the discussion did).
 * 3. Otherwise, when In-Reply-To or References is given (none known) or the subject carries a reply/forward
 *    prefix → the thread of the newest message with the same normalised subject, if any.
 * 4. Otherwise the message starts its own thread. (Plain equal subjects never merge: two unrelated
 *    "报价" mails stay apart.)
 */
export function threadFor(
  mail: { message_id: string; in_reply_to: string; subject: string; references?: readonly string[] },
  lookup: ThreadLookup,
): string {
  if (mail.in_reply_to) {
    const parent = lookup.threadOfMessageId(mail.in_reply_to)
    if (parent) return parent
  }
  const refs = mail.references ?? []
  for (let i = refs.length - 1; i >= 0; i--) {
    const ancestor = refs[i] && refs[i] !== mail.message_id ? lookup.threadOfMessageId(refs[i]) : undefined
    if (ancestor) return ancestor
  }
  if (mail.in_reply_to || refs.length || hasReplyPrefix(mail.subject)) {
    const base = normalizeSubject(mail.subject)
    if (base) {
      const same = lookup.threadOfSubject(base)
      if (same) return same
    }
  }
  return mail.message_id
}
