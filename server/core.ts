// What the server asks of the backend core: the contract's calls as a member, and the hooks. The
// core is the app's own (src/api/mock through createMockBackend: every rule is the same code);
// its state lives in PostgreSQL through the SQL adapter of its storage port (server/store), so it
// survives restarts and every instance on the database sees the same data.
import type { ApiResult, CorpSetup, IncomingMail } from '../src/api/contract'
import {
  createMockBackend,
  type ClientSession,
  type MockBackend,
  type OutboundJob,
  type OutboundOutcome,
  type SubmitOutcome,
  type SubmittedMail,
} from '../src/api/mock'
import { claimOutboundJob, completeOutboundJob, submit } from '../src/api/mock/serverEntries'
import type { Identity } from './auth/sessions'
import type { Db } from './db'
import { sqlBlobs } from './store/blobs'
import { outboundDue } from './store/outboundDue'
import { sqlPort } from './store/sqlPort'

/** api.md: 20 MB per file on the server */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024

export interface ServerCore {
  call(api: string, body: object, identity: Identity): Promise<ApiResult>
  deliver(corpid: string, to: string, mail: IncomingMail): Promise<ApiResult>
  clientLogin(email: string, authCode: string, protocol: 'imap' | 'pop' | 'smtp'): Promise<ApiResult>
  /** read-only: the corp a recipient address reaches, or null (SMTP: 550 at RCPT) */
  accepts(address: string): Promise<{ corpid: string } | null>
  /** SMTP submission: send as the mailbox of a client login, as mail/message/send would */
  submit(session: ClientSession, mail: SubmittedMail): Promise<SubmitOutcome>
  settle(): Promise<void>
  /** stops background work (after settle, before the database closes) */
  close(): Promise<void>
  /** the relay worker's queue (smtp/outbound.ts) */
  claimOutbound(): Promise<OutboundJob | null>
  /** an attachment's bytes (base64) by blob id, for the relay's MIME; null when none */
  blob(id: string): Promise<string | null>
  completeOutbound(job: OutboundJob, outcome: OutboundOutcome): Promise<boolean>
  /** dev: replace all data with fresh corps (undefined: the demo organisations) */
  reset(corps: CorpSetup[] | undefined): Promise<void>
  /** whether a login's (corpid, userid) is a member of a provisioned corp */
  isMember(identity: Identity): Promise<boolean>
}

export interface SqlCoreOptions {
  /** start from `corps` even when the database holds data (tests) */
  fresh?: boolean
  /** how often to look for background work another instance left unfinished (0: never) */
  resumeEveryMs?: number
  /** dev only: a pause before each background step, so tests can stop an instance mid-migration */
  stepDelayMs?: number
}

/**
 * The core over the database. `corps` (undefined: the demo organisations) seeds an empty database
 * only: once data is stored, a restart continues from it.
 */
export async function sqlCore(
  db: Db,
  corps: CorpSetup[] | undefined,
  now: () => number,
  options: SqlCoreOptions = {},
): Promise<ServerCore> {
  const open = (seed: CorpSetup[] | undefined, replace: boolean): MockBackend => {
    const port = sqlPort(db)
    return createMockBackend({
      corps: seed,
      now,
      port,
      replace,
      relay: true,
      blobs: sqlBlobs(db, () => port.tx),
      maxAttachmentBytes: MAX_ATTACHMENT_BYTES,
    })
  }
  let backend = open(corps, options.fresh === true)
  // Reads only: blobs are immutable, and a read needs no call's transaction.
  const blobs = sqlBlobs(db)
  // Fail at start-up, not at the first request, when the database cannot be read.
  await backend.recovery()

  // Background work (a migration's steps) runs right after the call that queued it, one step per
  // transaction; its progress is in the stored state, so a restart resumes where it stopped.
  let draining: Promise<void> | null = null
  const drain = (): void => {
    if (draining) return
    const running = backend
    draining = (async () => {
      try {
        for (;;) {
          if (options.stepDelayMs) await new Promise((r) => setTimeout(r, options.stepDelayMs))
          if (running !== backend || !(await running.step())) break
        }
      } catch (e) {
        console.error(JSON.stringify({ level: 'error', msg: 'background step failed', err: String(e) }))
      } finally {
        draining = null
      }
    })()
  }
  const then = <T>(p: Promise<T>): Promise<T> => p.finally(drain)
  const settle = async (): Promise<void> => {
    await draining
    await backend.settle()
  }
  drain()
  // An instance that died mid-migration leaves it running in the tables: any other one finishes it.
  const resumeEvery = options.resumeEveryMs ?? 5000
  const resumer =
    resumeEvery > 0
      ? setInterval(() => {
          if (draining) return
          void backend.resume().then(
            (n) => n > 0 && drain(),
            () => undefined,
          )
        }, resumeEvery)
      : null
  resumer?.unref()

  return {
    call: (api, body, identity) => then(backend.call(api, body, identity)),
    deliver: (corpid, to, mail) => then(backend.deliver(corpid, to, mail)),
    clientLogin: (email, code, protocol) => backend.clientLogin(email, code, protocol),
    accepts: (address) => backend.accepts(address),
    submit: (session, mail) => then(submit(backend, session, mail)),
    settle,
    // An idle poll (every 2 s on each instance) is one index probe, with no lock and no transaction.
    claimOutbound: async () => ((await outboundDue(db, now())) ? claimOutboundJob(backend) : null),
    blob: (id) => blobs.get(id),
    completeOutbound: (job, outcome) => completeOutboundJob(backend, job, outcome),
    async close() {
      if (resumer) clearInterval(resumer)
      await settle()
    },
    async reset(next) {
      await settle()
      backend = open(next, true)
      await backend.recovery()
    },
    async isMember(identity) {
      // Any call as a non-member answers 60111 from the dispatcher, before any handler runs.
      const r = await backend.call('user/get', { userid: identity.userid }, identity)
      return r.errcode === 0
    },
  }
}
