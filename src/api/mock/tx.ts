// Transactions over the in-memory state. Handlers see the state through change-tracking proxies:
// every write is logged (so a failed call is undone exactly) and names the path it touched (so only
// the storage documents that changed are saved). A proxy always writes into the transaction open
// at that moment, so one kept across calls (in a queued task, say) stays correct. Derived lookups
// live on the raw object (derivedSlot).

// A proxy answers this key with the object behind it; a plain object has no such property.
const RAW = Symbol('raw')

/** the untracked object behind a tracking proxy (or the object itself) */
export function raw<T extends object>(value: T): T {
  return ((value as Record<symbol, unknown>)[RAW] as T | undefined) ?? value
}

type Key = string | symbol

interface Change {
  target: Record<Key, unknown>
  key: Key
  had: boolean
  old: unknown
}

/** a path from the state root: property names, array indexes as strings */
export type Path = readonly string[]

/** called for every write with the path of the written property */
export type TouchListener = (path: Path) => void

const isObject = (v: unknown): v is object => typeof v === 'object' && v !== null

/** Replaces tracking proxies inside a value about to be stored, so the state never holds one. */
function unwrapDeep(value: unknown): unknown {
  if (!isObject(value)) return value
  const target = raw(value)
  const stack: object[] = [target]
  const seen = new Set<object>()
  while (stack.length) {
    const o = stack.pop() as Record<string, unknown>
    if (seen.has(o)) continue
    seen.add(o)
    for (const k of Object.keys(o)) {
      const v = o[k]
      if (!isObject(v)) continue
      const r = raw(v)
      if (r !== v) o[k] = r
      stack.push(r)
    }
  }
  return target
}

export class Tracker {
  private proxies = new WeakMap<object, object>()
  private log: Change[] | null = null
  private listener: TouchListener | null = null

  /** the tracked view of an object of the state reached by `path` */
  track<T>(value: T, path: Path = []): T {
    if (!isObject(value)) return value
    const target = raw(value)
    const hit = this.proxies.get(target)
    if (hit) return hit as T
    const proxy = new Proxy(target as Record<Key, unknown>, this.handler(path))
    this.proxies.set(target, proxy)
    return proxy as T
  }

  begin(listener: TouchListener): void {
    if (this.log) throw new Error('a transaction is already open')
    this.log = []
    this.listener = listener
  }

  /** writes happened in the open transaction */
  get changed(): boolean {
    return !!this.log && this.log.length > 0
  }

  /** keeps every write of the open transaction */
  end(): void {
    this.log = null
    this.listener = null
  }

  /** undoes every write of the open transaction, newest first */
  rollback(): void {
    const log = this.log ?? []
    for (let i = log.length - 1; i >= 0; i--) {
      const c = log[i]
      if (c.had) c.target[c.key] = c.old
      else delete c.target[c.key]
    }
    this.end()
  }

  private record(target: Record<Key, unknown>, key: Key, path: Path): void {
    if (!this.log) throw new Error('state written outside a transaction')
    const had = Object.prototype.hasOwnProperty.call(target, key)
    this.log.push({ target, key, had, old: target[key] })
    if (typeof key === 'string') this.listener?.([...path, key])
  }

  private handler(path: Path): ProxyHandler<Record<Key, unknown>> {
    return {
      get: (t, k) => {
        if (k === RAW) return t
        const v = t[k]
        if (typeof k !== 'string' || !isObject(v)) return v
        return this.track(v, [...path, k])
      },
      set: (t, k, v) => {
        const value = unwrapDeep(v)
        if (k !== 'length' && Object.prototype.hasOwnProperty.call(t, k) && t[k] === value) return true
        // Writing past an array's end grows it without a 'length' write: log the length too.
        if (Array.isArray(t) && typeof k === 'string' && k !== 'length' && Number(k) >= t.length) {
          this.record(t, 'length', path)
        }
        this.record(t, k, path)
        t[k] = value
        return true
      },
      deleteProperty: (t, k) => {
        if (!Object.prototype.hasOwnProperty.call(t, k)) return true
        this.record(t, k, path)
        delete t[k]
        return true
      },
      defineProperty: (t, k, desc) => {
        this.record(t, k, path)
        return Reflect.defineProperty(t, k, { ...desc, value: unwrapDeep(desc.value) })
      },
    }
  }
}
