// `npm run size`: both weapp builds against their budgets, and what their JS may not contain.
//   mock build (demo backend inside)  ${BIZMAIL_DIST || 'dist/weapp'}           main package ≤ 700 KB
//   http build (production transport) ${BIZMAIL_DIST_HTTP || 'dist/weapp-http'} main package ≤ 500 KB
// Every package ≤ 2 MB (WeChat's limit). Also fails when a build's JS is not ES2015 syntax or calls
// a built-in that base library 2.15.0's oldest engine (iOS 10 JavaScriptCore) lacks — dependencies
// included, which ESLint never sees — or when the http build still carries the mock backend.
// `npm run size -- --why`: the largest source files and packages in each main-package JS file, from
// the <build>.modules.json a build made with BIZMAIL_STATS=1 writes (config/moduleMap.ts).
import fs from 'node:fs'
import path from 'node:path'
import vm from 'node:vm'
// webpack's own parser (a dependency of the build toolchain), here to check the output's syntax
import * as acorn from 'acorn'

const KB = 1024
const PACKAGE_LIMIT = 2 * 1024 * KB
const BUILDS = [
  {
    name: 'mock',
    root: process.env.BIZMAIL_DIST || 'dist/weapp',
    mainBudget: 700 * KB,
    how: 'npm run build:weapp',
  },
  {
    name: 'http',
    root: process.env.BIZMAIL_DIST_HTTP || 'dist/weapp-http',
    mainBudget: 500 * KB,
    how: 'TARO_APP_API_TRANSPORT=http BIZMAIL_DIST=dist/weapp-http npm run build:weapp',
  },
]

