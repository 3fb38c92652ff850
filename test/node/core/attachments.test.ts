// Attachments and HTML mail in the core (api.md "Mail content and files"): uploads, send, drafts,
// forward, inbound mail, limits — and that the bytes live in the blob store, never in the state.
import { createMockBackend, type BlobStore } from '../../../src/api/mock'
import { memoryBlobs } from '../../../src/api/mock/blobs'
import { UPLOAD_TTL_MS } from '../../../src/api/mock/mail/attachments'
import { CORP } from '../../kit/mail'

const boss = { corpid: 'c1', userid: 'boss' }
const amy = { corpid: 'c1', userid: 'amy' }
const b64 = (text: string) => Buffer.from(text).toString('base64')

async function setup(options: { blobs?: BlobStore; maxAttachmentBytes?: number } = {}) {
  let t = 1_800_000_000_000
  const storage = new Map<string, string>()
  const blobs = options.blobs ?? memoryBlobs()
  const b = createMockBackend({
    corps: [CORP],
    now: () => t,
    storage: {
      get: (k) => storage.get(k),
      set: (k, v) => void storage.set(k, v),
      remove: (k) => void storage.delete(k),
    },
    blobs,
    maxAttachmentBytes: options.maxAttachmentBytes,
  })
  const created = await b.call(
    'user/create',
    { userid: 'amy', name: '艾米', department: [1], biz_mail: 'amy@c.com' },
    boss,
  )
  expect(created.errcode).toBe(0)
  const ok = async (who: typeof boss, api: string, body: object) => {
    const r = await b.call(api, body, who)
    if (r.errcode !== 0) throw new Error(`${api}: ${r.errcode} ${r.errmsg}`)
    return r as Record<string, unknown> & { errcode: 0 }
  }
  const upload = async (name: string, text: string, who = boss) =>
    (
      await ok(who, 'mail/attachment/upload', {
        mailbox: 'personal',
        name,
        content_type: 'text/plain',
        data: b64(text),
      })
    ).attachment_id as string
  const newest = async (who: typeof boss, folder: string) => {
    const list = await ok(who, 'mail/message/list', { mailbox: 'personal', folder })
    const item = (list.items as { mail_id: string; attachments?: number }[])[0]
    const read = await ok(who, 'mail/message/read', { mailbox: 'personal', mail_id: item.mail_id })
    return { item, message: read.message as Record<string, unknown> & { mail_id: string } }
  }
  return { b, ok, upload, newest, storage, blobs, advance: (ms: number) => (t += ms) }
}

type Info = { attachment_id: string; name: string; size: number; content_type: string }

test('an uploaded file goes out with the mail: Sent and the recipient list it, and both read the same bytes', async () => {
  const { ok, upload, newest, storage } = await setup()
  const id = await upload('报价单.txt', '含税报价 18,600')
  await ok(boss, 'mail/message/send', {
    mailbox: 'personal',
    from: 'boss@c.com',
    to: ['amy@c.com'],
    subject: '报价',
    content: '见附件',
    attachment_ids: [id],
    idempotency_key: 'k1',
  })
  for (const [who, folder] of [
    [boss, 'sent'],
    [amy, 'inbox'],
  ] as const) {
    const { item, message } = await newest(who, folder)
    expect(item.attachments).toBe(1)
    const files = message.attachments as Info[]
    expect(files.map((f) => [f.name, f.size, f.content_type])).toEqual([
      ['报价单.txt', Buffer.byteLength('含税报价 18,600'), 'text/plain'],
    ])
    expect(Object.keys(files[0]).sort()).toEqual(['attachment_id', 'content_type', 'name', 'size'])
    const got = await ok(who, 'mail/attachment/get', {
      mailbox: 'personal',
      mail_id: message.mail_id,
      attachment_id: files[0].attachment_id,
    })
    expect(Buffer.from(got.data as string, 'base64').toString()).toBe('含税报价 18,600')
    expect(got).toMatchObject({
      name: '报价单.txt',
      size: Buffer.byteLength('含税报价 18,600'),
      content_type: 'text/plain',
    })
    expect(got).not.toHaveProperty('__blob')
  }
  // The bytes are not in the saved state.
  expect([...storage.values()].join('')).not.toContain(b64('含税报价 18,600'))
})

test('limits: over the per-file size, bad base64, no name, more than 20 — each refused with 40058 naming the field, nothing stored', async () => {
  const blobs = memoryBlobs()
  const { b, upload } = await setup({ blobs, maxAttachmentBytes: 10 })
  const tooBig = await b.call(
    'mail/attachment/upload',
    { mailbox: 'personal', name: 'big.bin', content_type: '', data: b64('01234567890') },
    boss,
  )
  expect(tooBig).toMatchObject({ errcode: 40058 })
  expect(tooBig.errmsg).toMatch(/超过 0 KB|超过/)
  expect(tooBig.errmsg).toContain('(data)')
  const bad = await b.call(
    'mail/attachment/upload',
    { mailbox: 'personal', name: 'x', content_type: '', data: '@@@' },
    boss,
  )
  expect(bad).toMatchObject({ errcode: 40058 })
  expect(bad.errmsg).toContain('(data)')
  const noName = await b.call(
    'mail/attachment/upload',
    { mailbox: 'personal', name: ' ', content_type: '', data: b64('a') },
    boss,
  )
  expect(noName.errmsg).toContain('(name)')
  expect(blobs.size()).toBe(0)
  const ids: string[] = []
  for (let i = 0; i < 21; i++) ids.push(await upload(`f${i}`, 'x'))
  const many = await b.call(
    'mail/message/send',
    { mailbox: 'personal', from: 'boss@c.com', to: ['amy@c.com'], attachment_ids: ids, idempotency_key: 'k' },
    boss,
  )
  expect(many).toMatchObject({ errcode: 40058 })
  expect(many.errmsg).toContain('20')
})

