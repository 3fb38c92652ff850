// 彻底删除: messages leave the store for good, and the attachment bytes no one names any more are
// released. Copies share blobs (internal delivery, forwards, drafts and uploads holding the same
// file, even in another corp after a migration), so a blob is freed only when nothing anywhere names it.
import type { MockEnv } from '../env'
import type { BackendState, MailMessage, MailStore, StoredAttachment } from '../state'
import { raw } from '../tx'
import { UPLOAD_TTL_MS } from './attachments'

/** Blobs of `candidates` that no message, draft or upload still usable of any store names. */
export function unreferencedBlobs(
  state: BackendState,
  candidates: Iterable<string>,
  now: number,
): Set<string> {
  const left = new Set(candidates)
  const see = (list: StoredAttachment[] | undefined) => {
    for (const a of list ?? []) left.delete(a.blob)
  }
  // Read on the raw state: a scan must not count as the call's writes.
  for (const corp of Object.values(raw(state).corps)) {
    for (const store of Object.values(corp.stores)) {
      if (left.size === 0) return left
      for (const m of Object.values(store.messages)) see(m.attachments)
      for (const d of Object.values(store.drafts)) see(d.attachments)
      // an expired upload can no longer be attached to anything
      for (const u of Object.values(store.uploads ?? {}))
        if (now - u.time <= UPLOAD_TTL_MS) left.delete(u.blob)
    }
  }
  return left
}

/** The bytes of `blobs` that nothing names any more go once the call commits. */
export function releaseUnnamed(state: BackendState, env: MockEnv, blobs: readonly string[]): void {
  if (blobs.length && env.dropBlob)
    for (const id of unreferencedBlobs(state, blobs, env.now())) env.dropBlob(id)
}

/** Deletes the messages from the store; their bytes go once the call commits. Answers how many. */
export function purgeMessages(
  state: BackendState,
  env: MockEnv,
  store: MailStore,
  doomed: readonly MailMessage[],
): number {
  const blobs: string[] = []
  for (const m of doomed) {
    for (const a of m.attachments ?? []) blobs.push(a.blob)
    delete store.messages[m.mail_id]
  }
  releaseUnnamed(state, env, blobs)
  return doomed.length
}
