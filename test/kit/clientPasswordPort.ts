// What every adapter of the client-password port (src/api/mock/ports/clientPasswords.ts) must do,
// as cases both runners share: jest over the in-memory adapter (test/node/core/clientPasswordPort
// .test.ts) and node:test over the SQL adapter (server/test/clientPasswordPort.test.ts). The
// adapter holds two corps, each with business mailboxes 1 and 2 (the in-memory one keeps the codes
// on them). `modelPort` is a plain adapter outside any state, for proving handlers use only the port.
import assert from 'node:assert/strict'
import type { AuthCodePatch, ClientPasswordPort, MailboxCode } from '../../src/api/mock/ports/clientPasswords'
import type { AuthCode } from '../../src/api/mock/state'

export interface PortUnderTest {
  port: ClientPasswordPort
  /** runs fn as one call's transaction (the SQL adapter needs one open) */
  inCall<T>(fn: () => Promise<T>): Promise<T>
}

export const CORPS = ['ca', 'cb'] as const
export const MAILBOXES = [1, 2] as const
const [A, B] = CORPS

let seq = 0
export function code(fields: Partial<AuthCode> = {}): AuthCode {
  seq++
  return {
    auth_code_id: `ac${seq.toString(16).padStart(16, '0')}`,
    hash: `h${seq}`,
    salt: `s${seq}`,
    lookup: 'abcd',
    remark: `办公PC ${seq}`,
    creator: 'alice',
    by_admin: false,
    create_time: 1_000 + seq,
    last_use_time: 0,
    revoked: false,
    ...fields,
  }
}

const ids = (list: ReadonlyArray<Readonly<AuthCode>>) => list.map((c) => c.auth_code_id)
const pairs = (list: MailboxCode[]) => list.map((m) => `${m.mailboxId}:${m.code.auth_code_id}`).sort()

/** two codes of mailbox 1 of corp A, stored in one call */
async function addTwo({ port, inCall }: PortUnderTest): Promise<[AuthCode, AuthCode]> {
  const pair: [AuthCode, AuthCode] = [code(), code()]
  await inCall(async () => {
    for (const c of pair) await port.add(A, 1, c)
  })
  return pair
}

export const clientPasswordPortCases: Array<[string, (t: PortUnderTest) => Promise<void>]> = [
  [
    "a mailbox lists its own codes, oldest first, and no other mailbox's or corp's",
    async ({ port, inCall }) => {
      const late = code({ create_time: 9_000 })
      const early = code({ create_time: 2_000 })
      const other = code()
      await inCall(async () => {
        await port.add(A, 1, late)
        await port.add(A, 1, early)
        await port.add(A, 2, other)
      })
      await inCall(async () => {
        assert.deepEqual(await port.list(A, 1), [early, late])
        assert.deepEqual(ids(await port.list(A, 2)), [other.auth_code_id])
        assert.deepEqual(await port.list(B, 1), [])
      })
    },
  ],
  [
    'every field and character survives (U+0000 in a remark, an old code without a lookup)',
    async ({ port, inCall }) => {
      const odd = code({
        remark: '前台\u0000电脑\uE000',
        creator: 'a\uE001b',
        by_admin: true,
        lookup: undefined,
      })
      delete odd.lookup
      await inCall(() => port.add(A, 1, odd))
      await inCall(async () => assert.deepEqual(await port.list(A, 1), [odd]))
    },
  ],
  [
    'update changes only the fields it names, of only that code',
    async ({ port, inCall }) => {
      const [one, two] = await addTwo({ port, inCall })
      const patch: AuthCodePatch = { last_use_time: 77_000, lookup: 'ffff', revoked: true }
      await inCall(() => port.update(A, 1, one.auth_code_id, patch))
      await inCall(async () => assert.deepEqual(await port.list(A, 1), [{ ...one, ...patch }, two]))
    },
  ],
  [
    'remove drops one code; an unknown id changes nothing',
    async ({ port, inCall }) => {
      const [one, two] = await addTwo({ port, inCall })
      await inCall(async () => {
        await port.remove(A, 1, one.auth_code_id)
        await port.remove(A, 1, 'ac-unknown')
      })
      await inCall(async () => assert.deepEqual(ids(await port.list(A, 1)), [two.auth_code_id]))
    },
  ],
  [
    'find answers one code by id, revoked too; candidates only live codes sharing the prefix or predating it',
    async ({ port, inCall }) => {
      const hit = code({ lookup: 'aaaa' })
      const other = code({ lookup: 'bbbb' })
      const old = code()
      delete old.lookup
      const dead = code({ lookup: 'aaaa', revoked: true })
      await inCall(async () => {
        for (const c of [hit, other, old, dead]) await port.add(A, 1, c)
      })
      await inCall(async () => {
        assert.deepEqual(await port.find(A, 1, dead.auth_code_id), dead)
        assert.equal(await port.find(A, 2, dead.auth_code_id), undefined)
        assert.equal(await port.find(A, 1, 'ac-unknown'), undefined)
        assert.deepEqual(ids(await port.candidates(A, 1, 'aaaa')), [hit.auth_code_id, old.auth_code_id])
        assert.deepEqual(ids(await port.candidates(A, 1, 'cccc')), [old.auth_code_id])
        assert.deepEqual(await port.candidates(B, 1, 'aaaa'), [])
      })
    },
  ],
  [
    "memberCodes: the corp's live member-created codes, never an admin's or a revoked one",
    async ({ port, inCall }) => {
      const mine = code({ creator: 'alice' })
      const theirs = code({ creator: 'bob' })
      const admin = code({ creator: 'boss', by_admin: true })
      const dead = code({ revoked: true })
      const elsewhere = code()
      await inCall(async () => {
        await port.add(A, 1, mine)
        await port.add(A, 2, theirs)
        await port.add(A, 1, admin)
        await port.add(A, 2, dead)
        await port.add(B, 1, elsewhere)
      })
      await inCall(async () => {
        assert.deepEqual(
          pairs(await port.memberCodes(A)),
          [`1:${mine.auth_code_id}`, `2:${theirs.auth_code_id}`].sort(),
        )
        const found = (await port.memberCodes(A)).find((m) => m.code.auth_code_id === mine.auth_code_id)
        assert.deepEqual(found?.code, mine)
      })
    },
  ],
  [
    'a write undone with its call leaves nothing behind',
    async ({ port, inCall }) => {
      const kept = code()
      await inCall(() => port.add(A, 1, kept))
      await assert.rejects(
        inCall(async () => {
          await port.add(A, 1, code())
          await port.update(A, 1, kept.auth_code_id, { revoked: true })
          throw new Error('the handler failed half-way')
        }),
        /half-way/,
      )
      await inCall(async () => assert.deepEqual(await port.list(A, 1), [kept]))
    },
  ],
]

