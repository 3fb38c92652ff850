// 彻底删除 / 清空 through the dispatcher (README contract additions): only mail in 已删除 or 垃圾箱
// goes, a refusal changes nothing, the mailbox is opened as every mail/* call opens it, and
// attachment bytes are released once nothing names them any more.
import { createMockBackend } from '../../../src/api/mock'
import { memoryBlobs } from '../../../src/api/mock/blobs'
import { UPLOAD_TTL_MS } from '../../../src/api/mock/mail/attachments'
import { ErrCode } from '../../../src/policy/codes'
import { backendFrom, buildState, CORP } from '../../kit/mail'

const boss = { corpid: 'c1', userid: 'boss' }
const amy = { corpid: 'c1', userid: 'amy' }
const b64 = (text: string) => Buffer.from(text).toString('base64')
type Item = { mail_id: string; subject: string }

async function setup() {
  let t = 1_800_000_000_000
  const blobs = memoryBlobs()
  const b = createMockBackend({ corps: [CORP], now: () => (t += 1000), blobs })
  const ok = async (who: typeof boss, api: string, body: object) => {
    const r = await b.call(api, body, who)
    if (r.errcode !== 0) throw new Error(`${api}: ${r.errcode} ${r.errmsg}`)
    return r
  }
  await ok(boss, 'user/create', { userid: 'amy', name: '艾米', department: [1], biz_mail: 'amy@c.com' })
  for (const who of [boss, amy])
    await ok(who, 'mail/settings/update', { mailbox: 'personal', personal: { conversation_mode: false } })
  const list = async (who: typeof boss, folder: string) =>
    ((await ok(who, 'mail/message/list', { mailbox: 'personal', folder })).items as Item[]).map(
      (i) => i.subject,
    )
  const idOf = async (who: typeof boss, folder: string, subject: string) => {
    const items = (await ok(who, 'mail/message/list', { mailbox: 'personal', folder })).items as Item[]
    const found = items.find((i) => i.subject === subject)
    if (!found) throw new Error(`no ${subject} in ${folder}`)
    return found.mail_id
  }
  const deliver = (subject: string, extra: object = {}) =>
    b.deliver('c1', 'amy@c.com', { from: 'x@outside.com', subject, content: subject, ...extra })
  const move = async (who: typeof boss, mail_id: string, folder: string) =>
    ok(who, 'mail/message/update', { mailbox: 'personal', mail_id, folder })
  const folderTotals = async (who: typeof boss) =>
    ((await ok(who, 'mail/folder/list', { mailbox: 'personal' })).folders as { id: string; total: number }[])
      .map((f) => `${f.id}:${f.total}`)
      .join(' ')
  const advance = (ms: number) => void (t += ms)
  return { b, ok, blobs, list, idOf, deliver, move, folderTotals, advance }
}

test('a mail in the inbox cannot be purged: 690016 in words, nothing changes (not even the trash mail named with it)', async () => {
  const { b, deliver, idOf, move, list, folderTotals } = await setup()
  await deliver('留着')
  await deliver('已删')
  const kept = await idOf(amy, 'inbox', '留着')
  const trashed = await idOf(amy, 'inbox', '已删')
  await move(amy, trashed, 'trash')
  const before = await folderTotals(amy)
  for (const mail_ids of [[kept], [trashed, kept]]) {
    const r = await b.call('mail/message/delete', { mailbox: 'personal', mail_ids }, amy)
    expect(r).toEqual({
      errcode: ErrCode.NOT_IN_TRASH,
      errmsg: '只能彻底删除「已删除」或「垃圾箱」中的邮件 (mail_ids)',
    })
  }
  expect(await folderTotals(amy)).toBe(before)
  expect(await list(amy, 'inbox')).toEqual(['留着'])
  expect(await list(amy, 'trash')).toEqual(['已删'])
})

