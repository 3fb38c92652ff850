// In-page audits shared by the quality journeys (not a journey itself: the runner only loads
// test/e2e/journeys/*.mjs). Both run inside the page through `page.evaluate`.

/**
 * WCAG AA contrast of every visible text node against its effective background (the element's
 * own and its ancestors' backgrounds, composited up to the first opaque one; ancestors' opacity
 * fades the text). Large text (≥ 24 px, or ≥ 18.66 px bold) needs 3:1, other text 4.5:1.
 * Disabled controls are exempt, as WCAG 1.4.3 says. Returns the offenders.
 */
export async function contrastOffenders(page) {
  return page.evaluate(() => {
    const parse = (c) => {
      const m = c.match(/rgba?\(([^)]+)\)/)
      if (!m) return null
      const [r, g, b, a = 1] = m[1]
        .split(/[ ,/]+/)
        .filter(Boolean)
        .map(Number)
      return { r, g, b, a }
    }
    const over = (top, under) => ({
      r: top.r * top.a + under.r * (1 - top.a),
      g: top.g * top.a + under.g * (1 - top.a),
      b: top.b * top.a + under.b * (1 - top.a),
      a: 1,
    })
    const lum = ({ r, g, b }) => {
      const f = (v) => {
        const s = v / 255
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
      }
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b)
    }
    const ratio = (x, y) => {
      const [a, b] = [lum(x), lum(y)].sort((p, q) => q - p)
      return (a + 0.05) / (b + 0.05)
    }
    // The page canvas: html's background, else white (what the browser paints).
    const canvas = () => {
      for (const el of [document.body, document.documentElement]) {
        const c = parse(getComputedStyle(el).backgroundColor)
        if (c && c.a === 1) return c
      }
      return { r: 255, g: 255, b: 255, a: 1 }
    }
    const background = (el) => {
      const layers = []
      for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
        const c = parse(getComputedStyle(e).backgroundColor)
        if (c && c.a > 0) {
          layers.push(c)
          if (c.a >= 1) break
        }
      }
      let bg = layers.length && layers[layers.length - 1].a >= 1 ? layers.pop() : canvas()
      while (layers.length) bg = over(layers.pop(), bg)
      return bg
    }
    const fade = (el) => {
      let o = 1
      for (let e = el; e && e.nodeType === 1; e = e.parentElement) o *= Number(getComputedStyle(e).opacity)
      return o
    }
    const disabled = (el) =>
      !!el.closest('[disabled], [aria-disabled="true"], .taro-button-core[disabled], .weui-btn_disabled')
    const out = []
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent.trim()
      if (!text) continue
      const el = n.parentElement
      if (!el || !el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue
      const range = document.createRange()
      range.selectNodeContents(n)
      const rect = range.getBoundingClientRect()
      if (rect.width < 1 || rect.height < 1) continue
      if (disabled(el)) continue
      const style = getComputedStyle(el)
      const fg = parse(style.color)
      if (!fg) continue
      const bg = background(el)
      const shown = over({ ...fg, a: fg.a * fade(el) }, bg)
      const size = parseFloat(style.fontSize)
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700)
      const need = large ? 3 : 4.5
      const r = ratio(shown, bg)
      if (r < need) {
        const rgb = (c) => `rgb(${Math.round(c.r)},${Math.round(c.g)},${Math.round(c.b)})`
        out.push({
          text: text.slice(0, 24),
          ratio: Math.round(r * 100) / 100,
          need,
          color: rgb(shown),
          background: rgb(bg),
          where: `${el.tagName.toLowerCase()}.${String(el.className).split(' ')[0]}`,
        })
      }
    }
    return out
  })
}