test('the demo backend refuses a 3 MB file in words (超过 2 MB), not as an over-size request', async () => {
  const { b } = await setup()
  const r = await b.call(
    'mail/attachment/upload',
    {
      mailbox: 'personal',
      name: '设计图.png',
      content_type: 'image/png',
      data: b64('x'.repeat(3 * 1024 * 1024)),
    },
    boss,
  )
  expect(r).toMatchObject({ errcode: 40058 })
  expect(r.errmsg).toBe('附件「设计图.png」超过 2 MB，无法添加 (data)')
})

test("an upload is its owner's for a day: another member, or after 24 h, gets 附件不存在或已过期", async () => {
  const { b, upload, advance } = await setup()
  const id = await upload('a.txt', 'a')
  const send = (who: typeof boss, key: string, from: string) =>
    b.call(
      'mail/message/send',
      { mailbox: 'personal', from, to: ['boss@c.com'], attachment_ids: [id], idempotency_key: key },
      who,
    )
  const other = await send(amy, 'x1', 'amy@c.com')
  expect(other).toMatchObject({ errcode: 40058 })
  expect(other.errmsg).toContain('附件不存在或已过期')
  advance(UPLOAD_TTL_MS + 1)
  expect((await send(boss, 'x2', 'boss@c.com')).errmsg).toContain('附件不存在或已过期')
})

test('a draft keeps its attachments; sending the draft sends them; forward keeps the original’s, reply does not need to', async () => {
  const { ok, upload, newest } = await setup()
  const id = await upload('plan.txt', 'plan v1')
  const saved = await ok(boss, 'mail/draft/save', {
    mailbox: 'personal',
    to: ['amy@c.com'],
    subject: '计划',
    attachment_ids: [id],
  })
  const draftId = saved.draft_id as string
  const restored = await ok(boss, 'mail/message/read', { mailbox: 'personal', mail_id: draftId })
  const draft = restored.draft as { attachments: Info[] }
  expect(draft.attachments.map((a) => a.name)).toEqual(['plan.txt'])
  expect(draft.attachments[0]).not.toHaveProperty('blob')
  // The draft's own attachment is readable from the draft.
  const fromDraft = await ok(boss, 'mail/attachment/get', {
    mailbox: 'personal',
    mail_id: draftId,
    attachment_id: draft.attachments[0].attachment_id,
  })
  expect(Buffer.from(fromDraft.data as string, 'base64').toString()).toBe('plan v1')
  await ok(boss, 'mail/message/send', {
    mailbox: 'personal',
    from: 'boss@c.com',
    to: ['amy@c.com'],
    subject: '计划',
    draft_id: draftId,
    attachment_ids: [draft.attachments[0].attachment_id],
    idempotency_key: 's1',
  })
  const got = await newest(amy, 'inbox')
  const original = got.message
  const files = original.attachments as Info[]
  await ok(amy, 'mail/message/send', {
    mailbox: 'personal',
    from: 'amy@c.com',
    to: ['boss@c.com'],
    subject: '转发：计划',
    forward_attachments: files.map((f) => ({ mail_id: original.mail_id, attachment_id: f.attachment_id })),
    idempotency_key: 'f1',
  })
  const fwd = await newest(boss, 'inbox')
  expect((fwd.message.attachments as Info[]).map((a) => a.name)).toEqual(['plan.txt'])
  const bytes = await ok(boss, 'mail/attachment/get', {
    mailbox: 'personal',
    mail_id: fwd.message.mail_id,
    attachment_id: (fwd.message.attachments as Info[])[0].attachment_id,
  })
  expect(Buffer.from(bytes.data as string, 'base64').toString()).toBe('plan v1')
})

test('forwarding an attachment of a mail in another mailbox is refused', async () => {
  const { b, ok, upload, newest } = await setup()
  const id = await upload('x.txt', 'x')
  await ok(boss, 'mail/message/send', {
    mailbox: 'personal',
    from: 'boss@c.com',
    to: ['boss@c.com'],
    attachment_ids: [id],
    idempotency_key: 'a',
  })
  const { message } = await newest(boss, 'inbox')
  const r = await b.call(
    'mail/message/send',
    {
      mailbox: 'personal',
      from: 'amy@c.com',
      to: ['boss@c.com'],
      forward_attachments: [
        { mail_id: message.mail_id, attachment_id: (message.attachments as Info[])[0].attachment_id },
      ],
      idempotency_key: 'b',
    },
    amy,
  )
  expect(r).toMatchObject({ errcode: 40058 })
  expect(r.errmsg).toContain('(forward_attachments)')
})

