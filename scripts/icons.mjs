// Renders the tab bar icons (SVG source below) to 81×81 PNGs with headless Chromium.
// Run once after changing an icon: node scripts/icons.mjs (the PNGs are committed).
import { chromium } from 'playwright-core'

const ICONS = {
  mail: '<rect x="10" y="20" width="61" height="42" rx="6"/><path d="M12 24 L40.5 45 L69 24"/>',
  directory:
    '<circle cx="32" cy="30" r="11"/><path d="M12 64 C12 50 21 44 32 44 C43 44 52 50 52 64"/><circle cx="56" cy="28" r="8"/><path d="M58 42 C66 43 71 49 71 60"/>',
  me: '<circle cx="40.5" cy="28" r="13"/><path d="M16 68 C16 52 27 45 40.5 45 C54 45 65 52 65 68"/>',
}
const COLORS = { '': '#7a7e83', '-active': '#07c160' }

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
})
const page = await browser.newPage({ viewport: { width: 81, height: 81 } })
for (const [name, shape] of Object.entries(ICONS)) {
  for (const [suffix, color] of Object.entries(COLORS)) {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="81" height="81" viewBox="0 0 81 81" fill="none" stroke="${color}" stroke-width="5" stroke-linecap="round" stroke-linejoin="round">${shape}</svg>`
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`)
    await page.screenshot({ path: `src/assets/tab/${name}${suffix}.png`, omitBackground: true })
  }
}
await browser.close()
console.log('icons written to src/assets/tab/')
