// The dark colour scheme follows the system: pages paint dark backgrounds and light text.
import assert from 'node:assert/strict'

export const name = '深色模式：跟随系统配色'
export const colorScheme = 'dark'

const visible = (loc) => loc.filter({ visible: true }).first()

export async function run({ page, url, shot }) {
  await page.goto(url)
  await visible(page.getByText('zhangsan@xinghe.com')).waitFor()
  const colors = await page.evaluate(() => {
    const pageEl = [...document.querySelectorAll('.page')].find((e) => e.offsetParent !== null)
    const title = document.querySelector('.mail-page__title')
    const tabbar = document.querySelector('.taro-tabbar__tabbar .weui-tabbar')
    return {
      bg: getComputedStyle(pageEl).backgroundColor,
      text: getComputedStyle(title).color,
      tabbar: getComputedStyle(tabbar).backgroundColor,
    }
  })
  const lum = (rgb) => {
    const [r, g, b] = rgb.match(/\d+(\.\d+)?/g).map(Number)
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255
  }
  assert.ok(lum(colors.bg) < 0.2, `dark background expected, got ${colors.bg}`)
  assert.ok(lum(colors.text) > 0.6, `light text expected, got ${colors.text}`)
  assert.ok(lum(colors.tabbar) < 0.2, `dark tab bar expected, got ${colors.tabbar}`)
  await shot('dark-mail')
  await page.locator('.taro-tabbar__tabbar').getByText('通讯录', { exact: true }).click()
  await visible(page.getByText('业务邮箱')).waitFor()
  await shot('dark-directory')
}
