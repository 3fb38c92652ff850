// Corrupt saved data: the app starts on clean demo data and says so, instead of failing.
import assert from 'node:assert/strict'

export const name = '本地数据损坏：自动恢复为可用状态并提示'

const visible = (loc) => loc.filter({ visible: true }).first()

export async function run({ page, url, shot, context }) {
  await context.addInitScript(() => {
    if (sessionStorage.getItem('corrupted')) return
    sessionStorage.setItem('corrupted', '1')
    // A saved state whose checksum no longer matches its body (truncated write, hand edit …).
    const envelope = JSON.stringify({ schema: 1, checksum: '00000000', body: '{"schema":1,"corps":{}}' })
    localStorage.setItem('bizmail.mock.state', JSON.stringify({ data: envelope }))
    localStorage.setItem('bizmail.identity', JSON.stringify({ data: '{not json' }))
  })
  await page.goto(url)
  await visible(page.getByText('zhangsan@xinghe.com')).waitFor()
  await visible(page.getByText(/本地数据：.*已重置为初始数据/)).waitFor()
  await shot('recovery-notice')
  // The replacement was saved: a reload finds valid data and no longer complains.
  await page.reload()
  await visible(page.getByText('zhangsan@xinghe.com')).waitFor()
  await page.waitForTimeout(300)
  assert.equal(
    await page
      .getByText(/本地数据：.*已重置为初始数据/)
      .filter({ visible: true })
      .count(),
    0,
  )
}
