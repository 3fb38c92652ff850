// SMTP (issue 16), one database for both ports: inbound (MX) and client submission, driven by
// nodemailer and a line-level client on loopback; what arrived or was sent is read back as the
// member through POST /cgi-bin/mail/message/*.
import { after as afterAll, before as beforeAll, describe, test } from 'node:test'
import { expect } from 'expect'
import type { FastifyInstance } from 'fastify'
import nodemailer from 'nodemailer'
import { createHash, randomBytes } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import type { Db } from '../db'
import { ErrCode } from '../../src/policy/codes'
import type { ServerCore } from '../core'
import { startSmtp, type SmtpServers } from '../smtp'
import { MAX_MESSAGE_BYTES } from '../smtp/common'
import { inboundServer } from '../smtp/inbound'
import { testApp, testDb } from './harness'
import { api, devToken, folder, message, rawSend, rawSmtp, testCertificate } from './smtpKit'

let db: Db
let app: FastifyInstance
let core: ServerCore
let smtp: SmtpServers
let token: string
const cert = testCertificate()

beforeAll(async () => {
  db = await testDb()
  ;({ app, core } = await testApp(db, { dev: true }))
  smtp = await startSmtp(core, {
    port: 0,
    submissionPort: 0,
    host: '127.0.0.1',
    tlsCert: cert.certPath,
    tlsKey: cert.keyPath,
    dev: true,
  })
  token = await devToken(app)
})
afterAll(async () => {
  await smtp.close()
  await app.close()
  await db.close()
  cert.cleanup()
})

const transport = (port = smtp.inboundPort) =>
  nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    requireTLS: true,
    tls: { ca: [cert.cert], servername: 'localhost' },
  })

