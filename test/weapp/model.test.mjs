// The harness's model of WeChat's logic layer holds WeChat's rules: if one of these fails, the
// journeys would prove less than they claim.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { test } from 'node:test'
import { DIST, IDENTITIES, launch, WxStorage } from './harness.mjs'
import { IOS10_MISSING, WEB_ONLY_GLOBALS } from './logic.mjs'
import { ITEM_LIMIT, TOTAL_LIMIT } from './storage.mjs'
import { wxInterface } from './wxNames.mjs'

/** calls an async wx API with callbacks and resolves with { ok, res } once the harness settles */
async function callWx(h, name, options) {
  let outcome = null
  h.logic.wx[name]({
    ...options,
    success: (res) => (outcome = { ok: true, res }),
    fail: (res) => (outcome = { ok: false, res }),
  })
  await h.settle()
  assert.ok(outcome, `wx.${name} never called back`)
  return outcome
}

test('the logic layer has only WeChat globals: no Web APIs, no code from strings', async () => {
  const h = await launch()
  try {
    for (const name of WEB_ONLY_GLOBALS) {
      assert.equal(
        h.logic.evaluate(`typeof ${name}`),
        'undefined',
        `${name} must not exist in WeChat's logic layer`,
      )
    }
    for (const name of [
      'wx',
      'App',
      'Page',
      'Component',
      'Behavior',
      'getApp',
      'getCurrentPages',
      'require',
    ]) {
      assert.notEqual(h.logic.evaluate(`typeof ${name}`), 'undefined', `${name} is a WeChat global`)
    }
    for (const name of ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'console']) {
      assert.notEqual(h.logic.evaluate(`typeof ${name}`), 'undefined', `${name} is a WeChat global`)
    }
    assert.throws(() => h.logic.evaluate('eval("1 + 1")'), /Code generation from strings disallowed/)
    assert.throws(
      () => h.logic.evaluate('new Function("return 1")'),
      /Code generation from strings disallowed/,
    )
    h.assertClean()
  } finally {
    h.close()
  }
})

test('wx has every method of the Wx interface; an unimplemented one throws naming itself and fails the run', async () => {
  const { methods } = wxInterface()
  assert.ok(methods.length > 400, `only ${methods.length} wx methods read from the typings`)
  assert.ok(methods.includes('join1v1Chat'), 'names with digits are read')
  const h = await launch()
  try {
    for (const name of methods) assert.equal(typeof h.logic.wx[name], 'function', `wx.${name}`)
    assert.throws(
      () => h.logic.wx.startBluetoothDevicesDiscovery({}),
      /wx\.startBluetoothDevicesDiscovery is not implemented/,
    )
    assert.equal(h.failures.length, 1)
    assert.match(h.failures[0], /startBluetoothDevicesDiscovery/)
    h.failures.length = 0
  } finally {
    h.close()
  }
})

test('storage: 1 MB per key and 10 MB in all, counted in UTF-8 bytes of key + value, refused with WeChat errMsg', async () => {
  const h = await launch()
  try {
    const wx = h.logic.wx
    // 3 bytes per CJK character: 349,525 characters + the key fit, 349,526 do not
    const key = 'k'
    const fits = '邮'.repeat(Math.floor((ITEM_LIMIT - 1) / 3))
    wx.setStorageSync(key, fits)
    assert.equal(wx.getStorageSync(key), fits)
    assert.throws(
      () => wx.setStorageSync(key, `${fits}邮`),
      /setStorageSync:fail exceed storage item max length/,
    )
    assert.equal(wx.getStorageSync(key), fits, 'a refused write changes nothing')
    const refused = await callWx(h, 'setStorage', { key: 'big', data: 'x'.repeat(ITEM_LIMIT) })
    assert.equal(refused.ok, false)
    assert.equal(refused.res.errMsg, 'setStorage:fail exceed storage item max length')
    assert.equal(wx.getStorageSync('big'), '')

    wx.clearStorageSync()
    const chunk = 'x'.repeat(ITEM_LIMIT - 10)
    for (let i = 0; i < 10; i++) wx.setStorageSync(`chunk${i}`, chunk) // 10 × (1 MB − 4 bytes)
    assert.throws(
      () => wx.setStorageSync('one-more', 'x'.repeat(100)),
      /setStorageSync:fail exceed storage max size 10MB/,
    )
    assert.ok(h.storage.totalSize() <= TOTAL_LIMIT)
    wx.setStorageSync('chunk0', 'small') // replacing a key frees its old size
    wx.setStorageSync('one-more', 'x'.repeat(100))
    const info = wx.getStorageInfoSync()
    assert.equal(info.limitSize, 10240)
    assert.ok(info.keys.includes('one-more'))
    h.assertClean()
  } finally {
    h.close()
  }
})

