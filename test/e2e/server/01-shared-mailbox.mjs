// Two members' phones on one server: what 张三 sends from sales@ is in sales@'s Sent on 李娜's
// phone, and mail that reaches the server reaches both.
import assert from 'node:assert/strict'

export const name = '服务器：两部手机共用销售部邮箱，一人回复，另一人立即看到'

const visible = (loc) => loc.filter({ visible: true }).first()

async function as(base, userid) {
  const r = await (
    await fetch(`${base}/auth/dev`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ corpid: 'wwdemo', userid }),
    })
  ).json()
  assert.equal(r.errcode, 0, JSON.stringify(r))
  return async (api, body) =>
    (
      await fetch(`${base}/cgi-bin/${api}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${r.token}` },
        body: JSON.stringify(body),
      })
    ).json()
}

export async function run({ phone, url, base, shot }) {
  // The admin lets 李娜 use sales@ too; a customer writes to it (SMTP later: the dev hook now).
  const admin = await as(base, 'zhangwei')
  const found = await admin('exmail/publicmail/search', { fuzzy: 1, email: 'sales@' })
  const id = found.list[0].id
  const updated = await admin('exmail/publicmail/update', { id, userid_list: { list: ['lina', 'zhangsan'] } })
  assert.equal(updated.errcode, 0, JSON.stringify(updated))
  const delivered = await (
    await fetch(`${base}/dev/deliver`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        corpid: 'wwdemo',
        to: 'sales@xinghe.com',
        mail: { from: '陈经理 <chen@customer.cn>', subject: '服务器询价：X300', content: '请报价。' },
      }),
    })
  ).json()
  assert.equal(delivered.errcode, 0, JSON.stringify(delivered))

  // 张三's phone: the default demo identity, logged in at the server.
  const zhang = await phone()
  await zhang.goto(url)
  await visible(zhang.getByText('zhangsan@xinghe.com')).waitFor()
  await zhang.getByTestId('current-mailbox').click()
  await visible(zhang.locator('.switcher__sheet').getByText('销售部公共邮箱', { exact: true })).click()
  await visible(zhang.getByText('服务器询价：X300')).click()
  await visible(zhang.getByText('请报价。')).waitFor()
  await visible(zhang.getByText('回复', { exact: true })).click()
  const body = visible(zhang.getByTestId('compose-body')).locator('textarea')
  await body.click()
  await body.press('Control+Home')
  await body.pressSequentially('陈经理您好，单价 2,980 元。')
  await visible(zhang.getByText('发送', { exact: true })).click()
  await visible(zhang.getByText('回复全部', { exact: true })).waitFor()
  await shot(zhang, 'zhangsan-replied')

  // 李娜's phone: her own session; sales@'s Sent holds 张三's reply.
  const lina = await phone()
  await lina.goto(url)
  await visible(lina.getByText('zhangsan@xinghe.com')).waitFor()
  await lina.locator('.taro-tabbar__tabbar').getByText('我', { exact: true }).click()
  await lina.locator('[data-testid="identity-wwdemo-lina"]').click()
  await visible(lina.getByText('lina@xinghe.com')).waitFor()
  await lina.locator('.taro-tabbar__tabbar').getByText('邮件', { exact: true }).click()
  await lina.getByTestId('current-mailbox').click()
  // in the switcher: a new-mail notice naming the mailbox may show under its mask meanwhile
  await visible(lina.locator('.switcher__sheet').getByText('销售部公共邮箱', { exact: true })).click()
  await visible(lina.getByText('服务器询价：X300')).waitFor()
  await visible(lina.getByText('已发送', { exact: true })).click()
  await visible(lina.getByText('回复：服务器询价：X300')).waitFor()
  await shot(lina, 'lina-sees-reply')
}