test('inbound HTML mail is sanitised and gets a text body; its attachments are stored; a resend stores nothing twice', async () => {
  const blobs = memoryBlobs()
  const { b, ok, newest } = await setup({ blobs })
  const mail = {
    from: '客户 <client@outside.com>',
    subject: '图文通知',
    content: '',
    message_id: '<n1@outside.com>',
    html: '<p onclick="x()">您好 <b>李</b></p><script>steal()</script><img src="https://t.example/p.png"><a href="javascript:alert(1)">点</a>',
    attachments: [{ filename: '发票.pdf', content_type: 'application/pdf', content: b64('%PDF-1.4 fake') }],
  }
  expect((await b.deliver('c1', 'amy@c.com', mail)).errcode).toBe(0)
  expect((await b.deliver('c1', 'amy@c.com', mail)).duplicate).toBe(true)
  expect(blobs.size()).toBe(1)
  const { message } = await newest(amy, 'inbox')
  const html = message.content_html as string
  expect(html).toContain('<b>李</b>')
  expect(html).not.toMatch(/script|onclick|javascript:/i)
  expect(html).toContain('data-remote-src="https://t.example/p.png"')
  expect(html).not.toMatch(/\ssrc=/)
  expect(message.content).toContain('您好')
  const a = (message.attachments as Info[])[0]
  expect(a).toMatchObject({ name: '发票.pdf', size: 13, content_type: 'application/pdf' })
  const got = await ok(amy, 'mail/attachment/get', {
    mailbox: 'personal',
    mail_id: message.mail_id,
    attachment_id: a.attachment_id,
  })
  expect(Buffer.from(got.data as string, 'base64').toString()).toBe('%PDF-1.4 fake')
  const big = await b.deliver('c1', 'amy@c.com', {
    ...mail,
    message_id: '<n2@outside.com>',
    attachments: [{ filename: 'big', content_type: '', content: b64('x'.repeat(3 * 1024 * 1024)) }],
  })
  expect(big).toMatchObject({ errcode: 40058 })
  expect(big.errmsg).toContain('attachments[0].content')
})

test('a failing blob store undoes the call: no message refers to bytes that were never written', async () => {
  const failing: BlobStore = {
    put: async () => {
      throw new Error('disk full')
    },
    get: async () => null,
    delete: async () => undefined,
  }
  const { b } = await setup({ blobs: failing })
  const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined)
  const r = await b.call(
    'mail/attachment/upload',
    { mailbox: 'personal', name: 'a', content_type: '', data: b64('a') },
    boss,
  )
  spy.mockRestore()
  expect(r.errcode).toBe(-1)
  const again = await b.call(
    'mail/message/send',
    {
      mailbox: 'personal',
      from: 'boss@c.com',
      to: ['boss@c.com'],
      attachment_ids: ['a0'],
      idempotency_key: 'z',
    },
    boss,
  )
  expect(again.errmsg).toContain('附件不存在或已过期')
})

test('attachment/get reads the bytes inside the call: a store that cannot read answers 附件暂时无法读取, then reads again', async () => {
  const inner = memoryBlobs()
  let readable = true
  const flaky: BlobStore = {
    put: (id, data) => inner.put(id, data),
    get: async (id) => {
      if (!readable) throw new Error('disk offline')
      return inner.get(id)
    },
    delete: (id) => inner.delete(id),
  }
  const { b, ok, upload } = await setup({ blobs: flaky })
  const id = await upload('p.txt', '报价')
  const saved = await ok(boss, 'mail/draft/save', { mailbox: 'personal', attachment_ids: [id] })
  const body = { mailbox: 'personal', mail_id: saved.draft_id, attachment_id: id }
  readable = false
  const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined)
  const r = await b.call('mail/attachment/get', body, boss)
  spy.mockRestore()
  expect(r).toEqual({ errcode: -1, errmsg: '附件暂时无法读取，请稍后重试' })
  readable = true
  const got = await ok(boss, 'mail/attachment/get', body)
  expect(Buffer.from(got.data as string, 'base64').toString()).toBe('报价')
})

test('attachment/get: unknown ids and another member’s draft answer 附件不存在', async () => {
  const { b, ok, upload } = await setup()
  const id = await upload('p.txt', 'p')
  const saved = await ok(boss, 'mail/draft/save', { mailbox: 'personal', attachment_ids: [id] })
  const r = await b.call(
    'mail/attachment/get',
    { mailbox: 'personal', mail_id: saved.draft_id, attachment_id: id },
    amy,
  )
  expect(r).toMatchObject({ errcode: 40058 })
  const none = await b.call(
    'mail/attachment/get',
    { mailbox: 'personal', mail_id: 'm999', attachment_id: id },
    boss,
  )
  expect(none.errmsg).toContain('附件不存在')
})
