// The client-password port: the in-memory adapter against the cases every adapter shares, and the
// handlers proven to reach client passwords only through the port (a model adapter outside the
// state sees every create, use, revocation, deletion and purge; the mailboxes in the state hold none).
import { clientPasswordPortCases, CORPS, MAILBOXES, modelPort } from '../../kit/clientPasswordPort'
import { memoryClientPasswords } from '../../../src/api/mock/ports/clientPasswords'
import type { BackendState, CorpState } from '../../../src/api/mock/state'
import { trackedCall } from '../../kit/trackedCall'
import { RECYCLE_DAYS } from '../../../src/policy/recycle'
import { setup } from '../publicmail/harness'

const DAY = 86_400_000

function memoryUnderTest() {
  const mailboxes = () => Object.fromEntries(MAILBOXES.map((id) => [id, { id, authCodes: [] }]))
  const state = {
    schema: 1,
    corps: Object.fromEntries(
      CORPS.map((c) => [c, { corpid: c, publicmails: mailboxes() } as unknown as CorpState]),
    ),
  } as BackendState
  return trackedCall(state, (root) => memoryClientPasswords(root))
}

describe('the client-password port, in memory', () => {
  test.each(clientPasswordPortCases)('%s', async (_name, run) => {
    await run(memoryUnderTest())
  })
})

describe('handlers keep client passwords only through the port', () => {
  async function world() {
    const h = setup({ members: ['zhangsan', 'lisi'] })
    const model = modelPort()
    h.env.clientPasswords = model
    const id = await h.create('sales', {
      userid_list: { list: ['zhangsan', 'lisi', 'boss'] },
      create_auth_code: 1,
    })
    const admin = await h.call('exmail/publicmail/get_auth_code_list', { id })
    const member = await h.call('mail/authcode/create', { mailbox: id, remark: '手机' }, 'zhangsan')
    expect(member.errcode).toBe(0)
    return {
      h,
      model,
      id,
      adminList: admin,
      memberCode: member.auth_code as string,
      memberId: member.auth_code_id,
    }
  }
  const stored = (w: Awaited<ReturnType<typeof world>>) => w.model.all().get(`c1/${w.id}`) ?? []

  test('create, list, use, revoke and delete all go to the port; the state holds none', async () => {
    const w = await world()
    expect(stored(w).map((c) => [c.by_admin, c.creator])).toEqual([
      [true, 'boss'],
      [false, 'zhangsan'],
    ])
    const mine = await w.h.call('mail/authcode/list', { mailbox: w.id }, 'zhangsan')
    expect((mine.auth_code_list as { auth_code_id: string }[]).map((c) => c.auth_code_id)).toEqual([
      w.memberId,
    ])
    expect((await w.h.call('mail/authcode/list', { mailbox: w.id }, 'lisi')).auth_code_list).toEqual([])

    w.h.advance(5_000)
    expect((await w.h.login('sales@corp.com', w.memberCode)).result.errcode).toBe(0)
    expect(stored(w).find((c) => c.auth_code_id === w.memberId)?.last_use_time).toBe(w.h.now())

    // Access lost where access changes: zhangsan leaves the user list.
    await w.h.call('exmail/publicmail/update', { id: w.id, userid_list: { list: ['lisi', 'boss'] } })
    expect(stored(w).find((c) => c.auth_code_id === w.memberId)?.revoked).toBe(true)
    expect((await w.h.login('sales@corp.com', w.memberCode)).result.errcode).not.toBe(0)

    const adminId = stored(w).find((c) => c.by_admin)?.auth_code_id
    expect(
      (await w.h.call('exmail/publicmail/delete_auth_code', { id: w.id, auth_code_id: adminId })).errcode,
    ).toBe(0)
    expect(stored(w).map((c) => c.auth_code_id)).toEqual([w.memberId])
    expect(JSON.stringify(w.h.state)).not.toContain('"auth_code_id"')
  })

  test('a member-created limit and a refused delete are judged on what the port holds', async () => {
    const w = await world()
    for (let i = 1; i < 10; i++) {
      expect((await w.h.call('mail/authcode/create', { mailbox: w.id }, 'zhangsan')).errcode).toBe(0)
    }
    const over = await w.h.call('mail/authcode/create', { mailbox: w.id }, 'zhangsan')
    expect(over.errcode).not.toBe(0)
    const foreign = await w.h.call(
      'mail/authcode/delete',
      { mailbox: w.id, auth_code_id: w.memberId },
      'lisi',
    )
    expect(foreign.errcode).not.toBe(0)
    expect(stored(w).filter((c) => c.creator === 'zhangsan')).toHaveLength(10)
  })

  test('a mailbox purged from the recycle bin takes its passwords with it', async () => {
    const w = await world()
    expect((await w.h.call('exmail/publicmail/delete', { id: w.id })).errcode).toBe(0)
    expect(stored(w)).toHaveLength(2) // restorable for 60 days, passwords and all
    w.h.advance((RECYCLE_DAYS + 1) * DAY)
    expect((await w.h.call('exmail/recycle/list')).errcode).toBe(0)
    expect(w.model.all().has(`c1/${w.id}`)).toBe(false)
  })
})
