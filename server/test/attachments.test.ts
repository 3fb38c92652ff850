// Attachments and HTML through the server (issue 16): inbound MIME keeps the HTML part (sanitised by
// the core) and the files under their decoded Chinese names; mail/attachment/get over HTTP answers
// a `url` that downloads without a header for 10 minutes of the server's clock and only while the
// member keeps access; a submitted message's HTML and files reach the inbox and, through the relay,
// the outside world as proper MIME with its reply headers. (20 MB uploads, forward and the 40058
// limit: outbound.test.ts; an 18 MB file through the MX and References-only threading: smtp.test.ts.)
import { after as afterAll, before as beforeAll, describe, test } from 'node:test'
import { createHash, randomBytes } from 'node:crypto'
import { expect } from 'expect'
import type { FastifyInstance } from 'fastify'
import nodemailer from 'nodemailer'
import type { ServerCore } from '../core'
import type { Clock } from '../clock'
import type { Db } from '../db'
import { FILE_LINK_TTL_MS } from '../files/links'
import { LINK_GONE_MESSAGE } from '../routes/files'
import { startSmtp, type SmtpServers } from '../smtp'
import { startRelay, type RelayWorker } from '../smtp/outbound'
import { startRelaySink, type RelaySink } from './relaySink'
import { testApp, testDb } from './harness'
import { api, devToken, folder, message, rawSend } from './smtpKit'

let db: Db
let app: FastifyInstance
let core: ServerCore
let clock: Clock
let smtp: SmtpServers
let sink: RelaySink
let relay: RelayWorker
let token: string

beforeAll(async () => {
  db = await testDb()
  ;({ app, core, clock } = await testApp(db, { dev: true }))
  smtp = await startSmtp(core, {
    port: 0,
    submissionPort: 0,
    host: '127.0.0.1',
    tlsCert: '',
    tlsKey: '',
    dev: true,
  })
  sink = await startRelaySink()
  relay = startRelay(core, { url: sink.url, pollMs: 50 })
  token = await devToken(app)
})
afterAll(async () => {
  await relay.close()
  await smtp.close()
  await sink.close()
  await app.close()
  await db.close()
})

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex')

/** a PDF-looking file of random bytes (the type is what the test is about, not the content) */
const pdf = (size: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(size)])

async function until<T>(what: () => Promise<T | undefined | null | false>, ms = 10_000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const v = await what()
    if (v) return v
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 25))
  }
}

interface Attachment {
  attachment_id: string
  name: string
  size: number
  content_type: string
}

/** the message of `subject` in a folder, read as the member */
async function find(t: string, mailbox: string | number, subject: string, name = 'inbox') {
  const item = (await folder(app, t, mailbox, name)).find((i) => i.subject === subject)
  if (!item) throw new Error(`no message ${subject} in ${name}`)
  return message(app, t, mailbox, item.mail_id)
}

async function attachmentGet(t: string, mailbox: string | number, mail_id: unknown, a: Attachment) {
  return api(app, t, 'mail/attachment/get', { mailbox, mail_id, attachment_id: a.attachment_id })
}

/** GET of a link with no header at all, as Taro.downloadFile does */
function download(url: string) {
  const u = new URL(url)
  return app.inject({ method: 'GET', url: u.pathname })
}

