// HTML mail and attachments on the read page (issue 17): the demo newsletter renders from nodes
// (its script and handler gone) and asks for its remote image only after 显示图片; a tap on a link
// in the body asks first, naming the real target, and opens it in a new tab without an opener;
// the sales mailbox's invoice mail lists a PDF, a workbook and a photo with type and size: the
// photo opens in the image viewer, the PDF in a tab, 保存 downloads. Light and dark, with
// contrast and tap-target audits.
import assert from 'node:assert/strict'
import zlib from 'node:zlib'
import { auditSchemes, settle, shotSchemes, visible } from '../audit.mjs'

export const name = 'HTML 邮件与附件：外部图片按需显示、链接先确认再打开、附件列表与打开保存（浅色与深色）'

const audit = auditSchemes
const shots = (page, shot, label) => shotSchemes(page, shot, `html-${label}`, 120)
const IMAGE_HOST = 'https://img.xinghe-partner.com/'
const LINK = 'https://xinghe-partner.com/news/2026-11?from=mail'
/** a 600×200 PNG standing in for the newsletter's banner (sky over lawn), made here */
function banner(width = 600, height = 200) {
  const chunk = (type, data) => {
    const len = Buffer.alloc(4)
    len.writeUInt32BE(data.length)
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(zlib.crc32(Buffer.concat([Buffer.from(type), data])))
    return Buffer.concat([len, Buffer.from(type), data, crc])
  }
  const head = Buffer.alloc(13)
  head.writeUInt32BE(width, 0)
  head.writeUInt32BE(height, 4)
  head.set([8, 2, 0, 0, 0], 8) // 8-bit RGB
  const rows = []
  for (let y = 0; y < height; y++) {
    const [r, g, b] = y < height * 0.6 ? [142, 197, 252] : [76, 175, 80]
    const row = Buffer.alloc(1 + width * 3)
    for (let x = 0; x < width; x++) row.set([r, g, b], 1 + x * 3)
    rows.push(row)
  }
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', head),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ])
}
const BANNER = banner()

