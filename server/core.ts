// What the server asks of the backend core: the contract's calls as a member, and the hooks.
// Today the core runs in this process's memory (src/api/mock through createMockBackend): every
// rule is the app's own code, but data does not survive a restart and is not shared between
// instances. The SQL adapter of the core's storage ports replaces `memoryCore` (issues 14, 15).
import type { ApiResult, CorpSetup, IncomingMail } from '../src/api/contract'
import {
  createMockBackend,
  type ClientSession,
  type MockBackend,
  type SubmitOutcome,
  type SubmittedMail,
} from '../src/api/mock'
import type { Identity } from './auth/sessions'

export interface ServerCore {
  call(api: string, body: object, identity: Identity): Promise<ApiResult>
  deliver(corpid: string, to: string, mail: IncomingMail): Promise<ApiResult>
  clientLogin(email: string, authCode: string, protocol: 'imap' | 'pop' | 'smtp'): Promise<ApiResult>
  /** read-only: the corp a recipient address reaches, or null (SMTP: 550 at RCPT) */
  accepts(address: string): Promise<{ corpid: string } | null>
  /** SMTP submission: send as the mailbox of a client login, as mail/message/send would */
  submit(session: ClientSession, mail: SubmittedMail): Promise<SubmitOutcome>
  settle(): Promise<void>
  /** dev: replace all data with fresh corps (undefined: the demo organisations) */
  reset(corps: CorpSetup[] | undefined): Promise<void>
  /** whether a login's (corpid, userid) is a member of a provisioned corp */
  isMember(identity: Identity): Promise<boolean>
}

/** `corps` undefined: the demo organisations of the in-app demo */
export function memoryCore(corps: CorpSetup[] | undefined, now: () => number): ServerCore {
  let backend: MockBackend = createMockBackend({ corps, now })
  return {
    call: (api, body, identity) => backend.call(api, body, identity),
    deliver: (corpid, to, mail) => backend.deliver(corpid, to, mail),
    clientLogin: (email, code, protocol) => backend.clientLogin(email, code, protocol),
    accepts: (address) => backend.accepts(address),
    submit: (session, mail) => backend.submit(session, mail),
    settle: () => backend.settle(),
    async reset(next) {
      await backend.settle()
      backend = createMockBackend({ corps: next, now })
    },
    async isMember(identity) {
      // Any call as a non-member answers 60111 from the dispatcher, before any handler runs.
      const r = await backend.call('user/get', { userid: identity.userid }, identity)
      return r.errcode === 0
    },
  }
}
