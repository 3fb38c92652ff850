// `npm run size`: weapp main-package and sub-package sizes against WeChat's limits.
import fs from 'node:fs'
import path from 'node:path'

// BIZMAIL_DIST: the folder a parallel build wrote to (see config/index.ts)
const ROOT = process.env.BIZMAIL_DIST || 'dist/weapp'
const MAIN_BUDGET = 700 * 1024 // our own budget for the main package
const PACKAGE_LIMIT = 2 * 1024 * 1024 // WeChat: 2 MB per package

if (!fs.existsSync(path.join(ROOT, 'app.json'))) {
  console.error(`${ROOT}/app.json 不存在：请先运行 npm run build:weapp`)
  process.exit(1)
}
const app = JSON.parse(fs.readFileSync(path.join(ROOT, 'app.json'), 'utf8'))
const subRoots = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/\/$/, ''))

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

const sizes = { main: 0 }
for (const r of subRoots) sizes[r] = 0
for (const file of walk(ROOT)) {
  const rel = path.relative(ROOT, file).split(path.sep).join('/')
  if (ignored(rel)) continue
  const owner = subRoots.find((r) => rel === r || rel.startsWith(`${r}/`)) ?? 'main'
  sizes[owner] += fs.statSync(file).size
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`
let failed = false
console.log(`main package: ${kb(sizes.main)} (budget ${kb(MAIN_BUDGET)})`)
if (sizes.main > MAIN_BUDGET) failed = true
for (const r of subRoots) {
  console.log(`sub-package ${r}: ${kb(sizes[r])} (limit ${kb(PACKAGE_LIMIT)})`)
  if (sizes[r] > PACKAGE_LIMIT) failed = true
}
const total = Object.values(sizes).reduce((a, b) => a + b, 0)
console.log(`total: ${kb(total)}`)
if (failed) {
  console.error('包体积超出预算')
  process.exit(1)
}