export async function run({ page, url, shot, context }) {
  const failures = []
  // Every request the page makes to the newsletter's image host, whatever answers it.
  const remote = []
  page.on('request', (r) => {
    if (r.url().startsWith(IMAGE_HOST)) remote.push(r.url())
  })
  await context.route(`${IMAGE_HOST}**`, (route) =>
    route.fulfill({ status: 200, contentType: 'image/png', body: BANNER }),
  )
  await context.route('https://xinghe-partner.com/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<title>通讯</title>星河科技' }),
  )

  // The personal inbox of 张三: the newsletter.
  await page.goto(url)
  await visible(page.getByTestId('message-row')).waitFor()
  await visible(page.getByTestId('message-row').filter({ hasText: '星河科技 · 11 月产品通讯' })).click()
  const body = visible(page.getByTestId('mail-html'))
  await body.waitFor()
  await visible(body.locator('h2').filter({ hasText: '11 月产品通讯' })).waitFor()
  // rendered as elements (a table, bold, a coloured span), not as text or an HTML string
  assert.equal(await body.locator('table td').first().textContent(), 'X200')
  assert.equal(await body.locator('b').first().textContent(), 'X200 智能终端')
  assert.equal(await body.locator('script').count(), 0)
  assert.ok(!/onclick|steal|track\(|\shref=/.test(await body.innerHTML()), 'no handler, script or href')
  assert.ok((await body.textContent()).includes('[图片：11 月产品通讯]'), 'a placeholder where the image is')
  assert.equal(await body.locator('img').count(), 0)
  const bar = visible(page.getByTestId('show-images'))
  assert.equal((await bar.textContent()).trim(), '此邮件含有外部图片显示图片')
  const barBox = await bar.boundingBox()
  assert.ok(barBox.height >= 44, `显示图片 is a 44 px target: ${JSON.stringify(barBox)}`)
  await settle(page)
  assert.deepEqual(remote, [], 'no request to the image host before 显示图片')
  await shots(page, shot, 'newsletter')
  await audit(page, 'newsletter', failures)

  await bar.click()
  await page.waitForFunction(() => document.querySelector('[data-testid="mail-html"] img')?.complete, null, {
    timeout: 5000,
  })
  assert.ok(remote.length >= 1, 'the image is asked for after 显示图片')
  const img = body.locator('img').first()
  assert.equal(await img.getAttribute('src'), `${IMAGE_HOST}2026/11/banner.png`)
  const imgBox = await img.boundingBox()
  const paper = await visible(page.locator('.mail-html__paper')).boundingBox()
  assert.equal(await img.evaluate((i) => i.naturalWidth), 600)
  assert.ok(
    imgBox.width <= paper.width && imgBox.width > 200,
    `the 600 px banner fits the card: ${JSON.stringify(imgBox)}`,
  )
  assert.ok(Math.abs(imgBox.width / imgBox.height - 3) < 0.05, 'and keeps its shape')
  assert.equal(await page.getByTestId('show-images').count(), 0, 'the bar is gone')
  await settle(page)
  await shots(page, shot, 'images')

  // A link in the body: the confirm names where it leads; 取消 opens nothing.
  const pages = []
  context.on('page', (p) => pages.push(p))
  await visible(body.locator('a').filter({ hasText: '阅读全文' })).click()
  const modal = visible(page.locator('.taro-modal__content'))
  await modal.waitFor()
  assert.match(await modal.textContent(), /将打开：https:\/\/xinghe-partner\.com\/news\/2026-11\?from=mail/)
  await settle(page)
  await shots(page, shot, 'link-confirm')
  await audit(page, 'link-confirm', failures)
  await visible(page.locator('.taro-model__btn').getByText('取消', { exact: true })).click()
  await page.waitForTimeout(300)
  assert.equal(pages.length, 0, 'nothing opened on 取消')
  assert.match(page.url(), /mail\/pages\/read/, 'the app did not navigate away')

  // …and 打开 opens it in a new tab that cannot reach back into the app.
  await visible(body.locator('a').filter({ hasText: '阅读全文' })).click()
  await visible(page.locator('.taro-modal__content')).waitFor()
  const tab = context.waitForEvent('page')
  await visible(page.locator('.taro-model__btn').getByText('打开', { exact: true })).click()
  const opened = await tab
  await opened.waitForLoadState()
  assert.equal(opened.url(), LINK)
  assert.equal(await opened.evaluate(() => window.opener), null, 'no opener')
  await opened.close()
  assert.match(page.url(), /mail\/pages\/read/, 'the app stays where it was')

  // The sales mailbox: the invoice mail, three files attached.
  await page.goBack()
  await visible(page.getByTestId('current-mailbox')).click()
  await visible(page.getByText('销售部公共邮箱')).click()
  await visible(page.getByTestId('current-mailbox').getByText('sales@xinghe.com')).waitFor()
  await visible(page.getByTestId('mail-search')).click()
  await visible(page.getByTestId('search-input'))
    .locator('input')
    .pressSequentially('发票及报价单', { delay: 40 })
  await visible(page.getByTestId('search-row').filter({ hasText: '11 月发票及报价单' })).click()
  const list = visible(page.getByTestId('attachment-list'))
  await list.waitFor()
  const rows = page.getByTestId('attachment-row')
  const texts = (await rows.allTextContents()).map((t) => t.trim())
  assert.equal(texts.length, 3, JSON.stringify(texts))
  assert.match(texts[0], /^PDF发票-2026-11\.pdf\d+\.\d KB保存$/)
  assert.match(texts[1], /^表格报价单\.xlsx\d+\.\d KB保存$/)
  assert.match(texts[2], /^图片现场照片\.png\d+\.\d KB保存$/)
  for (let i = 0; i < 3; i++) {
    const b = await rows.nth(i).boundingBox()
    assert.ok(b.height >= 44, `row ${i} is at least 44 px high: ${JSON.stringify(b)}`)
  }
  await settle(page)
  await shots(page, shot, 'attachments')
  await audit(page, 'attachments', failures)

  // The photo opens in the page's image viewer, from the bytes the backend keeps.
  await visible(rows.filter({ hasText: '现场照片.png' })).click()
  const viewer = visible(page.locator('.preview-image'))
  await viewer.waitFor()
  await page.waitForFunction(() => document.querySelector('.preview-image img')?.complete)
  assert.match(await viewer.locator('img').first().getAttribute('src'), /^blob:/)
  const size = await viewer
    .locator('img')
    .first()
    .evaluate((i) => [i.naturalWidth, i.naturalHeight])
  assert.deepEqual(size, [48, 32], 'the real photo is shown')
  await page.waitForTimeout(300)
  await shot('html-image-viewer')
  await viewer.click()
  await page.waitForFunction(() => !document.querySelector('.preview-image'))

  // The PDF opens in a tab; 保存 downloads the workbook under its name.
  const pdfTab = context.waitForEvent('page')
  await visible(rows.filter({ hasText: '发票-2026-11.pdf' })).click()
  const pdf = await pdfTab
  assert.match(pdf.url(), /^blob:/)
  await pdf.close()
  const download = page.waitForEvent('download')
  await visible(rows.filter({ hasText: '报价单.xlsx' }).getByText('保存', { exact: true })).click()
  const file = await download
  assert.equal(file.suggestedFilename(), '报价单.xlsx')
  const saved = await file.path()
  const { statSync, readFileSync } = await import('node:fs')
  assert.ok(statSync(saved).size > 1000, 'the workbook, not an empty file')
  assert.equal(readFileSync(saved).subarray(0, 2).toString(), 'PK', 'a zip (xlsx) file')

  if (failures.length) console.log(`    ${failures.join('\n    ')}`)
  assert.equal(failures.length, 0, `audits:\n${failures.join('\n')}`)
}
