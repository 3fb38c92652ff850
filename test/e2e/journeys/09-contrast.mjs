// Every page, in the light and the dark scheme, and with a confirmation modal and an action sheet
// open: each visible text node has WCAG AA contrast against what it is painted on (4.5:1, large
// text 3:1), and in the dark scheme modals and sheets are dark too.
import assert from 'node:assert/strict'
import { contrastOffenders, describe } from '../audit.mjs'
import { tour } from '../tour.mjs'

export const name = '对比度：每个页面、弹窗与操作菜单在浅色与深色模式下文字清晰可读（WCAG AA）'

// Taro's H5 dialogs are painted by the app's CSS; in the dark scheme they must not stay light.
async function darkSurfaces(page) {
  return page.evaluate(() => {
    const sel =
      '.taro-modal__content, .taro-actionsheet__cell, .taro__actionSheet > div:last-child, .weui-picker, .weui-picker__hd'
    return [...document.querySelectorAll(sel)]
      .filter((e) => e.checkVisibility())
      .map((e) => getComputedStyle(e).backgroundColor)
      .filter((c) => {
        const [r, g, b, a = 1] = c.match(/[\d.]+/g).map(Number)
        return a > 0 && (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255 > 0.3
      })
  })
}

export async function run({ page, url, shot }) {
  const failures = []
  let pages = 0
  await tour(page, url, async (label) => {
    pages++
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme })
      await page.waitForTimeout(60)
      const bad = await contrastOffenders(page)
      if (bad.length) failures.push(`${label} (${scheme}):\n  ${describe(bad)}`)
      if (scheme === 'dark') {
        const light = await darkSurfaces(page)
        if (light.length) failures.push(`${label} (dark): light dialog surfaces ${light.join(', ')}`)
      }
      await shot(`contrast-${label}-${scheme}`)
    }
    await page.emulateMedia({ colorScheme: 'light' })
  })
  console.log(`    ${pages} views checked in both schemes`)
  assert.ok(pages >= 25, `the tour reached only ${pages} views`)
  // the runner prints only the head of an error: list every offender first
  if (failures.length) console.log(`    ${failures.join('\n    ')}`)
  assert.equal(failures.length, 0, `contrast below WCAG AA:\n${failures.join('\n')}`)
}
