// The WeChat runtime harness: the real weapp build in a model of WeChat's logic layer (logic.mjs),
// rendered through WeChat's own WXML compiler (render.mjs), driven by WeChat-shaped events.
import fs from 'node:fs'
import path from 'node:path'
import { createLogicLayer } from './logic.mjs'
import {
  compileViews,
  datasetOf,
  findAll,
  findByClass,
  findByTag,
  findByText,
  outline,
  textOf,
} from './render.mjs'
import { WxStorage } from './storage.mjs'

export { WxStorage } from './storage.mjs'
export { textOf, findAll, findByText, findByTag, findByClass, outline } from './render.mjs'

export const DIST = path.resolve(process.env.BIZMAIL_DIST || 'dist/weapp')
export const IDENTITY_KEY = 'bizmail.identity'
export const IDENTITIES = {
  member: { corpid: 'wwdemo', userid: 'zhangsan' }, // 张三
  admin: { corpid: 'wwdemo', userid: 'lina' }, // 李娜
  creator: { corpid: 'wwdemo', userid: 'zhangwei' }, // 张伟
}

const views = new Map() // dist → compiled views (compiling takes a few hundred ms)
function viewsOf(dist) {
  if (!views.has(dist)) views.set(dist, compileViews(dist))
  return views.get(dist)
}

// Errors the app throws into the void: one process-wide listener feeds whichever harness is live.
const live = new Set()
process.on('unhandledRejection', (reason) => {
  const message = `unhandled promise rejection: ${reason && reason.stack ? reason.stack : JSON.stringify(reason)}`
  if (live.size === 0) return void ((process.exitCode = 1), console.error(message))
  for (const h of live) h.failures.push(message)
})
process.on('uncaughtException', (error) => {
  if (live.size === 0) return void ((process.exitCode = 1), console.error(error))
  for (const h of live) h.failures.push(`uncaught exception: ${error && error.stack ? error.stack : error}`)
})

/**
 * Launches the app of `dist` at `url` (default: its first page), optionally as `identity`, on
 * `storage` (pass the previous run's storage to model a reload), and lets it settle.
 */
export async function launch({ dist = DIST, url, identity, storage = new WxStorage(), engine } = {}) {
  if (!fs.existsSync(path.join(dist, 'app.json'))) throw new Error(`no weapp build at ${dist}`)
  if (identity) storage.set(IDENTITY_KEY, JSON.stringify(identity))
  const h = new Harness(dist, storage, engine)
  live.add(h)
  h.views = viewsOf(dist)
  for (const p of h.views.problems) h.failures.push(p)
  try {
    h.logic.launch(url)
  } catch (error) {
    h.failures.push(`launch failed: ${error && error.stack ? error.stack : error}`)
  }
  await h.settle()
  return h
}

export class Harness {
  constructor(dist, storage, engine) {
    this.dist = dist
    this.failures = []
    this.logic = createLogicLayer({ dist, storage, engine, fail: (m) => this.failures.push(m) })
    this.storage = storage
    this.measurements = new Map() // route → { maxDepth, maxElementDepth, comps }
    // selector queries look in the rendered top page: `#id` or `.class`
    this.logic.setNodeLookup((selector) => {
      const s = String(selector)
      if (s.startsWith('#')) return this.find((n) => n.attr.id === s.slice(1))
      if (s.startsWith('.')) return this.byClass(s.slice(1))
      this.failures.push(`selector query "${s}" is beyond the harness (only #id and .class)`)
      return []
    })
    this.logic.setBackInterceptor(() => this.interceptBack())
    /** page → ids of its page-containers that already took their one back */
    this.usedContainers = new WeakMap()
  }

