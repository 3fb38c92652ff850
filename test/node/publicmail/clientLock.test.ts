// Client-specific passwords under attack (product spec 3.7): the lock after 10 failures in 15
// minutes, one answer for every refusal, the member's limit of 10 live passwords, and a login that
// hashes only the codes sharing the guess's lookup prefix.
import fc from 'fast-check'
import { createMockBackend } from '../../../src/api/mock/index'
import { mapStorage } from '../../kit/mail'
import { LOOKUP_HEX, lookupOf } from '../../../src/api/mock/publicmail/authCodes'
import {
  CLIENT_LOGIN_REFUSED_MESSAGE,
  LOCK_FAILURES,
  LOCK_MS,
  LOCK_WINDOW_MS,
  MAX_LIVE_MEMBER_CODES,
} from '../../../src/policy/clientLock'
import { ErrCode } from '../../../src/policy/codes'
import * as sha from '../../../src/policy/sha256'
import { setup } from './harness'

const MINUTE = 60_000
const EMAIL = 'sales@corp.com'

async function mailbox() {
  const h = setup({ members: ['zhangsan', 'lisi'] })
  const id = await h.create('sales', { userid_list: { list: ['zhangsan', 'lisi'] } })
  const r = await h.call('exmail/publicmail/update', { id, create_auth_code: 1 })
  return { h, id, mb: h.corp.publicmails[id], code: r.auth_code as string }
}

const wrongGuess = (i: number) => `wrong${String(i).padStart(11, '0')}`
const lockedUntil = async (h: ReturnType<typeof setup>, id: number) =>
  (await h.call('exmail/publicmail/get_auth_code_list', { id })).login_locked_until as number

