// Arrange for the settings page tests: zhangsan signed in, 销售部公共邮箱 current.
import type TestUtils from '@tarojs/test-utils-react'
import { stores } from '../../src/stores'
import { admin, backend, mailboxId, zhangsan } from '../kit/app'

export { admin, zhangsan }

export async function salesId(): Promise<string> {
  return String(await mailboxId('sales'))
}

/** zhangsan inside the sales mailbox */
export async function enterSales(testUtils: TestUtils): Promise<string> {
  const id = await salesId()
  await testUtils.act(async () => {
    await stores.session.switchTo(zhangsan)
    await stores.mailboxes.refresh()
  })
  expect(stores.mailboxes.select(id)).toBeNull()
  return id
}

/** lisi writes the shared settings of the mailbox, as another member would */
export async function otherMemberSaves(mailbox: string, shared: Record<string, unknown>): Promise<void> {
  await backend().call(
    'exmail/publicmail/update',
    { id: Number(mailbox), userid_list: { list: ['zhangsan', 'lisi'] } },
    admin,
  )
  const lisi = { corpid: 'wwdemo', userid: 'lisi' }
  const cur = await backend().call('mail/settings/get', { mailbox }, lisi)
  const version = (cur.shared as { version: number }).version
  const r = await backend().call('mail/settings/update', { mailbox, shared: { ...shared, version } }, lisi)
  if (r.errcode !== 0) throw new Error(JSON.stringify(r))
}
