// A model of WeChat's logic layer: the build's JS runs as CommonJS modules on one shared global in a
// Node `vm` realm that has only what WeChat gives (wx, App, Page, Component, Behavior, getApp,
// getCurrentPages, require, timers, console) and cannot generate code from strings.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import vm from 'node:vm'
import { wxInterface } from './wxNames.mjs'
import { WxStorage } from './storage.mjs'

/** globals of browsers or Node that WeChat's logic layer does not have */
export const WEB_ONLY_GLOBALS = [
  'window',
  'document',
  'navigator',
  'localStorage',
  'sessionStorage',
  'fetch',
  'XMLHttpRequest',
  'crypto',
  'URL',
  'URLSearchParams',
  'TextEncoder',
  'TextDecoder',
  'WebAssembly',
  'location',
  'history',
  'self',
  'Buffer',
  'process',
]

/**
 * Built-ins that iOS 10's JavaScriptCore (the oldest engine of base library 2.15.0) lacks; babel
 * lowers syntax, not these. Opt-in (WEAPP_ENGINE=ios10): the versions come from the lint rule's
 * notes, not from a device.
 */
export const IOS10_MISSING = [
  'Array.prototype.at',
  'String.prototype.at',
  'Array.prototype.findLast',
  'Array.prototype.findLastIndex',
  'Object.hasOwn',
  'String.prototype.replaceAll',
  'Promise.any',
  'Promise.allSettled',
  'Promise.prototype.finally',
  'String.prototype.matchAll',
  'Array.prototype.flat',
  'Array.prototype.flatMap',
  'Object.fromEntries',
  'String.prototype.trimStart',
  'String.prototype.trimEnd',
]

export const PAGE_STACK_LIMIT = 10
export const SET_DATA_LIMIT = 1024 * 1024

const SYSTEM = {
  brand: 'iPhone',
  model: 'iPhone 14',
  pixelRatio: 3,
  screenWidth: 390,
  screenHeight: 844,
  windowWidth: 390,
  windowHeight: 753,
  statusBarHeight: 47,
  language: 'zh_CN',
  version: '8.0.50',
  system: 'iOS 17.5',
  platform: 'ios',
  fontSizeSetting: 16,
  SDKVersion: '3.5.0',
  benchmarkLevel: 1,
  theme: 'light',
  safeArea: { left: 0, right: 390, top: 47, bottom: 810, width: 390, height: 763 },
  host: { env: 'WeChat' },
  enableDebug: false,
  deviceOrientation: 'portrait',
}

/**
 * Starts the app of `dist` in a fresh logic layer.
 * @param {object} o
 * @param {string} o.dist  the weapp build folder
 * @param {WxStorage} [o.storage]  shared across launches to model a reload
 * @param {(failure: string) => void} o.fail  records a harness failure (the run fails)
 * @param {string} [o.engine]  'ios10': also remove built-ins newer than the oldest engine base library 2.15.0 runs on
 */