describe('lock after repeated failures', () => {
  test('20,000 wrong passwords in a row, then the right one: refused, exactly like a wrong one', async () => {
    const { h, code } = await mailbox()
    let refusedWrong = null
    for (let i = 0; i < 20_000; i++) {
      const r = (await h.login(EMAIL, wrongGuess(i))).result
      expect(r.errcode).toBe(ErrCode.CLIENT_LOGIN_REFUSED)
      refusedWrong = r
      if (i % 1000 === 0) h.advance(1000)
    }
    const right = (await h.login(EMAIL, code)).result
    expect(right).toEqual(refusedWrong)
    expect(right).toEqual({ errcode: ErrCode.CLIENT_LOGIN_REFUSED, errmsg: CLIENT_LOGIN_REFUSED_MESSAGE })
  }, 30_000)

  test('the 10th failure within 15 minutes locks for 15 minutes, right password or not', async () => {
    const { h, id, code } = await mailbox()
    for (let i = 0; i < LOCK_FAILURES - 1; i++) {
      await h.login(EMAIL, wrongGuess(i))
      h.advance(MINUTE)
    }
    expect(await lockedUntil(h, id)).toBe(0)
    expect((await h.login(EMAIL, code)).result.errcode).toBe(0) // nine failures: still open
    await h.login(EMAIL, wrongGuess(99)) // the tenth
    const lockedAt = h.now()
    expect(await lockedUntil(h, id)).toBe(Math.ceil((lockedAt + LOCK_MS) / 1000))
    for (const p of ['imap', 'pop', 'smtp'] as const) {
      expect((await h.login(EMAIL, code, p)).result.errmsg).toBe(CLIENT_LOGIN_REFUSED_MESSAGE)
    }
    h.advance(LOCK_MS - 1)
    expect((await h.login(EMAIL, code)).result.errcode).toBe(ErrCode.CLIENT_LOGIN_REFUSED)
    expect((await h.login(EMAIL, wrongGuess(100))).result.errcode).toBe(ErrCode.CLIENT_LOGIN_REFUSED)
    h.advance(1)
    expect(await lockedUntil(h, id)).toBe(0)
    expect((await h.login(EMAIL, code)).result.errcode).toBe(0)
  })

  test('failures older than 15 minutes are forgotten; a success does not reset the count', async () => {
    const { h, id, code } = await mailbox()
    for (let i = 0; i < LOCK_FAILURES - 1; i++) await h.login(EMAIL, wrongGuess(i))
    h.advance(LOCK_WINDOW_MS)
    await h.login(EMAIL, wrongGuess(50))
    expect(await lockedUntil(h, id)).toBe(0)
    // 9 recent ones now (the 1 + 8 more), a correct login in between changes nothing
    for (let i = 0; i < LOCK_FAILURES - 2; i++) await h.login(EMAIL, wrongGuess(60 + i))
    expect((await h.login(EMAIL, code)).result.errcode).toBe(0)
    await h.login(EMAIL, wrongGuess(70))
    expect(await lockedUntil(h, id)).toBeGreaterThan(0)
  })

  test('a lock is per mailbox: another mailbox keeps working', async () => {
    const { h, code } = await mailbox()
    const other = await h.create('pr', { userid_list: { list: ['zhangsan'] } })
    const otherCode = (await h.call('exmail/publicmail/update', { id: other, create_auth_code: 1 }))
      .auth_code as string
    for (let i = 0; i < LOCK_FAILURES; i++) await h.login(EMAIL, wrongGuess(i))
    expect((await h.login(EMAIL, code)).result.errcode).toBe(ErrCode.CLIENT_LOGIN_REFUSED)
    expect((await h.login('pr@corp.com', otherCode)).result.errcode).toBe(0)
  })

  test('a failure is reported as a change (persisted); an unknown address changes nothing', async () => {
    const { h } = await mailbox()
    expect((await h.login(EMAIL, wrongGuess(1))).changedCorp).toBe('c1')
    expect((await h.login('nobody@corp.com', wrongGuess(1))).changedCorp).toBeNull()
  })

  test('failures and the lock survive a restart (they live in the saved corp state)', async () => {
    const storage = mapStorage()
    let t = Date.UTC(2025, 2, 3, 9, 0)
    const corps = [
      {
        corpid: 'c1',
        name: '测试企业',
        creator: 'boss',
        edition: 'basic' as const,
        domain: { name: 'corp.com', kind: 'custom' as const },
      },
    ]
    const boss = { corpid: 'c1', userid: 'boss' }
    const first = createMockBackend({ corps, storage, now: () => t })
    const { id } = await first.call(
      'exmail/publicmail/create',
      { email: EMAIL, name: '销售', userid_list: { list: ['boss'] } },
      boss,
    )
    const { auth_code } = await first.call('exmail/publicmail/update', { id, create_auth_code: 1 }, boss)
    for (let i = 0; i < LOCK_FAILURES - 1; i++) await first.clientLogin(EMAIL, wrongGuess(i), 'imap')
    await first.settle()
    // a second backend over the same storage (an app restart) sees the nine failures
    const second = createMockBackend({ corps, storage, now: () => t })
    await second.clientLogin(EMAIL, wrongGuess(9), 'imap')
    t += MINUTE
    expect((await second.clientLogin(EMAIL, auth_code as string, 'imap')).errcode).toBe(
      ErrCode.CLIENT_LOGIN_REFUSED,
    )
    await second.settle()
    const third = createMockBackend({ corps, storage, now: () => t })
    const list = await third.call('exmail/publicmail/get_auth_code_list', { id }, boss)
    expect(list.login_locked_until).toBe(Math.ceil((t - MINUTE + LOCK_MS) / 1000))
    t += LOCK_MS
    expect((await third.clientLogin(EMAIL, auth_code as string, 'imap')).errcode).toBe(0)
    expect((await third.call('exmail/publicmail/get_auth_code_list', { id }, boss)).login_locked_until).toBe(
      0,
    )
  })
})

describe('one answer for every refusal', () => {
  test('a disabled mailbox answers a right password exactly as a wrong one', async () => {
    const { h, id, code } = await mailbox()
    await h.call('exmail/account/act_email', { publicemail_id: id, type: 2 })
    const right = (await h.login(EMAIL, code)).result
    const wrong = (await h.login(EMAIL, wrongGuess(1))).result
    expect(right).toEqual(wrong)
    expect(right.errmsg).not.toContain('停用了') // nothing specific to this mailbox
    expect(right.errmsg).not.toContain(EMAIL)
  })

  test('service off answers the same too; a right password there does not count as a failure', async () => {
    const { h, id, mb, code } = await mailbox()
    const shared = h.corp.stores[mb.storeId].shared
    shared.imap = false
    shared.pop = false
    for (let i = 0; i < 20; i++) {
      expect((await h.login(EMAIL, code, 'imap')).result).toEqual(
        (await h.login('nobody@corp.com', code)).result,
      )
    }
    expect(await lockedUntil(h, id)).toBe(0)
  })
})