test('mail in 已删除 and 垃圾箱 is deleted for good: gone from the list, unreadable, counted', async () => {
  const { b, ok, deliver, idOf, move, list } = await setup()
  for (const s of ['一', '二', '三']) await deliver(s)
  await move(amy, await idOf(amy, 'inbox', '一'), 'trash')
  await move(amy, await idOf(amy, 'inbox', '二'), 'spam')
  const one = await idOf(amy, 'trash', '一')
  const two = await idOf(amy, 'spam', '二')
  const r = await ok(amy, 'mail/message/delete', { mailbox: 'personal', mail_ids: [one, two, one] })
  expect(r.deleted).toBe(2)
  expect(await list(amy, 'trash')).toEqual([])
  expect(await list(amy, 'spam')).toEqual([])
  expect(await list(amy, 'inbox')).toEqual(['三'])
  const gone = await b.call('mail/message/read', { mailbox: 'personal', mail_id: one }, amy)
  expect(gone).toMatchObject({ errcode: ErrCode.INVALID_PARAM, errmsg: '邮件不存在 (mail_id)' })
  // an unknown id refuses the whole request
  const again = await b.call('mail/message/delete', { mailbox: 'personal', mail_ids: [one] }, amy)
  expect(again).toMatchObject({ errcode: ErrCode.INVALID_PARAM, errmsg: '邮件不存在 (mail_ids)' })
})

test('bad input is refused naming the field: none named, an empty list, over 100', async () => {
  const { b } = await setup()
  const none = await b.call('mail/message/delete', { mailbox: 'personal' }, amy)
  expect(none).toMatchObject({ errcode: 40058, errmsg: '请选择要彻底删除的邮件 (mail_ids)' })
  const empty = await b.call('mail/message/delete', { mailbox: 'personal', mail_ids: [] }, amy)
  expect(empty).toMatchObject({ errcode: 40058, errmsg: '请选择要彻底删除的邮件 (mail_ids)' })
  const many = Array.from({ length: 101 }, (_, i) => `m${i}`)
  const over = await b.call('mail/message/delete', { mailbox: 'personal', mail_ids: many }, amy)
  expect(over).toMatchObject({ errcode: 40058, errmsg: '一次最多彻底删除 100 封邮件 (mail_ids)' })
})

test('thread: true takes the conversation in that folder only (its reply still in the inbox stays)', async () => {
  const { ok, deliver, idOf, move, list } = await setup()
  await deliver('报价', { message_id: '<t1@outside.com>' })
  await deliver('回复：报价', { in_reply_to: '<t1@outside.com>' })
  await deliver('再回复：报价', { in_reply_to: '<t1@outside.com>' })
  await move(amy, await idOf(amy, 'inbox', '报价'), 'trash')
  await move(amy, await idOf(amy, 'inbox', '回复：报价'), 'trash')
  const r = await ok(amy, 'mail/message/delete', {
    mailbox: 'personal',
    mail_ids: [await idOf(amy, 'trash', '报价')],
    thread: true,
  })
  expect(r.deleted).toBe(2)
  expect(await list(amy, 'trash')).toEqual([])
  expect(await list(amy, 'inbox')).toEqual(['再回复：报价'])
})

test('清空: every mail of 已删除 goes, 垃圾箱 and the inbox stay; another folder is refused naming the field', async () => {
  const { b, ok, deliver, idOf, move, list, folderTotals } = await setup()
  for (const s of ['甲', '乙', '丙', '丁']) await deliver(s)
  await move(amy, await idOf(amy, 'inbox', '甲'), 'trash')
  await move(amy, await idOf(amy, 'inbox', '乙'), 'trash')
  await move(amy, await idOf(amy, 'inbox', '丙'), 'spam')
  const before = await folderTotals(amy)
  for (const folder of ['inbox', 'sent', 'drafts', 'nope']) {
    const r = await b.call('mail/folder/empty', { mailbox: 'personal', folder }, amy)
    expect(r).toEqual({ errcode: 40058, errmsg: '只能清空「已删除」或「垃圾箱」 (folder)' })
  }
  expect(await folderTotals(amy)).toBe(before)
  expect((await ok(amy, 'mail/folder/empty', { mailbox: 'personal', folder: 'trash' })).deleted).toBe(2)
  expect(await list(amy, 'trash')).toEqual([])
  expect(await list(amy, 'spam')).toEqual(['丙'])
  expect(await list(amy, 'inbox')).toEqual(['丁'])
  expect(await folderTotals(amy)).toContain('trash:0')
  // emptying an empty folder is no error
  expect((await ok(amy, 'mail/folder/empty', { mailbox: 'personal', folder: 'trash' })).deleted).toBe(0)
  expect((await ok(amy, 'mail/folder/empty', { mailbox: 'personal', folder: 'spam' })).deleted).toBe(1)
})