test('getRandomValues is asynchronous and answers an ArrayBuffer of the logic realm', async () => {
  const h = await launch()
  try {
    let sync = true
    let res = null
    h.logic.wx.getRandomValues({ length: 32, success: (r) => (res = { r, sync }) })
    sync = false
    await h.settle()
    assert.ok(res, 'success called')
    assert.equal(res.sync, false, 'never synchronous')
    assert.equal(res.r.errMsg, 'getRandomValues:ok')
    assert.equal(h.logic.evaluate('ArrayBuffer').prototype, Object.getPrototypeOf(res.r.randomValues))
    assert.equal(res.r.randomValues.byteLength, 32)
    const bytes = new Uint8Array(res.r.randomValues)
    assert.ok(new Set(bytes).size > 8, 'random bytes')
    const bad = await callWx(h, 'getRandomValues', { length: 0 })
    assert.equal(bad.ok, false)
    h.assertClean()
  } finally {
    h.close()
  }
})

test("navigation keeps WeChat's page-stack rules", async () => {
  const h = await launch({ identity: IDENTITIES.admin })
  try {
    const failMsg = async (api, url) => (await h.navigate(api, url)).errMsg
    assert.equal(
      await failMsg('navigateTo', '/pages/me/index'),
      'navigateTo:fail can not navigateTo a tabbar page',
    )
    assert.equal(
      await failMsg('redirectTo', '/pages/me/index'),
      'redirectTo:fail can not redirectTo a tabbar page',
    )
    assert.equal(
      await failMsg('switchTab', '/mail/pages/read/index'),
      'switchTab:fail can not switch to no-tabBar page',
    )
    assert.equal(
      await failMsg('navigateTo', '/pages/nowhere/index'),
      'navigateTo:fail page "pages/nowhere/index" is not found',
    )
    assert.equal(await failMsg('navigateBack', ''), 'navigateBack:fail cannot navigate back at first page.')
    // sub-package pages are pages of the app
    assert.equal(await failMsg('navigateTo', '/admin/pages/seats/index'), 'navigateTo:ok')
    assert.equal(h.route, 'admin/pages/seats/index')
    while (h.logic.stack.length < 10)
      assert.equal(await failMsg('navigateTo', '/settings/pages/signature/index'), 'navigateTo:ok')
    assert.equal(
      await failMsg('navigateTo', '/settings/pages/signature/index'),
      'navigateTo:fail webview count limit exceed',
    )
    assert.equal(await failMsg('switchTab', '/pages/me/index'), 'switchTab:ok')
    assert.deepEqual(
      h.logic.stack.map((p) => p.route),
      ['pages/me/index'],
      'switchTab closes every non-tab page',
    )
    h.assertClean()
  } finally {
    h.close()
  }
})

test('setTabBarBadge fails off a tab page', async () => {
  const h = await launch()
  try {
    assert.equal((await callWx(h, 'setTabBarBadge', { index: 0, text: '3' })).ok, true)
    await h.navigate('navigateTo', '/mail/pages/compose/index')
    const off = await callWx(h, 'setTabBarBadge', { index: 0, text: '3' })
    assert.equal(off.res.errMsg, 'setTabBarBadge:fail not TabBar page')
    h.assertClean()
  } finally {
    h.close()
  }
})

