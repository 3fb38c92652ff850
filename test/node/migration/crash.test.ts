// Crash safety: whatever step a backend dies after, the saved state is either "before" or "after"
// (never half-moved), a backend re-created from it stays locked until settle() finishes the work,
// and the finished result is exactly that of an uninterrupted run.
import { ErrCode } from '../../../src/policy/codes'
import type { MockEnv } from '../../../src/api/mock/env'
import { MIGRATION_STEPS, runNextStep } from '../../../src/api/mock/migration/runner'
import * as transferModule from '../../../src/api/mock/migration/transfer'
import type { BackendState } from '../../../src/api/mock/state'
import { A, B, orgs, START, storageWith, T0 } from './harness'
import { testSecureBytes } from '../../kit/mail'

const env: MockEnv = {
  now: () => T0,
  random: () => 0.42,
  secureBytes: testSecureBytes(),
  schedule: () => undefined,
}

async function startedAndSaved() {
  const o = orgs()
  const before = await o.saved()
  const r = await o.as(A, 'boss')('exmail/migration/start', START)
  expect(r.errcode).toBe(0)
  return { before, mid: await o.saved() }
}

async function uninterrupted(): Promise<BackendState> {
  const o = orgs()
  await o.as(A, 'boss')('exmail/migration/start', START)
  await o.backend.settle()
  return o.saved()
}

/** The mailbox side of both orgs, to tell "before" from "after". */
const mailboxPart = (s: BackendState) =>
  [A, B].map((id) => {
    const c = s.corps[id]
    return {
      domain: c.domain,
      publicmails: c.publicmails,
      recycle: c.recycle,
      stores: c.stores,
      mailboxes: Object.values(c.users).map((u) => [u.userid, u.biz_mail, u.alias, u.storeId]),
    }
  })

describe('crash and restart in the middle of a migration', () => {
  let reference: BackendState
  beforeAll(async () => {
    reference = await uninterrupted()
  })

  test.each(MIGRATION_STEPS.map((_s, i) => [i, MIGRATION_STEPS[i + 1]?.name ?? 'none']))(
    'dies after %i more step(s) (next: %s): saved state is before-or-after, locked, then completes identically',
    async (k) => {
      const { before, mid } = await startedAndSaved()
      for (let i = 0; i < k; i++) await runNextStep(mid, env, A)
      // Never half-moved: the mailbox side is entirely the old one, or entirely the new one.
      const switched = mid.corps[B].domain.name === 'a.com'
      expect(mailboxPart(mid)).toEqual(switched ? mailboxPart(reference) : mailboxPart(before))
      expect(mid.corps[A].migrated).toBe(switched)

      const o = orgs(mid, storageWith(mid))
      const running = mid.corps[A].migration!.state === 'running'
      const quota = await o.as(B, 'boss')('exmail/publicmail/quota')
      expect(quota.errcode).toBe(running ? ErrCode.MIGRATION_IN_PROGRESS : 0)
      if (running) {
        const dept = await o.as(B, 'boss')('department/create', { name: '临时', parentid: 1 })
        expect(dept.errcode).toBe(ErrCode.MIGRATION_IN_PROGRESS)
        expect((await o.as(A, 'boss')('exmail/migration/status')).state).toBe('running')
      }

      await o.backend.settle()
      const after = await o.saved()
      expect(after).toEqual(reference)
      expect((await o.as(A, 'boss')('exmail/migration/status')).state).toBe('done')
      expect((await o.as(B, 'boss')('exmail/publicmail/quota')).errcode).toBe(0)
    },
  )

  test('a re-created backend keeps mail working while it waits to resume', async () => {
    const { mid } = await startedAndSaved()
    const o = orgs(mid, storageWith(mid))
    const sent = await o.as(A, 'alice')('mail/message/send', {
      mailbox: 'personal',
      from: 'alice@a.com',
      to: ['boss@a.com'],
      subject: '重启后发出',
      content: '.',
      idempotency_key: 'after-restart',
    })
    expect(sent.errcode).toBe(0)
    await o.backend.settle()
    const inbox = await o.as(B, 'boss')('mail/message/list', { mailbox: 'personal', folder: 'inbox' })
    expect((inbox.items as { subject: string }[]).map((m) => m.subject)).toContain('重启后发出')
  })

  test('a precondition broken meanwhile ends the migration with nothing moved, and unlocks', async () => {
    const { before, mid } = await startedAndSaved()
    // B bound its own domain while the backend was down
    mid.corps[B].domain = { name: 'b-own.com', kind: 'custom' }
    const o = orgs(mid, storageWith(mid))
    await o.backend.settle()
    const after = await o.saved()
    const status = await o.as(A, 'boss')('exmail/migration/status')
    expect(status).toMatchObject({
      state: 'done',
      migrated: false,
      error: {
        errcode: ErrCode.MIGRATION_DOMAIN_BOUND,
        errmsg: expect.stringContaining('该企业已绑定专属域名'),
      },
    })
    expect(after.corps[A].migrated).toBe(false)
    expect(mailboxPart(after)[0]).toEqual(mailboxPart(before)[0])
    expect(after.corps[B].publicmails).toEqual(before.corps[B].publicmails)
    expect((await o.as(B, 'boss')('exmail/publicmail/quota')).errcode).toBe(0)
  })

  test('a step that throws leaves both orgs untouched and still locked', async () => {
    const { before, mid } = await startedAndSaved()
    const o = orgs(mid, storageWith(mid))
    const broken = jest.spyOn(transferModule, 'transfer').mockImplementation(() => {
      throw new Error('out of memory')
    })
    const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined)
    await o.backend.settle()
    broken.mockRestore()
    quiet.mockRestore()
    const after = await o.saved()
    expect(after.corps[B].domain).toEqual(before.corps[B].domain)
    expect(after.corps[A].migration!.state).toBe('running')
    expect((await o.as(B, 'boss')('exmail/publicmail/quota')).errcode).toBe(ErrCode.MIGRATION_IN_PROGRESS)
  })
})
