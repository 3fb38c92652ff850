// Arrange for the settings page tests: zhangsan signed in, 销售部公共邮箱 current.
import type TestUtils from '@tarojs/test-utils-react'
import { mockBackend } from '../../src/api'
import { stores } from '../../src/stores'

export const zhangsan = { corpid: 'wwdemo', userid: 'zhangsan' }
export const admin = { corpid: 'wwdemo', userid: 'zhangwei' }

export async function salesId(): Promise<string> {
  const r = await mockBackend()!.call('exmail/publicmail/search', { fuzzy: 1, email: 'sales@' }, admin)
  return String((r.list as { id: number }[])[0].id)
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
  const backend = mockBackend()!
  await backend.call(
    'exmail/publicmail/update',
    { id: Number(mailbox), userid_list: { list: ['zhangsan', 'lisi'] } },
    admin,
  )
  const lisi = { corpid: 'wwdemo', userid: 'lisi' }
  const cur = await backend.call('mail/settings/get', { mailbox }, lisi)
  const version = (cur.shared as { version: number }).version
  const r = await backend.call('mail/settings/update', { mailbox, shared: { ...shared, version } }, lisi)
  if (r.errcode !== 0) throw new Error(JSON.stringify(r))
}
