// Issue 18, wizard and settings: the signature editor (markers, formatted preview, what saving
// removed), a client-specific password (grouped, copied inside its dialog), and the migration
// wizard (the creator's orgs offered, counts first, the typed name's difference in words, every
// step ticked) with the admin home after it. Screenshots in both colour schemes.
import assert from 'node:assert/strict'

export const name =
  '迁移向导、签名编辑器、客户端专用密码：计数在前、名称差异说清、格式预览、分组显示（浅色与深色）'

const visible = (loc) => loc.filter({ visible: true }).first()

async function bothSchemes(page, shot, label) {
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme })
    await page.waitForTimeout(120)
    await shot(`${label}-${scheme}`)
  }
  await page.emulateMedia({ colorScheme: 'light' })
}

export async function run({ page, url, shot }) {
  await page.goto(url)
  await visible(page.getByText('zhangsan@xinghe.com')).waitFor()

  // 1. Signature: plain text, 加粗 inserts a marker, the preview draws bold; a pasted image is removed and said.
  await page.getByTestId('current-mailbox').click()
  await page.getByText('切换邮箱').waitFor()
  await page.getByText('销售部公共邮箱').click()
  await visible(page.getByTestId('current-mailbox').getByText('sales@xinghe.com')).waitFor()
  await visible(page.getByTestId('mailbox-settings')).click()
  await visible(page.getByTestId('open-signature')).click()
  const editor = visible(page.getByTestId('signature-input')).locator('textarea')
  await editor.waitFor()
  await editor.fill('张三 ')
  await visible(page.getByTestId('signature-bold')).click()
  await visible(page.getByTestId('signature-format-words')).locator('input').fill('销售总监')
  await visible(page.getByTestId('signature-format-insert')).click()
  assert.equal(await editor.inputValue(), '张三 **销售总监**')
  await visible(page.getByTestId('signature-link')).click()
  await visible(page.getByTestId('signature-format-url')).locator('input').fill('javascript:alert(1)')
  await visible(page.getByTestId('signature-format-insert')).click()
  await visible(page.getByTestId('signature-format-error')).waitFor()
  await visible(page.getByTestId('signature-format-url')).locator('input').fill('www.xinghe.com')
  await visible(page.getByTestId('signature-format-words')).locator('input').fill('官网')
  await visible(page.getByTestId('signature-format-insert')).click()
  await editor.fill(
    `${await editor.inputValue()}\n<img src="https://tracker.example/x.png">电话 400-800-1234`,
  )
  const bold = visible(page.getByTestId('signature-preview').locator('.signature__run--b'))
  await bold.waitFor()
  assert.equal(await bold.textContent(), '销售总监')
  assert.ok(Number(await bold.evaluate((el) => getComputedStyle(el).fontWeight)) >= 600, 'bold is drawn bold')
  assert.match(await visible(page.getByTestId('signature-removed')).textContent(), /保存时将移除：图片 1 处/)
  await bothSchemes(page, shot, 'wizard-signature-editor')
  await visible(page.getByTestId('signature-save')).click()
  await visible(page.getByText(/已移除：图片 1 处/)).waitFor()
  await page.waitForTimeout(300)
  await bothSchemes(page, shot, 'wizard-signature-removed')
  await visible(page.getByText('知道了', { exact: true })).click()

  // 2. A client-specific password: grouped, copied, confirmed inside the dialog (no toast over it).
  await visible(page.getByTestId('open-binding')).click()
  await visible(page.getByTestId('authcode-create')).click()
  const secret = visible(page.getByTestId('authcode-secret'))
  await secret.waitFor()
  const shown = (await secret.textContent()).trim()
  assert.match(shown, /^[a-km-np-z2-9]{4}( [a-km-np-z2-9]{4}){3}$/)
  await visible(page.getByTestId('authcode-copy')).click()
  await visible(page.getByText('✓ 已复制到剪贴板')).waitFor()
  await page.waitForTimeout(300)
  assert.equal(
    await page.locator('.taro__toast').filter({ visible: true }).count(),
    0,
    'no toast over the dialog',
  )
  const logins = await page.evaluate(async (s) => {
    const { backend } = window.__bizmail
    return [
      await backend.clientLogin('sales@xinghe.com', s, 'imap'),
      await backend.clientLogin('sales@xinghe.com', s.replace(/ /g, ''), 'imap'),
    ].map((r) => r.errcode)
  }, shown)
  assert.deepEqual(logins, [0, 0])
  await bothSchemes(page, shot, 'wizard-client-password')
  await visible(page.getByTestId('authcode-close')).click()
  await visible(page.getByText('已记下', { exact: true })).click()

  // 3. Migration, as 张伟: the org of the same creator is offered; counts first.
  await page.goto(url)
  await visible(page.getByTestId('current-mailbox')).waitFor()
  await page.locator('.taro-tabbar__tabbar').getByText('我', { exact: true }).click()
  await page.locator('[data-testid="identity-wwdemo-zhangwei"]').click()
  await visible(page.getByText('管理后台')).click()
  await visible(page.getByText(/已用 \d+ \/ \d+/)).waitFor()
  await visible(page.getByTestId('migration-entry')).click()
  await visible(page.getByTestId('mig-target-wwdemo2')).waitFor()
  assert.equal(await visible(page.getByTestId('mig-step-1')).getAttribute('data-state'), 'current')
  await bothSchemes(page, shot, 'wizard-migration-targets')
  await visible(page.getByTestId('mig-target-wwdemo2')).click()
  const summary = visible(page.getByTestId('mig-summary'))
  await summary.waitFor()
  const top = await summary.boundingBox()
  assert.ok(top && top.y < 844, `the summary is on the first screen (y = ${top?.y})`)
  const unmatched = await visible(page.getByTestId('mig-sum-unmatched')).textContent()
  assert.match(
    unmatched,
    /^284 个成员邮箱在「星河科技（集团）」中没有对应成员，将进入「星河科技（集团）」的回收站/,
  )
  const lostBox = await visible(page.getByTestId('mig-lost')).boundingBox()
  assert.ok(lostBox.y > top.y, 'the summary comes before the details')
  await bothSchemes(page, shot, 'wizard-migration-summary')

  const confirm = visible(page.getByTestId('mig-confirm')).locator('input')
  await confirm.fill('星河科技')
  const diff = visible(page.getByTestId('mig-confirm-diff'))
  await diff.waitFor()
  assert.equal(await diff.textContent(), '与「星河科技（集团）」不一致：少了「（集团）」')
  await diff.scrollIntoViewIfNeeded()
  await bothSchemes(page, shot, 'wizard-migration-name-diff')
  await confirm.fill(' 星河科技(集团) ')
  await visible(page.getByTestId('mig-confirm-ok')).waitFor()
  await visible(page.getByTestId('mig-start')).click()
  await visible(page.getByText('确认开始迁移？')).waitFor()
  await page.waitForTimeout(400)
  await page.getByText('开始迁移', { exact: true }).filter({ visible: true }).last().click()
  await visible(page.getByTestId('mig-result')).waitFor({ timeout: 20000 })
  for (let n = 1; n <= 5; n++) {
    assert.equal(
      await visible(page.getByTestId(`mig-step-${n}`)).getAttribute('data-state'),
      'done',
      `step ${n}`,
    )
  }
  await page.evaluate(() => window.scrollTo(0, 0))
  await bothSchemes(page, shot, 'wizard-migration-done')

  // 4. Back home: an experience domain now — no 点「新建业务邮箱」, 移入成员邮箱 disabled with its reason.
  await visible(page.getByTestId('mig-back')).click()
  await visible(page.getByTestId('blocked-reason')).waitFor()
  const body = await page.evaluate(() => document.body.innerText)
  assert.ok(!body.includes('点「新建业务邮箱」'), 'no invitation to create what cannot be created')
  assert.ok(!body.includes('(domain)'), 'no field key in the reason')
  const convert = visible(page.getByTestId('convert-mailbox'))
  assert.match((await convert.getAttribute('class')) ?? '', /adm-btn-disabled/)
  await convert.click()
  await visible(page.getByText('暂时无法移入成员邮箱')).waitFor()
  await page.waitForTimeout(400)
  await bothSchemes(page, shot, 'wizard-admin-after-migration')
}
