// A derived lookup lives on the state object it describes, in a hidden property: it belongs to the
// backend holding that state, goes with the object (a reload, a replaced corp), and is never saved
// (the key-value documents and the SQL rows read only own enumerable string keys). So no module of
// the core holds any lookup of its own: two backends in one process share nothing but code.
import { raw } from './tx'

export interface DerivedSlot<O extends object, T> {
  get(owner: O): T | undefined
  set(owner: O, value: T): void
  delete(owner: O): void
}

type Holder = Record<symbol, unknown>

/** A named slot on objects of the state (always the raw object: a tracking proxy shares it). */
export function derivedSlot<O extends object, T>(name: string): DerivedSlot<O, T> {
  const key = Symbol(name)
  return {
    get: (owner) => (raw(owner) as Holder)[key] as T | undefined,
    set: (owner, value) => {
      // Defined on the raw object, untracked: a lookup is not a write of the call.
      Object.defineProperty(raw(owner), key, { value, writable: true, configurable: true, enumerable: false })
    },
    delete: (owner) => {
      delete (raw(owner) as Holder)[key]
    },
  }
}