describe('inbound MIME with HTML and files', () => {
  test('the HTML part is kept sanitised; a Chinese-named PDF is listed and read back byte-identical', async () => {
    const bytes = pdf(300 * 1024)
    await nodemailer
      .createTransport({ host: '127.0.0.1', port: smtp.inboundPort, secure: false, ignoreTLS: true })
      .sendMail({
        from: '"王采购" <wang@customer.cn>',
        to: 'boss@test.com',
        subject: '季度报告',
        text: '季度报告见附件。',
        html:
          '<p onclick="steal()">季度报告见<b>附件</b>。</p><script>steal()</script>' +
          '<img src="https://tracker.example/open.png"><a href="javascript:steal()">点此</a>',
        attachments: [
          { filename: '2026 第三季度报告（终版）.pdf', content: bytes, contentType: 'application/pdf' },
        ],
        messageId: '<q3-report@customer.cn>',
      })
    const m = await find(token, 'personal', '季度报告')
    expect(m.content).toBe('季度报告见附件。')
    const html = String(m.content_html)
    expect(html).toContain('<b>附件</b>')
    expect(html).not.toMatch(/<script|steal|onclick|javascript:/)
    expect(html).toContain('data-remote-src="https://tracker.example/open.png"')
    expect(m.content).not.toContain('[附件未保存]')
    const files = m.attachments as Attachment[]
    expect(files.map((a) => [a.name, a.size, a.content_type])).toEqual([
      ['2026 第三季度报告（终版）.pdf', bytes.length, 'application/pdf'],
    ])
    const got = await attachmentGet(token, 'personal', m.mail_id, files[0])
    expect(got).toMatchObject({ name: '2026 第三季度报告（终版）.pdf', content_type: 'application/pdf' })
    expect(sha256(Buffer.from(String(got.data), 'base64'))).toBe(sha256(bytes))

    // The list says how many files a message has.
    const item = (await folder(app, token, 'personal')).find((i) => i.subject === '季度报告') as unknown as {
      attachments?: number
    }
    expect(item.attachments).toBe(1)
  })

  test('RFC 2047 and RFC 2231 file names are decoded; a file without a name is 未命名附件', async () => {
    const a = Buffer.from('甲方,乙方\n星河,客户\n')
    const b = randomBytes(2048)
    const c = Buffer.from('no name')
    const reply = await rawSend(
      smtp.inboundPort,
      'li@customer.cn',
      ['boss@test.com'],
      [
        'From: li@customer.cn',
        'To: boss@test.com',
        `Subject: =?UTF-8?B?${Buffer.from('三个附件').toString('base64')}?=`,
        'Message-ID: <three-files@customer.cn>',
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="b1"',
        '',
        '--b1',
        'Content-Type: text/plain; charset=utf-8',
        '',
        '附件三个。',
        '--b1',
        `Content-Type: text/csv; name="=?UTF-8?B?${Buffer.from('合同清单.csv').toString('base64')}?="`,
        `Content-Disposition: attachment; filename="=?UTF-8?B?${Buffer.from('合同清单.csv').toString('base64')}?="`,
        'Content-Transfer-Encoding: base64',
        '',
        a.toString('base64'),
        '--b1',
        'Content-Type: application/octet-stream',
        `Content-Disposition: attachment; filename*=UTF-8''${encodeURIComponent('设计图 v2.bin')}`,
        'Content-Transfer-Encoding: base64',
        '',
        b.toString('base64'),
        '--b1',
        'Content-Type: application/octet-stream',
        'Content-Disposition: attachment',
        'Content-Transfer-Encoding: base64',
        '',
        c.toString('base64'),
        '--b1--',
        '',
      ].join('\r\n'),
    )
    expect(reply).toMatch(/^250/)
    const m = await find(token, 'personal', '三个附件')
    expect(m.content).toBe('附件三个。')
    const files = m.attachments as Attachment[]
    expect(files.map((f) => f.name)).toEqual(['合同清单.csv', '设计图 v2.bin', '未命名附件'])
    for (const [i, want] of [a, b, c].entries()) {
      const got = await attachmentGet(token, 'personal', m.mail_id, files[i])
      expect(sha256(Buffer.from(String(got.data), 'base64'))).toBe(sha256(want))
    }
  })
})

describe('download links (url of mail/attachment/get)', () => {
  async function deliverFile(to: string, subject: string, name: string, bytes: Buffer) {
    const r = await core.deliver('wwtest', to, {
      from: 'partner@outside.cn',
      to: [to],
      cc: [],
      subject,
      content: '附件',
      message_id: `<${sha256(subject).slice(0, 12)}@outside.cn>`,
      attachments: [{ filename: name, content_type: 'application/pdf', content: bytes.toString('base64') }],
    })
    expect(r.errcode).toBe(0)
  }

  test('an absolute link downloads the bytes with no header, type, length and the UTF-8 name', async () => {
    const bytes = pdf(64 * 1024)
    await deliverFile('boss@test.com', '链接下载', "报价单 (A'B) 100%.pdf", bytes)
    const m = await find(token, 'personal', '链接下载')
    const got = await attachmentGet(token, 'personal', m.mail_id, (m.attachments as Attachment[])[0])
    const url = String(got.url)
    expect(url).toMatch(/^http:\/\/localhost(:\d+)?\/files\/[A-Za-z0-9_-]{43}$/)
    const r = await download(url)
    expect(r.statusCode).toBe(200)
    expect(sha256(r.rawPayload)).toBe(sha256(bytes))
    expect(r.headers['content-type']).toBe('application/pdf')
    expect(Number(r.headers['content-length'])).toBe(bytes.length)
    const disposition = String(r.headers['content-disposition'])
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/)
    const encoded = /filename\*=UTF-8''(\S+)$/.exec(disposition)?.[1] ?? ''
    expect(encoded).not.toMatch(/['()*\s]/)
    expect(decodeURIComponent(encoded)).toBe("报价单 (A'B) 100%.pdf")
    // A second look works as often as needed while the link lives.
    expect((await download(url)).statusCode).toBe(200)
  })

  test('the link lapses 10 minutes after it was issued, on the server clock (/dev/clock)', async () => {
    await deliverFile('boss@test.com', '限时链接', '限时.pdf', pdf(1024))
    const t0 = Date.now()
    clock.set(t0)
    try {
      const m = await find(token, 'personal', '限时链接')
      const got = await attachmentGet(token, 'personal', m.mail_id, (m.attachments as Attachment[])[0])
      const url = String(got.url)
      await app.inject({ method: 'POST', url: '/dev/clock', payload: { now: t0 + FILE_LINK_TTL_MS - 1000 } })
      expect((await download(url)).statusCode).toBe(200)
      await app.inject({ method: 'POST', url: '/dev/clock', payload: { now: t0 + FILE_LINK_TTL_MS } })
      const r = await download(url)
      expect(r.statusCode).toBe(404)
      expect(r.json()).toEqual({ errcode: 40058, errmsg: LINK_GONE_MESSAGE })
    } finally {
      clock.set(null)
    }
    const unknown = await app.inject({ method: 'GET', url: `/files/${'x'.repeat(43)}` })
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json()).toEqual({ errcode: 40058, errmsg: LINK_GONE_MESSAGE })
  })

  test('a link opens nothing once its member lost access to the business mailbox', async () => {
    await api(app, token, 'user/create', { userid: 'lina', name: '李娜', department: [1] })
    const created = await api(app, token, 'exmail/publicmail/create', {
      email: 'files@test.com',
      name: '资料室',
      userid_list: { list: ['boss', 'lina'] },
      idempotency_key: 'att-files',
    })
    const id = created.id as number
    const bytes = pdf(4096)
    await deliverFile('files@test.com', '共享资料', '资料.pdf', bytes)
    const lina = await devToken(app, 'lina')
    const m = await find(lina, id, '共享资料')
    const got = await attachmentGet(lina, id, m.mail_id, (m.attachments as Attachment[])[0])
    const url = String(got.url)
    expect(sha256((await download(url)).rawPayload)).toBe(sha256(bytes))
    await api(app, token, 'exmail/publicmail/update', {
      id,
      userid_list: { list: ['boss'] },
      idempotency_key: 'att-files-drop',
    })
    const r = await download(url)
    expect(r.statusCode).toBe(404)
    expect(r.json()).toMatchObject({ errcode: 690007 })
    expect(String(r.json().errmsg)).toMatch(/[\u4e00-\u9fff]/)
  })
})