  /**
   * WeChat's page-container: while one is shown on the top page, a back (gesture, navigation bar,
   * navigateBack) closes it — beforeleave, leave, afterleave — and the page stays. It takes one
   * back: shown again (show false → true, or a new one) it takes the next. One per page at most.
   */
  interceptBack() {
    const page = this.page
    const used = this.usedContainers.get(page) ?? new Set()
    this.usedContainers.set(page, used)
    const shown = this.find((n) => n.tag === 'page-container' && n.attr.show === true)
    // a container shown as false forgets its use: shown again it intercepts again
    for (const id of [...used]) if (!shown.some((n) => n.attr.id === id)) used.delete(id)
    const armed = shown.filter((n) => !used.has(n.attr.id))
    if (armed.length === 0) return false
    if (shown.length > 1)
      this.failures.push(`${this.route} shows ${shown.length} page-containers: WeChat allows one per page`)
    const container = armed[0]
    used.add(container.attr.id)
    // the view layer reports the leave asynchronously, as WeChat's events arrive
    void Promise.resolve().then(() => {
      for (const type of ['beforeleave', 'leave', 'afterleave']) this.fire(container, type, {}, false)
    })
    return true
  }

  /** the person's back: the gesture, Android's back key or the navigation bar's back */
  async back() {
    let answer
    this.logic.wx.navigateBack({ success: (r) => (answer = r), fail: (r) => (answer = r) })
    await this.settle()
    return answer
  }

  /** ends this harness's share of process-wide error reporting */
  close() {
    live.delete(this)
  }

  get records() {
    return this.logic.records
  }

  get page() {
    const stack = this.logic.stack
    return stack[stack.length - 1]
  }

  get route() {
    return this.page?.route
  }

  /** the app's own globals (e.g. __bizmail) as the logic layer sees them */
  global(name) {
    return this.logic.context[name]
  }

  async settle(horizon) {
    await this.logic.settle(horizon)
  }

  /** scripts the answer of the next wx.showModal: true / false / { confirm, content } / (modal) => … */
  answerModal(...answers) {
    this.logic.modalAnswers.push(...answers)
  }

  answerActionSheet(...answers) {
    this.logic.sheetAnswers.push(...answers)
  }

  /** the rendered node tree of the top page */
  tree() {
    const page = this.page
    if (!page) throw new Error('no page is open')
    if (!this.views.render)
      throw new Error(`the WXML of ${this.dist} did not compile:\n${this.views.problems.join('\n')}`)
    const entry = page.__harness
    const { root, stats } = this.views.render(page.route, page.data, entry.components)
    const m = this.measurements.get(page.route) || { maxDepth: 0, maxElementDepth: 0, comps: 0 }
    this.measurements.set(page.route, {
      maxDepth: Math.max(m.maxDepth, stats.maxDepth),
      maxElementDepth: Math.max(m.maxElementDepth, stats.maxElementDepth),
      comps: Math.max(m.comps, stats.comps),
    })
    return root
  }

  text() {
    return textOf(this.tree())
  }

  byText(text) {
    return findByText(this.tree(), text)
  }

  /** the single innermost node whose text contains `text`; throws with the page outline if not one */
  one(text, root = this.tree()) {
    const found = findByText(root, text)
    if (found.length !== 1) {
      throw new Error(
        `expected one node with text ${text} on ${this.route}, found ${found.length}\n${outline(root)}`,
      )
    }
    return found[0]
  }

  /** the single innermost node whose whole text is `text` */
  exact(text, root = this.tree()) {
    const found = findByText(root, text).filter((n) => textOf(n).trim() === text)
    if (found.length !== 1) {
      throw new Error(
        `expected one node reading exactly ${text} on ${this.route}, found ${found.length}\n${outline(root)}`,
      )
    }
    return found[0]
  }

  byClass(className) {
    return findByClass(this.tree(), className)
  }

  byTag(tag) {
    return findByTag(this.tree(), tag)
  }

  find(predicate) {
    return findAll(this.tree(), predicate)
  }

  /** the nearest node from `node` upwards that handles `type` (bind/catch), for tapping a label */
  handlerOf(node, type = 'tap') {
    for (let n = node; n; n = n.parent)
      if (n.attr && (n.attr[`bind${type}`] || n.attr[`catch${type}`])) return n
    return null
  }