test('a retried 清空 with the same idempotency key answers the first result again', async () => {
  const { ok, deliver, idOf, move } = await setup()
  await deliver('一')
  await move(amy, await idOf(amy, 'inbox', '一'), 'trash')
  const body = { mailbox: 'personal', folder: 'trash', idempotency_key: 'empty-1' }
  expect((await ok(amy, 'mail/folder/empty', body)).deleted).toBe(1)
  expect((await ok(amy, 'mail/folder/empty', body)).deleted).toBe(1)
})

test('attachments freed: the bytes go with the last message naming them, not before (a copy or a draft keeps them)', async () => {
  const { ok, blobs, idOf, move, advance } = await setup()
  const file = (
    await ok(boss, 'mail/attachment/upload', {
      mailbox: 'personal',
      name: '报价单.txt',
      content_type: 'text/plain',
      data: b64('含税报价 18,600'),
    })
  ).attachment_id as string
  await ok(boss, 'mail/message/send', {
    mailbox: 'personal',
    from: 'boss@c.com',
    to: ['amy@c.com'],
    subject: '报价',
    content: '见附件',
    attachment_ids: [file],
    idempotency_key: 'send-1',
  })
  expect(blobs.size()).toBe(1)
  // the upload itself names the file while it can still be attached (a day): let it expire
  advance(UPLOAD_TTL_MS + 1)
  // boss's Sent copy goes: amy's copy still names the file and still opens it
  const sent = await idOf(boss, 'sent', '报价')
  await move(boss, sent, 'trash')
  await ok(boss, 'mail/message/delete', { mailbox: 'personal', mail_ids: [sent] })
  expect(blobs.size()).toBe(1)
  const received = await idOf(amy, 'inbox', '报价')
  const attachment_id = (
    (await ok(amy, 'mail/message/read', { mailbox: 'personal', mail_id: received })).message as {
      attachments: { attachment_id: string }[]
    }
  ).attachments[0].attachment_id
  const viaCopy = await ok(amy, 'mail/attachment/get', {
    mailbox: 'personal',
    mail_id: received,
    attachment_id,
  })
  expect(Buffer.from(viaCopy.data as string, 'base64').toString()).toBe('含税报价 18,600')
  // amy keeps a draft forwarding it: the draft names the same bytes
  const { draft_id } = await ok(amy, 'mail/draft/save', {
    mailbox: 'personal',
    subject: '转发：报价',
    forward_attachments: [{ mail_id: received, attachment_id }],
  })
  // amy's copy goes: her draft still names it, and can still read it
  await move(amy, received, 'trash')
  await ok(amy, 'mail/folder/empty', { mailbox: 'personal', folder: 'trash' })
  expect(blobs.size()).toBe(1)
  const viaDraft = await ok(amy, 'mail/attachment/get', {
    mailbox: 'personal',
    mail_id: draft_id,
    attachment_id,
  })
  expect(Buffer.from(viaDraft.data as string, 'base64').toString()).toBe('含税报价 18,600')
  // the draft leaves as a mail to outside; once its Sent copy is purged nothing names the file
  await ok(amy, 'mail/message/send', {
    mailbox: 'personal',
    from: 'amy@c.com',
    to: ['x@outside.com'],
    subject: '转发：报价',
    draft_id,
    attachment_ids: [attachment_id],
    idempotency_key: 'send-2',
  })
  const forwarded = await idOf(amy, 'sent', '转发：报价')
  await move(amy, forwarded, 'trash')
  await ok(amy, 'mail/message/delete', { mailbox: 'personal', mail_ids: [forwarded] })
  expect(blobs.size()).toBe(0)
})