describe('a member keeps at most 10 live passwords per mailbox', () => {
  test(`${MAX_LIVE_MEMBER_CODES} accepted, the next refused with 690006 and a member-specific reason`, async () => {
    const { h, mb } = await mailbox()
    for (let i = 0; i < MAX_LIVE_MEMBER_CODES; i++) {
      expect((await h.createCode(mb, { creator: 'zhangsan', byAdmin: false })).ok).toBe(true)
    }
    const over = await h.createCode(mb, { creator: 'zhangsan', byAdmin: false })
    expect(over).toMatchObject({ ok: false, errcode: ErrCode.TOO_MANY_AUTH_CODES })
    expect(!over.ok && over.errmsg).toContain('每人最多 10 个')
    // someone else's, and the admin's, are counted apart
    expect((await h.createCode(mb, { creator: 'lisi', byAdmin: false })).ok).toBe(true)
    expect((await h.createCode(mb, { creator: 'boss', byAdmin: true })).ok).toBe(true)
    // a deleted one frees a place
    const own = mb.authCodes.find((c) => c.creator === 'zhangsan')!
    mb.authCodes.splice(mb.authCodes.indexOf(own), 1)
    expect((await h.createCode(mb, { creator: 'zhangsan', byAdmin: false })).ok).toBe(true)
  })

  test('through the API: the 11th mail/authcode/create is refused and nothing is added', async () => {
    const b = createMockBackend({
      corps: [
        {
          corpid: 'c1',
          name: '企业',
          creator: 'boss',
          edition: 'basic',
          domain: { name: 'corp.com', kind: 'custom' },
        },
      ],
    })
    const boss = { corpid: 'c1', userid: 'boss' }
    const { id } = await b.call(
      'exmail/publicmail/create',
      { email: EMAIL, name: '销售', userid_list: { list: ['boss'] } },
      boss,
    )
    for (let i = 0; i < MAX_LIVE_MEMBER_CODES; i++) {
      expect((await b.call('mail/authcode/create', { mailbox: id }, boss)).errcode).toBe(0)
    }
    const over = await b.call('mail/authcode/create', { mailbox: id }, boss)
    expect(over.errcode).toBe(ErrCode.TOO_MANY_AUTH_CODES)
    expect(over.errmsg).toContain('每人最多')
    expect((await b.call('mail/authcode/list', { mailbox: id }, boss)).auth_code_list).toHaveLength(10)
  })
})

describe('a login hashes only the codes sharing the lookup prefix', () => {
  async function manyCodes(n: number) {
    const { h, mb, code } = await mailbox()
    for (let i = 0; i < n; i++) {
      const userid = `m${Math.floor(i / MAX_LIVE_MEMBER_CODES)}`
      if (!h.corp.users[userid]) {
        h.corp.users[userid] = { ...h.corp.users.zhangsan, userid, storeId: null }
        mb.userid_list.push(userid)
      }
      await h.createCode(mb, { creator: userid, byAdmin: false })
    }
    await h.directoryChanged()
    return { h, mb, code }
  }

  test('with 1,000 live codes a wrong guess costs a couple of hashes, not 1,000', async () => {
    const { h, mb, code } = await manyCodes(1000)
    expect(mb.authCodes.filter((c) => !c.revoked)).toHaveLength(1001)
    const spy = jest.spyOn(sha, 'sha256Hex')
    try {
      const guesses = LOCK_FAILURES - 1 // stay below the lock: every guess is looked at
      for (let i = 0; i < guesses; i++) await h.login(EMAIL, wrongGuess(i))
      // one lookup hash per guess, plus a salted hash for the rare code sharing 16 bits
      expect(spy.mock.calls.length).toBeGreaterThanOrEqual(guesses)
      expect(spy.mock.calls.length).toBeLessThan(guesses * 3)
      spy.mockClear()
      expect((await h.login(EMAIL, code)).result.errcode).toBe(0)
      expect(spy.mock.calls.length).toBeLessThan(5)
    } finally {
      spy.mockRestore()
    }
  })

  test('the stored lookup is a short unsalted prefix; a code saved without one still works and gets one', async () => {
    const { h, mb, code } = await mailbox()
    const stored = mb.authCodes[0]
    expect(stored.lookup).toBe(lookupOf(code))
    expect(stored.lookup).toHaveLength(LOOKUP_HEX)
    delete stored.lookup // as saved before lookups existed
    expect((await h.login(EMAIL, code)).result.errcode).toBe(0)
    expect(stored.lookup).toBe(lookupOf(code))
  })
})

