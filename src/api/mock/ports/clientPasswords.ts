// The data-access port of client-specific passwords (product spec 3.7). Handlers read and write
// them only through it, so where they are kept is the adapter's business: the in-memory adapter
// below keeps them on their mailbox in the state (the mini-program, and the server while its SQL
// state port stores them as rows of that mailbox). Every method runs inside the open call's
// transaction and is undone with it.
import type { MockEnv } from '../env'
import type { AuthCode, BackendState, BusinessMailbox } from '../state'

/** A code and the business mailbox it opens. */
export interface MailboxCode {
  mailboxId: number
  code: Readonly<AuthCode>
}

/** What a write may change of a stored code (its secret, owner and time of creation never change). */
export type AuthCodePatch = Partial<Pick<AuthCode, 'last_use_time' | 'revoked' | 'lookup'>>

export interface ClientPasswordPort {
  /** a live mailbox's codes, live and revoked, oldest first */
  list(corpid: string, mailboxId: number): Promise<ReadonlyArray<Readonly<AuthCode>>>
  /** one code of the mailbox by id, live or revoked */
  find(corpid: string, mailboxId: number, authCodeId: string): Promise<Readonly<AuthCode> | undefined>
  /** the live codes a secret with this lookup prefix may match: those sharing it, and those saved before lookups existed */
  candidates(corpid: string, mailboxId: number, lookup: string): Promise<ReadonlyArray<Readonly<AuthCode>>>
  add(corpid: string, mailboxId: number, code: AuthCode): Promise<void>
  update(corpid: string, mailboxId: number, authCodeId: string, patch: AuthCodePatch): Promise<void>
  remove(corpid: string, mailboxId: number, authCodeId: string): Promise<void>
  /** the live codes members created for the corp's live mailboxes (access reconciliation) */
  memberCodes(corpid: string): Promise<MailboxCode[]>
  /** the codes of mailboxes purged from the recycle bin */
  forget(corpid: string, mailboxIds: readonly number[]): Promise<void>
  /** the migration's switch: B's old codes go, A's mailboxes arrive in B with theirs */
  handOver(from: string, to: string): Promise<void>
}

const has = (o: object, k: string | number): boolean => Object.prototype.hasOwnProperty.call(o, String(k))
const byCreation = (a: Readonly<AuthCode>, b: Readonly<AuthCode>) => a.create_time - b.create_time

/** The in-memory adapter: each mailbox's `authCodes` in the state (tracked like any write). */
export function memoryClientPasswords(state: () => BackendState): ClientPasswordPort {
  const mailboxOf = (corpid: string, id: number): BusinessMailbox | undefined => {
    const corps = state().corps
    return has(corps, corpid) && has(corps[corpid].publicmails, id)
      ? corps[corpid].publicmails[id]
      : undefined
  }
  const codesOf = (corpid: string, id: number): AuthCode[] => {
    const mailbox = mailboxOf(corpid, id)
    if (!mailbox) throw new Error(`client passwords: no mailbox ${id} in ${corpid}`)
    return mailbox.authCodes
  }
  // Plain functions answering settled promises: no async wrappers in the mini-program's bundle.
  const done = Promise.resolve()
  const attempt = (write: () => void): Promise<void> => {
    try {
      write()
      return done
    } catch (e) {
      return Promise.reject(e)
    }
  }
  return {
    list: (corpid, id) => Promise.resolve([...(mailboxOf(corpid, id)?.authCodes ?? [])].sort(byCreation)),
    find: (corpid, id, authCodeId) =>
      Promise.resolve(mailboxOf(corpid, id)?.authCodes.find((c) => c.auth_code_id === authCodeId)),
    candidates: (corpid, id, lookup) =>
      Promise.resolve(
        (mailboxOf(corpid, id)?.authCodes ?? [])
          .filter((c) => !c.revoked && (c.lookup === undefined || c.lookup === lookup))
          .sort(byCreation),
      ),
    add: (corpid, id, code) => attempt(() => void codesOf(corpid, id).push(code)),
    update: (corpid, id, authCodeId, patch) =>
      attempt(() => {
        const code = codesOf(corpid, id).find((c) => c.auth_code_id === authCodeId)
        if (!code) throw new Error(`client passwords: no code ${authCodeId}`)
        for (const [k, v] of Object.entries(patch))
          if (code[k as keyof AuthCodePatch] !== v) Object.assign(code, { [k]: v })
      }),
    remove: (corpid, id, authCodeId) =>
      attempt(() => {
        const codes = codesOf(corpid, id)
        const at = codes.findIndex((c) => c.auth_code_id === authCodeId)
        if (at >= 0) codes.splice(at, 1)
      }),
    memberCodes: (corpid) => {
      const corps = state().corps
      const out: MailboxCode[] = []
      if (!has(corps, corpid)) return Promise.resolve(out)
      for (const mailbox of Object.values(corps[corpid].publicmails)) {
        for (const code of mailbox.authCodes)
          if (!code.by_admin && !code.revoked) out.push({ mailboxId: mailbox.id, code })
      }
      return Promise.resolve(out)
    },
    // The bin entry and the migrated mailboxes carry their codes with them in the state.
    forget: () => done,
    handOver: () => done,
  }
}

/** the client-password port of this environment, or the state's own */
export function clientPasswordsOf(env: MockEnv, state: BackendState): ClientPasswordPort {
  return env.clientPasswords ?? memoryClientPasswords(() => state)
}