export function createLogicLayer({
  dist,
  storage = new WxStorage(),
  fail,
  engine = process.env.WEAPP_ENGINE,
}) {
  const appJson = JSON.parse(fs.readFileSync(path.join(dist, 'app.json'), 'utf8'))
  const routes = new Map() // route → { subPackage: root | null }
  for (const p of appJson.pages) routes.set(p, { subPackage: null })
  for (const sub of appJson.subPackages || appJson.subpackages || []) {
    for (const p of sub.pages) routes.set(`${sub.root}/${p}`, { subPackage: sub.root })
  }
  const tabRoutes = (appJson.tabBar?.list || []).map((t) => t.pagePath)
  const packageOf = (file) => {
    for (const sub of appJson.subPackages || []) if (file.startsWith(`${sub.root}/`)) return sub.root
    return null
  }

  const records = {
    toasts: [],
    modals: [],
    actionSheets: [],
    clipboard: null,
    badges: {},
    titles: [],
    logs: [],
    selectorQueries: [],
    pullDownStops: 0,
    /** openDocument / previewImage calls: { kind, path, ... } */
    opened: [],
  }
  const modalAnswers = []
  /** what the next wx.chooseMessageFile answers: [{ name, type?, data: Buffer }] (the test scripts it) */
  const chosenFiles = []
  const sheetAnswers = []

  // ---- timers on a virtual clock: tests decide how far time runs ----
  const timers = new Map()
  let timerSeq = 0
  let clock = 0
  const addTimer = (fn, ms, args, repeat) => {
    if (typeof fn !== 'function') {
      fail(`setTimeout/setInterval called with a ${typeof fn} (WeChat needs a function)`)
      return 0
    }
    const id = ++timerSeq
    const delay = Math.max(0, Number(ms) || 0)
    timers.set(id, { id, due: clock + delay, fn, args, repeat: repeat ? Math.max(1, delay) : 0 })
    return id
  }
  const clearTimer = (id) => void timers.delete(id)

  // ---- logic-layer console: console.error from the app fails the run ----
  const format = (args) =>
    args
      .map((a) => {
        if (a instanceof Error || (a && typeof a === 'object' && 'stack' in a && 'message' in a))
          return a.stack || a.message
        if (typeof a === 'string') return a
        try {
          return JSON.stringify(a)
        } catch {
          return String(a)
        }
      })
      .join(' ')
  const logicConsole = {
    log: (...a) => records.logs.push(['log', format(a)]),
    info: (...a) => records.logs.push(['info', format(a)]),
    debug: (...a) => records.logs.push(['debug', format(a)]),
    warn: (...a) => records.logs.push(['warn', format(a)]),
    error: (...a) => {
      records.logs.push(['error', format(a)])
      fail(`console.error from the app: ${format(a)}`)
    },
    group: () => {},
    groupEnd: () => {},
    time: () => {},
    timeEnd: () => {},
  }

  // ---- the realm ----
  const sandbox = {}
  const context = vm.createContext(sandbox, {
    name: 'wechat-logic-layer',
    codeGeneration: { strings: false, wasm: false },
  })
  // V8 puts WebAssembly into every realm; WeChat's iOS logic layer has none.
  vm.runInContext('delete globalThis.WebAssembly', context)
  if (engine === 'ios10') vm.runInContext(IOS10_MISSING.map((p) => `delete ${p};`).join('\n'), context)
  else if (engine && engine !== 'modern')
    throw new Error(`unknown WEAPP_ENGINE ${engine} (known: modern, ios10)`)
  // Time in the realm follows the virtual clock, so code that polls Date.now() between timers
  // (Taro's nextTick does) sees time pass as it would on a phone.
  const epoch = Date.now()
  vm.runInContext(
    `(function (now) {
      const RealDate = Date
      const VirtualDate = function Date(...args) {
        if (!new.target) return new RealDate(now()).toString()
        return args.length === 0 ? new RealDate(now()) : new RealDate(...args)
      }
      VirtualDate.prototype = RealDate.prototype
      Object.defineProperty(RealDate.prototype, 'constructor', { value: VirtualDate, writable: true, configurable: true })
      VirtualDate.now = () => now()
      VirtualDate.parse = RealDate.parse
      VirtualDate.UTC = RealDate.UTC
      globalThis.Date = VirtualDate
    })`,
    context,
  )(() => epoch + clock)
  const realm = vm.runInContext('({ JSON, ArrayBuffer, Uint8Array, Promise, Error, Object })', context)
  /** a value built in the logic realm (what crosses WeChat's bridge is JSON) */
  const inRealm = (value) => (value === undefined ? undefined : realm.JSON.parse(JSON.stringify(value)))
  const realmError = (message) => new realm.Error(message)

  // ---- wx ----
  const { methods, properties } = wxInterface()
  const wx = {}
  for (const name of methods) {
    wx[name] = function notImplemented() {
      const message = `wx.${name} is not implemented by the WeChat harness (called by the app)`
      fail(message)
      throw realmError(message)
    }
  }
  if (properties.includes('env')) wx.env = inRealm({ USER_DATA_PATH: 'wxfile://usr' })

  const later = (fn) => addTimer(fn, 0, [], false)
  /** WeChat's async API shape: success/fail/complete callbacks, or a Promise when none is given */
  const asyncApi = (name, impl) => {
    wx[name] = function (options = {}) {
      const opts = options || {}
      const callbacks = ['success', 'fail', 'complete'].some((k) => typeof opts[k] === 'function')
      let outcome
      try {
        const result = impl(opts)
        outcome = { ok: true, res: { ...(result || {}), errMsg: `${name}:ok` } }
      } catch (error) {
        if (!(error instanceof ApiFailure)) throw error
        outcome = { ok: false, res: { errMsg: `${name}:fail ${error.reason}`, ...(error.extra || {}) } }
      }
      const deliver = () => {
        const res = realmObject(outcome.res)
        if (outcome.ok) opts.success?.(res)
        else opts.fail?.(res)
        opts.complete?.(res)
      }
      if (callbacks) {
        later(deliver)
        return undefined
      }
      return new realm.Promise((resolve, reject) =>
        later(() => (outcome.ok ? resolve(realmObject(outcome.res)) : reject(realmObject(outcome.res)))),
      )
    }
  }
  // results may carry ArrayBuffers that must stay binary; everything else is copied into the realm
  const realmObject = (res) => {
    const out = new realm.Object()
    for (const [k, v] of Object.entries(res)) out[k] = v instanceof realm.ArrayBuffer ? v : inRealm(v)
    return out
  }
  const syncApi = (name, impl) => {
    wx[name] = (...args) => {
      try {
        return impl(...args)
      } catch (error) {
        if (!(error instanceof ApiFailure)) throw error
        throw realmError(`${name}:fail ${error.reason}`)
      }
    }
  }

  // storage
  const getValue = (key) => {
    const json = storage.getJson(key)
    return json === undefined ? undefined : realm.JSON.parse(json)
  }
  const setValue = (key, data) => {
    const reason = storage.set(key, data)
    if (reason) throw new ApiFailure(reason)
  }
  syncApi('setStorageSync', (key, data) => setValue(key, data))
  syncApi('getStorageSync', (key) => {
    const v = getValue(key)
    return v === undefined ? '' : v
  })
  syncApi('removeStorageSync', (key) => storage.remove(key))
  syncApi('clearStorageSync', () => storage.clear())
  const storageInfo = () => ({
    keys: storage.keys(),
    currentSize: Math.ceil(storage.totalSize() / 1024),
    limitSize: 10240,
  })
  syncApi('getStorageInfoSync', () => inRealm(storageInfo()))
  asyncApi('setStorage', (o) => setValue(o.key, o.data))
  asyncApi('getStorage', (o) => {
    const v = storage.getJson(o.key)
    if (v === undefined) throw new ApiFailure('data not found')
    return { data: JSON.parse(v) }
  })
  asyncApi('removeStorage', (o) => storage.remove(o.key))
  asyncApi('clearStorage', () => storage.clear())
  asyncApi('getStorageInfo', () => storageInfo())

  // secure random: the only CSPRNG of WeChat's logic layer (base library ≥ 2.15.0), asynchronous
  asyncApi('getRandomValues', (o) => {
    const n = o.length
    if (!Number.isInteger(n) || n <= 0 || n > 1048576) throw new ApiFailure('invalid length')
    const buffer = new realm.ArrayBuffer(n)
    crypto.randomFillSync(new realm.Uint8Array(buffer))
    return { randomValues: buffer }
  })

  // system information
  const windowInfo = () => ({
    pixelRatio: SYSTEM.pixelRatio,
    screenWidth: SYSTEM.screenWidth,
    screenHeight: SYSTEM.screenHeight,
    windowWidth: SYSTEM.windowWidth,
    windowHeight: SYSTEM.windowHeight,
    statusBarHeight: SYSTEM.statusBarHeight,
    safeArea: SYSTEM.safeArea,
    screenTop: 0,
  })
  syncApi('getSystemInfoSync', () => inRealm(SYSTEM))
  asyncApi('getSystemInfo', () => SYSTEM)
  syncApi('getWindowInfo', () => inRealm(windowInfo()))
  syncApi('getAppBaseInfo', () =>
    inRealm({
      SDKVersion: SYSTEM.SDKVersion,
      enableDebug: false,
      host: SYSTEM.host,
      language: SYSTEM.language,
      version: SYSTEM.version,
      theme: SYSTEM.theme,
      fontSizeSetting: SYSTEM.fontSizeSetting,
    }),
  )
  syncApi('getDeviceInfo', () =>
    inRealm({
      brand: SYSTEM.brand,
      model: SYSTEM.model,
      system: SYSTEM.system,
      platform: SYSTEM.platform,
      benchmarkLevel: 1,
    }),
  )
  syncApi('getSystemSetting', () =>
    inRealm({
      bluetoothEnabled: false,
      locationEnabled: false,
      wifiEnabled: true,
      deviceOrientation: 'portrait',
    }),
  )
  syncApi('getMenuButtonBoundingClientRect', () =>
    inRealm({ width: 87, height: 32, top: 51, right: 382, bottom: 83, left: 295 }),
  )
  syncApi('getLaunchOptionsSync', () => inRealm(launchOptions))
  syncApi('getEnterOptionsSync', () => inRealm(launchOptions))
  syncApi('getAccountInfoSync', () =>
    inRealm({ miniProgram: { appId: 'touristappid', envVersion: 'develop', version: '' } }),
  )
  syncApi('canIUse', () => true)
  for (const name of [
    'onAppShow',
    'onAppHide',
    'offAppShow',
    'offAppHide',
    'onThemeChange',
    'offThemeChange',
  ]) {
    syncApi(name, () => undefined)
  }
  for (const name of [
    'onError',
    'offError',
    'onUnhandledRejection',
    'offUnhandledRejection',
    'onPageNotFound',
  ]) {
    syncApi(name, () => undefined)
  }
  for (const name of ['onMemoryWarning', 'offMemoryWarning', 'onWindowResize', 'offWindowResize']) {
    syncApi(name, () => undefined)
  }
  syncApi('nextTick', (fn) => void realm.Promise.resolve().then(fn))
  syncApi('reportAnalytics', () => undefined)

  // interaction: recorded; modal / action sheet answers are scripted by the test
  asyncApi('showToast', (o) => {
    if (typeof o.title !== 'string') throw new ApiFailure('parameter error: parameter.title should be String')
    records.toasts.push({ title: o.title, icon: o.icon ?? 'success' })
  })
  asyncApi('hideToast', () => undefined)
  asyncApi('showLoading', (o) => void records.toasts.push({ title: o.title, icon: 'loading' }))
  asyncApi('hideLoading', () => undefined)
  asyncApi('showModal', (o) => {
    const modal = { title: o.title ?? '', content: o.content ?? '', editable: !!o.editable }
    records.modals.push(modal)
    if (modalAnswers.length === 0) {
      fail(`wx.showModal「${modal.title}」${modal.content} opened with no scripted answer`)
      return { confirm: false, cancel: true }
    }
    const answer = modalAnswers.shift()
    const a = typeof answer === 'function' ? answer(modal) : answer
    return a === true || a === 'confirm'
      ? { confirm: true, cancel: false, content: o.editable ? (o.placeholderText ?? '') : undefined }
      : typeof a === 'object'
        ? { confirm: !!a.confirm, cancel: !a.confirm, content: a.content }
        : { confirm: false, cancel: true }
  })
  asyncApi('showActionSheet', (o) => {
    records.actionSheets.push({ itemList: o.itemList })
    if (sheetAnswers.length === 0) {
      fail(`wx.showActionSheet [${o.itemList}] opened with no scripted answer`)
      throw new ApiFailure('cancel')
    }
    const answer = sheetAnswers.shift()
    const index = typeof answer === 'string' ? o.itemList.indexOf(answer) : answer
    if (index === null || index < 0) throw new ApiFailure('cancel')
    return { tapIndex: index }
  })
  asyncApi('setClipboardData', (o) => {
    if (typeof o.data !== 'string') throw new ApiFailure('parameter error: parameter.data should be String')
    records.clipboard = o.data
    // WeChat itself confirms with a toast
    records.toasts.push({ title: '内容已复制', icon: 'none', system: true })
  })
  asyncApi('getClipboardData', () => ({ data: records.clipboard ?? '' }))

  // user files: wx.env.USER_DATA_PATH is the only writable place (200 MB); chosen files are
  // read-only temporary paths (wxfile://tmp_…), as WeChat gives them
  const USER_DIR = 'wxfile://usr'
  const USER_FILES_LIMIT = 200 * 1024 * 1024
  const files = new Map() // path → Buffer
  const dirs = new Set([USER_DIR])
  const usedBytes = () => [...files].reduce((n, [p, b]) => n + (p.startsWith(USER_DIR) ? b.length : 0), 0)
  const toBuffer = (data, encoding) =>
    data instanceof realm.ArrayBuffer || data instanceof ArrayBuffer
      ? Buffer.from(new Uint8Array(data))
      : typeof data === 'string'
        ? Buffer.from(data, encoding === 'base64' ? 'base64' : encoding === 'binary' ? 'latin1' : 'utf8')
        : null
  const parent = (p) => p.slice(0, p.lastIndexOf('/'))
  const fsImpl = {
    writeFile(o) {
      const p = String(o.filePath ?? '')
      if (!p.startsWith(`${USER_DIR}/`)) throw new ApiFailure(`permission denied, open ${p}`)
      if (!dirs.has(parent(p))) throw new ApiFailure(`no such file or directory, open ${p}`)
      const buf = toBuffer(o.data, o.encoding)
      if (!buf) throw new ApiFailure('parameter error: data should be String or ArrayBuffer')
      if (usedBytes() - (files.get(p)?.length ?? 0) + buf.length > USER_FILES_LIMIT)
        throw new ApiFailure('the maximum size of the file storage limit is exceeded')
      files.set(p, buf)
    },
    readFile(o) {
      const buf = files.get(String(o.filePath ?? ''))
      if (!buf) throw new ApiFailure(`no such file or directory, open ${o.filePath}`)
      if (o.encoding === 'base64') return { data: buf.toString('base64') }
      if (o.encoding === 'utf8' || o.encoding === 'utf-8') return { data: buf.toString('utf8') }
      const ab = new realm.ArrayBuffer(buf.length)
      new realm.Uint8Array(ab).set(buf)
      return { data: ab }
    },
    mkdir(o) {
      const p = String(o.dirPath ?? '')
      if (!p.startsWith(`${USER_DIR}/`)) throw new ApiFailure(`permission denied, mkdir ${p}`)
      if (dirs.has(p)) throw new ApiFailure(`file already exists ${p}`)
      if (!o.recursive && !dirs.has(parent(p))) throw new ApiFailure(`no such file or directory ${p}`)
      for (let d = p; d.startsWith(`${USER_DIR}/`); d = parent(d)) dirs.add(d)
    },
    access(o) {
      const p = String(o.path ?? '')
      if (!files.has(p) && !dirs.has(p)) throw new ApiFailure(`no such file or directory ${p}`)
    },
    unlink(o) {
      if (!files.delete(String(o.filePath ?? '')))
        throw new ApiFailure(`no such file or directory ${o.filePath}`)
    },
    stat(o) {
      const buf = files.get(String(o.path ?? ''))
      if (!buf) throw new ApiFailure(`no such file or directory ${o.path}`)
      return { stats: { size: buf.length } }
    },
  }
  const fileManager = {}
  for (const [name, impl] of Object.entries(fsImpl)) {
    // the manager's methods have the callback shape of wx's async APIs, and Sync twins that throw
    asyncApi(`__fs_${name}`, impl)
    fileManager[name] = wx[`__fs_${name}`]
    delete wx[`__fs_${name}`]
    fileManager[`${name}Sync`] = (...args) => {
      const o =
        name === 'writeFile'
          ? { filePath: args[0], data: args[1], encoding: args[2] }
          : name === 'readFile'
            ? { filePath: args[0], encoding: args[1] }
            : name === 'mkdir'
              ? { dirPath: args[0], recursive: args[1] }
              : name === 'unlink'
                ? { filePath: args[0] }
                : { path: args[0] }
      try {
        const r = impl(o)
        return name === 'readFile' ? r.data : name === 'stat' ? inRealm(r.stats) : undefined
      } catch (error) {
        if (!(error instanceof ApiFailure)) throw error
        throw realmError(`${name}Sync:fail ${error.reason}`)
      }
    }
  }
  syncApi('getFileSystemManager', () => fileManager)
  let tmpSeq = 0
  asyncApi('chooseMessageFile', (o) => {
    if (chosenFiles.length === 0) {
      fail('wx.chooseMessageFile opened with no scripted files')
      throw new ApiFailure('cancel')
    }
    const count = Number(o.count ?? 1)
    const picked = chosenFiles.splice(0, chosenFiles.length).slice(0, count)
    return {
      tempFiles: picked.map((f) => {
        const p = `wxfile://tmp_${++tmpSeq}_${f.name}`
        files.set(p, Buffer.from(f.data))
        return {
          path: p,
          name: f.name,
          size: f.data.length,
          type: 'file',
          time: Math.floor(Date.now() / 1000),
        }
      }),
    }
  })
  asyncApi('openDocument', (o) => {
    const buf = files.get(String(o.filePath ?? ''))
    if (!buf) throw new ApiFailure(`no such file or directory ${o.filePath}`)
    records.opened.push({
      kind: 'document',
      path: o.filePath,
      size: buf.length,
      showMenu: !!o.showMenu,
      fileType: o.fileType,
    })
  })
  asyncApi('previewImage', (o) => {
    if (!Array.isArray(o.urls) || o.urls.length === 0)
      throw new ApiFailure('parameter error: urls should be a non-empty Array')
    records.opened.push({ kind: 'image', path: o.current ?? o.urls[0], urls: [...o.urls] })
  })
  asyncApi('setNavigationBarTitle', (o) => void records.titles.push(o.title))
  asyncApi('stopPullDownRefresh', () => void records.pullDownStops++)
  asyncApi('startPullDownRefresh', () => undefined)
  asyncApi('pageScrollTo', () => undefined)
  asyncApi('vibrateShort', () => undefined)
  asyncApi('hideKeyboard', () => undefined)
  asyncApi('makePhoneCall', (o) => {
    if (typeof o.phoneNumber !== 'string' || !o.phoneNumber) throw new ApiFailure('parameter error')
    records.calls = [...(records.calls || []), o.phoneNumber]
  })

  // tab bar: the calls that change it fail off a tab page, as in WeChat
  const onTabPage = () => {
    const top = stack[stack.length - 1]
    return top && tabRoutes.includes(top.route)
  }
  const tabApi = (name, apply) =>
    asyncApi(name, (o) => {
      if (!onTabPage()) throw new ApiFailure('not TabBar page')
      if ('index' in o && (!Number.isInteger(o.index) || o.index < 0 || o.index >= tabRoutes.length))
        throw new ApiFailure('tabbar item not found')
      apply(o)
    })
  tabApi('setTabBarBadge', (o) => {
    if (typeof o.text !== 'string') throw new ApiFailure('parameter error: parameter.text should be String')
    records.badges[o.index] = o.text
  })
  tabApi('removeTabBarBadge', (o) => delete records.badges[o.index])
  tabApi('showTabBar', () => (records.tabBarHidden = false))
  tabApi('hideTabBar', () => (records.tabBarHidden = true))
  tabApi('showTabBarRedDot', () => undefined)
  tabApi('hideTabBarRedDot', () => undefined)

  // ---- modules: CommonJS on one global, as WeChat's define/require ----
  const modules = new Map()
  const resolve = (from, id) => {
    let target = id.startsWith('/')
      ? id.slice(1)
      : path.posix.normalize(path.posix.join(path.posix.dirname(from), id))
    if (!target.endsWith('.js')) target += '.js'
    return target
  }
  const requireFrom = (from) => (id) => {
    const file = resolve(from, String(id))
    const fromPkg = packageOf(from)
    const toPkg = packageOf(file)
    // WeChat: the main package cannot require sub-package code, nor one sub-package another's.
    if (toPkg && toPkg !== fromPkg) {
      throw realmError(
        `module "${file}" is not defined, require args is '${id}' (sub-package ${toPkg} from ${fromPkg ?? 'main package'})`,
      )
    }
    return load(file)
  }
  const load = (file) => {
    if (modules.has(file)) return modules.get(file).exports
    const abs = path.join(dist, file)
    if (!fs.existsSync(abs)) throw realmError(`module "${file}" is not defined`)
    const module = { exports: {} }
    modules.set(file, module)
    const code = fs.readFileSync(abs, 'utf8')
    const fn = new vm.Script(`(function (require, module, exports) {${code}\n})`, {
      filename: abs,
    }).runInContext(context)
    fn.call(module.exports, requireFrom(file), module, module.exports)
    return module.exports
  }

  // ---- App / Page / Component ----
  let appConfig = null
  let appInstance = null
  const pageConfigs = new Map()
  const componentConfigs = new Map()
  let loading = null // the file whose top-level code is running (Page()/Component() register for it)
  const stack = []
  const alive = new Map() // tab pages stay alive after switchTab away
  let pageSeq = 0

  const App = (config) => {
    if (appConfig) fail('App() called twice')
    appConfig = config
    appInstance = config
  }
  const Page = (config) => {
    if (!loading) return fail('Page() called outside a page file')
    pageConfigs.set(loading.replace(/\.js$/, ''), config)
  }
  const Component = (config) => {
    if (!loading) return fail('Component() called outside a component file')
    componentConfigs.set(loading.replace(/\.js$/, ''), config)
  }
  const Behavior = (config) => config
  const getApp = () => appInstance
  const getCurrentPages = () => stack.slice()

  const loadFile = (file) => {
    const previous = loading
    loading = file
    try {
      load(file)
    } finally {
      loading = previous
    }
  }

  /** the page's custom components (usingComponents, resolved to build paths) */
  const componentsOf = (route) => {
    const json = JSON.parse(fs.readFileSync(path.join(dist, `${route}.json`), 'utf8'))
    const out = {}
    for (const [name, rel] of Object.entries(json.usingComponents || {})) {
      out[name] = rel.startsWith('/')
        ? rel.slice(1)
        : path.posix.normalize(path.posix.join(path.posix.dirname(route), rel))
    }
    return out
  }

  const createPage = (route, query) => {
    const components = componentsOf(route)
    for (const c of Object.values(components)) if (!componentConfigs.has(c)) loadFile(`${c}.js`)
    if (!pageConfigs.has(route)) loadFile(`${route}.js`)
    const config = pageConfigs.get(route)
    if (!config) throw new Error(`${route}.js did not call Page()`)
    const page = { route, __route__: route, options: inRealm(query), data: inRealm(config.data || {}) }
    page.__wxWebviewId__ = ++pageSeq
    for (const [key, value] of Object.entries(config)) {
      if (key === 'data') continue
      page[key] = typeof value === 'function' ? value : inRealm(value)
    }
    page.setData = function setData(data, callback) {
      applySetData(page, data, route)
      if (typeof callback === 'function') later(() => callback.call(page))
    }
    page.selectComponent = () => null
    page.selectAllComponents = () => new realm.Object()
    page.getPageId = () => `pageId:${page.__wxWebviewId__}`
    page.getOpenerEventChannel = () => ({ emit() {}, on() {}, once() {}, off() {} })
    page.createSelectorQuery = () => wx.createSelectorQuery().in(page)
    const entry = { route, page, components, config, setDataCalls: 0 }
    Object.defineProperty(page, '__harness', { value: entry, enumerable: false })
    return entry
  }

  const applySetData = (page, data, route) => {
    if (!data || typeof data !== 'object') {
      fail(`${route}: setData needs an object, got ${typeof data}`)
      return
    }
    const problem = notSerialisable(data, 'data')
    if (problem) {
      fail(`${route}: setData with a value that is not JSON-serialisable: ${problem}`)
      return
    }
    const json = JSON.stringify(data)
    const bytes = Buffer.byteLength(json, 'utf8')
    if (bytes > SET_DATA_LIMIT) {
      fail(`${route}: setData payload of ${bytes} bytes is over WeChat's 1 MB limit`)
      return
    }
    page.__harness.setDataCalls++
    page.__harness.maxSetData = Math.max(page.__harness.maxSetData || 0, bytes)
    const copy = realm.JSON.parse(json)
    for (const key of Object.keys(copy)) setPath(page.data, key, copy[key])
  }

  const launchOptions = { path: '', query: {}, scene: 1001, referrerInfo: {}, apiCategory: 'default' }

  // ---- navigation with WeChat's page-stack rules ----
  const parseUrl = (url, api) => {
    if (typeof url !== 'string' || url === '')
      throw new ApiFailure('parameter error: parameter.url should be String')
    const [rawPath, search = ''] = url.split('?')
    const top = stack[stack.length - 1]
    let route = rawPath.startsWith('/')
      ? rawPath.slice(1)
      : path.posix.normalize(path.posix.join(path.posix.dirname(top ? top.route : ''), rawPath))
    route = route.replace(/\.html$/, '')
    if (!routes.has(route)) throw new ApiFailure(`page "${route}" is not found`)
    const query = {}
    for (const part of search.split('&')) {
      if (!part) continue
      const i = part.indexOf('=')
      query[i < 0 ? part : part.slice(0, i)] = i < 0 ? '' : part.slice(i + 1)
    }
    void api
    return { route, query }
  }
  const call = (page, hook, ...args) => {
    const fn = page[hook]
    if (typeof fn !== 'function') return undefined
    try {
      return fn.apply(page, args)
    } catch (error) {
      fail(`uncaught error in ${page.route}.${hook}: ${error && error.stack ? error.stack : error}`)
      return undefined
    }
  }
  const openPage = (route, query) => {
    const entry = createPage(route, query)
    stack.push(entry.page)
    call(entry.page, 'onLoad', inRealm(query))
    call(entry.page, 'onShow')
    later(() => call(entry.page, 'onReady'))
    return entry.page
  }
  const unload = (page) => {
    call(page, 'onUnload')
    alive.delete(page.route)
  }
  const hideTop = () => {
    const top = stack[stack.length - 1]
    if (top) call(top, 'onHide')
  }

  asyncApi('navigateTo', (o) => {
    const { route, query } = parseUrl(o.url, 'navigateTo')
    if (tabRoutes.includes(route)) throw new ApiFailure('can not navigateTo a tabbar page')
    if (stack.length >= PAGE_STACK_LIMIT) throw new ApiFailure('webview count limit exceed')
    hideTop()
    openPage(route, query)
  })
  asyncApi('redirectTo', (o) => {
    const { route, query } = parseUrl(o.url, 'redirectTo')
    if (tabRoutes.includes(route)) throw new ApiFailure('can not redirectTo a tabbar page')
    const top = stack.pop()
    if (top) unloadOrKeep(top)
    openPage(route, query)
  })
  asyncApi('navigateBack', (o) => {
    const delta = Math.max(1, Number(o.delta) || 1)
    if (stack.length <= 1) throw new ApiFailure('cannot navigate back at first page.')
    // a shown page-container on the top page takes this back instead of the page (WeChat's 假页)
    if (interceptBack()) return
    const n = Math.min(delta, stack.length - 1)
    for (let i = 0; i < n; i++) unloadOrKeep(stack.pop())
    call(stack[stack.length - 1], 'onShow')
  })
  asyncApi('switchTab', (o) => {
    const { route } = parseUrl(o.url.split('?')[0], 'switchTab')
    if (!tabRoutes.includes(route)) throw new ApiFailure('can not switch to no-tabBar page')
    switchTo(route)
  })
  asyncApi('reLaunch', (o) => {
    const { route, query } = parseUrl(o.url, 'reLaunch')
    while (stack.length) unload(stack.pop())
    for (const page of alive.values()) unload(page)
    alive.clear()
    openPage(route, query)
  })
  // A tab page is never unloaded by leaving it: WeChat keeps it for the next switchTab.
  const unloadOrKeep = (page) => {
    if (tabRoutes.includes(page.route)) {
      call(page, 'onHide')
      alive.set(page.route, page)
    } else unload(page)
  }
  const switchTo = (route) => {
    const top = stack[stack.length - 1]
    if (top && top.route === route) return
    while (stack.length) {
      const page = stack.pop()
      if (tabRoutes.includes(page.route)) {
        if (page === top) call(page, 'onHide')
        alive.set(page.route, page)
      } else unload(page)
    }
    const kept = alive.get(route)
    if (kept) {
      alive.delete(route)
      stack.push(kept)
      call(kept, 'onShow')
    } else openPage(route, {})
  }

  // selector queries find nodes in the rendered page (the harness sets the lookup)
  let lookup = () => []
  // whether a page-container of the rendered top page takes a back (the harness sets it)
  let interceptBack = () => false
  syncApi('createSelectorQuery', () =>
    makeSelectorQuery((selector) => lookup(selector), records, inRealm, later),
  )

  sandbox.wx = wx
  sandbox.App = App
  sandbox.Page = Page
  sandbox.Component = Component
  sandbox.Behavior = Behavior
  sandbox.getApp = getApp
  sandbox.getCurrentPages = getCurrentPages
  sandbox.require = requireFrom('app.js')
  sandbox.setTimeout = (fn, ms, ...args) => addTimer(fn, ms, args, false)
  sandbox.setInterval = (fn, ms, ...args) => addTimer(fn, ms, args, true)
  sandbox.clearTimeout = clearTimer
  sandbox.clearInterval = clearTimer
  sandbox.console = logicConsole

  return {
    context,
    wx,
    records,
    storage,
    routes,
    tabRoutes,
    appJson,
    stack,
    get app() {
      return appInstance
    },
    get clock() {
      return clock
    },
    modalAnswers,
    sheetAnswers,
    chosenFiles,
    /** a user file's bytes (Buffer) or undefined */
    userFile: (p) => files.get(p),
    inRealm,
    componentConfigs,
    /** loads app.js and runs App's onLaunch / onShow, then opens `url` (default: the first page) */
    launch(url) {
      loadFile('app.js')
      if (!appConfig) throw new Error('app.js did not call App()')
      const { route, query } = parseUrl(url || `/${appJson.pages[0]}`, 'launch')
      Object.assign(launchOptions, { path: route, query })
      if (typeof appConfig.onLaunch === 'function')
        appConfig.onLaunch.call(appInstance, inRealm(launchOptions))
      if (typeof appConfig.onShow === 'function') appConfig.onShow.call(appInstance, inRealm(launchOptions))
      openPage(route, query)
    },
    /** runs due timers (letting microtasks settle between them) until none is due within `horizon` ms */
    async settle(horizon = 2000) {
      const end = clock + horizon
      for (let runs = 0; ; runs++) {
        await drainMicrotasks()
        let next = null
        for (const t of timers.values()) if (t.due <= end && (!next || t.due < next.due)) next = t
        if (!next) return
        if (runs > 20000) {
          fail('timers never settle (over 20,000 timer callbacks in one settle)')
          return
        }
        clock = Math.max(clock, next.due)
        if (next.repeat) next.due = clock + next.repeat
        else timers.delete(next.id)
        try {
          next.fn(...(next.args || []))
        } catch (error) {
          fail(`uncaught error in a timer callback: ${error && error.stack ? error.stack : error}`)
        }
      }
    },
    /** advances the clock by `ms`, running what falls due */
    async advance(ms) {
      await this.settle(ms)
      clock = Math.max(clock, clock + 0)
    },
    pendingTimers: () => [...timers.values()].map((t) => ({ due: t.due - clock, repeat: t.repeat })),
    /** the person leaves WeChat (home button): the app and its top page hide */
    hideApp() {
      const top = stack[stack.length - 1]
      if (top) call(top, 'onHide')
      if (typeof appConfig.onHide === 'function') appConfig.onHide.call(appInstance)
    },
    /** and comes back */
    showApp() {
      if (typeof appConfig.onShow === 'function') appConfig.onShow.call(appInstance, inRealm(launchOptions))
      const top = stack[stack.length - 1]
      if (top) call(top, 'onShow')
    },
    /** runs a page hook as WeChat would (errors fail the run) */
    invokePage: (page, hook, ...args) => call(page, hook, ...args),
    /** how selector queries find nodes: (selector) => rendered nodes of the top page */
    setNodeLookup(fn) {
      lookup = fn
    },
    /** how a back finds a page-container to close instead of the page: () => taken */
    setBackInterceptor(fn) {
      interceptBack = fn
    },
    /** runs code in the logic realm (tests reach the app's globals this way) */
    evaluate(code) {
      return new vm.Script(code).runInContext(context)
    },
  }
}