describe('inbound SMTP', () => {
  test('STARTTLS, a Chinese subject, HTML only and a Chinese-named attachment arrive in the inbox', async () => {
    const info = await transport().sendMail({
      from: '"陈经理" <chen@customer.cn>',
      to: 'boss@test.com',
      subject: '关于第三季度的报价 ✓',
      html: '<p>张总您好，</p><p onclick="x()">附件是<b>报价单</b>，请查收。</p><script>steal()</script>',
      attachments: [{ filename: '报价单（2026）.csv', content: '品名,数量\n服务器,2\n' }],
      messageId: '<q3-quote@customer.cn>',
    })
    expect(info.accepted).toEqual(['boss@test.com'])
    const items = await folder(app, token, 'personal')
    const item = items.find((i) => i.subject === '关于第三季度的报价 ✓')
    expect(item).toMatchObject({ from: '陈经理 <chen@customer.cn>' })
    const m = await message(app, token, 'personal', (item as { mail_id: string }).mail_id)
    expect(m.message_id).toBe('<q3-quote@customer.cn>')
    expect(m.content).toContain('张总您好，')
    expect(m.content).toContain('附件是报价单，请查收。')
    expect(m.content).not.toContain('<p>')
    // The HTML part is kept, sanitised; the attachment's bytes are stored and read back as sent.
    expect(m.content_html).toContain('<b>报价单</b>')
    expect(m.content_html).not.toMatch(/script|steal|onclick/)
    const [file] = m.attachments as {
      attachment_id: string
      name: string
      size: number
      content_type: string
    }[]
    expect(file).toMatchObject({ name: '报价单（2026）.csv', content_type: 'text/csv' })
    const got = await api(app, token, 'mail/attachment/get', {
      mailbox: 'personal',
      mail_id: m.mail_id,
      attachment_id: file.attachment_id,
    })
    expect(Buffer.from(got.data as string, 'base64').toString()).toBe('品名,数量\n服务器,2\n')
  })

  // 18 MB is the largest file a 25 MB message holds in base64 (20 MB files come through the app).
  test('an 18 MB attachment arrives byte-identical, and a References-only reply threads', async () => {
    const bytes = randomBytes(18 * 1024 * 1024)
    await transport().sendMail({
      from: 'chen@customer.cn',
      to: 'boss@test.com',
      subject: '设计图（大文件）',
      text: '见附件',
      attachments: [{ filename: '设计图.bin', content: bytes, contentType: 'application/octet-stream' }],
      messageId: '<big-file@customer.cn>',
      references: ['<design-root@customer.cn>', '<design-v2@customer.cn>'],
    })
    const items = await folder(app, token, 'personal')
    const item = items.find((i) => i.subject === '设计图（大文件）')!
    const m = await message(app, token, 'personal', item.mail_id)
    expect(m.in_reply_to).toBe('<design-v2@customer.cn>')
    const [file] = m.attachments as { attachment_id: string; size: number }[]
    expect(file.size).toBe(bytes.length)
    const got = await api(app, token, 'mail/attachment/get', {
      mailbox: 'personal',
      mail_id: m.mail_id,
      attachment_id: file.attachment_id,
    })
    const digest = (b: Buffer) => createHash('sha256').update(b).digest('hex')
    expect(digest(Buffer.from(got.data as string, 'base64'))).toBe(digest(bytes))
  })

  test('a reply threads by In-Reply-To; the text part is used when there is one', async () => {
    await transport().sendMail({
      from: 'chen@customer.cn',
      to: 'boss@test.com',
      subject: '补充',
      text: '纯文本正文',
      html: '<p>HTML 正文</p>',
      inReplyTo: '<q3-quote@customer.cn>',
      messageId: '<q3-more@customer.cn>',
    })
    const items = await folder(app, token, 'personal')
    const reply = items.find((i) => i.subject === '补充')!
    const m = await message(app, token, 'personal', reply.mail_id)
    expect(m.content).toBe('纯文本正文')
    expect(m.in_reply_to).toBe('<q3-quote@customer.cn>')
    // The inbox lists conversations: the quote and its follow-up are one.
    expect(reply.count).toBe(2)
    expect(items.find((i) => i.subject === '关于第三季度的报价 ✓')).toBeUndefined()
  })

  test('a mail whose parent never arrived joins the thread of an earlier id of its References', async () => {
    await transport().sendMail({
      from: 'chen@customer.cn',
      to: 'boss@test.com',
      subject: '样机测试安排',
      text: '下周二可以吗？',
      messageId: '<trial-root@customer.cn>',
    })
    // Wang answers Chen's reply to boss (that reply was never copied to boss): a new subject.
    await transport().sendMail({
      from: '"王工" <wang@customer.cn>',
      to: 'boss@test.com',
      subject: '机房已准备好',
      text: '周二上午九点。',
      messageId: '<trial-3@customer.cn>',
      inReplyTo: '<trial-2@customer.cn>',
      references: ['<trial-root@customer.cn>', '<trial-2@customer.cn>'],
    })
    const items = await folder(app, token, 'personal')
    const joined = items.find((i) => i.subject === '机房已准备好')!
    expect(joined.count).toBe(2)
    expect(items.find((i) => i.subject === '样机测试安排')).toBeUndefined()
    const read = await api(app, token, 'mail/message/read', {
      mailbox: 'personal',
      mail_id: joined.mail_id,
      thread: true,
    })
    expect((read.conversation as { message_id: string }[]).map((m) => m.message_id)).toEqual([
      '<trial-root@customer.cn>',
      '<trial-3@customer.cn>',
    ])
  })

  test('an unknown local address and an outside domain are refused at RCPT with 550', async () => {
    for (const rcpt of ['nobody@test.com', 'someone@elsewhere.com']) {
      const err = await transport()
        .sendMail({ from: 'chen@customer.cn', to: rcpt, subject: 'x', text: 'x' })
        .then(
          () => null,
          (e: { responseCode?: number }) => e,
        )
      expect(err?.responseCode).toBe(550)
    }
    // With one good recipient the mail goes through for it alone.
    const info = await transport().sendMail({
      from: 'chen@customer.cn',
      to: ['nobody@test.com', 'boss@test.com'],
      subject: '部分收件人',
      text: 'x',
    })
    expect(info.accepted).toEqual(['boss@test.com'])
    expect(info.rejected).toEqual(['nobody@test.com'])
  })

  test('SIZE is announced as 25 MB; over the limit → 552 at MAIL FROM and from the data stream', async () => {
    const c = await rawSmtp(smtp.inboundPort)
    expect(await c.say('EHLO test.local')).toContain(`SIZE ${MAX_MESSAGE_BYTES}`)
    expect(await c.say(`MAIL FROM:<a@b.cn> SIZE=${MAX_MESSAGE_BYTES + 1}`)).toMatch(/^552/)
    c.destroy()
    // A sender that does not declare the size is stopped by the stream check.
    const small = inboundServer({ core, tls: null, maxBytes: 10_000 })
    await new Promise<void>((r) => small.listen(0, '127.0.0.1', () => r()))
    const port = (small.server.address() as AddressInfo).port
    const big = `Subject: big\r\n\r\n${'x'.repeat(76)}\r\n`.repeat(200)
    expect(await rawSend(port, 'a@b.cn', ['boss@test.com'], big)).toMatch(/^552/)
    expect(await rawSend(port, 'a@b.cn', ['boss@test.com'], 'Subject: small\r\n\r\nok')).toMatch(/^250/)
    await new Promise<void>((r) => small.close(() => r()))
  })

  test('a sender that lost the connection after DATA and resends stores one copy', async () => {
    const data =
      'From: chen@customer.cn\r\nTo: boss@test.com\r\nSubject: 重发测试\r\nMessage-ID: <retry-1@customer.cn>\r\n\r\n只应出现一次'
    const c = await rawSmtp(smtp.inboundPort)
    await c.say('EHLO test.local')
    await c.say('MAIL FROM:<chen@customer.cn>')
    await c.say('RCPT TO:<boss@test.com>')
    await c.say('DATA')
    c.write(`${data}\r\n.\r\n`)
    c.destroy() // gone before the 250 could be read
    await new Promise((r) => setTimeout(r, 200))
    expect(await rawSend(smtp.inboundPort, 'chen@customer.cn', ['boss@test.com'], data)).toMatch(/^250/)
    expect(await rawSend(smtp.inboundPort, 'chen@customer.cn', ['boss@test.com'], data)).toMatch(/^250/)
    const copies = (await folder(app, token, 'personal')).filter((i) => i.subject === '重发测试')
    expect(copies).toHaveLength(1)
  })

  test('malformed MIME is stored as text and the server keeps serving', async () => {
    const broken = [
      'From: =?utf-8?B?5q2j?= <<not an address>>',
      'Subject: =?gb2312?B?!!!broken?=',
      'Content-Type: multipart/mixed; boundary="never-closed"',
      'Content-Transfer-Encoding: base64',
      '',
      '--never-closed',
      'Content-Type: text/plain; charset=unknown-8bit',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      '=E4=B8=AD=E6=96=87=ZZ broken soft break =',
      '\u0000\u0001 binary junk \u00ff',
    ].join('\r\n')
    expect(await rawSend(smtp.inboundPort, 'junk@spam.example', ['boss@test.com'], broken)).toMatch(/^250/)
    const items = await folder(app, token, 'personal')
    const latest = await message(app, token, 'personal', items[0].mail_id)
    expect(latest.from).toBe('junk@spam.example')
    expect(String(latest.content)).toContain('broken soft break')
    const info = await transport().sendMail({
      from: 'a@b.cn',
      to: 'boss@test.com',
      subject: '之后',
      text: 'ok',
    })
    expect(info.accepted).toEqual(['boss@test.com'])
  })

  test('a core that is busy or fails answers 451 (the sender retries), never a lost 250', async () => {
    const busy: ServerCore = {
      ...core,
      deliver: async () => ({ errcode: ErrCode.BUSY, errmsg: '系统繁忙，请稍后重试' }),
    }
    const broken: ServerCore = {
      ...core,
      deliver: () => Promise.reject(new Error('disk on fire')),
    }
    for (const c of [busy, broken]) {
      const server = inboundServer({ core: c, tls: null })
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
      const port = (server.server.address() as AddressInfo).port
      expect(await rawSend(port, 'a@b.cn', ['boss@test.com'], 'Subject: later\r\n\r\nx')).toMatch(/^451/)
      await new Promise<void>((r) => server.close(() => r()))
    }
  })

  test('without a configured certificate STARTTLS is not offered (never the built-in key)', async () => {
    const plain = inboundServer({ core, tls: null })
    await new Promise<void>((r) => plain.listen(0, '127.0.0.1', () => r()))
    const c = await rawSmtp((plain.server.address() as AddressInfo).port)
    const ehlo = await c.say('EHLO test.local')
    expect(ehlo).not.toContain('STARTTLS')
    expect(await c.say('STARTTLS')).toMatch(/^5/)
    c.destroy()
    await new Promise<void>((r) => plain.close(() => r()))
    const withTls = await rawSmtp(smtp.inboundPort)
    expect(await withTls.say('EHLO test.local')).toContain('STARTTLS')
    withTls.destroy()
  })
})