describe('submitted HTML and files, inside and through the relay', () => {
  test('they reach the inbox as sent, and the relay sends text + HTML + the file with reply headers', async () => {
    const created = await api(app, token, 'exmail/publicmail/create', {
      email: 'sales@test.com',
      name: '销售部',
      userid_list: { list: ['boss'] },
      create_auth_code: 1,
      idempotency_key: 'att-sales',
    })
    const bytes = randomBytes(1024 * 1024)
    await nodemailer
      .createTransport({
        host: '127.0.0.1',
        port: smtp.submissionPort,
        secure: false,
        ignoreTLS: true,
        auth: { user: 'sales@test.com', pass: String(created.auth_code) },
      })
      .sendMail({
        from: '"销售部" <sales@test.com>',
        to: ['boss@test.com', 'client@outside.com'],
        subject: '回复：合同草案',
        text: '合同草案见附件。',
        html: '<p>合同草案见<b>附件</b>。</p><script>steal()</script>',
        attachments: [{ filename: '合同草案（第二稿）.docx', content: bytes }],
        messageId: '<contract-v2@test.com>',
        inReplyTo: '<contract-ask@outside.com>',
        references: ['<contract-ask@outside.com>'],
      })

    // Inside: boss's inbox has the sanitised HTML and the same file.
    const m = await find(token, 'personal', '回复：合同草案')
    expect(String(m.content_html)).toContain('<b>附件</b>')
    expect(String(m.content_html)).not.toMatch(/script|steal/)
    const [file] = m.attachments as Attachment[]
    expect(file.name).toBe('合同草案（第二稿）.docx')
    const got = await attachmentGet(token, 'personal', m.mail_id, file)
    expect(sha256(Buffer.from(String(got.data), 'base64'))).toBe(sha256(bytes))

    // Outside: the relay's MIME parses back to the same text, HTML, file and headers.
    const out = await until(async () => sink.received.find((r) => r.mail.subject === '回复：合同草案'))
    expect(out.rcpt).toEqual(['client@outside.com'])
    const mail = out.mail
    expect(mail.from?.value[0].address).toBe('sales@test.com')
    expect(mail.text?.trim()).toBe('合同草案见附件。')
    expect(mail.html).toContain('<b>附件</b>')
    expect(mail.html).not.toMatch(/script|steal/)
    expect(mail.attachments.map((a) => a.filename)).toEqual(['合同草案（第二稿）.docx'])
    expect(sha256(mail.attachments[0].content)).toBe(sha256(bytes))
    expect(mail.messageId).toBe('<contract-v2@test.com>')
    expect(mail.inReplyTo).toBe('<contract-ask@outside.com>')
    expect([mail.references].flat()).toContain('<contract-ask@outside.com>')
    // Headers are 7-bit: the Chinese subject and file name are RFC 2047 / 2231 encoded.
    const head = out.raw.subarray(0, out.raw.indexOf('\r\n\r\n')).toString('latin1')
    expect(head).toMatch(/^Subject: =\?UTF-8\?/m)
    expect(/[^\x00-\x7f]/.test(head)).toBe(false)
    // The mailbox's Sent copy carries them too (what the relay read).
    const sent = await find(token, created.id as number, '回复：合同草案', 'sent')
    expect(sent.message_id).toBe('<contract-v2@test.com>')
    expect((sent.attachments as Attachment[]).map((a) => a.name)).toEqual(['合同草案（第二稿）.docx'])
  })
})
