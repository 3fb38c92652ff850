// The key-value adapter of the storage port (the mini-program's wx storage, H5 localStorage): the
// state cut into documents (layout.ts), a write saving only the documents it touched under a new
// manifest (engine.ts). One device, one writer: `begin` has nothing to bring in.
import type { KeyValueStorage } from '../../contract'
import { readSaved, STATE_KEY } from '../persistence'
import { NOTHING_REFRESHED, type StatePort } from '../port'
import type { BackendState } from '../state'
import { DocumentStore } from './engine'
import { touchOf, type Touch } from './layout'

/** `storage` undefined: nothing is stored, but writes are still planned (so tests can verify them) */
export function kvPort(storage: KeyValueStorage | undefined): StatePort {
  const docs = new DocumentStore(storage)
  const touches = new Map<string, Touch>()

  async function saveAll(state: BackendState): Promise<void> {
    const plan = docs.plan(state, 'all')
    await docs.write(plan)
    await docs.adopt(plan)
    if (storage) await storage.remove(STATE_KEY)
  }

  /** a full save after loading; the app still runs from memory when it fails (the next write retries) */
  async function saveLoaded(state: BackendState): Promise<void> {
    try {
      await saveAll(state)
    } catch (e) {
      console.error('[mock backend] could not save the initial state', e)
    }
  }

  return {
    async open() {
      if (!storage) return { state: null, recovery: null }
      const outcome = await docs.load()
      if (outcome.kind === 'loaded') {
        if (docs.current === null) await saveLoaded(outcome.state)
        return { state: outcome.state, recovery: outcome.recovery }
      }
      // Nothing in the document layout: a state saved by an older build, or a first start.
      const legacy = outcome.kind === 'empty' ? await readSaved(storage) : outcome
      if (legacy.kind === 'loaded') {
        await saveLoaded(legacy.state)
        return { state: legacy.state, recovery: null }
      }
      return {
        state: null,
        recovery: legacy.kind === 'rejected' ? `${legacy.reason}，已重置为初始数据` : null,
      }
    },
    async replace(state) {
      touches.clear()
      await saveAll(state)
    },
    async begin() {
      touches.clear()
      return NOTHING_REFRESHED
    },
    touch(path) {
      const t = touchOf(path)
      touches.set(touchKey(t), t)
    },
    async commit(state) {
      const plan = docs.plan(state, [...touches.values()])
      touches.clear()
      await docs.write(plan)
      await docs.adopt(plan)
    },
    async abort() {
      touches.clear()
    },
    usage: () => docs.usage(),
    verify: (state) => docs.verify(state),
  }
}

function touchKey(t: Touch): string {
  switch (t.kind) {
    case 'all':
      return 'all'
    case 'corp':
    case 'corpAll':
    case 'storesAll':
      return `${t.kind}\u0000${t.corpid}`
    case 'store':
    case 'storeAll':
      return `${t.kind}\u0000${t.corpid}\u0000${t.storeId}`
    case 'item':
      return `item\u0000${t.col.kind}\u0000${t.col.corpid}\u0000${t.col.storeId ?? ''}\u0000${t.key}`
    case 'colAll':
      return `colAll\u0000${t.col.kind}\u0000${t.col.corpid}\u0000${t.col.storeId ?? ''}`
  }
}
