// Journey 6, the negative control: a copy of the build whose page code touches a Web-only global
// must fail the harness, and the failure must name the global.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, test } from 'node:test'
import { DIST, IDENTITIES, launch } from './harness.mjs'

const copies = []
after(() => {
  for (const dir of copies) fs.rmSync(dir, { recursive: true, force: true })
})

/** a copy of the build with `code` run when the page `route` is opened (inside its onLoad) */
function patchedBuild(route, code) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weapp-negative-'))
  copies.push(dir)
  fs.cpSync(DIST, dir, { recursive: true })
  const file = path.join(dir, `${route}.js`)
  const original = fs.readFileSync(file, 'utf8')
  // Wrap Page() so the page's own onLoad first runs `code`, as page code reading a global would.
  const wrapper = `var __Page = Page; Page = function (config) { var load = config.onLoad; config.onLoad = function () { ${code}; return load.apply(this, arguments) }; return __Page(config) };\n`
  fs.writeFileSync(file, `"use strict";${wrapper}${original.replace(/^"use strict";/, '')}`)
  return dir
}

/** runs the app on `dist` up to `route` and returns the harness's verdict (the error it raises) */
async function verdict(dist, route, identity) {
  const h = await launch({ dist, identity })
  try {
    await h.navigate('navigateTo', `/${route}`)
    h.assertClean()
    return null
  } catch (error) {
    return error
  } finally {
    h.close()
  }
}

test('journey 6: the harness fails a build whose page reads window.location, naming window', async () => {
  const clean = await verdict(DIST, 'mail/pages/compose/index', IDENTITIES.member)
  assert.equal(clean, null, `the unpatched build passes: ${clean?.message}`)
  const dist = patchedBuild('mail/pages/compose/index', 'var here = window.location.href')
  const error = await verdict(dist, 'mail/pages/compose/index', IDENTITIES.member)
  assert.ok(error, 'the patched build must fail')
  assert.match(error.message, /window is not defined/)
  assert.match(error.message, /pages\/compose\/index/)
})

test('journey 6: the harness fails a sub-package page that reads document.title, naming document', async () => {
  const route = 'settings/pages/signature/index'
  const dist = patchedBuild(route, 'var title = document.title')
  const error = await verdict(dist, route, IDENTITIES.member)
  assert.ok(error, 'the patched build must fail')
  assert.match(error.message, /document is not defined/)
})

test('journey 6: code that feature-detects a Web global (typeof window) does not fail', async () => {
  const route = 'mail/pages/compose/index'
  const dist = patchedBuild(
    route,
    "var web = typeof window !== 'undefined' && typeof document !== 'undefined'",
  )
  assert.equal(await verdict(dist, route, IDENTITIES.member), null)
})

test('a WXML syntax error in the build fails the run, naming the file', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weapp-negative-'))
  copies.push(dir)
  fs.cpSync(DIST, dir, { recursive: true })
  fs.appendFileSync(path.join(dir, 'pages/me/index.wxml'), '\n<view class="{{broken"></view>\n')
  const h = await launch({ dist: dir })
  try {
    assert.throws(() => h.assertClean(), /WXML compile error[\s\S]*pages\/me\/index\.wxml/)
  } finally {
    h.close()
  }
})