/** what the audits count as a tap target: Taro click handlers, buttons, switches, role=button */
const TARGETS = `(() => {
  const sel =
    'button, taro-button-core, [role=button], [role=switch], [data-tap], taro-switch-core, taro-checkbox-core, a[href], .taro-actionsheet__cell, .taro-model__btn'
  // An open dialog or sheet is the only thing that can be tapped: measure what is inside it.
  const layers = [...document.querySelectorAll('.taro__modal, .taro__actionSheet, .switcher, .weui-picker')].filter((e) =>
    e.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }),
  )
  const root = layers.length ? layers[layers.length - 1] : document.body
  const all = new Set(root.querySelectorAll(sel))
  for (const el of root.querySelectorAll('*')) {
    if (el.__events && (el.__events.click || el.__events.tap)) all.add(el)
  }
  // pointer-events: none marks a control whose row takes the taps (a switch in a switch row)
  return [...all].filter(
    (el) =>
      el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }) &&
      getComputedStyle(el).pointerEvents !== 'none',
  )
})()`

/**
 * Every tap target's hit area must cover a 44×44 px square centred on it: elementFromPoint at
 * the square's corners, edges and centre must land on the target (or inside it). So padding or a
 * pseudo-element may carry the area; a neighbour covering part of it fails. Returns offenders.
 */
export async function tapOffenders(page, min = 44) {
  const count = await page.evaluate(`${TARGETS}.length`)
  const out = []
  for (let i = 0; i < count; i++) {
    const r = await page.evaluate(
      ([targets, i, min]) => {
        const el = (0, eval)(targets)[i]
        if (!el) return null
        // Off-screen rows of long lists are measured where they are scrolled to.
        el.scrollIntoView({ block: 'center', inline: 'center' })
        const box = el.getBoundingClientRect()
        if (box.width === 0 || box.height === 0) return null
        const cx = box.left + box.width / 2
        const cy = box.top + box.height / 2
        const h = min / 2 - 1
        const label = `${el.tagName.toLowerCase()}.${String(el.className).split(' ')[0]} 「${(el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 12)}」`
        const misses = []
        for (const [dx, dy] of [
          [0, 0],
          [-h, -h],
          [h, -h],
          [-h, h],
          [h, h],
          [0, -h],
          [0, h],
          [-h, 0],
          [h, 0],
        ]) {
          const x = cx + dx
          const y = cy + dy
          if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue // page edge
          const hit = document.elementFromPoint(x, y)
          if (!hit || !(hit === el || el.contains(hit))) misses.push(`${Math.round(dx)},${Math.round(dy)}`)
        }
        return misses.length
          ? {
              target: label,
              size: `${Math.round(box.width)}×${Math.round(box.height)}`,
              misses: misses.join(' '),
            }
          : null
      },
      [TARGETS, i, min],
    )
    if (r) out.push(r)
  }
  return out
}

export const describe = (list) =>
  list
    .map((o) =>
      Object.entries(o)
        .map(([k, v]) => `${k}=${v}`)
        .join(' '),
    )
    .join('\n  ')

/** the first visible element of a locator */
export const visible = (loc) => loc.filter({ visible: true }).first()
/** fades (modal, sheet) and debounced loads */
export const settle = (page) => page.waitForTimeout(450)

/** contrast in the light and the dark scheme, then (unless `taps: false`) touch targets */
export async function auditSchemes(page, label, failures, { taps = true } = {}) {
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme })
    await page.waitForTimeout(80)
    const bad = await contrastOffenders(page)
    if (bad.length) failures.push(`${label} (${scheme}) contrast:\n  ${describe(bad)}`)
  }
  await page.emulateMedia({ colorScheme: 'light' })
  if (taps) {
    const bad = await tapOffenders(page)
    if (bad.length) failures.push(`${label} taps:\n  ${describe(bad)}`)
  }
}

/** screenshots `${name}-light` and `${name}-dark`, then back to light */
export async function shotSchemes(page, shot, name, wait = 80) {
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme })
    await page.waitForTimeout(wait)
    await shot(`${name}-${scheme}`)
  }
  await page.emulateMedia({ colorScheme: 'light' })
}
