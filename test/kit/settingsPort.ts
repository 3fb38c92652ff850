// What every adapter of the settings port (src/api/mock/ports/settings.ts) must do, as cases both
// runners share: jest over the in-memory adapter (test/node/core/settingsPort.test.ts) and node:test
// over the SQL adapter (server/test/settingsPort.test.ts). The adapter holds two corps, each with
// stores 's1' and 's2' (the in-memory one keeps the settings on them).
import assert from 'node:assert/strict'
import { DEFAULT_PERSONAL, DEFAULT_SHARED, type SettingsPort } from '../../src/api/mock/ports/settings'
import type { SharedSettings } from '../../src/api/mock/state'

export interface SettingsUnderTest {
  port: SettingsPort
  /** runs fn as one call's transaction (the SQL adapter needs one open) */
  inCall<T>(fn: () => Promise<T>): Promise<T>
}

export const CORPS = ['ca', 'cb'] as const
export const STORES = ['s1', 's2'] as const
const [A, B] = CORPS

export const SALES_SHARED: SharedSettings = {
  signature: '销售部\u0000 张三\n电话 010-1234\uE000',
  rules: [
    {
      conditions: [{ field: 'subject', op: 'contains', value: '发票' }],
      match: 'all',
      actions: [{ type: 'move', folder: '财务' }, { type: 'mark_read' }],
    },
    {
      conditions: [{ field: 'from', op: 'contains', value: '@spam.com' }],
      match: 'any',
      actions: [{ type: 'delete' }],
    },
  ],
  imap: false,
  pop: true,
  version: 7,
}

export const settingsPortCases: Array<[string, (t: SettingsUnderTest) => Promise<void>]> = [
  [
    'a store with nothing saved answers the defaults, shared and personal',
    async ({ port, inCall }) => {
      await inCall(async () => {
        assert.deepEqual(await port.shared(A, 's1'), DEFAULT_SHARED)
        assert.deepEqual(await port.personal(A, 's1', 'alice'), DEFAULT_PERSONAL)
        assert.deepEqual(await port.personalIn(A, 'alice', ['s1', 's2']), {
          s1: DEFAULT_PERSONAL,
          s2: DEFAULT_PERSONAL,
        })
        assert.deepEqual(await port.personalIn(A, 'alice', []), {})
      })
    },
  ],
  [
    'shared settings read back whole (U+0000 in a signature, rules in order), in that store of that corp only',
    async ({ port, inCall }) => {
      await inCall(() => port.putShared(A, 's1', SALES_SHARED))
      await inCall(async () => {
        assert.deepEqual(await port.shared(A, 's1'), SALES_SHARED)
        assert.deepEqual(await port.shared(A, 's2'), DEFAULT_SHARED)
        assert.deepEqual(await port.shared(B, 's1'), DEFAULT_SHARED)
      })
      await inCall(() => port.putShared(A, 's1', { ...SALES_SHARED, rules: [], version: 8 }))
      await inCall(async () =>
        assert.deepEqual(await port.shared(A, 's1'), { ...SALES_SHARED, rules: [], version: 8 }),
      )
    },
  ],
  [
    "a member's own settings are theirs alone, per store",
    async ({ port, inCall }) => {
      await inCall(async () => {
        await port.putPersonal(A, 's1', 'alice', { conversation_mode: false, notify: true })
        await port.putPersonal(A, 's2', 'alice', { conversation_mode: true, notify: false })
      })
      await inCall(async () => {
        assert.deepEqual(await port.personal(A, 's1', 'alice'), { conversation_mode: false, notify: true })
        assert.deepEqual(await port.personal(A, 's1', 'bob'), DEFAULT_PERSONAL)
        assert.deepEqual(await port.personal(B, 's1', 'alice'), DEFAULT_PERSONAL)
        assert.deepEqual(await port.personalIn(A, 'alice', ['s2', 's1']), {
          s1: { conversation_mode: false, notify: true },
          s2: { conversation_mode: true, notify: false },
        })
      })
    },
  ],
  [
    'what a read answers is a copy: changing it changes nothing stored',
    async ({ port, inCall }) => {
      await inCall(() => port.putShared(A, 's1', SALES_SHARED))
      await inCall(async () => {
        const got = await port.shared(A, 's1')
        got.rules[0].conditions[0].value = '改了'
        got.signature = '改了'
        assert.deepEqual(await port.shared(A, 's1'), SALES_SHARED)
      })
    },
  ],
  [
    'a write in a call that fails is undone with it',
    async ({ port, inCall }) => {
      await inCall(() => port.putShared(A, 's1', SALES_SHARED))
      await assert.rejects(
        inCall(async () => {
          await port.putShared(A, 's1', { ...SALES_SHARED, signature: '半途', version: 8 })
          await port.putPersonal(A, 's1', 'alice', { conversation_mode: false, notify: false })
          throw new Error('half-way')
        }),
        /half-way/,
      )
      await inCall(async () => {
        assert.deepEqual(await port.shared(A, 's1'), SALES_SHARED)
        assert.deepEqual(await port.personal(A, 's1', 'alice'), DEFAULT_PERSONAL)
      })
    },
  ],
  [
    "ofCorp answers every store's settings that has any, of that corp only",
    async ({ port, inCall }) => {
      await inCall(async () => {
        await port.putShared(A, 's1', SALES_SHARED)
        await port.putPersonal(A, 's1', 'alice', { conversation_mode: false, notify: true })
        await port.putShared(B, 's1', { ...SALES_SHARED, signature: 'B 的签名' })
      })
      const all = await inCall(() => port.ofCorp(A))
      assert.deepEqual(all.s1, {
        shared: SALES_SHARED,
        personal: { alice: { conversation_mode: false, notify: true } },
      })
      assert.deepEqual(all.s2?.shared ?? DEFAULT_SHARED, DEFAULT_SHARED)
      assert.deepEqual(all.s2?.personal ?? {}, {})
    },
  ],
]

/** handOver, for an adapter whose stores do not carry their settings (the SQL one) */
export const handOverCase: [string, (t: SettingsUnderTest) => Promise<void>] = [
  "handOver: B's settings go, A's arrive under their stores' new ids, A keeps none",
  async ({ port, inCall }) => {
    await inCall(async () => {
      await port.putShared(A, 's1', SALES_SHARED)
      await port.putPersonal(A, 's1', 'alice', { conversation_mode: false, notify: true })
      await port.putShared(A, 's2', { ...SALES_SHARED, signature: '不迁移' })
      await port.putShared(B, 's1', { ...SALES_SHARED, signature: 'B 原来的' })
      await port.putPersonal(B, 's1', 'bob', { conversation_mode: false, notify: false })
    })
    await inCall(() => port.handOver(A, B, new Map([['s1', 's7']])))
    await inCall(async () => {
      assert.deepEqual(await port.shared(B, 's7'), SALES_SHARED)
      assert.deepEqual(await port.personal(B, 's7', 'alice'), { conversation_mode: false, notify: true })
      assert.deepEqual(await port.shared(B, 's1'), DEFAULT_SHARED)
      assert.deepEqual(await port.personal(B, 's1', 'bob'), DEFAULT_PERSONAL)
      assert.deepEqual(await port.ofCorp(A), {})
    })
  },
]
