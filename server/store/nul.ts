// PostgreSQL text and jsonb cannot hold U+0000, which the core's strings may (idempotency keys
// join their parts with it; a malformed mail may carry it). A reversible escape through a
// private-use character: U+E000 → U+E000 U+E001, U+0000 → U+E000 U+E002.
const NEEDS = /[\u0000\uE000]/
const NEEDS_BACK = /\uE000/

export function escapeText(s: string): string {
  if (!NEEDS.test(s)) return s
  return s.replace(/\uE000/g, '\uE000\uE001').replace(/\u0000/g, '\uE000\uE002')
}

export function unescapeText(s: string): string {
  if (!NEEDS_BACK.test(s)) return s
  return s.replace(/\uE000([\uE001\uE002])/g, (_, c: string) => (c === '\uE001' ? '\uE000' : '\u0000'))
}

function deep(value: unknown, fn: (s: string) => string): unknown {
  if (typeof value === 'string') return fn(value)
  if (Array.isArray(value)) {
    let out: unknown[] | null = null
    for (let i = 0; i < value.length; i++) {
      const v = deep(value[i], fn)
      if (v !== value[i]) (out ??= value.slice())[i] = v
    }
    return out ?? value
  }
  if (value && typeof value === 'object') {
    let out: Record<string, unknown> | null = null
    for (const [k, v] of Object.entries(value)) {
      const k2 = fn(k)
      const v2 = deep(v, fn)
      if (k2 !== k || v2 !== v) {
        if (!out) out = { ...(value as Record<string, unknown>) }
        if (k2 !== k) delete out[k]
        out[k2] = v2
      }
    }
    return out ?? value
  }
  return value
}

/** a value about to be stored, with every string (and object key) escaped; unchanged parts shared */
export const escapeDeep = <T>(value: T): T => deep(value, escapeText) as T
export const unescapeDeep = <T>(value: T): T => deep(value, unescapeText) as T
