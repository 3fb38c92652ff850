// The app as page tests see it: each test starts from empty storage, a new embedded demo backend
// and new stores (test/pages/fresh.setup.ts calls freshApp before every test), so no test depends
// on what another one left behind. Tests arrange data through the backend here, never via src/api.
import Taro from '@tarojs/taro'
import { mockBackend } from '../../src/api'
import type { CallContext } from '../../src/api/contract'
import type { MockBackend } from '../../src/api/mock'
import { resetForTest, stores } from '../../src/stores'

export const zhangsan: CallContext = { corpid: 'wwdemo', userid: 'zhangsan' }
/** the corp creator (admin of wwdemo) */
export const admin: CallContext = { corpid: 'wwdemo', userid: 'zhangwei' }

export function freshApp(): void {
  Taro.clearStorageSync()
  resetForTest()
}

/** the embedded backend of this test's app (demo data), to arrange or check what pages cannot */
export function backend(): MockBackend {
  const b = mockBackend()
  if (!b) throw new Error('page tests run the mock transport (jest globals: API_TRANSPORT = mock)')
  return b
}

/** calls `api` as `who` straight on the backend and fails the test on a refusal */
export async function callAs(
  who: CallContext,
  api: string,
  body: object = {},
): Promise<Record<string, unknown>> {
  const r = await backend().call(api, body, who)
  if (r.errcode !== 0) throw new Error(`${api} as ${who.userid}: ${r.errcode} ${r.errmsg}`)
  return r
}

/** calls `api` as the wwdemo admin and fails the test on a refusal */
export function asAdmin(api: string, body: object = {}): Promise<Record<string, unknown>> {
  return callAs(admin, api, body)
}

/** the list items of `folder` of `who`'s mailbox, as the backend has them now */
export async function listOf(
  who: CallContext,
  folder = 'inbox',
  mailbox = 'personal',
): Promise<Array<{ mail_id: string; subject: string; read: boolean; starred: boolean; count?: number }>> {
  const r = await callAs(who, 'mail/message/list', { mailbox, folder, limit: 100 })
  return r.items as Array<{
    mail_id: string
    subject: string
    read: boolean
    starred: boolean
    count?: number
  }>
}

/** the id of the demo corp's business mailbox at `local@` (e.g. 'sales') */
export async function mailboxId(local: string): Promise<number> {
  const r = await asAdmin('exmail/publicmail/search', { fuzzy: 1, email: `${local}@` })
  return (r.list as { id: number }[])[0].id
}

export async function signIn(who: CallContext = zhangsan): Promise<void> {
  await stores.session.switchTo(who)
}

/** an outside mail delivered to 张三 and moved to `folder` (已删除, 垃圾箱 …); answers its id */
export async function mailIn(folder: string, subject: string): Promise<string> {
  await backend().deliver('wwdemo', 'zhangsan@xinghe.com', {
    from: 'ad@example.com',
    subject,
    content: '广告',
  })
  const id = (await listOf(zhangsan)).find((i) => i.subject === subject)!.mail_id
  await callAs(zhangsan, 'mail/message/update', { mailbox: 'personal', mail_id: id, folder })
  return id
}
