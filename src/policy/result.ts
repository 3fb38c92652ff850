// Every rule answers with a Verdict: a value, or an error code with a zh-CN reason a person understands.
export type Verdict<T = void> = { ok: true; value: T } | { ok: false; errcode: number; errmsg: string }

export type Refusal = Extract<Verdict<never>, { ok: false }>

export function ok(): Verdict<void>
export function ok<T>(value: T): Verdict<T>
export function ok<T>(value?: T): Verdict<T | undefined> {
  return { ok: true, value }
}

export function refuse(errcode: number, errmsg: string): Refusal {
  return { ok: false, errcode, errmsg }
}

export function isRefusal<T>(v: Verdict<T>): v is Refusal {
  return !v.ok
}