  /** a tap on `node`: bubbles up the rendered tree through every bindtap / catchtap */
  async tap(node) {
    for (let n = node; n; n = n.parent) {
      // a person cannot tap a disabled control; a journey that tries has gone wrong
      if ((n.tag === 'button' || n.tag === 'input' || n.tag === 'switch') && n.attr.disabled === true) {
        throw new Error(`tap on a disabled <${n.tag}> "${textOf(n).trim()}" on ${this.route}`)
      }
    }
    await this.dispatch(node, 'tap', { x: 10, y: 10 }, true)
  }

  /** typing `value` into an input / textarea (the input event does not bubble) */
  async input(node, value) {
    if (node.tag !== 'input' && node.tag !== 'textarea') throw new Error(`input() on a <${node.tag}>`)
    await this.dispatch(node, 'input', { value, cursor: value.length, keyCode: undefined }, false)
  }

  /** a component's change event (switch, picker …) */
  async change(node, detail) {
    await this.dispatch(node, 'change', detail, false)
  }

  async dispatch(node, type, detail, bubbles) {
    if (this.fire(node, type, detail, bubbles) === 0)
      throw new Error(
        `nothing on ${this.route} handles ${type} at <${node.tag}> "${textOf(node).slice(0, 40)}"`,
      )
    await this.settle()
  }

  /** delivers one event to `node` (and up, when it bubbles); returns how many handlers ran */
  fire(node, type, detail, bubbles) {
    const target = { id: node.attr?.id ?? '', dataset: datasetOf(node), offsetLeft: 0, offsetTop: 0 }
    let handled = 0
    for (let n = node; n; n = bubbles ? n.parent : null) {
      if (!n.attr) continue
      const catchName = n.attr[`catch${type}`]
      const name = catchName || n.attr[`bind${type}`]
      if (name) {
        handled++
        const event = {
          type,
          timeStamp: this.logic.clock,
          detail,
          target,
          currentTarget: { id: n.attr.id ?? '', dataset: datasetOf(n), offsetLeft: 0, offsetTop: 0 },
          mark: {},
          changedTouches:
            type === 'tap' ? [{ identifier: 0, pageX: 10, pageY: 10, clientX: 10, clientY: 10 }] : [],
          touches: [],
        }
        this.invoke(n.owner, name, event)
        if (catchName) break
      }
    }
    return handled
  }

  invoke(owner, name, event) {
    const page = this.page
    const realmEvent = this.logic.inRealm(event)
    let host
    if (owner.kind === 'page') host = page
    else {
      // A custom component instance: its methods with its own properties as data.
      const config = this.logic.componentConfigs.get(owner.path)
      if (!config) throw new Error(`component ${owner.path} was never registered`)
      host = { ...config.methods, data: owner.props, properties: owner.props }
    }
    const fn = host[name]
    if (typeof fn !== 'function') {
      this.failures.push(`${owner.kind === 'page' ? page.route : owner.path} has no handler "${name}"`)
      return
    }
    try {
      fn.call(host, realmEvent)
    } catch (error) {
      this.failures.push(
        `uncaught error in event handler ${name}(${event.type}): ${error && error.stack ? error.stack : error}`,
      )
    }
  }

  /** the person pulls the page down (pages with enablePullDownRefresh) */
  async pullDownRefresh() {
    const page = this.page
    if (typeof page.onPullDownRefresh !== 'function')
      throw new Error(`${page.route} has no onPullDownRefresh`)
    const stopsBefore = this.records.pullDownStops
    this.logic.invokePage(page, 'onPullDownRefresh')
    await this.settle()
    return this.records.pullDownStops > stopsBefore
  }

  /** a wx navigation call as the app would make it; resolves with WeChat's answer */
  async navigate(api, url) {
    let answer
    this.logic.wx[api]({ url, success: (r) => (answer = r), fail: (r) => (answer = r) })
    await this.settle()
    return answer
  }

  /** throws when anything went wrong since the last check */
  assertClean(where = '') {
    if (this.failures.length === 0) return
    const list = this.failures.splice(0)
    throw new Error(`WeChat runtime failures${where ? ` (${where})` : ''}:\n- ${list.join('\n- ')}`)
  }
}
