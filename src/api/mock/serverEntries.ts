// The core's entry points only the server uses: SMTP submission and the relay queue. They run as
// transactions of the backend (MockBackend.transaction) but live here, so the mini-program, which
// embeds the backend for its demo, carries none of them.
import { ErrCode } from '../../policy/codes'
import { boundaryProblem } from './boundary'
import { BUSY_MESSAGE, MAX_CHARS, type MockBackend } from './index'
import { claimOutbound, completeOutbound, type OutboundJob, type OutboundOutcome } from './mail/outbox'
import { submitMail, type ClientSession, type SubmitOutcome, type SubmittedMail } from './mail/submit'
import { failure } from './registry'

const OK = { errcode: 0, errmsg: 'ok' }

/** SMTP submission: send as the mailbox a client logged in to (clientLogin's answer), as mail/message/send */
export async function submit(
  backend: MockBackend,
  session: ClientSession,
  mail: SubmittedMail,
): Promise<SubmitOutcome> {
  const problem = boundaryProblem({ session, mail }, MAX_CHARS['mail/message/send'])
  if (problem) return { result: problem, refused: null, changedCorp: null }
  const { result, value } = await backend.transaction(async (state, env) => {
    const outcome = await submitMail(state, env, session, mail)
    return { result: outcome.result, value: outcome, changedCorp: outcome.changedCorp }
  })
  return (
    value ?? {
      result: result.errcode === 0 ? failure(ErrCode.BUSY, BUSY_MESSAGE) : result,
      refused: null,
      changedCorp: null,
    }
  )
}

/** the relay worker: the next Sent copy due for the relay, leased to it; null when none (or not saved) */
export async function claimOutboundJob(backend: MockBackend): Promise<OutboundJob | null> {
  const { value } = await backend.transaction((state, env) => ({
    result: OK,
    value: claimOutbound(state, env.now()),
  }))
  // A lease that was not saved is no lease: the worker must not send.
  return value ?? null
}

/** the relay worker: what the relay said about a claimed job; false when it could not be saved */
export async function completeOutboundJob(
  backend: MockBackend,
  job: OutboundJob,
  outcome: OutboundOutcome,
): Promise<boolean> {
  const { value } = await backend.transaction((state, env) => {
    completeOutbound(state, job, job.attempt, outcome, env.now())
    return { result: OK, value: true }
  })
  return value === true
}
