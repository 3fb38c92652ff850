// The backend's dispatcher on a state the test holds, through the core's write path: writes are
// tracked and the derived lookups follow them (src/api/mock/derived.ts), as inside
// createMockBackend. Writes stand whatever the answer (the test inspects what a call left).
import { noteWrite } from '../../src/api/mock/derived'
import { createDispatcher, type Dispatch } from '../../src/api/mock/dispatch'
import type { MockEnv } from '../../src/api/mock/env'
import type { BackendState } from '../../src/api/mock/state'
import { Tracker } from '../../src/api/mock/tx'

export function trackedDispatch(env: MockEnv): Dispatch {
  const dispatch = createDispatcher(env)
  const tracked = new WeakMap<BackendState, { tracker: Tracker; root: BackendState }>()
  return (state, api, body, ctx) => {
    let t = tracked.get(state)
    if (!t) {
      const tracker = new Tracker()
      t = { tracker, root: tracker.track(state) }
      tracked.set(state, t)
    }
    t.tracker.begin((path) => noteWrite(state, path))
    try {
      return dispatch(t.root, api, body, ctx)
    } finally {
      t.tracker.end()
    }
  }
}
