// Page tests must not depend on each other: runs every page test file in order, then in reverse
// (BIZMAIL_TEST_ORDER=reverse, see test/pages/environment.js), then each test alone in its own
// jest process. `node scripts/test-isolation.mjs [path-filter]`; exits 1 naming what failed.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'

const root = join(import.meta.dirname, '..')
const filter = process.argv[2] ?? ''
const out = mkdtempSync(join(tmpdir(), 'isolation-'))
let runs = 0

function jest(args, env = {}) {
  const file = join(out, `run-${++runs}.json`)
  const r = spawnSync(
    'npx',
    ['jest', '--selectProjects', 'pages', '--json', `--outputFile=${file}`, '--silent', ...args],
    { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' },
  )
  try {
    return JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    throw new Error(`jest ${args.join(' ')} produced no report:\n${r.stderr.slice(-2000)}`)
  }
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const failures = []
const started = Date.now()

function check(what, report) {
  for (const suite of report.testResults) {
    const bad = suite.assertionResults.filter((a) => a.status === 'failed')
    if (suite.status === 'failed' && bad.length === 0)
      failures.push(`${what}: ${relative(root, suite.name)} did not run`)
    for (const a of bad) failures.push(`${what}: ${relative(root, suite.name)} › ${a.fullName}`)
  }
}

const forward = jest(filter ? [filter] : [])
check('in order', forward)
const reversed = jest(filter ? [filter] : [], { BIZMAIL_TEST_ORDER: 'reverse' })
check('reversed', reversed)

let alone = 0
for (const suite of forward.testResults) {
  const file = relative(root, suite.name)
  for (const a of suite.assertionResults) {
    const r = jest([file, '-t', `^${escape(a.fullName)}$`])
    const ran = r.testResults.flatMap((s) => s.assertionResults).filter((x) => x.status !== 'pending')
    alone++
    if (ran.length !== 1 || ran[0].status !== 'passed') {
      failures.push(
        `alone: ${file} › ${a.fullName} (${ran.map((x) => x.status).join(', ') || 'did not run'})`,
      )
    }
    process.stdout.write(
      `${ran.length === 1 && ran[0].status === 'passed' ? '✓' : '✕'} alone  ${file} › ${a.fullName}\n`,
    )
  }
}

const files = forward.testResults.length
const seconds = Math.round((Date.now() - started) / 1000)
console.log(
  `\n${files} page test files, ${forward.numTotalTests} tests: in order ${forward.numPassedTests} passed, ` +
    `reversed ${reversed.numPassedTests} passed, alone ${alone - failures.filter((f) => f.startsWith('alone')).length}/${alone} passed (${seconds} s)`,
)
if (failures.length) {
  console.log(`\nFailed:\n${failures.map((f) => `  ${f}`).join('\n')}`)
  process.exit(1)
}