export class ApiFailure extends Error {
  constructor(reason, extra) {
    super(reason)
    this.reason = reason
    this.extra = extra
  }
}

async function drainMicrotasks() {
  // The vm realm shares Node's microtask queue; a macrotask turn lets every queued job run.
  for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r))
}

/** why `value` would not survive WeChat's JSON bridge, or null */
function notSerialisable(value, where, seen = new Set()) {
  if (value === null) return null
  const type = typeof value
  if (type === 'function') return `${where} is a function`
  if (type === 'symbol' || type === 'bigint') return `${where} is a ${type}`
  if (type === 'number' && !Number.isFinite(value)) return `${where} is ${value}`
  if (type !== 'object') return null
  if (seen.has(value)) return `${where} is circular`
  seen.add(value)
  const entries = Array.isArray(value) ? value.map((v, i) => [`[${i}]`, v]) : Object.entries(value)
  for (const [k, v] of entries) {
    const p = notSerialisable(v, Array.isArray(value) ? `${where}${k}` : `${where}.${k}`, seen)
    if (p) return p
  }
  seen.delete(value)
  return null
}

/** applies one setData key ("root.cn.[0].cn.[2].v", "list[3].name") to `data` */
export function setPath(data, key, value) {
  const parts = []
  for (const segment of key.split('.')) {
    const re = /([^[\]]+)|\[(\d+)\]/g
    let m
    while ((m = re.exec(segment))) parts.push(m[2] !== undefined ? Number(m[2]) : m[1])
  }
  let target = data
  for (let i = 0; i < parts.length - 1; i++) {
    const part = parts[i]
    if (target[part] === null || typeof target[part] !== 'object')
      target[part] = typeof parts[i + 1] === 'number' ? [] : {}
    target = target[part]
  }
  target[parts[parts.length - 1]] = value
}

