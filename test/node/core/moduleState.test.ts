// The core and the rules keep nothing between calls in their modules: every lookup lives on the
// state it describes (derivedSlot), so two backends in one process (a test's writer and reader, two
// corps' servers) cannot see each other's caches, and a replaced state starts clean.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'

const ROOT = path.join(__dirname, '../../..')
const ROOTS = ['src/api/mock', 'src/policy'].map((r) => path.join(ROOT, r))
const MUTABLE_CONTAINERS = new Set(['Map', 'Set', 'WeakMap', 'WeakSet', 'Array'])
// Memos of pure functions of constants: every caller gets the same answer whatever ran before.
const PURE_MEMOS = new Set([
  'src/policy/pinyin/index.ts: readingOf (let/var)', // the reading table, decoded on first use
  'src/policy/pinyin/index.ts: surnameOf (let/var)', // the surname table, decoded on first use
  'src/policy/search.ts: pinyinMemo (new Map)', // a name's pinyin, bounded
])

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name)
    if (statSync(p).isDirectory()) return sources(p)
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [p] : []
  })
}

/** Module-level declarations that can hold state: `let`/`var`, or a mutable container not typed read-only. */
export function moduleState(file: string, text: string): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2020, true)
  const found: string[] = []
  for (const st of sf.statements) {
    if (!ts.isVariableStatement(st)) continue
    const list = st.declarationList
    const isConst = (list.flags & ts.NodeFlags.Const) !== 0
    for (const d of list.declarations) {
      const name = d.name.getText(sf)
      if (!isConst) {
        found.push(`${name} (let/var)`)
        continue
      }
      const init = d.initializer
      if (!init || !ts.isNewExpression(init)) continue
      const ctor = init.expression.getText(sf)
      const readonlyType = d.type && /^Readonly/.test(d.type.getText(sf))
      if (MUTABLE_CONTAINERS.has(ctor) && !readonlyType) found.push(`${name} (new ${ctor})`)
    }
  }
  return found
}

test('the checker sees each kind of module state (it would catch one)', () => {
  const text = [
    'let n = 0',
    'const cache = new WeakMap<object, number>()',
    'const seen = new Set<string>()',
    'const KNOWN: ReadonlySet<string> = new Set(["a"])',
    'const LIMIT = 5',
    'function f() { const local = new Map(); let i = 0; return [local, i] }',
  ].join('\n')
  expect(moduleState('x.ts', text)).toEqual(['n (let/var)', 'cache (new WeakMap)', 'seen (new Set)'])
})

test('no module of the core or the rules holds mutable state', () => {
  const files = ROOTS.flatMap(sources)
  expect(files.length).toBeGreaterThan(50)
  const found = files.flatMap((f) =>
    moduleState(f, readFileSync(f, 'utf8')).map((s) => `${path.relative(ROOT, f)}: ${s}`),
  )
  expect(found.filter((s) => !PURE_MEMOS.has(s))).toEqual([])
  // An allowance nobody needs any more goes too.
  expect([...PURE_MEMOS].filter((s) => !found.includes(s))).toEqual([])
})