// Calls of built-ins newer than iOS 10 (minified output: `.at(` is a call, "findLast" a string is not).
const TOO_NEW = [
  [/\.at\(/, 'Array/String.prototype.at (iOS 15.4)'],
  [/\.findLast(Index)?\(/, 'findLast / findLastIndex (iOS 15.4)'],
  [/\bObject\.hasOwn\(/, 'Object.hasOwn (iOS 15.4)'],
  [/\bstructuredClone\(/, 'structuredClone (iOS 15.4)'],
  [/\.replaceAll\(/, 'String.prototype.replaceAll (iOS 13.4)'],
  [/\bPromise\.(any|allSettled)\(/, 'Promise.any / allSettled (iOS 13–14)'],
  [/\.matchAll\(/, 'String.prototype.matchAll (iOS 13)'],
  [/\.flat(Map)?\(/, 'Array.prototype.flat / flatMap (iOS 12)'],
  [/\bObject\.fromEntries\(/, 'Object.fromEntries (iOS 12.2)'],
  [/\(\?<[=!]/, 'regular-expression lookbehind (iOS 16.4; babel cannot lower it)'],
]
// The embedded backend logs with this prefix; minifying keeps string literals.
const MOCK_MARKER = '[mock backend]'

// Files WeChat DevTools does not upload.
const ignored = (rel) => rel === 'project.config.json' || rel.endsWith('.LICENSE.txt') || rel.endsWith('.map')

function walk(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) walk(p, out)
    else out.push(p)
  }
  return out
}

const kb = (n) => `${(n / KB).toFixed(1)} KB`

/** sizes per package and problems of one build; null when it was not built */
function check(build) {
  if (!fs.existsSync(path.join(build.root, 'app.json'))) return null
  const app = JSON.parse(fs.readFileSync(path.join(build.root, 'app.json'), 'utf8'))
  const subRoots = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/\/$/, ''))
  const sizes = { main: 0 }
  for (const r of subRoots) sizes[r] = 0
  const problems = []
  let hasMock = false
  for (const file of walk(build.root)) {
    const rel = path.relative(build.root, file).split(path.sep).join('/')
    if (ignored(rel)) continue
    const owner = subRoots.find((r) => rel === r || rel.startsWith(`${r}/`)) ?? 'main'
    sizes[owner] += fs.statSync(file).size
    if (!rel.endsWith('.js')) continue
    const js = fs.readFileSync(file, 'utf8')
    // babel targets iOS 10 (babel.config.js); newer syntax from an untranspiled dependency fails here
    try {
      acorn.parse(js, { ecmaVersion: 2015, sourceType: 'script' })
    } catch (e) {
      const at = Math.max(0, (e.pos ?? 0) - 50)
      problems.push(`${rel}: 不是 ES2015 语法 (${e.message}): …${js.slice(at, (e.pos ?? 0) + 30)}…`)
    }
    for (const [re, what] of TOO_NEW) {
      const m = re.exec(js)
      if (m) {
        const at = Math.max(0, m.index - 50)
        problems.push(`${rel}: ${what}: …${js.slice(at, m.index + 30).replace(/\s+/g, ' ')}…`)
      }
    }
    if (js.includes(MOCK_MARKER)) hasMock = true
  }
  if (sizes.main > build.mainBudget) {
    problems.push(`主包 ${kb(sizes.main)}，超出预算 ${kb(build.mainBudget)}`)
  }
  for (const r of subRoots) {
    if (sizes[r] > PACKAGE_LIMIT)
      problems.push(`分包 ${r} ${kb(sizes[r])}，超出微信上限 ${kb(PACKAGE_LIMIT)}`)
  }
  if (build.name === 'http' && hasMock) problems.push('http 构建仍然包含内置演示后端 (mock backend)')
  if (build.name === 'mock' && !hasMock)
    problems.push('mock 构建里没有内置演示后端：是否用 http 配置构建了？')
  return { sizes, subRoots, problems }
}

/** bytes of each emitted module of a webpack chunk file (minified function text), by module id */
function moduleSizes(file) {
  const wx = {}
  vm.runInNewContext(fs.readFileSync(file, 'utf8'), { wx, require: () => ({}), module: {}, exports: {} })
  const sizes = new Map()
  for (const [, modules] of wx.webpackJsonp ?? [])
    for (const [id, fn] of Object.entries(modules)) sizes.set(id, Buffer.byteLength(String(fn)))
  return sizes
}

/** the largest packages and source files of the main package's chunk files */
function why(build, subRoots) {
  const mapFile = `${build.root}.modules.json`
  if (!fs.existsSync(mapFile)) {
    console.log(`  (--why: ${mapFile} 不存在：请用 BIZMAIL_STATS=1 ${build.how} 构建)`)
    return
  }
  const entries = new Map(JSON.parse(fs.readFileSync(mapFile, 'utf8')).map((m) => [String(m.id), m]))
  const chunks = walk(build.root)
    .map((f) => path.relative(build.root, f).split(path.sep).join('/'))
    .filter((rel) => rel.endsWith('.js') && !subRoots.some((r) => rel.startsWith(`${r}/`)))
    .filter((rel) => fs.statSync(path.join(build.root, rel)).size >= 10 * KB)
    .filter((rel) => fs.readFileSync(path.join(build.root, rel), 'utf8').includes('webpackJsonp'))
  for (const rel of chunks) {
    const byFile = new Map()
    for (const [id, bytes] of moduleSizes(path.join(build.root, rel))) {
      const files = entries.get(id)?.files ?? [{ name: `module ${id}`, size: 1 }]
      // a concatenated module's minified bytes are shared out by its parts' source sizes
      const total = files.reduce((a, f) => a + f.size, 0) || 1
      for (const f of files) {
        const name = f.name.replace(/^\.\//, '').replace(/ \+ \d+ modules$/, '')
        byFile.set(name, (byFile.get(name) ?? 0) + (bytes * f.size) / total)
      }
    }
    const byGroup = new Map()
    for (const [name, bytes] of byFile) {
      const pkg = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(name)
      const group = pkg ? pkg[1] : name.split('/').slice(0, -1).join('/')
      byGroup.set(group, (byGroup.get(group) ?? 0) + bytes)
    }
    const top = (m, n) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n)
    console.log(`  ${rel} ${kb(fs.statSync(path.join(build.root, rel)).size)}:`)
    for (const [g, bytes] of top(byGroup, 8)) console.log(`    ${kb(bytes).padStart(9)}  ${g}`)
    const files = top(
      [...byFile].filter(([n]) => !n.includes('node_modules/')),
      6,
    )
    if (files.length) console.log(`    largest sources: ${files.map(([n, b]) => `${n} ${kb(b)}`).join(', ')}`)
  }
}

const explain = process.argv.includes('--why')
let failed = false
for (const build of BUILDS) {
  const r = check(build)
  console.log(`\n${build.name} build (${build.root})`)
  if (!r) {
    console.log(`  ✗ ${build.root}/app.json 不存在：请先运行 ${build.how}`)
    failed = true
    continue
  }
  console.log(`  main package: ${kb(r.sizes.main)} (budget ${kb(build.mainBudget)})`)
  for (const s of r.subRoots)
    console.log(`  sub-package ${s}: ${kb(r.sizes[s])} (limit ${kb(PACKAGE_LIMIT)})`)
  console.log(`  total: ${kb(Object.values(r.sizes).reduce((a, b) => a + b, 0))}`)
  if (explain) why(build, r.subRoots)
  for (const p of r.problems) console.log(`  ✗ ${p}`)
  if (r.problems.length) failed = true
}
if (failed) {
  console.error('\n包体积或兼容性检查未通过')
  process.exit(1)
}
