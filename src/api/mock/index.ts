// The mock backend: the authority for every rule, in-process, WeCom-shaped (../shared/spec/api.md).
// Every call runs as one transaction: its writes are tracked, saved (only the documents they
// touched) before the answer, and undone when the handler throws, refuses, or saving fails.
import type { ApiResult, CorpSetup, IncomingMail, KeyValueStorage } from '../contract'
import { ErrCode } from '../../policy/codes'
import { memoryBlobs, type BlobStore } from './blobs'
import { boundaryProblem } from './boundary'
import { demoState } from './demo'
import { noteWrite, refreshDerived, resetDerived } from './derived'
import { afterWrite as afterWriteOf, createDispatcher, touchesAccess } from './dispatch'
import { createEntropyPool, defaultEntropySource, type EntropySource } from './entropy'
import type { MockEnv } from './env'
import { clientLogin as clientLoginImpl } from './handlers/clientLogin'
import { deliverMail } from './handlers/deliver'
import { DEFAULT_MAX_BYTES } from './mail/attachments'
import { routeAddress } from './mail/routing'
import { resumeMigrations } from './migration/runner'
import { invalidateOrg } from './orgIndex'
import { kvPort } from './persist/kvPort'
import type { StatePort, StorageUsage } from './port'
import { failure } from './registry'
import { stateFromSetups } from './seed'
import type { BackendState } from './state'
import { raw, Tracker, type Path } from './tx'

export type { ApiResult, CallContext, CorpSetup, IncomingMail, KeyValueStorage } from '../contract'
export type { ClientSession, SubmitOutcome, SubmittedMail } from './mail/submit'
export type { OpenedState, StatePort, StorageUsage } from './port'
export type { OutboundJob, OutboundOutcome } from './mail/outbox'
export type { BlobStore } from './blobs'
export type { IdempotencyPort } from './ports/idempotency'

export interface MockBackendOptions {
  corps?: CorpSetup[]
  now?: () => number
  random?: () => number
  latencyMs?: number
  failureRate?: number
  storage?: KeyValueStorage
  /** the platform's secure random source (WeChat: wx.getRandomValues); default Web Crypto */
  secureRandom?: EntropySource
  /** where the state is kept instead of `storage`: the server's SQL adapter */
  port?: StatePort
  /** start from the seed (`corps` or the demo) even when the port holds a saved state (dev reset) */
  replace?: boolean
  /** mail to outside addresses is queued for claimOutbound (the server's relay worker) */
  relay?: boolean
  /** where attachment bytes are kept (default: in memory) */
  blobs?: BlobStore
  /** the largest attachment accepted; default 2 MB (api.md: the server allows 20 MB) */
  maxAttachmentBytes?: number
}

export interface MockBackend {
  call(api: string, body: object, ctx: { corpid: string; userid: string }): Promise<ApiResult>
  deliver(corpid: string, to: string, mail: IncomingMail): Promise<ApiResult>
  clientLogin(email: string, authCode: string, protocol: 'imap' | 'pop' | 'smtp'): Promise<ApiResult>
  /**
   * Read-only: the corp whose mailbox (member, business mailbox or alias) `address` reaches, or
   * null — the SMTP server refuses such a recipient at RCPT. Routed by the code deliver uses.
   */
  accepts(address: string): Promise<{ corpid: string } | null>
  settle(): Promise<void>
  /** run one pending background task (a migration step); false when none was pending */
  step(): Promise<boolean>
  /**
   * With nothing queued here: brings the state up to date and queues the running migrations it
   * holds (another instance that ran them may have died). Answers how many were queued.
   */
  resume(): Promise<number>
  /**
   * Work of the server's entry points (SMTP submission, the relay queue: serverEntries.ts) as one
   * call's transaction over the state; its writes stand when it answers errcode 0 or says `keep`.
   * `value` is undefined when the transaction did not stand (crash, save failed).
   */
  transaction<T>(
    work: (state: BackendState, env: MockEnv) => CoreWork<T> | Promise<CoreWork<T>>,
  ): Promise<{ result: ApiResult; value: T | undefined }>
  /** why the persisted state was replaced or rolled back on start-up, or null */
  recovery(): Promise<string | null>
  /** what the saved state occupies (zero without storage) */
  storageUsage(): Promise<StorageUsage>
}

