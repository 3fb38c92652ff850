// Transactions over the in-memory state (filled in by the core rewrite). Derived caches are keyed by
// the raw object, never by a transaction's tracking proxy.
const raws = new WeakMap<object, object>()

/** the untracked object behind a tracking proxy (or the object itself) */
export function raw<T extends object>(value: T): T {
  return (raws.get(value) as T | undefined) ?? value
}

/** @internal registers a proxy's target so raw() can see through it */
export function registerProxy(proxy: object, target: object): void {
  raws.set(proxy, target)
}
