// npm records optional platform packages that are missing from the registry (Taro 4.2.1 publishes
// only the linux-x64 binding) as "missing", and `npm ci` then refuses the lock. Declare them with
// their os/cpu so every platform skips them cleanly. Run after `npm install`: npm run lock:fix
import fs from 'node:fs'

const lock = JSON.parse(fs.readFileSync('package-lock.json', 'utf8'))
const PLATFORM = {
  'darwin-arm64': { os: ['darwin'], cpu: ['arm64'] },
  'darwin-x64': { os: ['darwin'], cpu: ['x64'] },
  'linux-arm64-gnu': { os: ['linux'], cpu: ['arm64'] },
  'linux-x64-gnu': { os: ['linux'], cpu: ['x64'] },
  'win32-x64-msvc': { os: ['win32'], cpu: ['x64'] },
}
let added = 0
for (const [key, pkg] of Object.entries(lock.packages)) {
  for (const [dep, version] of Object.entries(pkg.optionalDependencies ?? {})) {
    const m = /^@tarojs\/(?:binding|plugin-doctor)-(.+)$/.exec(dep)
    const where = `${key ? `${key}/` : ''}node_modules/${dep}`
    const hoisted = `node_modules/${dep}`
    if (!m || lock.packages[where] || lock.packages[hoisted] || !PLATFORM[m[1]]) continue
    lock.packages[hoisted] = { version, dev: pkg.dev || undefined, optional: true, ...PLATFORM[m[1]] }
    added++
  }
}
fs.writeFileSync('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`)
console.log(`declared ${added} missing optional platform packages`)