describe('property: after any sequence of creates, deletes, logins and waits', () => {
  type Op =
    | { kind: 'create' }
    | { kind: 'delete'; pick: number }
    | { kind: 'login'; use: 'live' | 'deleted' | 'wrong'; pick: number }
    | { kind: 'wait'; ms: number }
  const op: fc.Arbitrary<Op> = fc.oneof(
    { weight: 1, arbitrary: fc.constant({ kind: 'create' as const }) },
    { weight: 1, arbitrary: fc.nat(20).map((pick) => ({ kind: 'delete' as const, pick })) },
    {
      weight: 6,
      arbitrary: fc.record({
        kind: fc.constant('login' as const),
        use: fc.constantFrom('live' as const, 'deleted' as const, 'wrong' as const),
        pick: fc.nat(20),
      }),
    },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom(1000, MINUTE, 5 * MINUTE, LOCK_WINDOW_MS - 1, LOCK_MS)
        .map((ms) => ({ kind: 'wait' as const, ms })),
    },
  )

  test('a deleted or wrong code never logs in, and 10 evaluated failures within 15 minutes always lock', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 120 }), async (ops) => {
        const h = setup({ members: ['zhangsan'] })
        const id = await h.create('sales', { userid_list: { list: ['zhangsan'] } })
        const live = new Map<string, string>() // auth_code_id -> secret
        const deleted: string[] = []
        /** times of wrong attempts the backend evaluated (not refused by a lock) */
        const evaluated: number[] = []
        let guess = 0
        for (const o of ops) {
          if (o.kind === 'wait') h.advance(o.ms)
          else if (o.kind === 'create') {
            const r = await h.call('exmail/publicmail/update', { id, create_auth_code: 1 })
            if (r.errcode === 0) live.set(r.auth_code_id as string, r.auth_code as string)
          } else if (o.kind === 'delete') {
            const ids = [...live.keys()]
            if (!ids.length) continue
            const victim = ids[o.pick % ids.length]
            expect(
              (await h.call('exmail/publicmail/delete_auth_code', { id, auth_code_id: victim })).errcode,
            ).toBe(0)
            deleted.push(live.get(victim)!)
            live.delete(victim)
          } else {
            const pool = o.use === 'live' ? [...live.values()] : o.use === 'deleted' ? deleted : []
            const secret = pool.length ? pool[o.pick % pool.length] : wrongGuess(guess++)
            const isLive = [...live.values()].includes(secret)
            const now = h.now()
            const recent = evaluated.filter((t) => t > now - LOCK_WINDOW_MS)
            const wasLocked = (await lockedUntil(h, id)) > 0
            const r = (await h.login(EMAIL, secret)).result
            if (!isLive) expect(r.errcode).toBe(ErrCode.CLIENT_LOGIN_REFUSED)
            if (r.errcode !== 0) expect(r.errmsg).toBe(CLIENT_LOGIN_REFUSED_MESSAGE)
            // ten failures the backend looked at within the window: it must be locked now
            if (recent.length >= LOCK_FAILURES) {
              expect(wasLocked).toBe(true)
              expect(r.errcode).toBe(ErrCode.CLIENT_LOGIN_REFUSED)
            }
            if (!isLive && !wasLocked) evaluated.push(now)
            if (isLive && !wasLocked) expect(r.errcode).toBe(0)
          }
        }
      }),
    )
  })
})