test('attachments freed: a purged message whose file nothing else names releases the bytes', async () => {
  const { b, ok, blobs, idOf, move } = await setup()
  await b.deliver('c1', 'amy@c.com', {
    from: 'x@outside.com',
    subject: '发票',
    content: '',
    attachments: [
      { filename: '发票.pdf', content_type: 'application/pdf', content: b64('%PDF fake') },
      { filename: '清单.txt', content_type: 'text/plain', content: b64('一行') },
    ],
  })
  expect(blobs.size()).toBe(2)
  const invoice = await idOf(amy, 'inbox', '发票')
  await move(amy, invoice, 'spam')
  await ok(amy, 'mail/message/delete', { mailbox: 'personal', mail_ids: [invoice] })
  expect(blobs.size()).toBe(0)
})

test('a file uploaded today can still be attached again: purging the mail that carried it keeps the bytes', async () => {
  const { ok, blobs, idOf, move } = await setup()
  const file = (
    await ok(amy, 'mail/attachment/upload', {
      mailbox: 'personal',
      name: 'a.txt',
      content_type: 'text/plain',
      data: b64('一'),
    })
  ).attachment_id as string
  const send = (key: string) =>
    ok(amy, 'mail/message/send', {
      mailbox: 'personal',
      from: 'amy@c.com',
      to: ['x@outside.com'],
      subject: key,
      attachment_ids: [file],
      idempotency_key: key,
    })
  await send('第一封')
  await move(amy, await idOf(amy, 'sent', '第一封'), 'trash')
  await ok(amy, 'mail/folder/empty', { mailbox: 'personal', folder: 'trash' })
  expect(blobs.size()).toBe(1)
  await send('第二封')
  const second = await idOf(amy, 'sent', '第二封')
  const read = await ok(amy, 'mail/message/read', { mailbox: 'personal', mail_id: second })
  const [info] = (read.message as { attachments: { attachment_id: string }[] }).attachments
  const got = await ok(amy, 'mail/attachment/get', {
    mailbox: 'personal',
    mail_id: second,
    attachment_id: info.attachment_id,
  })
  expect(Buffer.from(got.data as string, 'base64').toString()).toBe('一')
})

test('a deleted draft releases its file once nothing else names it (a fresh upload still does)', async () => {
  const { ok, blobs, advance } = await setup()
  const upload = async (text: string) =>
    (
      await ok(amy, 'mail/attachment/upload', {
        mailbox: 'personal',
        name: 'a.txt',
        content_type: 'text/plain',
        data: b64(text),
      })
    ).attachment_id as string
  const draft = async (file: string) =>
    (await ok(amy, 'mail/draft/save', { mailbox: 'personal', subject: '草稿', attachment_ids: [file] }))
      .draft_id as string
  // uploaded just now: it can still be attached again, so deleting the draft keeps the bytes
  const fresh = await draft(await upload('新'))
  await ok(amy, 'mail/draft/delete', { mailbox: 'personal', draft_id: fresh })
  expect(blobs.size()).toBe(1)
  // a day later the upload is spent: deleting the draft that still held a file frees it
  const kept = await draft(await upload('旧'))
  advance(UPLOAD_TTL_MS + 60_000)
  await ok(amy, 'mail/draft/delete', { mailbox: 'personal', draft_id: kept })
  expect(blobs.size()).toBe(1)
})

test('an upload never attached is freed when it expires (at the next upload of that mailbox)', async () => {
  const { ok, blobs, advance } = await setup()
  const upload = (text: string) =>
    ok(amy, 'mail/attachment/upload', {
      mailbox: 'personal',
      name: 'a.txt',
      content_type: 'text/plain',
      data: b64(text),
    })
  await upload('一')
  advance(UPLOAD_TTL_MS + 60_000)
  await upload('二')
  expect(blobs.size()).toBe(1)
})

test('a purge refused or undone releases no bytes', async () => {
  const { b, blobs, idOf } = await setup()
  await b.deliver('c1', 'amy@c.com', {
    from: 'x@outside.com',
    subject: '发票',
    content: '',
    attachments: [{ filename: '发票.pdf', content_type: 'application/pdf', content: b64('%PDF fake') }],
  })
  const invoice = await idOf(amy, 'inbox', '发票')
  const r = await b.call('mail/message/delete', { mailbox: 'personal', mail_ids: [invoice] }, amy)
  expect(r.errcode).toBe(ErrCode.NOT_IN_TRASH)
  expect(blobs.size()).toBe(1)
})