/** A plain adapter outside any state: handlers that reach the codes some other way find none. */
export function modelPort(): ClientPasswordPort & { all(): Map<string, AuthCode[]> } {
  const codes = new Map<string, AuthCode[]>()
  const at = (corpid: string, id: number) => {
    const k = `${corpid}/${id}`
    if (!codes.has(k)) codes.set(k, [])
    return codes.get(k) as AuthCode[]
  }
  return {
    all: () => codes,
    list: async (corpid, id) =>
      [...at(corpid, id)].sort((a, b) => a.create_time - b.create_time).map((c) => ({ ...c })),
    find: async (corpid, id, authCodeId) => {
      const c = at(corpid, id).find((x) => x.auth_code_id === authCodeId)
      return c && { ...c }
    },
    candidates: async (corpid, id, lookup) =>
      at(corpid, id)
        .filter((x) => !x.revoked && (x.lookup === undefined || x.lookup === lookup))
        .sort((a, b) => a.create_time - b.create_time)
        .map((c) => ({ ...c })),
    add: async (corpid, id, c) => void at(corpid, id).push({ ...c }),
    update: async (corpid, id, authCodeId, patch) => {
      const c = at(corpid, id).find((x) => x.auth_code_id === authCodeId)
      if (!c) throw new Error(`no code ${authCodeId}`)
      Object.assign(c, patch)
    },
    remove: async (corpid, id, authCodeId) => {
      const list = at(corpid, id)
      const i = list.findIndex((x) => x.auth_code_id === authCodeId)
      if (i >= 0) list.splice(i, 1)
    },
    memberCodes: async (corpid) => {
      const out: MailboxCode[] = []
      for (const [k, list] of codes) {
        const [c, id] = k.split('/')
        if (c !== corpid) continue
        for (const x of list)
          if (!x.by_admin && !x.revoked) out.push({ mailboxId: Number(id), code: { ...x } })
      }
      return out
    },
    forget: async (corpid, ids) => {
      for (const id of ids) codes.delete(`${corpid}/${id}`)
    },
    handOver: async (from, to) => {
      for (const k of [...codes.keys()]) if (k.startsWith(`${to}/`)) codes.delete(k)
      for (const [k, list] of [...codes]) {
        if (!k.startsWith(`${from}/`)) continue
        codes.delete(k)
        codes.set(`${to}/${k.slice(from.length + 1)}`, list)
      }
    },
  }
}
