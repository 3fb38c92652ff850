// The relay's queue: Sent copies with outside recipients (state.outbound). A worker outside the
// core (the server's SMTP relay client) claims one, sends it, and reports back; each step is one
// transaction, so a worker that dies mid-send leaves a lease that runs out and another one retries.
import { bareAddress } from '../../../policy/mailAddress'
import { OUTBOUND_LEASE_MS, OUTBOUND_MAX_ATTEMPTS, outboundRetryDelay } from '../../../policy/outbound'
import { ancestorsOf } from '../../../policy/references'
import type { MailHeaders } from '../../contract/mail'
import type { BackendState, CorpState, MailMessage } from '../state'
import { bounce } from './bounce'
import { routeAddress } from './routing'

export interface OutboundRef {
  corpid: string
  storeId: string
  mail_id: string
}

export interface OutboundJob extends OutboundRef {
  attempt: number
  /** the outside recipients (the SMTP envelope) */
  recipients: string[]
  mail: MailHeaders &
    Pick<MailMessage, 'time'> & {
      /** the sender's display name for From: the business mailbox's name or the member's ('' = none) */
      from_name: string
      /** the References header, oldest first ([] = not a reply) */
      references: string[]
      content_html?: string
      /** with their blob ids: the relay reads the bytes (blobs.ts) */
      attachments: { name: string; content_type: string; blob: string }[]
    }
}

export type OutboundOutcome =
  { ok: true } | { ok: false; /** the relay refused for good (5xx) */ permanent: boolean; reason: string }

const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k)

/** the From address's owner by name (business mailbox or member), through the routing index */
function senderName(corp: CorpState, from: string): string {
  const dest = routeAddress(corp, bareAddress(from))
  if (!dest) return ''
  return (
    (dest.kind === 'business' ? corp.publicmails[dest.mailboxId]?.name : corp.users[dest.userid]?.name) ?? ''
  )
}

/** the next message due for the relay, leased to the caller; null when none is due */
export function claimOutbound(state: BackendState, now: number): OutboundJob | null {
  let best: { ref: OutboundRef; m: MailMessage } | null = null
  for (const corp of Object.values(state.corps)) {
    for (const store of Object.values(corp.stores)) {
      for (const m of Object.values(store.messages)) {
        const o = m.outbound
        if (!o || (o.state !== 'queued' && o.state !== 'sending') || o.next_at > now) continue
        if (!best || o.next_at < (best.m.outbound?.next_at ?? 0))
          best = { ref: { corpid: corp.corpid, storeId: store.id, mail_id: m.mail_id }, m }
      }
    }
  }
  if (!best) return null
  const m = state.corps[best.ref.corpid].stores[best.ref.storeId].messages[best.ref.mail_id]
  const o = m.outbound as NonNullable<MailMessage['outbound']>
  o.state = 'sending'
  o.attempts += 1
  o.next_at = now + OUTBOUND_LEASE_MS
  return {
    ...best.ref,
    attempt: o.attempts,
    recipients: o.to.slice(),
    mail: {
      from: m.from,
      to: m.to.slice(),
      cc: m.cc.slice(),
      subject: m.subject,
      content: m.content,
      message_id: m.message_id,
      in_reply_to: m.in_reply_to,
      from_name: senderName(state.corps[best.ref.corpid], m.from),
      references: ancestorsOf(m),
      time: m.time,
      ...(m.content_html ? { content_html: m.content_html } : {}),
      attachments: (m.attachments ?? []).map((a) => ({
        name: a.name,
        content_type: a.content_type,
        blob: a.blob,
      })),
    },
  }
}

/** what the relay said about a claimed message: sent, retried later, or failed with a 退信 */
export function completeOutbound(
  state: BackendState,
  ref: OutboundRef,
  attempt: number,
  outcome: OutboundOutcome,
  now: number,
): void {
  const corp = has(state.corps, ref.corpid) ? state.corps[ref.corpid] : undefined
  const store = corp && has(corp.stores, ref.storeId) ? corp.stores[ref.storeId] : undefined
  const m = store && has(store.messages, ref.mail_id) ? store.messages[ref.mail_id] : undefined
  const o = m?.outbound
  // Gone, or taken over by another worker after this one's lease ran out: its report is stale.
  if (!corp || !store || !m || !o || o.state !== 'sending' || o.attempts !== attempt) return
  if (outcome.ok) {
    o.state = 'sent'
    o.error = ''
    return
  }
  o.error = outcome.reason
  if (outcome.permanent || o.attempts >= OUTBOUND_MAX_ATTEMPTS) {
    o.state = 'failed'
    bounce(store, m, o.to, corp.domain.name, now, outcome.reason)
    return
  }
  o.state = 'queued'
  o.next_at = now + outboundRetryDelay(o.attempts)
}

/** the state the app shows for a Sent copy with outside recipients */
export function deliveryOf(
  m: MailMessage,
): { state: 'sending' | 'sent' | 'failed'; error: string } | undefined {
  const o = m.outbound
  if (!o) return undefined
  return { state: o.state === 'queued' ? 'sending' : o.state, error: o.error }
}
