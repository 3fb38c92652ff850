// 彻底删除 / 清空 on the server: the core's handlers over the SQL port, so the rows leave `messages`
// in the call's transaction and the freed bytes leave `attachment_blobs` after it commits; a
// refused purge leaves every row; a restarted instance reads the tables as the purge left them.
import { after as afterAll, before as beforeAll, test } from 'node:test'
import { expect } from 'expect'
import type { FastifyInstance } from 'fastify'
import type { ServerCore } from '../core'
import { sqlCore } from '../core'
import type { Db } from '../db'
import { CORP, testApp, testDb } from './harness'
import { api, devToken, folder } from './smtpKit'

let db: Db
let app: FastifyInstance
let core: ServerCore
let token: string
const boss = { corpid: CORP.corpid, userid: 'boss' }
const b64 = (text: string) => Buffer.from(text).toString('base64')

beforeAll(async () => {
  db = await testDb()
  ;({ app, core } = await testApp(db, { dev: true }))
  token = await devToken(app)
})
afterAll(async () => {
  await app.close()
  await db.close()
})

const count = async (sql: string, params: unknown[] = []) =>
  Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${sql}`, params)).rows[0].n)

async function arrive(subject: string, file?: string) {
  const r = await core.deliver(CORP.corpid, 'boss@test.com', {
    from: 'x@outside.com',
    subject,
    content: subject,
    ...(file
      ? { attachments: [{ filename: `${file}.txt`, content_type: 'text/plain', content: b64(file) }] }
      : {}),
  })
  expect(r.errcode).toBe(0)
  const item = (await folder(app, token, 'personal')).find((i) => i.subject === subject)
  if (!item) throw new Error(`no ${subject}`)
  return item.mail_id
}

test('over HTTP on the tables: a mail in the inbox is refused (690016) and keeps its rows; in 已删除 it goes, rows and bytes', async () => {
  await api(app, token, 'mail/settings/update', {
    mailbox: 'personal',
    personal: { conversation_mode: false },
  })
  const mail = await arrive('发票', '发票内容')
  expect(await count('messages WHERE mail_id = $1', [mail])).toBe(1)
  expect(await count('attachment_blobs')).toBe(1)

  const refused = await app.inject({
    method: 'POST',
    url: '/cgi-bin/mail/message/delete',
    payload: { mailbox: 'personal', mail_ids: [mail] },
    headers: { authorization: `Bearer ${token}` },
  })
  expect(refused.json()).toEqual({
    errcode: 690016,
    errmsg: '只能彻底删除「已删除」或「垃圾箱」中的邮件 (mail_ids)',
  })
  expect(await count('messages WHERE mail_id = $1', [mail])).toBe(1)
  expect(await count('attachment_blobs')).toBe(1)

  await api(app, token, 'mail/message/update', { mailbox: 'personal', mail_id: mail, folder: 'trash' })
  const r = await api(app, token, 'mail/message/delete', { mailbox: 'personal', mail_ids: [mail] })
  expect(r.deleted).toBe(1)
  expect(await count('messages WHERE mail_id = $1', [mail])).toBe(0)
  expect(await count('attachment_blobs')).toBe(0)
})

test('清空「垃圾箱」 through the core: only spam goes, and a restarted instance reads the tables as it left them', async () => {
  const spam1 = await arrive('推广一', '广告')
  const spam2 = await arrive('推广二')
  const kept = await arrive('正常邮件')
  for (const mail_id of [spam1, spam2])
    expect(
      (await core.call('mail/message/update', { mailbox: 'personal', mail_id, folder: 'spam' }, boss))
        .errcode,
    ).toBe(0)
  const r = await core.call('mail/folder/empty', { mailbox: 'personal', folder: 'spam' }, boss)
  expect(r).toMatchObject({ errcode: 0, deleted: 2 })
  expect(await count(`messages WHERE folder = 'spam'`)).toBe(0)
  expect(await count('attachment_blobs')).toBe(0)

  const restarted = await sqlCore(db, [CORP], () => Date.now(), { resumeEveryMs: 0 })
  try {
    const list = async (name: string) =>
      (
        (await restarted.call('mail/message/list', { mailbox: 'personal', folder: name }, boss)).items as {
          mail_id: string
        }[]
      ).map((i) => i.mail_id)
    expect(await list('spam')).toEqual([])
    expect(await list('inbox')).toContain(kept)
  } finally {
    await restarted.close()
  }
})
