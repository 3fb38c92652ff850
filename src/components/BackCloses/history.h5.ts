// H5's answer to "back closes the sheet": one extra history entry (same URL, a marker in its state)
// per page (known by its URL) while any of its sheets is mounted. A back with a sheet open lands on
// the page's own entry: we close the sheet. Closed another way, the entry goes again (history.back).
// Taro's router never sees these pops: popstate listeners run in the order they were added, ours is
// added as this module loads — app.tsx imports it (./listen) before Taro's entry creates the router's
// history — and stops the event, so the page neither unloads nor re-mounts.
export const MARK = '__bizmailSheet'

interface Group {
  /** the page's URL (Taro's hash route and query) */
  page: string
  token: number
  /** mounted sheets, the newest last: a back closes that one */
  backs: Array<() => void>
  /** whether the page's marker entry is in the history */
  pushed: boolean
}

interface Shared {
  groups: Group[]
  tokens: number
  /** pops we caused ourselves (history.back / forward) whose popstate nobody else may see */
  own: number
}

// One state for the app even when the bundler copies this module into several page chunks.
const KEY = '__bizmailBackCloses'
const host = window as unknown as Record<string, Shared | undefined>
const fresh = !host[KEY]
const shared: Shared = host[KEY] ?? (host[KEY] = { groups: [], tokens: 0, own: 0 })
const { groups } = shared

// At a popstate the URL is already the one gone back to: a back from the sheet's entry lands on the
// page's own URL, a back from a page above on the sheet's entry (its marker).
const pageOf = () => window.location.href

const markOf = (state: unknown): number | undefined =>
  state && typeof state === 'object' ? (state as Record<string, number>)[MARK] : undefined

function push(g: Group): void {
  const state: unknown = window.history.state
  window.history.pushState({ ...(state && typeof state === 'object' ? state : {}), [MARK]: g.token }, '')
  g.pushed = true
}

function onPopState(e: PopStateEvent): void {
  const landed = markOf(e.state)
  if (shared.own > 0) {
    shared.own--
    e.stopImmediatePropagation()
    // The app navigated on before our back ran, and it took us to our own entry: forward again.
    if (landed !== undefined) {
      shared.own++
      window.history.forward()
    }
    return
  }
  const g = groups.find((x) => x.page === pageOf() && x.pushed && x.backs.length > 0)
  if (g && landed !== g.token) {
    // back with a sheet open on the page shown: the sheet goes, the page stays
    e.stopImmediatePropagation()
    g.pushed = false
    g.backs[g.backs.length - 1]()
    // a sheet that stays (it asked first) needs its entry back for the next back
    void Promise.resolve().then(() => {
      if (groups.includes(g) && g.backs.length > 0 && !g.pushed) push(g)
    })
    return
  }
  if (landed !== undefined && !groups.some((x) => x.token === landed)) {
    // an entry left behind by a sheet that closed as the app navigated on: step over it
    e.stopImmediatePropagation()
    window.history.back()
  }
}

if (fresh) window.addEventListener('popstate', onPopState)

/** keeps a history entry while the sheet is mounted; `onBack` runs on a back; returns its release */
export function holdBack(onBack: () => void): () => void {
  const page = pageOf()
  let g = groups.find((x) => x.page === page)
  if (!g) {
    g = { page, token: ++shared.tokens, backs: [], pushed: false }
    groups.push(g)
  }
  const group = g
  group.backs.push(onBack)
  if (!group.pushed) push(group)
  let released = false
  return () => {
    if (released) return
    released = true
    group.backs.splice(group.backs.indexOf(onBack), 1)
    // a microtask later: a sheet that replaces this one in the same render keeps the entry
    void Promise.resolve().then(() => {
      if (group.backs.length > 0 || !groups.includes(group)) return
      groups.splice(groups.indexOf(group), 1)
      // after a navigation on top the entry is not the current one: it is stepped over later
      if (group.pushed && markOf(window.history.state) === group.token) {
        shared.own++
        window.history.back()
      }
    })
  }
}
