// Every tap target on every page (buttons, switches, role=button and anything with a click
// handler) covers a 44×44 px square around its centre, so a tap a few px off still lands on it
// and never on its neighbour.
import assert from 'node:assert/strict'
import { describe, tapOffenders } from '../audit.mjs'
import { tour } from '../tour.mjs'

export const name = '触控：每个可点元素的点击区域至少 44×44 px'

export async function run({ page, url }) {
  const failures = []
  let pages = 0
  let targets = 0
  await tour(page, url, async (label) => {
    pages++
    targets += await page.evaluate(
      () =>
        [...document.querySelectorAll('*')].filter((e) => e.__events?.click && e.checkVisibility()).length,
    )
    const bad = await tapOffenders(page)
    if (bad.length) failures.push(`${label}:\n  ${describe(bad)}`)
  })
  console.log(`    ${pages} views, ~${targets} tap targets measured`)
  assert.ok(pages >= 25, `the tour reached only ${pages} views`)
  // the runner prints only the head of an error: list every offender first
  if (failures.length) console.log(`    ${failures.join('\n    ')}`)
  assert.equal(failures.length, 0, `tap targets under 44×44 px:\n${failures.join('\n')}`)
}
