// Sending as a mailbox: the Sent copy, one copy per internal mailbox (its own receive rules), and
// a bounce for internal addresses with nowhere to go. mail/message/send (a member in the app) and
// SMTP submission (a mail client with a client-specific password) both send through here.
import { capReferences, replyReferences } from '../../../policy/references'
import { placeSignature } from '../../../policy/reply'
import type { MockEnv } from '../env'
import { DEFAULT_SHARED, settingsOf } from '../ports/settings'
import type { BackendState, CorpState, MailMessage, MailStore, SharedSettings } from '../state'
import { bounce } from './bounce'
import type { Outgoing } from './compose'
import { receive } from './delivery'
import type { OpenMailbox } from './open'
import { planRecipients } from './routing'
import { addMessage, messageById } from './store'

/**
 * References of a sent mail: the client's own chain when it wrote one (SMTP submission), else the
 * parent's chain + the parent's id; a parent this mailbox never held leaves just In-Reply-To.
 */
export function outgoingReferences(
  store: MailStore,
  inReplyTo: string,
  clientReferences: readonly string[] = [],
): string[] {
  if (clientReferences.length) return capReferences(clientReferences)
  if (!inReplyTo) return []
  const parent = messageById(store, inReplyTo)
  return parent ? replyReferences(parent) : [inReplyTo]
}

/**
 * Sends checked mail from `box`. `messageId` '' lets the store make one; a mail client's own
 * Message-ID is kept so that replies to it thread in the client too.
 */
export function sendOutgoing(
  state: BackendState,
  corp: CorpState,
  env: MockEnv,
  box: OpenMailbox,
  /** with the HTML part and References a mail client submitted (the app sends plain text) */
  m: Outgoing & { content_html?: string; references?: string[] },
  messageId = '',
): Promise<MailMessage> {
  const settings = settingsOf(env, state)
  // Every recipient is accepted: internal ones without a mailbox are bounced after the Sent copy exists.
  const plan = planRecipients(corp, [...m.to, ...m.cc, ...m.bcc])
  // the sender's signature and every recipient store's own receive rules, read before the first write
  const stores = [...new Set([box.store.id, ...plan.deliveries.map(({ dest }) => dest.storeId)])]
  return Promise.all(stores.map((id) => settings.shared(corp.corpid, id))).then((found) => {
    const shared = new Map(stores.map((id, i) => [id, found[i]]))
    return sendWith(corp, env, box, m, messageId, plan, (id) => shared.get(id) ?? DEFAULT_SHARED)
  })
}

function sendWith(
  corp: CorpState,
  env: MockEnv,
  box: OpenMailbox,
  m: Parameters<typeof sendOutgoing>[4],
  messageId: string,
  plan: ReturnType<typeof planRecipients>,
  sharedOf: (storeId: string) => Readonly<SharedSettings>,
): MailMessage {
  const time = env.now()
  const content = placeSignature(m.content, sharedOf(box.store.id).signature)
  const files = m.attachments?.length ? { attachments: m.attachments.map((a) => ({ ...a })) } : {}
  const html = m.content_html ? { content_html: m.content_html } : {}
  const references = outgoingReferences(box.store, m.in_reply_to, m.references)
  const chain = references.length ? { references } : {}
  const sent = addMessage(box.store, {
    folder: 'sent',
    from: m.from,
    to: m.to,
    cc: m.cc,
    bcc: m.bcc,
    subject: m.subject,
    content,
    time,
    read: true,
    starred: false,
    message_id: messageId,
    in_reply_to: m.in_reply_to,
    ...chain,
    delivered_to: m.from,
    ...html,
    ...files,
  })
  for (const { address, dest } of plan.deliveries) {
    // Internal delivery runs the recipient mailbox's own receive rules; Bcc stays hidden.
    receive(corp.stores[dest.storeId], sharedOf(dest.storeId).rules, {
      from: m.from,
      to: m.to,
      cc: m.cc,
      subject: m.subject,
      content,
      message_id: sent.message_id,
      in_reply_to: m.in_reply_to,
      ...chain,
      delivered_to: address,
      time,
      ...html,
      ...files,
    })
  }
  if (plan.undeliverable.length) bounce(box.store, sent, plan.undeliverable, corp.domain.name, time)
  // The server's relay worker takes it from here (mail/outbox.ts); in the app's demo it just leaves.
  if (env.relay && plan.outside.length) {
    sent.outbound = { to: plan.outside, state: 'queued', attempts: 0, next_at: time, error: '' }
  }
  return sent
}
