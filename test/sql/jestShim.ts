// Jest's globals over Node's test runner, for running the backend's jest suites on the SQL adapter
// (PGlite is an ES module with WASM, which jest's module system cannot load).
import { after, afterEach, before, beforeEach, describe as nodeDescribe, it as nodeIt } from 'node:test'
import { inspect } from 'node:util'
import { expect } from 'expect'
import { fn, spyOn } from 'jest-mock'
import { NOT_ON_SQL } from './notOnSql'

type Fn = (...args: never[]) => unknown
type Case = (name: string, body?: Fn, timeout?: number) => void

function format(name: string, args: unknown[], index: number): string {
  let i = 0
  const one = args.length === 1 && args[0] !== null && typeof args[0] === 'object' && !Array.isArray(args[0])
  if (one)
    name = name.replace(/\$([A-Za-z_][\w.]*)/g, (_, key: string) =>
      inspect((args[0] as Record<string, unknown>)[key]),
    )
  return name.replace(/%([spdijfo#%])/g, (_, c: string) => {
    if (c === '%') return '%'
    if (c === '#') return String(index)
    const v = args[i++]
    if (c === 's') return typeof v === 'string' ? v : inspect(v)
    if (c === 'd' || c === 'i' || c === 'f') return String(Number(v))
    if (c === 'j') return JSON.stringify(v)
    return inspect(v, { depth: 3 })
  })
}

function withEach<T extends Case>(base: T): T & { each: unknown; skip: Case; only: Case } {
  const each =
    (table: unknown[]) =>
    (name: string, body: Fn, timeout?: number): void =>
      table.forEach((row, index) => {
        const args = Array.isArray(row) ? row : [row]
        base(format(name, args, index), () => (body as (...a: unknown[]) => unknown)(...args), timeout)
      })
  return Object.assign(base, { each, skip: (name: string) => nodeIt.skip(name), only: base })
}

const test = withEach((name: string, body?: Fn, timeout?: number) => {
  if (!body) return void nodeIt.todo(name)
  const notHere = NOT_ON_SQL.get(name)
  if (notHere) return void nodeIt.skip(`${name} — not on SQL: ${notHere}`)
  void nodeIt(name, { timeout: timeout ?? 120_000 }, async () => {
    const hooks = globalThis as { __sqlTestStart?: () => void; __sqlTestEnd?: () => Promise<void> }
    hooks.__sqlTestStart?.()
    try {
      await (body as () => unknown)()
    } finally {
      await hooks.__sqlTestEnd?.()
    }
  })
})

const describe = withEach((name: string, body?: Fn) => {
  void nodeDescribe(name, () => void (body as (() => void) | undefined)?.())
})

const g = globalThis as Record<string, unknown>
g.describe = describe
g.it = test
g.test = test
g.expect = expect
g.beforeAll = (f: Fn) => before(() => (f as () => unknown)())
g.afterAll = (f: Fn) => after(() => (f as () => unknown)())
g.beforeEach = (f: Fn) => beforeEach(() => (f as () => unknown)())
g.afterEach = (f: Fn) => afterEach(() => (f as () => unknown)())
g.jest = { fn, spyOn, restoreAllMocks: () => undefined }
