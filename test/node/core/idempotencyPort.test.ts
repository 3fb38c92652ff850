// The in-memory adapter of the idempotency port against the cases every adapter shares.
import { CORPS, idempotencyPortCases, idempotencyPortProperty } from '../../kit/idempotencyPort'
import { memoryIdempotency } from '../../../src/api/mock/ports/idempotency'
import type { BackendState, CorpState } from '../../../src/api/mock/state'

const emptyState = (): BackendState => ({
  schema: 1,
  corps: Object.fromEntries(CORPS.map((c) => [c, { corpid: c, idempotency: {} } as unknown as CorpState])),
})

describe('the idempotency port, in memory', () => {
  test.each(idempotencyPortCases)('%s', async (_name, run) => {
    const state = emptyState()
    await run({ port: memoryIdempotency(() => state), inCall: (fn) => fn() })
  })

  test('any sequence of writes leaves what a plain model holds', async () => {
    await idempotencyPortProperty(async () => {
      const state = emptyState()
      return { port: memoryIdempotency(() => state), inCall: (fn) => fn() }
    }, 300)
  })

  test("its records are the state's own: written into the corp, saved with it", async () => {
    const state = emptyState()
    const port = memoryIdempotency(() => state)
    await port.put('ca', 'k', { digest: 'd', result: { errcode: 0 }, time: 1 })
    expect(state.corps.ca.idempotency).toEqual({ k: { digest: 'd', result: { errcode: 0 }, time: 1 } })
  })
})