describe('client submission', () => {
  let mailboxId: number
  let password: string

  beforeAll(async () => {
    const created = await api(app, token, 'exmail/publicmail/create', {
      email: 'sales@test.com',
      name: '销售部',
      userid_list: { list: ['boss'] },
      create_auth_code: 1,
      idempotency_key: 'smtp-sales',
    })
    mailboxId = created.id as number
    password = created.auth_code as string
    await api(app, token, 'exmail/publicmail/update', {
      id: mailboxId,
      alias_list: { list: ['sell@test.com'] },
      idempotency_key: 'smtp-alias',
    })
  })

  const client = (pass: string, user = 'sales@test.com') =>
    nodemailer.createTransport({
      host: '127.0.0.1',
      port: smtp.submissionPort,
      secure: false,
      requireTLS: true,
      tls: { ca: [cert.cert], servername: 'localhost' },
      auth: { user, pass },
    })
  const failure = (p: Promise<unknown>) =>
    p.then(
      () => null,
      (e: { responseCode?: number }) => e,
    )

  test('AUTH with the client-specific password (as shown, with spaces): sent, in Sent and in the inbox', async () => {
    const shown = password.replace(/(.{4})(?=.)/g, '$1 ')
    for (const method of ['PLAIN', 'LOGIN']) {
      const t = nodemailer.createTransport({
        host: '127.0.0.1',
        port: smtp.submissionPort,
        requireTLS: true,
        tls: { ca: [cert.cert], servername: 'localhost' },
        auth: { user: 'sales@test.com', pass: method === 'PLAIN' ? password : shown },
        authMethod: method,
      })
      const info = await t.sendMail({
        from: '"销售部" <sales@test.com>',
        to: 'boss@test.com',
        bcc: 'partner@outside.cn',
        subject: `客户端发信 ${method}`,
        text: '来自 Foxmail',
        messageId: `<client-${method}@test.com>`,
      })
      expect(info.accepted).toEqual(['boss@test.com', 'partner@outside.cn'])
    }
    const sent = await folder(app, token, mailboxId, 'sent')
    expect(sent.map((i) => i.subject).sort()).toEqual(['客户端发信 LOGIN', '客户端发信 PLAIN'])
    const m = await message(app, token, mailboxId, sent[0].mail_id)
    expect(m).toMatchObject({ from: 'sales@test.com', to: ['boss@test.com'], bcc: ['partner@outside.cn'] })
    const inbox = await folder(app, token, 'personal')
    expect(inbox.filter((i) => i.subject.startsWith('客户端发信'))).toHaveLength(2)
  })

  test('from an alias is sent; From of another address → 553 and nothing is stored', async () => {
    await client(password).sendMail({
      from: 'sell@test.com',
      to: 'boss@test.com',
      subject: '别名发信',
      text: 'x',
    })
    const err = await failure(
      client(password).sendMail({ from: 'boss@test.com', to: 'boss@test.com', subject: '冒名', text: 'x' }),
    )
    expect(err?.responseCode).toBe(553)
    const sent = await folder(app, token, mailboxId, 'sent')
    expect(sent.map((i) => i.subject)).toContain('别名发信')
    expect(sent.map((i) => i.subject)).not.toContain('冒名')
  })

  test('a wrong password or an unknown mailbox → 535; AUTH without TLS is refused', async () => {
    expect((await failure(client('wrongpassword12').verify()))?.responseCode).toBe(535)
    expect((await failure(client(password, 'nobody@test.com').verify()))?.responseCode).toBe(535)
    const c = await rawSmtp(smtp.submissionPort)
    await c.say('EHLO test.local')
    expect(
      await c.say(`AUTH PLAIN ${Buffer.from(`\0sales@test.com\0${password}`).toString('base64')}`),
    ).toMatch(/^5/)
    c.destroy()
  })

  test('ten failures lock the mailbox: the right password is refused (535) too', async () => {
    for (let i = 0; i < 10; i++) await failure(client(`wrong${i}`).verify())
    expect((await failure(client(password).verify()))?.responseCode).toBe(535)
  })
})