test('a purge whose save fails is undone: the mail is still there and so are its bytes', async () => {
  const blobs = memoryBlobs()
  const saved = new Map<string, string>()
  let full = false
  const b = createMockBackend({
    corps: [CORP],
    blobs,
    storage: {
      get: (k) => saved.get(k),
      set: (k, v) => {
        if (full) throw new Error('storage full')
        saved.set(k, v)
      },
      remove: (k) => void saved.delete(k),
    },
  })
  await b.deliver('c1', 'boss@c.com', {
    from: 'x@outside.com',
    subject: '发票',
    content: '',
    attachments: [{ filename: '发票.pdf', content_type: 'application/pdf', content: b64('%PDF fake') }],
  })
  const list = await b.call('mail/message/list', { mailbox: 'personal', folder: 'inbox' }, boss)
  const mail_id = (list.items as Item[])[0].mail_id
  await b.call('mail/message/update', { mailbox: 'personal', mail_id, folder: 'trash' }, boss)
  full = true
  const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined)
  const r = await b.call('mail/message/delete', { mailbox: 'personal', mail_ids: [mail_id] }, boss)
  spy.mockRestore()
  expect(r.errcode).toBe(-1)
  full = false
  const trash = await b.call('mail/message/list', { mailbox: 'personal', folder: 'trash' }, boss)
  expect((trash.items as Item[]).map((i) => i.subject)).toEqual(['发票'])
  expect(blobs.size()).toBe(1)
})

describe('a business mailbox', () => {
  function shared() {
    const { state } = buildState()
    const { backend } = backendFrom(state, { blobs: memoryBlobs() })
    const as = (userid: string) => (api: string, body: object) =>
      backend.call(api, body, { corpid: 'c1', userid })
    return { backend, as }
  }

  test('every member with access sees the purge; one without access is refused and changes nothing', async () => {
    const { backend, as } = shared()
    // ceo@ (mailbox 3): boss and alice directly
    await backend.deliver('c1', 'ceo@c.com', { from: 'x@outside.com', subject: '季度', content: '。' })
    const alice = as('alice')
    const boss = as('boss')
    const bob = as('bob')
    await alice('mail/settings/update', { mailbox: 3, personal: { conversation_mode: false } })
    const [item] = (await alice('mail/message/list', { mailbox: 3, folder: 'inbox' })).items as Item[]
    await alice('mail/message/update', { mailbox: 3, mail_id: item.mail_id, folder: 'trash' })
    const refused = await bob('mail/folder/empty', { mailbox: 3, folder: 'trash' })
    expect(refused.errcode).toBe(ErrCode.NO_MAILBOX_ACCESS)
    const stillThere = await boss('mail/message/list', { mailbox: 3, folder: 'trash' })
    expect((stillThere.items as Item[]).map((i) => i.subject)).toEqual(['季度'])
    const r = await alice('mail/message/delete', { mailbox: 3, mail_ids: [item.mail_id] })
    expect(r).toMatchObject({ errcode: 0, deleted: 1 })
    const seen = await boss('mail/message/list', { mailbox: 3, folder: 'trash' })
    expect(seen.items).toEqual([])
  })

  test('access is checked at the moment of the call: a member removed from the mailbox can no longer purge', async () => {
    const { backend, as } = shared()
    await backend.deliver('c1', 'ceo@c.com', { from: 'x@outside.com', subject: '季度', content: '。' })
    const alice = as('alice')
    const [item] = (await alice('mail/message/list', { mailbox: 3, folder: 'inbox' })).items as Item[]
    await alice('mail/message/update', { mailbox: 3, mail_id: item.mail_id, folder: 'trash' })
    const removed = await as('boss')('exmail/publicmail/update', { id: 3, userid_list: { list: ['boss'] } })
    expect(removed.errcode).toBe(0)
    const r = await alice('mail/message/delete', { mailbox: 3, mail_ids: [item.mail_id], thread: true })
    expect(r.errcode).toBe(ErrCode.NO_MAILBOX_ACCESS)
    const left = await as('boss')('mail/message/list', { mailbox: 3, folder: 'trash' })
    expect((left.items as Item[]).length).toBe(1)
  })
})
