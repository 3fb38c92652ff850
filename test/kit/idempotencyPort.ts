// What every adapter of the idempotency port (src/api/mock/ports/idempotency.ts) must do, as cases
// both runners share: jest over the in-memory adapter (test/node/core/idempotencyPort.test.ts) and
// node:test over the SQL adapter (server/test/idempotencyPort.test.ts).
import assert from 'node:assert/strict'
import fc from 'fast-check'
import type { IdempotencyPort } from '../../src/api/mock/ports/idempotency'
import type { IdempotencyRecord } from '../../src/api/mock/state'

export interface PortUnderTest {
  port: IdempotencyPort
  /** runs fn as one call's transaction (the SQL adapter needs one open) */
  inCall<T>(fn: () => Promise<T>): Promise<T>
}

/** two corps the adapter holds (the in-memory one keeps records inside its corps) */
export const CORPS = ['ca', 'cb'] as const
const [A, B] = CORPS

const key = (userid: string, api: string, raw: string) => `${userid}\u0000${api}\u0000${raw}`
const record = (time: number, result: Record<string, unknown> = { errcode: 0, errmsg: 'ok' }) =>
  ({ digest: `d${time}`, result, time }) as IdempotencyRecord
const keysOf = (list: Array<[string, IdempotencyRecord]>) => list.map(([k]) => k)

export const idempotencyPortCases: Array<[string, (t: PortUnderTest) => Promise<void>]> = [
  [
    'a record is found under its corp and key, and nowhere else',
    async ({ port, inCall }) => {
      const k = key('alice', 'mail/message/send', 'k1')
      const r = record(100, { errcode: 0, errmsg: 'ok', mail_id: 'm7' })
      await inCall(() => port.put(A, k, r))
      await inCall(async () => {
        assert.deepEqual(await port.get(A, k), r)
        assert.equal(await port.get(B, k), undefined)
        assert.equal(await port.get(A, key('alice', 'mail/message/send', 'k2')), undefined)
        assert.equal(await port.get(A, key('bob', 'mail/message/send', 'k1')), undefined)
      })
    },
  ],
  [
    'keys and results keep every character (U+0000, U+E000)',
    async ({ port, inCall }) => {
      const k = key('a\uE000b', 'exmail/publicmail/create', 'x\u0000y\uE001')
      const r = record(5, {
        errcode: 0,
        errmsg: 'ok',
        name: '甲\u0000乙\uE000丙',
        nested: { 'k\u0000': ['\uE002'] },
      })
      await inCall(() => port.put(A, k, r))
      await inCall(async () => {
        assert.deepEqual(await port.get(A, k), r)
        assert.deepEqual(keysOf(await port.list(A)), [k])
      })
    },
  ],
  [
    'a second put under a key replaces the first',
    async ({ port, inCall }) => {
      const k = key('alice', 'mail/message/send', 'again')
      await inCall(async () => {
        await port.put(A, k, record(1))
        await port.put(A, k, record(2, { errcode: 0, errmsg: 'ok', mail_id: 'm2' }))
      })
      await inCall(async () => {
        assert.deepEqual(await port.get(A, k), record(2, { errcode: 0, errmsg: 'ok', mail_id: 'm2' }))
        assert.equal((await port.list(A)).length, 1)
      })
    },
  ],
  [
    "list answers a corp's records in the order written; drop removes only the keys named",
    async ({ port, inCall }) => {
      const [k1, k2, k3] = ['1', '2', '3'].map((n) => key('alice', 'mail/message/send', n))
      await inCall(async () => {
        for (const [i, k] of [k1, k2, k3].entries()) await port.put(A, k, record(i))
        await port.put(B, k1, record(9))
      })
      await inCall(async () => {
        assert.deepEqual(keysOf(await port.list(A)), [k1, k2, k3])
        await port.drop(A, [])
        await port.drop(A, [k1, k3, key('nobody', 'mail/message/send', 'missing')])
      })
      await inCall(async () => {
        assert.deepEqual(keysOf(await port.list(A)), [k2])
        assert.deepEqual(await port.list(B), [[k1, record(9)]])
      })
    },
  ],
  [
    'expire drops what was answered at or before the cutoff, in every corp, and counts it',
    async ({ port, inCall }) => {
      const k1 = key('alice', 'mail/message/send', 'old')
      const k2 = key('alice', 'mail/message/send', 'new')
      await inCall(async () => {
        await port.put(A, k1, record(100))
        await port.put(A, k2, record(200))
        await port.put(B, k1, record(150))
      })
      assert.equal(await inCall(() => port.expire(150)), 2)
      await inCall(async () => {
        assert.deepEqual(keysOf(await port.list(A)), [k2])
        assert.deepEqual(await port.list(B), [])
      })
      assert.equal(await inCall(() => port.expire(150)), 0)
    },
  ],
]

type Op =
  | { k: 'put'; corp: number; key: number; time: number }
  | { k: 'drop'; corp: number; keys: number[] }
  | { k: 'expire'; cutoff: number }

const opArb = fc.oneof(
  fc.record({
    k: fc.constant('put' as const),
    corp: fc.integer({ min: 0, max: 1 }),
    key: fc.integer({ min: 0, max: 5 }),
    time: fc.integer({ min: 0, max: 20 }),
  }),
  fc.record({
    k: fc.constant('drop' as const),
    corp: fc.integer({ min: 0, max: 1 }),
    keys: fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 3 }),
  }),
  fc.record({ k: fc.constant('expire' as const), cutoff: fc.integer({ min: 0, max: 20 }) }),
)

/**
 * Any sequence of writes leaves the adapter holding what a plain model (a Map per corp, in the
 * order first written) holds, and expire counts what the model drops. `fresh` empties the adapter.
 */
export function idempotencyPortProperty(fresh: () => Promise<PortUnderTest>, numRuns: number) {
  // Real keys join their parts with U+0000: never an integer-like key, which objects would reorder.
  const keyOf = (n: number) => key(`u${n % 3}`, 'mail/message/send', String(n))
  return fc.assert(
    fc.asyncProperty(fc.array(opArb, { maxLength: 12 }), async (ops: Op[]) => {
      const { port, inCall } = await fresh()
      const model = CORPS.map(() => new Map<string, IdempotencyRecord>())
      for (const op of ops) {
        if (op.k === 'put') {
          const r = record(op.time)
          model[op.corp].set(keyOf(op.key), r)
          await inCall(() => port.put(CORPS[op.corp], keyOf(op.key), r))
        } else if (op.k === 'drop') {
          for (const n of op.keys) model[op.corp].delete(keyOf(n))
          await inCall(() => port.drop(CORPS[op.corp], op.keys.map(keyOf)))
        } else {
          let gone = 0
          for (const m of model)
            for (const [k, r] of m)
              if (r.time <= op.cutoff) {
                m.delete(k)
                gone++
              }
          assert.equal(await inCall(() => port.expire(op.cutoff)), gone)
        }
      }
      for (const [i, corp] of CORPS.entries()) {
        assert.deepEqual(await inCall(() => port.list(corp)), [...model[i]])
        for (const n of [0, 1, 2, 3, 4, 5])
          assert.deepEqual(await inCall(() => port.get(corp, keyOf(n))), model[i].get(keyOf(n)))
      }
    }),
    { numRuns },
  )
}
