// Test helpers for states held by the core over a port: a port that lets the test see the state
// object the core commits (and what each begin brought in), and the first place two states differ.
import { isDeepStrictEqual } from 'node:util'
import type { StatePort } from '../../src/api/mock'
import type { Refreshed } from '../../src/api/mock/port'
import type { BackendState } from '../../src/api/mock/state'

export function observed(port: StatePort): {
  port: StatePort
  refreshes: Refreshed[]
  live: () => BackendState
} {
  let live: BackendState | null = null
  const refreshes: Refreshed[] = []
  const wrapped: StatePort = {
    ...port,
    open: () => port.open(),
    replace: (s) => ((live = s), port.replace(s)),
    begin: async (s) => {
      live = s
      const r = await port.begin(s)
      refreshes.push(r)
      return r
    },
    touch: (p) => port.touch(p),
    commit: (s) => ((live = s), port.commit(s)),
    abort: () => port.abort(),
    usage: () => port.usage(),
  }
  return {
    port: wrapped,
    refreshes,
    live: () => {
      if (!live) throw new Error('no call yet')
      return live
    },
  }
}

/** null when equal; else the path of the first difference (collections compared in order too) */
export function firstDifference(a: unknown, b: unknown, path = ''): string | null {
  if (isDeepStrictEqual(a, b)) return null
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a)
    const kb = Object.keys(b)
    if (ka.join() !== kb.join() && ka.length === kb.length && ka.every((k) => kb.includes(k)))
      return `${path}: keys in another order`
    for (const k of new Set([...ka, ...kb])) {
      const d = firstDifference(
        (a as Record<string, unknown>)[k],
        (b as Record<string, unknown>)[k],
        `${path}.${k}`,
      )
      if (d) return d
    }
  }
  return `${path}: ${JSON.stringify(a)?.slice(0, 160)} ≠ ${JSON.stringify(b)?.slice(0, 160)}`
}