export interface CoreWork<T> {
  result: ApiResult
  value: T
  /** the corp whose mail lookups (and access) the work changed */
  changedCorp?: string | null
  /** keep the writes even when `result` is a refusal (a failed login still counts) */
  keep?: boolean
}

export const BUSY_MESSAGE = '系统繁忙，请稍后重试'
export const SAVE_FAILED_MESSAGE = '保存失败，本次操作未生效，请稍后重试'

/** per-API room for text beyond the default boundary (long mails) */
export const MAX_CHARS: Record<string, number> = {
  'mail/message/send': 2_000_000,
  'mail/draft/save': 2_000_000,
}

/** an SMTP message's size limit (api.md): what one delivered mail may carry in all */
const MAX_MESSAGE_BYTES = 25 * 1024 * 1024
const base64Chars = (bytes: number) => Math.ceil(bytes / 3) * 4 + 65_536

/** Tests switch this on: after every call, check no write bypassed the tracking (small states). */
function verifying(): boolean {
  return (globalThis as { __BIZMAIL_VERIFY_WRITES__?: boolean }).__BIZMAIL_VERIFY_WRITES__ === true
}
const VERIFY_MAX_BYTES = 3_000_000

export function createMockBackend(options: MockBackendOptions = {}): MockBackend {
  const now = options.now ?? (() => Date.now())
  const random = options.random ?? Math.random
  const latencyMs = Math.max(0, options.latencyMs ?? 0)
  const failureRate = Math.min(1, Math.max(0, options.failureRate ?? 0))
  const storage = options.storage
  const source = options.secureRandom ?? defaultEntropySource()
  const entropy = source ? createEntropyPool(source) : null
  const tasks: Array<() => void | Promise<void>> = []
  const blobs = options.blobs ?? memoryBlobs()
  const maxAttachmentBytes = options.maxAttachmentBytes ?? DEFAULT_MAX_BYTES
  // The open call's new blobs: written just before it commits, forgotten when it is undone.
  let newBlobs: { id: string; data: string }[] = []
  // Blobs the open call left unreferenced: deleted after it commits (never a reference without bytes).
  let deadBlobs: string[] = []
  let blobSeq = 0
  // Unique across instances and restarts, not secret: a file is reached only through its mailbox.
  const blobPrefix = `b${now().toString(36)}${Math.random().toString(36).slice(2, 8)}-`
  const maxChars: Record<string, number> = {
    ...MAX_CHARS,
    // room past the file limit, so an over-size file hears 超过 2 MB rather than 请求内容过大
    'mail/attachment/upload': base64Chars(Math.max(maxAttachmentBytes, MAX_MESSAGE_BYTES)),
    deliver:
      MAX_CHARS['mail/message/send'] * 2 + base64Chars(Math.max(maxAttachmentBytes, MAX_MESSAGE_BYTES)),
  }
  const env: MockEnv = {
    now,
    random,
    secureBytes: (n) => {
      if (!entropy) throw new Error('no secure random source on this platform')
      return entropy.take(n)
    },
    schedule: (task) => void tasks.push(task),
    relay: options.relay === true,
    putBlob: (data) => {
      const id = `${blobPrefix}${(blobSeq++).toString(36)}`
      newBlobs.push({ id, data })
      return id
    },
    // A blob written by this very call is not stored yet: its bytes are still in hand.
    readBlob: (id) =>
      Promise.resolve(newBlobs.find((b) => b.id === id)?.data ?? blobs.get(id)).catch((e: unknown) => {
        console.error('[mock backend] reading an attachment failed', e)
        return null
      }),
    dropBlob: (id) => void deadBlobs.push(id),
    maxAttachmentBytes,
    // A port that keeps the records itself (the server's tables) instead of in the state.
    idempotency: options.port?.idempotency,
    clientPasswords: options.port?.clientPasswords,
    settings: options.port?.settings,
  }
  const seed = (): Promise<BackendState> =>
    options.corps ? Promise.resolve(stateFromSetups(options.corps)) : demoState(env)

  const tracker = new Tracker()
  const checkWrites = verifying()
  // No storage and no check of the writes: the state lives in memory only, nothing to save.
  const port: StatePort | null = options.port ?? (storage || checkWrites ? kvPort(storage) : null)
  let state: BackendState = { schema: 1, corps: {} }
  let root: BackendState = tracker.track(state)
  let recovered: string | null = null
  // Set by the running transaction's write hook: did this call touch what decides access?
  let accessTouched = false
  const dispatch = createDispatcher(env, {
    changed: () => tracker.changed,
    accessChanged: () => accessTouched,
  })
  const afterWrite = (corpid: string): Promise<unknown> => afterWriteOf(root, env, corpid, accessTouched)

  // One call at a time: a write is saved (or undone) before the next call sees the state.
  let queue: Promise<unknown> = Promise.resolve()
  function exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = queue.then(fn, fn)
    queue = run.then(
      () => undefined,
      () => undefined,
    )
    return run
  }

  function adoptState(next: BackendState): void {
    state = next
    root = tracker.track(state)
  }

  const ready: Promise<void> = (async () => {
    const opened = port && !options.replace ? await port.open() : { state: null, recovery: null }
    recovered = opened.recovery
    if (opened.state) adoptState(opened.state)
    else {
      newBlobs = []
      adoptState(await seed())
      // The demo's files, before the state that names them.
      for (const b of newBlobs.splice(0))
        await blobs
          .put(b.id, b.data)
          .catch((e: unknown) => console.error('[mock backend] demo file not saved', e))
      // The app still runs from memory when this fails; the next write saves again.
      if (port)
        await port
          .replace(state)
          .catch((e: unknown) => console.error('[mock backend] could not save the initial state', e))
    }
    if (recovered) console.warn(`[mock backend] ${recovered}`)
    // A migration saved mid-run continues with its next step on settle().
    resumeMigrations(root, env)
  })()

  const pause = (): Promise<void> =>
    latencyMs > 0 ? new Promise((r) => setTimeout(r, latencyMs)) : Promise.resolve()

  /**
   * Runs fn as one transaction and saves what it wrote. `keep` says whether a result's writes
   * stand (a refused call changes nothing; a refused client login still counts its failure).
   */
  async function transact(
    fn: () => ApiResult | Promise<ApiResult>,
    keep: (r: ApiResult) => boolean,
  ): Promise<ApiResult> {
    if (port) {
      try {
        // What other instances committed meanwhile replaces our copy of their corps.
        refreshDerived(state, await port.begin(state))
      } catch (e) {
        console.error('[mock backend] storage unavailable', e)
        await port.abort().catch(() => undefined)
        return failure(ErrCode.BUSY, BUSY_MESSAGE)
      }
    }
    const taskMark = tasks.length
    newBlobs = []
    deadBlobs = []
    accessTouched = false
    // The corps this call wrote (null: the state's root): a rollback drops only their lookups.
    let written: Set<string> | null = new Set()
    tracker.begin((path: Path) => {
      port?.touch(path)
      noteWrite(state, path)
      if (!accessTouched && touchesAccess(path)) accessTouched = true
      if (path[0] === 'corps' && path.length >= 2) written?.add(path[1])
      else written = null
    })
    const undo = async (): Promise<void> => {
      newBlobs = []
      deadBlobs = []
      tracker.rollback()
      tasks.length = taskMark
      // A derived lookup may disagree with the state rolled back: drop those of the corps written.
      resetDerived(state, written ?? Object.keys(state.corps))
      await port?.abort().catch(() => undefined)
    }
    let result: ApiResult
    try {
      result = await fn()
      if (!keep(result) && (tracker.changed || port?.wroteOwn?.())) {
        await undo()
        return result
      }
    } catch (e) {
      // A handler bug must not take the app down, nor leave half its work behind.
      console.error('[mock backend] handler crashed', e)
      await undo()
      return failure(ErrCode.BUSY, BUSY_MESSAGE)
    }
    if (newBlobs.length) {
      try {
        // Bytes first: a committed reference to a blob that was never written would be a lost file.
        for (const b of newBlobs) await blobs.put(b.id, b.data)
        newBlobs = []
      } catch (e) {
        console.error('[mock backend] saving an attachment failed; the call was undone', e)
        await undo()
        return failure(ErrCode.BUSY, SAVE_FAILED_MESSAGE)
      }
    }
    if (!port || !(tracker.changed || port.wroteOwn?.())) {
      tracker.end()
      await port?.abort()
      await releaseBlobs()
      return result
    }
    try {
      await port.commit(state)
    } catch (e) {
      console.error('[mock backend] saving failed; the call was undone', e)
      await undo()
      return failure(ErrCode.BUSY, SAVE_FAILED_MESSAGE)
    }
    tracker.end()
    await releaseBlobs()
    if (checkWrites && port.verify && port.usage().bytes < VERIFY_MAX_BYTES) {
      const bad = port.verify(state)
      if (bad.length) throw new Error(`state written without tracking: ${bad.slice(0, 5).join(', ')}`)
    }
    return result
  }

  /** after a commit: a blob that cannot be deleted stays behind unreferenced, never a lost file */
  async function releaseBlobs(): Promise<void> {
    for (const id of deadBlobs.splice(0)) {
      await blobs
        .delete(id)
        .catch((e: unknown) => console.error('[mock backend] a freed file stays stored', e))
    }
  }

  const isOk = (r: ApiResult) => r.errcode === 0
  const always = () => true

  async function prepare(): Promise<void> {
    await ready
    await pause()
    // Secrets are drawn synchronously inside handlers: top the pool up first. A platform refusal
    // fails only the calls that need a secret (their handler finds the pool short: -1, undone).
    if (entropy) await entropy.ready().catch(() => undefined)
  }

  function runNext(): Promise<boolean> {
    return exclusive(async () => {
      if (tasks.length === 0) return false
      const task = tasks.shift() as () => void | Promise<void>
      await transact(async () => {
        await task()
        for (const corp of Object.values(root.corps)) invalidateOrg(raw(corp))
        for (const corpid of Object.keys(root.corps)) await afterWrite(corpid)
        return { errcode: 0, errmsg: 'ok' }
      }, always)
      return true
    })
  }

  return {
    async call(api, body, ctx) {
      await prepare()
      if (failureRate > 0 && random() < failureRate) return failure(ErrCode.BUSY, BUSY_MESSAGE)
      const problem = boundaryProblem(body ?? {}, maxChars[api])
      if (problem) return problem
      return exclusive(() => transact(() => dispatch(root, api, body ?? {}, ctx), isOk))
    },
    async deliver(corpid, to, mail) {
      await prepare()
      const problem = boundaryProblem({ to, mail }, maxChars.deliver)
      if (problem) return problem
      return exclusive(() =>
        transact(
          () =>
            deliverMail(root, env, corpid, to, mail).then((result) =>
              result.errcode === 0 ? afterWrite(corpid).then(() => result) : result,
            ),
          isOk,
        ),
      )
    },
    async clientLogin(email, authCode, protocol) {
      await prepare()
      return exclusive(() =>
        transact(
          () =>
            clientLoginImpl(root, env, email, authCode, protocol).then((outcome) =>
              outcome.changedCorp
                ? afterWrite(outcome.changedCorp).then(() => outcome.result)
                : outcome.result,
            ),
          always,
        ),
      )
    },
    async accepts(address) {
      await ready
      // A read in a transaction of its own, so it sees what other instances committed.
      let found: { corpid: string } | null = null
      await exclusive(() =>
        transact(() => {
          for (const corp of Object.values(root.corps)) {
            if (routeAddress(raw(corp), address)) {
              found = { corpid: corp.corpid }
              break
            }
          }
          return { errcode: 0, errmsg: 'ok' }
        }, always),
      )
      return found
    },
    async settle() {
      await ready
      while (await runNext());
      await queue
    },
    async step() {
      await ready
      return runNext()
    },
    async resume() {
      await ready
      let queued = 0
      await exclusive(() =>
        transact(() => {
          if (tasks.length === 0) queued = resumeMigrations(root, env)
          return { errcode: 0, errmsg: 'ok' }
        }, always),
      )
      return queued
    },
    async transaction(work) {
      await prepare()
      let out: CoreWork<unknown> | null = null
      const result = await exclusive(() =>
        transact(
          async () => {
            const done = await work(root, env)
            out = done
            if (done.changedCorp) await afterWrite(done.changedCorp)
            return done.result
          },
          (r) => r.errcode === 0 || out?.keep === true,
        ),
      )
      const done = out as CoreWork<unknown> | null
      // A crash or a failed save answers instead of the work's own result.
      return { result, value: done && result === done.result ? (done.value as never) : undefined }
    },
    async recovery() {
      await ready
      return recovered
    },
    async storageUsage() {
      await ready
      await queue
      return (storage || options.port) && port ? port.usage() : { bytes: 0, keys: 0, largest: 0 }
    },
  }
}
