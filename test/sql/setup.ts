// Loaded after tsx in each test process: jest's globals, the suites' own set-up, then the redirect
// of the core's entry point to the SQL adapter.
import fc from 'fast-check'
import { register } from 'node:module'
import { after } from 'node:test'
import './jestShim'
import { closeSharedDb } from './sharedDb'

// as test/node/*.setup.js: one fixed seed, and every call checks no write bypassed the tracking
const seed = process.env.FC_SEED
if (seed !== 'random') fc.configureGlobal({ seed: seed ? Number(seed) : 20261121 })
;(globalThis as { __BIZMAIL_VERIFY_WRITES__?: boolean }).__BIZMAIL_VERIFY_WRITES__ = true

// eslint-disable-next-line @typescript-eslint/no-require-imports
require('./redirect.cjs')
register('./hooks.mjs', import.meta.url)

after(async () => {
  await (globalThis as { __sqlDropWorlds?: () => Promise<void> }).__sqlDropWorlds?.()
  await closeSharedDb()
})
