// The backend's dispatcher on a state the test holds, through the core's write path: writes are
// tracked and the derived lookups follow them (src/api/mock/derived.ts), as inside
// createMockBackend. Writes stand whatever the answer (the test inspects what a call left).
import { noteWrite } from '../../src/api/mock/derived'
import { createDispatcher, type Dispatch } from '../../src/api/mock/dispatch'
import type { MockEnv } from '../../src/api/mock/env'
import type { BackendState } from '../../src/api/mock/state'
import { Tracker } from '../../src/api/mock/tx'

interface Tracked {
  tracker: Tracker
  root: BackendState
  /** calls on one state run one at a time, as the backend runs them (a handler may await) */
  queue: Promise<unknown>
}

export function trackedDispatch(env: MockEnv): Dispatch {
  const dispatch = createDispatcher(env)
  const tracked = new WeakMap<BackendState, Tracked>()
  return (state, api, body, ctx) => {
    let t = tracked.get(state)
    if (!t) {
      const tracker = new Tracker()
      t = { tracker, root: tracker.track(state), queue: Promise.resolve() }
      tracked.set(state, t)
    }
    const { tracker, root } = t
    const run = t.queue.then(async () => {
      tracker.begin((path) => noteWrite(state, path))
      try {
        return await dispatch(root, api, body, ctx)
      } finally {
        tracker.end()
      }
    })
    t.queue = run.catch(() => undefined)
    return run
  }
}