function makeSelectorQuery(lookup, records, realmCopy, defer) {
  const tasks = []
  const query = {
    in() {
      return query
    },
    select: (selector) => nodesRef(selector, false),
    selectAll: (selector) => nodesRef(selector, true),
    selectViewport: () => nodesRef(null, false),
    exec(callback) {
      records.selectorQueries.push(tasks.map((t) => t.selector))
      const results = realmCopy(tasks.map((t) => t.answer()))
      // answered asynchronously, after the view layer measured
      defer(() => {
        tasks.forEach((t, i) => t.callback?.(results[i]))
        if (typeof callback === 'function') callback(results)
      })
    },
  }
  // No layout here: a node that exists answers a zero-sized box (the app then falls back to its
  // computed layout, as it does before the first layout); a node that does not answers null.
  const describe = (node) => ({
    id: node?.attr?.id ?? '',
    dataset: {},
    left: 0,
    right: 0,
    top: 0,
    bottom: 0,
    width: 0,
    height: 0,
    scrollTop: 0,
    scrollLeft: 0,
  })
  const nodesRef = (selector, all) => {
    const answer = () => {
      if (selector === null) return describe(null)
      const nodes = lookup(selector)
      if (all) return nodes.map(describe)
      return nodes.length ? describe(nodes[0]) : null
    }
    const field = (callback) => {
      tasks.push({ selector, answer, callback })
      return query
    }
    return { boundingClientRect: field, scrollOffset: field, fields: (_f, cb) => field(cb), node: field }
  }
  return query
}
