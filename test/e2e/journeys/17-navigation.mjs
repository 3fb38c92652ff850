// Navigation that never strands (issue 17): outside WeChat the H5 page has a navigation bar; on a
// page opened from the list it goes back, on a deep-linked page (a reload: one page on the stack)
// it offers home, and both are 44 px targets. Inside WeChat / WeCom (their user agents) the host's
// own bar is the one shown: ours is hidden.
import assert from 'node:assert/strict'

export const name = '导航栏：从列表打开可返回、深链接页面可回首页、微信与企业微信内不重复显示'

const visible = (loc) => loc.filter({ visible: true }).first()

async function box(page, selector) {
  const b = await visible(page.locator(selector)).boundingBox()
  assert.ok(b, `${selector} is shown`)
  assert.ok(b.width >= 44 && b.height >= 44, `${selector} is at least 44×44 px: ${JSON.stringify(b)}`)
}

export async function run({ page, url, shot, context }) {
  await page.goto(url)
  await visible(page.getByTestId('message-row')).click()
  await page.waitForURL(/mail\/pages\/read/)
  await visible(page.locator('.taro-navigation-bar-show')).waitFor()
  await box(page, '.taro-navigation-bar-back')
  await shot('nav-read')
  const opened = page.url()
  await visible(page.locator('.taro-navigation-bar-back')).click()
  await visible(page.getByTestId('message-row')).waitFor()
  assert.match(page.url(), /pages\/mail\/index/)

  // A deep link: the read page alone on the stack has home instead of back.
  await page.goto(opened)
  await page.reload()
  await visible(page.locator('.taro-navigation-bar-home')).waitFor()
  await box(page, '.taro-navigation-bar-home')
  assert.equal(await page.locator('.taro-navigation-bar-back').filter({ visible: true }).count(), 0)
  await shot('nav-deep-link')
  await visible(page.locator('.taro-navigation-bar-home')).click()
  await visible(page.getByTestId('message-row')).waitFor()
  assert.match(page.url(), /pages\/mail\/index/)

  // Inside WeCom's browser: no second bar under the host's.
  const wecom = await context.browser().newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    userAgent:
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 wxwork/4.1.20 MicroMessenger/7.0.1',
  })
  try {
    const inside = await wecom.newPage()
    await inside.goto(url)
    await visible(inside.getByTestId('message-row')).click()
    await inside.waitForURL(/mail\/pages\/read/)
    await inside.waitForTimeout(300)
    assert.equal(await inside.locator('.taro-navigation-bar-show').filter({ visible: true }).count(), 0)
  } finally {
    await wecom.close()
  }
}
