// The view layer, as far as a test can see it: all WXML of the build compiled by WeChat's own wcc
// (miniprogram-compiler) into `$gwx`, run in its own realm, turned into a node tree with Taro's
// recursive `comp` component expanded.
import childProcess from 'node:child_process'
import { createRequire } from 'node:module'
import vm from 'node:vm'

const require = createRequire(import.meta.url)

// wxmlToJs drops wcc's stderr when it succeeds; keep it so compile warnings fail the run.
const lastWcc = { stderr: '' }
const spawnSync = childProcess.spawnSync
childProcess.spawnSync = function recordingSpawnSync(...args) {
  const result = spawnSync.apply(this, args)
  if (/wcc(\.exe)?$/.test(String(args[0]))) lastWcc.stderr = result.stderr ? result.stderr.toString() : ''
  return result
}
const { wxmlToJs } = require('miniprogram-compiler')

/**
 * Compiles every WXML file of `dist` once. `problems` collects compile warnings and the warnings
 * or errors the generated code reports while rendering (missing templates, bad expressions).
 */
export function compileViews(dist) {
  const problems = []
  let code
  try {
    code = wxmlToJs(dist, { maxBuffer: 64 * 1024 * 1024 })
  } catch (error) {
    problems.push(`WXML compile error: ${error.message}`)
    return { problems, render: null }
  }
  if (lastWcc.stderr.trim()) problems.push(`WXML compile warning: ${lastWcc.stderr.trim()}`)
  const report =
    (level) =>
    (...args) =>
      problems.push(`WXML runtime ${level}: ${args.map(String).join(' ')}`)
  // $gwx expects a global `window` and deep-copies only objects whose constructor is its own Object.
  const realm = vm.createContext({
    console: {
      log: () => {},
      info: () => {},
      debug: () => {},
      warn: report('warning'),
      error: report('error'),
    },
  })
  realm.window = realm
  const gwx = vm.runInContext(`(function () {${code}\n})()`, realm, { filename: 'wxml-compiled.js' })
  const parse = vm.runInContext('JSON.parse', realm)
  const templates = new Map()
  const template = (path) => {
    if (!templates.has(path)) templates.set(path, gwx(path))
    return templates.get(path)
  }
  return {
    problems,
    /** renders `${route}.wxml` with page data (a logic-layer object, copied over as JSON) */
    render(route, data, components) {
      const before = problems.length
      const raw = template(`${route}.wxml`)(parse(JSON.stringify(data)), {}, {})
      const stats = { comps: 0, maxDepth: 0, maxElementDepth: 0 }
      const root = toNode(raw, null, { kind: 'page', route }, 0, 0, stats, (attr, depth) => {
        // A `comp` instance renders comp.wxml with its own `i` / `l` properties.
        stats.comps++
        const owner = { kind: 'component', path: components.comp, props: attr }
        const sub = template(`${components.comp}.wxml`)({ i: attr.i, l: attr.l }, {}, {})
        return { sub, owner, depth }
      })
      if (problems.length > before) throw new Error(problems.slice(before).join('\n'))
      return { root, stats }
    },
  }
}

// `depth` counts every node below the page; `elements` only the app's own elements (not the page
// root, not `comp` hosts), which is what Taro's baseLevel is compared with.
function toNode(raw, parent, owner, depth, elements, stats, expandComp) {
  if (typeof raw === 'string' || typeof raw === 'number') {
    return { tag: '#text', text: String(raw), parent, owner, children: [], depth }
  }
  const tag = String(raw.tag || '').replace(/^wx-/, '')
  const node = { tag, attr: { ...(raw.attr || {}) }, parent, owner, children: [], depth }
  const own = tag !== 'comp' && tag !== 'page' ? elements + 1 : elements
  stats.maxDepth = Math.max(stats.maxDepth, depth)
  stats.maxElementDepth = Math.max(stats.maxElementDepth, own)
  if (tag === 'comp' && expandComp) {
    // The custom component's own tree hangs below its host node, as in WeChat's shadow tree.
    const { sub, owner: inner } = expandComp(node.attr, depth)
    node.attr = { ...node.attr }
    for (const child of sub.children || [])
      node.children.push(toNode(child, node, inner, depth + 1, own, stats, expandComp))
    return node
  }
  for (const child of raw.children || [])
    node.children.push(toNode(child, node, owner, depth + 1, own, stats, expandComp))
  return node
}

// ---- queries over a rendered tree ----

export function walk(node, visit) {
  visit(node)
  for (const child of node.children) walk(child, visit)
}

export function textOf(node) {
  if (node.tag === '#text') return node.text
  return node.children.map(textOf).join('')
}

export function classesOf(node) {
  return String((node.attr && node.attr.class) || '')
    .split(/\s+/)
    .filter(Boolean)
}

/** element nodes matching `predicate`, in document order */
export function findAll(root, predicate) {
  const out = []
  walk(root, (node) => {
    if (node.tag !== '#text' && predicate(node)) out.push(node)
  })
  return out
}

/** the innermost elements whose text contains `text` (a string or a RegExp) */
export function findByText(root, text) {
  const matches = (node) => {
    const t = textOf(node)
    return typeof text === 'string' ? t.includes(text) : text.test(t)
  }
  return findAll(root, (node) => matches(node) && !node.children.some((c) => c.tag !== '#text' && matches(c)))
}

export function findByTag(root, tag) {
  return findAll(root, (node) => node.tag === tag)
}

export function findByClass(root, className) {
  return findAll(root, (node) => classesOf(node).includes(className))
}

/** dataset as WeChat builds it: data-foo-bar → fooBar */
export function datasetOf(node) {
  const dataset = {}
  for (const [key, value] of Object.entries(node.attr || {})) {
    if (!key.startsWith('data-')) continue
    dataset[key.slice(5).replace(/-([a-z])/g, (_, c) => c.toUpperCase())] = value
  }
  return dataset
}

/** an outline of the tree for failure messages */
export function outline(node, indent = '') {
  if (node.tag === '#text') return node.text.trim() ? `${indent}"${node.text.trim()}"\n` : ''
  const cls = classesOf(node).join('.')
  const head = `${indent}<${node.tag}${cls ? `.${cls}` : ''}>\n`
  return head + node.children.map((c) => outline(c, `${indent}  `)).join('')
}