test('setData refuses what WeChat refuses: functions, and payloads over 1 MB', async () => {
  const h = await launch()
  try {
    const page = h.page
    page.setData({ ok: 1 })
    assert.equal(page.data.ok, 1)
    page.setData({ 'root.cn.[0].extra': 'x' })
    assert.equal(page.data.root.cn[0].extra, 'x', "Taro's path keys reach into page data")
    page.setData({ bad: () => 1 })
    assert.match(h.failures.shift(), /not JSON-serialisable: data\.bad is a function/)
    page.setData({ big: 'x'.repeat(1024 * 1024) })
    assert.match(h.failures.shift(), /over WeChat's 1 MB limit/)
    assert.equal(page.data.big, undefined)
    h.assertClean()
  } finally {
    h.close()
  }
})

test('the WXML of the build compiles with no warning', async () => {
  const h = await launch({ dist: DIST })
  try {
    assert.deepEqual(h.views.problems, [])
    assert.ok(h.tree().children.length > 0)
    h.assertClean()
  } finally {
    h.close()
  }
})

test('storage survives a reload: a fresh context on the same storage', async () => {
  const storage = new WxStorage()
  const a = await launch({ storage })
  a.logic.wx.setStorageSync('harness.probe', { n: 1 })
  a.close()
  const b = await launch({ storage })
  try {
    assert.deepEqual({ ...b.logic.wx.getStorageSync('harness.probe') }, { n: 1 })
    b.assertClean()
  } finally {
    b.close()
  }
})

test('an error thrown in a timer and console.error from the app each fail the run', async () => {
  const h = await launch()
  try {
    h.logic.evaluate("setTimeout(() => { throw new Error('boom in a timer') }, 10)")
    h.logic.evaluate("console.error('shown to nobody')")
    h.logic.evaluate("console.warn('a warning is only recorded')")
    await h.settle()
    const all = h.failures.join('\n')
    assert.match(all, /uncaught error in a timer callback: Error: boom in a timer/)
    assert.match(all, /console\.error from the app: shown to nobody/)
    assert.doesNotMatch(all, /a warning/)
    assert.equal(h.failures.length, 2)
    assert.throws(() => h.assertClean(), /WeChat runtime failures/)
    assert.equal(h.failures.length, 0, 'assertClean reports each failure once')
  } finally {
    h.close()
  }
})

test('an unhandled rejection in the app fails the run', () => {
  // In its own process: node's test runner would claim the rejection for this test first.
  const code = `
    import { launch } from ${JSON.stringify(new URL('./harness.mjs', import.meta.url).href)}
    const h = await launch()
    h.logic.evaluate("Promise.reject(new Error('nobody caught me'))")
    await h.settle()
    console.log(JSON.stringify(h.failures))
    h.close()
  `
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' })
  assert.equal(run.status, 0, run.stderr)
  const failures = JSON.parse(run.stdout.trim().split('\n').pop())
  assert.equal(failures.length, 1)
  assert.match(failures[0], /unhandled promise rejection: Error: nobody caught me/)
})

test('showModal needs a scripted answer, and answers as scripted', async () => {
  const h = await launch()
  try {
    h.answerModal(true)
    const yes = await callWx(h, 'showModal', { title: '删除？', content: '不可恢复' })
    assert.equal(yes.res.confirm, true)
    assert.deepEqual({ ...h.records.modals[0] }, { title: '删除？', content: '不可恢复', editable: false })
    const unscripted = await callWx(h, 'showModal', { title: '没人回答' })
    assert.equal(unscripted.res.confirm, false)
    assert.match(h.failures.shift(), /showModal「没人回答」.*no scripted answer/)
    h.assertClean()
  } finally {
    h.close()
  }
})

test('a sub-package cannot require another sub-package, nor the main package a sub-package', async () => {
  const h = await launch()
  try {
    assert.throws(
      () => h.logic.evaluate("require('./settings/sub-vendors.js')"),
      /sub-package settings from main package/,
    )
    h.assertClean()
  } finally {
    h.close()
  }
})

test('selector queries find nodes of the rendered page: a box for one that exists, null for one that does not', async () => {
  const h = await launch()
  try {
    const id = h.find((n) => typeof n.attr.id === 'string' && n.attr.id !== '')[0].attr.id
    let results = null
    h.logic.wx
      .createSelectorQuery()
      .select(`#${id}`)
      .boundingClientRect()
      .select('#no-such-node')
      .boundingClientRect()
      .exec((r) => (results = r))
    assert.equal(results, null, 'answered asynchronously')
    await h.settle()
    assert.equal(results.length, 2)
    assert.equal(results[0].id, id)
    assert.equal(results[1], null)
    h.assertClean()
  } finally {
    h.close()
  }
})

test('WEAPP_ENGINE=ios10 takes away built-ins newer than iOS 10 (Promise.prototype.finally, Array.prototype.at …)', async () => {
  const h = await launch({ engine: 'ios10' })
  try {
    for (const name of IOS10_MISSING) assert.equal(h.logic.evaluate(`typeof ${name}`), 'undefined', name)
    assert.equal(h.logic.evaluate('typeof Promise.prototype.then'), 'function')
  } finally {
    h.close()
  }
  const modern = await launch({ engine: 'modern' })
  try {
    assert.equal(modern.logic.evaluate('typeof Promise.prototype.finally'), 'function')
  } finally {
    modern.close()
  }
})
