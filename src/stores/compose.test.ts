import { createApiClient } from '../api/client'
import { withFaults, type FaultInjector } from '../api/faults'
import { harness } from '../../test/node/stores/harness'
import type { PickedFile } from '../utils/pickFiles.common'
import {
  ATTACHMENT_FAILED,
  ATTACHMENTS_BUSY,
  MAX_ATTACHMENTS,
  MAX_FILE_BYTES,
  PARALLEL_UPLOADS,
  TOO_MANY_ATTACHMENTS,
  tooLarge,
} from './composeAttachments'
import {
  ComposeStore,
  EMPTY_FIELDS,
  INVALID_RECIPIENT,
  NO_RECIPIENT,
  OUTSIDE_WARNING,
  SEND_ATTEMPTS,
  SUGGEST_DEBOUNCE_MS,
  UNKNOWN_INTERNAL_WARNING,
} from './compose'
import { PeopleStore } from './people'

let n = 0
function setup(
  faults: FaultInjector = { plan: null, injected: 0 },
  /** runs before each call reaches the backend (a test may hold uploads there) */
  gate: (name: string) => Promise<void> = async () => {},
) {
  const h = harness()
  const inner = createApiClient(withFaults(h.backend, faults), () => h.identity.current)
  const calls: string[] = []
  const bodies: Array<{ name: string; body: Record<string, unknown> }> = []
  const api = {
    ...inner,
    call: (async (name: string, body: object) => {
      calls.push(name)
      bodies.push({ name, body: body as Record<string, unknown> })
      await gate(name)
      return inner.call(name as never, body as never)
    }) as typeof inner.call,
  }
  const deps = { api, storage: h.storage, newKey: () => `key-${++n}`, sleep: async () => {}, now: () => 0 }
  return { ...h, api, calls, bodies, deps, faults, store: new ComposeStore(deps) }
}

async function drafts(h: ReturnType<typeof setup>, mailbox: string | number = 'personal') {
  const r = await h.api.call('mail/message/list', { mailbox, folder: 'drafts', limit: 100 })
  return r.items ?? []
}

async function settled(): Promise<void> {
  for (let i = 0; i < 50; i++) await new Promise((r) => setTimeout(r, 0))
}

const SCOPE = 'wwdemo.zhangsan'
const fields = {
  ...EMPTY_FIELDS,
  from: 'zhangsan@xinghe.com',
  to: ['chen@customer.cn'],
  subject: '报价',
  content: '你好',
}

async function sentWith(h: ReturnType<typeof setup>, subject: string): Promise<number> {
  const r = await h.api.call('mail/message/list', {
    mailbox: 'personal',
    folder: 'sent',
    limit: 100,
  })
  return (r.items ?? []).filter((i) => i.subject === subject).length
}

describe('ComposeStore', () => {
  it('keeps what was typed locally on every change and restores it when the same compose reopens', async () => {
    const h = setup()
    await h.store.open(SCOPE, 'personal', 'new', { ...EMPTY_FIELDS, from: 'zhangsan@xinghe.com' })
    h.store.update({ subject: '未写完的邮件', to: ['a@b.com'] })
    const key = h.store.idempotencyKey

    const again = new ComposeStore(h.deps) // the page was left and the app restarted
    await again.open(SCOPE, 'personal', 'new', { ...EMPTY_FIELDS })
    expect(again.restored).toBe(true)
    expect(again.fields.subject).toBe('未写完的邮件')
    expect(again.idempotencyKey).toBe(key) // a retry after restart still cannot send twice
  })

  it('saves a server draft on leave and removes it once sent', async () => {
    const h = setup()
    await h.store.open(SCOPE, 'personal', 'new', { ...EMPTY_FIELDS, from: 'zhangsan@xinghe.com' })
    h.store.update(fields)
    await h.store.saveDraft()
    expect(h.store.draftId).not.toBe('')
    expect((await drafts(h)).length).toBeGreaterThan(0)
    const draftId = h.store.draftId
    expect(await h.store.send()).toBe(true)
    // the send named the draft: the backend deleted it with the send, no second call needed
    expect((await drafts(h)).map((d) => d.draft_id)).not.toContain(draftId)
    expect(h.calls).not.toContain('mail/draft/delete')
    expect(await sentWith(h, '报价')).toBe(1)
  })

  it('sends exactly once when answers are lost after the backend acted', async () => {
    const h = setup({
      plan: { mode: 'after', count: SEND_ATTEMPTS - 1, apis: ['mail/message/send'] },
      injected: 0,
    })
    await h.store.open(SCOPE, 'personal', 'lost', { ...fields, subject: '丢失应答' })
    expect(await h.store.send()).toBe(true)
    expect(h.faults.injected).toBe(SEND_ATTEMPTS - 1)
    expect(await sentWith(h, '丢失应答')).toBe(1)
  })

  it('gives up after the attempts with the draft intact and a retry that still sends once', async () => {
    const h = setup({
      plan: { mode: 'after', count: SEND_ATTEMPTS, apis: ['mail/message/send'] },
      injected: 0,
    })
    await h.store.open(SCOPE, 'personal', 'giveup', { ...fields, subject: '稍后重试' })
    expect(await h.store.send()).toBe(false)
    expect(h.store.error).toContain('草稿已保存')
    expect(h.store.fields.subject).toBe('稍后重试')
    expect(await h.store.send()).toBe(true) // the member taps 重新发送
    expect(await sentWith(h, '稍后重试')).toBe(1)
  })

  it("shows the backend's refusal and keeps the draft (From not the mailbox's)", async () => {
    const h = setup()
    await h.store.open(SCOPE, 'personal', 'bad', { ...fields, from: 'sales@xinghe.com' })
    expect(await h.store.send()).toBe(false)
    // said in words, without the backend's field key "(from)"
    expect(h.store.error).toContain('发件地址必须是当前邮箱的地址或别名')
    expect(h.store.error).not.toMatch(/\(from\)/)
    expect(h.store.sent).toBe(false)
  })

  it('sends bare addresses even when display names were typed', async () => {
    const h = setup()
    await h.store.open(SCOPE, 'personal', 'named', {
      ...fields,
      to: ['陈经理 <Chen@Customer.cn>'],
      subject: '带名字',
    })
    expect(await h.store.send()).toBe(true)
    const sent = await h.api.call('mail/message/list', {
      mailbox: 'personal',
      folder: 'sent',
      limit: 100,
    })
    expect(sent.items?.find((i) => i.subject === '带名字')?.to).toEqual(['chen@customer.cn'])
  })

  describe('no draft for an untouched compose', () => {
    const reply = {
      ...fields,
      subject: '回复：报价',
      content: '\n\n---- 原始邮件 ----\n你好',
      in_reply_to: '<m1@x>',
    }

    it('a reply opened and left as it began saves nothing, on the server or locally', async () => {
      const h = setup()
      await h.store.open(SCOPE, 'personal', 'reply:m1', reply)
      expect(h.store.touched).toBe(false)
      await h.store.saveDraft()
      expect(h.calls).not.toContain('mail/draft/save')
      expect(await drafts(h)).toEqual([])
      const again = new ComposeStore(h.deps)
      await again.open(SCOPE, 'personal', 'reply:m1', reply)
      expect(again.restored).toBe(false)
    })

    it('typing and undoing it is still untouched; a real edit is saved', async () => {
      const h = setup()
      await h.store.open(SCOPE, 'personal', 'reply:m1', reply)
      h.store.update({ subject: '回复：报价！' })
      h.store.update({ subject: '回复：报价' })
      await h.store.saveDraft()
      expect(await drafts(h)).toEqual([])
      h.store.update({ content: `好的${reply.content}` })
      await h.store.saveDraft()
      expect((await drafts(h)).map((d) => d.subject)).toEqual(['回复：报价'])
    })

    it('a half-typed address counts as written, and comes back as a chip', async () => {
      const h = setup()
      await h.store.open(SCOPE, 'personal', 'new', { ...EMPTY_FIELDS, from: 'zhangsan@xinghe.com' })
      h.store.setPending('to', 'chen@custo')
      expect(h.store.touched).toBe(true)
      const again = new ComposeStore(h.deps)
      await again.open(SCOPE, 'personal', 'new', { ...EMPTY_FIELDS })
      expect(again.fields.to).toEqual(['chen@custo'])
    })

    it('leave hooks firing together save one draft, and an unchanged draft is not saved again', async () => {
      const h = setup()
      await h.store.open(SCOPE, 'personal', 'new', { ...EMPTY_FIELDS, from: 'zhangsan@xinghe.com' })
      h.store.update({ subject: '两个钩子' })
      await Promise.all([h.store.saveDraft(), h.store.saveDraft()]) // unload + unmount
      expect((await drafts(h)).map((d) => d.subject)).toEqual(['两个钩子'])
      await h.store.saveDraft()
      expect(h.calls.filter((c) => c === 'mail/draft/save')).toHaveLength(1)
      h.store.update({ subject: '两个钩子（改）' })
      await h.store.saveDraft()
      expect((await drafts(h)).map((d) => d.subject)).toEqual(['两个钩子（改）'])
    })

    it('a reopened server draft left unchanged is not saved again', async () => {
      const h = setup()
      await h.store.open(SCOPE, 'personal', 'draft:d', fields, 'zhangsan-d1')
      await h.store.saveDraft()
      expect(h.calls).not.toContain('mail/draft/save')
    })
  })

  describe('recipients as chips', () => {
    const open = async (h: ReturnType<typeof setup>) =>
      h.store.open(SCOPE, 'personal', 'new', { ...EMPTY_FIELDS, from: 'zhangsan@xinghe.com' })

    it('a separator, Enter or leaving the field turns typed text into chips, once per address', async () => {
      const h = setup()
      await open(h)
      h.store.setPending('to', 'chen@customer.cn，李娜 <lina@xinghe.com>; wang')
      expect(h.store.fields.to).toEqual(['chen@customer.cn', '李娜 <lina@xinghe.com>'])
      expect(h.store.pending.to).toBe(' wang')
      h.store.commitPending('to')
      expect(h.store.fields.to).toEqual(['chen@customer.cn', '李娜 <lina@xinghe.com>', 'wang'])
      expect(h.store.pending.to).toBe('')
      h.store.setPending('to', 'CHEN@customer.cn,') // already there
      expect(h.store.fields.to).toHaveLength(3)
      h.store.removeRecipient('to', 2)
      expect(h.store.fields.to).toEqual(['chen@customer.cn', '李娜 <lina@xinghe.com>'])
    })

    it('a picked suggestion replaces what was typed', async () => {
      const h = setup()
      await open(h)
      h.store.setPending('cc', 'zs')
      h.store.pick('cc', { key: 'zhangsan', name: '张三', biz_mail: 'zhangsan@xinghe.com' })
      expect(h.store.fields.cc).toEqual(['张三 <zhangsan@xinghe.com>'])
      expect(h.store.pending.cc).toBe('')
      expect(h.store.suggestions).toEqual([])
    })

    it('names colleagues and mailboxes from the directory; warns for outsiders; says why an address is invalid', async () => {
      const h = setup()
      const people = new PeopleStore(h.api)
      await open(h)
      h.store.update({
        to: [
          'lina@xinghe.com',
          'Sales <sales@xinghe.com>',
          '陈经理 <chen@customer.cn>',
          'nobody@xinghe.com',
          'bob@',
        ],
      })
      people.resolve(h.store.fields.to)
      await settled()
      const chips = h.store.chips('to', people)
      expect(chips.map((c) => [c.name, c.warning])).toEqual([
        ['李娜', ''],
        ['销售部公共邮箱', ''],
        ['陈经理', OUTSIDE_WARNING],
        ['nobody@xinghe.com', UNKNOWN_INTERNAL_WARNING],
        ['bob@', ''],
      ])
      expect(chips.slice(0, 4).every((c) => c.invalid === '')).toBe(true)
      expect(chips[4].invalid).toBe('邮件地址格式不正确：bob@') // the policy's words, no "(to[0])"
    })

    it('a member hidden from the caller is just not in the directory (no name, nothing revealed)', async () => {
      const h = setup()
      const people = new PeopleStore(h.api)
      await open(h)
      h.store.update({ to: ['wangjianguo@xinghe.com'] })
      people.resolve(h.store.fields.to)
      await settled()
      expect(h.store.chips('to', people)[0]).toMatchObject({
        name: 'wangjianguo@xinghe.com',
        warning: UNKNOWN_INTERNAL_WARNING,
      })
    })
  })

  describe('what a send says', () => {
    it('no recipient or an invalid one: said at once, nothing tried, and it is not a failed send', async () => {
      const h = setup()
      await h.store.open(SCOPE, 'personal', 'v', { ...fields, to: [] })
      expect(await h.store.send()).toBe(false)
      expect(h.store.error).toBe(NO_RECIPIENT)
      h.store.update({ to: ['bob@'] })
      expect(await h.store.send()).toBe(false)
      expect(h.store.error).toBe(INVALID_RECIPIENT)
      expect(h.store.failedInTransit).toBe(false)
      expect(h.calls).not.toContain('mail/message/send')
    })

    it('text still being typed is sent as a recipient', async () => {
      const h = setup()
      await h.store.open(SCOPE, 'personal', 'typed', { ...fields, to: [], subject: '未回车的地址' })
      h.store.setPending('to', 'chen@customer.cn')
      expect(await h.store.send()).toBe(true)
      expect(await sentWith(h, '未回车的地址')).toBe(1)
    })

    it('only a send lost in transit offers a retry; a refusal does not', async () => {
      const h = setup({
        plan: { mode: 'before', count: SEND_ATTEMPTS, apis: ['mail/message/send'] },
        injected: 0,
      })
      await h.store.open(SCOPE, 'personal', 't', { ...fields, subject: '传输失败' })
      expect(await h.store.send()).toBe(false)
      expect(h.store.failedInTransit).toBe(true)
      h.store.update({ from: 'sales@xinghe.com' }) // editing clears it; the backend then refuses
      expect(h.store.failedInTransit).toBe(false)
      expect(await h.store.send()).toBe(false)
      expect(h.store.failedInTransit).toBe(false)
      expect(h.store.error).not.toMatch(/\([a-z_[\]0-9]+\)/)
    })
  })

  it('drops a corrupt local draft instead of failing', async () => {
    const h = setup()
    h.storage.data.set(`bizmail.draft.${SCOPE}.personal.new`, '{broken')
    await h.store.open(SCOPE, 'personal', 'new', fields)
    expect(h.store.restored).toBe(false)
    expect(h.store.fields.subject).toBe('报价')
  })

  describe('start', () => {
    const start = {
      scope: SCOPE,
      mailbox: 'personal',
      mine: ['zhangsan@xinghe.com'],
      refId: '',
      prefillTo: '',
    }

    it('a reply starts from the message answered, and the signature is fetched for the preview', async () => {
      const h = setup()
      await h.backend.deliver('wwdemo', 'zhangsan@xinghe.com', {
        from: '陈经理 <chen@customer.cn>',
        subject: '合同细节',
        content: '请确认',
      })
      const inbox = await h.api.request('mail/message/list', { mailbox: 'personal', folder: 'inbox' })
      const mail = inbox.items.find((i) => i.subject === '合同细节')!
      const saved = await h.api.request('mail/settings/get', { mailbox: 'personal' })
      expect(
        (
          await h.api.call('mail/settings/update', {
            mailbox: 'personal',
            shared: { signature: '张三 · 销售部', version: saved.shared.version },
          })
        ).errcode,
      ).toBe(0)

      expect(await h.store.start({ ...start, mode: 'reply', refId: mail.mail_id })).toBe('')
      expect(h.store.fields.to).toEqual(['陈经理 <chen@customer.cn>'])
      expect(h.store.fields.subject).toBe('回复：合同细节')
      expect(h.store.fields.in_reply_to).not.toBe('')
      await until(() => h.store.signature !== '')
      expect(h.store.signature).toContain('张三 · 销售部')
    })

    it('a mail to a colleague from the directory is its own draft, apart from a blank new one', async () => {
      const h = setup()
      expect(await h.store.start({ ...start, mode: 'new', prefillTo: '李娜 <lina@xinghe.com>' })).toBe('')
      expect(h.store.fields.to).toEqual(['李娜 <lina@xinghe.com>'])
      h.store.update({ subject: '给李娜' })
      expect(await h.store.start({ ...start, mode: 'new' })).toBe('')
      expect(h.store.fields).toMatchObject({ to: [], subject: '' })
    })

    it('says why when the message to answer cannot be opened', async () => {
      const h = setup()
      const refused = await h.store.start({ ...start, mode: 'reply', refId: 'no-such-mail' })
      expect(refused).not.toBe('')
      expect(refused).not.toMatch(/\([a-z_]+\)/)
    })
  })

  describe('suggest', () => {
    it('offers business mailboxes too', async () => {
      const h = setup()
      await h.store.suggest('销售')
      expect(h.store.suggestions).toContainEqual(
        expect.objectContaining({ biz_mail: 'sales@xinghe.com', detail: '业务邮箱' }),
      )
    })

    it('offers colleagues with a mailbox for the last name typed, after a pause, and only the latest typing', async () => {
      const h = setup()
      const pauses: Array<{ ms: number; go: () => void }> = []
      const store = new ComposeStore({
        ...h.deps,
        sleep: (ms) => new Promise<void>((go) => pauses.push({ ms, go })),
      })
      const older = store.suggest('chen@customer.cn, li')
      const newer = store.suggest('chen@customer.cn, zs')
      expect(pauses.map((p) => p.ms)).toEqual([SUGGEST_DEBOUNCE_MS, SUGGEST_DEBOUNCE_MS])
      pauses[1].go()
      await newer
      pauses[0].go() // the older typing's pause ends last: its answer must not replace the newer one
      await older
      expect(store.suggestions.map((u) => u.biz_mail)).toContain('zhangsan@xinghe.com')
      expect(store.suggestions.every((u) => u.biz_mail)).toBe(true)

      // one already among the recipients is not offered again
      store.fields.to = ['张三 <zhangsan@xinghe.com>']
      const again = store.suggest('zs')
      pauses[2].go()
      await again
      expect(store.suggestions.map((u) => u.biz_mail)).not.toContain('zhangsan@xinghe.com')

      await store.suggest('someone@example.com')
      expect(store.suggestions).toEqual([])
    })
  })
})

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 5))
}

/** a picked file as utils/pickFiles hands it over; `reads` counts how often its bytes were read */
function file(name: string, text: string, o: { size?: number; fail?: boolean } = {}) {
  const data = Buffer.from(text).toString('base64')
  const f = {
    reads: 0,
    name,
    size: o.size ?? Buffer.byteLength(text),
    content_type: 'text/plain',
    read: async (progress?: (fraction: number) => void) => {
      f.reads++
      if (o.fail) throw new Error('读取文件失败：无权限')
      progress?.(0.5)
      return data
    },
  }
  return f satisfies PickedFile
}

/** bytes of `size` (base64 of zeros): only the size matters */
function sized(name: string, size: number) {
  return file(name, '\0'.repeat(size))
}

async function readSent(h: ReturnType<typeof setup>, subject: string, mailbox = 'personal') {
  const list = await h.api.request('mail/message/list', { mailbox, folder: 'sent', limit: 100 })
  const item = list.items.find((i) => i.subject === subject)
  if (!item) throw new Error(`no sent mail "${subject}"`)
  return {
    item,
    message: (await h.api.request('mail/message/read', { mailbox, mail_id: item.mail_id })).message,
  }
}

const names = (list: { name: string }[] | undefined) => (list ?? []).map((a) => a.name)

describe('attachments', () => {
  const open = (h: ReturnType<typeof setup>, context = 'new', initial = fields) =>
    h.store.open(SCOPE, 'personal', context, initial)

  it('uploads as it is added and goes out with the mail: Sent and the colleague list it, with the bytes', async () => {
    const h = setup()
    await open(h, 'new', { ...fields, to: ['lina@xinghe.com'], subject: '带附件' })
    h.store.addFiles([file('报价单.txt', '含税报价 18,600'), file('说明.txt', '见报价单')])
    expect(h.store.attachments.items.map((a) => a.state)).toEqual(['reading', 'reading'])
    await h.store.attachments.idle()
    expect(h.store.attachments.items.map((a) => [a.state, a.progress])).toEqual([
      ['ready', 1],
      ['ready', 1],
    ])
    expect(h.store.attachments.totalSize).toBe(Buffer.byteLength('含税报价 18,600见报价单'))
    expect(await h.store.send()).toBe(true)
    const { item, message } = await readSent(h, '带附件')
    expect(item.attachments).toBe(2)
    expect(names(message.attachments)).toEqual(['报价单.txt', '说明.txt'])
    const got = await h.api.request('mail/attachment/get', {
      mailbox: 'personal',
      mail_id: message.mail_id,
      attachment_id: message.attachments![0].attachment_id,
    })
    expect(Buffer.from(got.data, 'base64').toString()).toBe('含税报价 18,600')
    h.identity.current = { corpid: 'wwdemo', userid: 'lina' }
    const inbox = await h.api.request('mail/message/list', {
      mailbox: 'personal',
      folder: 'inbox',
      limit: 100,
    })
    expect(inbox.items.find((i) => i.subject === '带附件')?.attachments).toBe(2)
  })

  it(`uploads at most ${PARALLEL_UPLOADS} at a time, and the send waits while any is uploading`, async () => {
    const held: Array<() => void> = []
    let running = 0
    let most = 0
    const h = setup({ plan: null, injected: 0 }, async (name) => {
      if (name !== 'mail/attachment/upload') return
      running++
      most = Math.max(most, running)
      await new Promise<void>((go) => held.push(go))
      running--
    })
    await open(h, 'new', { ...fields, subject: '五个附件' })
    h.store.addFiles([1, 2, 3, 4, 5].map((i) => file(`${i}.txt`, `第 ${i} 份`)))
    await settled()
    expect(running).toBe(PARALLEL_UPLOADS)
    expect(h.store.blocked).toBe(ATTACHMENTS_BUSY)
    expect(await h.store.send()).toBe(false)
    expect(h.store.error).toBe(ATTACHMENTS_BUSY)
    expect(h.calls).not.toContain('mail/message/send')
    while (held.length) {
      held.shift()!()
      await settled()
    }
    await h.store.attachments.idle()
    expect(most).toBe(PARALLEL_UPLOADS)
    expect(h.store.attachments.items.every((a) => a.state === 'ready')).toBe(true)
    expect(h.store.blocked).toBe('')
    expect(await h.store.send()).toBe(true)
    expect(names((await readSent(h, '五个附件')).message.attachments)).toEqual([
      '1.txt',
      '2.txt',
      '3.txt',
      '4.txt',
      '5.txt',
    ])
  })

  it(`limits: ${MAX_ATTACHMENTS} per mail and 20 MB per file, said before anything is read or uploaded`, async () => {
    const h = setup()
    await open(h)
    const huge = file('录像.mp4', 'x', { size: MAX_FILE_BYTES + 1 })
    h.store.addFiles([huge, file('a.txt', 'a')])
    expect(h.store.attachments.notice).toBe(tooLarge('录像.mp4'))
    expect(tooLarge('录像.mp4')).toBe('「录像.mp4」超过 20 MB，无法添加')
    expect(huge.reads).toBe(0)
    expect(names(h.store.attachments.items)).toEqual(['a.txt'])

    const many = Array.from({ length: MAX_ATTACHMENTS }, (_, i) => file(`${i}.txt`, `${i}`))
    h.store.addFiles(many)
    expect(h.store.attachments.items).toHaveLength(MAX_ATTACHMENTS)
    expect(h.store.attachments.notice).toBe(TOO_MANY_ATTACHMENTS)
    expect(TOO_MANY_ATTACHMENTS).toBe('每封邮件最多 20 个附件')
    expect(many[MAX_ATTACHMENTS - 1].reads).toBe(0) // the one past the limit is never read
    expect(h.store.attachments.room).toBe(0)
    await h.store.attachments.idle()
    expect(h.calls.filter((c) => c === 'mail/attachment/upload')).toHaveLength(MAX_ATTACHMENTS)
  })

  it("the backend's own limit (the demo's 2 MB) is shown in its words; the failed file blocks the send until removed", async () => {
    const h = setup()
    await open(h, 'new', { ...fields, subject: '大文件' })
    h.store.addFiles([sized('大文件.bin', 2 * 1024 * 1024 + 1), file('小.txt', '小')])
    await h.store.attachments.idle()
    const [big, small] = h.store.attachments.items
    expect(big.state).toBe('failed')
    expect(big.error).toContain('超过 2 MB')
    expect(big.error).toContain('大文件.bin')
    expect(big.error).not.toMatch(/\([a-z_]+\)/) // no field key
    expect(small.state).toBe('ready')
    expect(h.store.blocked).toBe(ATTACHMENT_FAILED)
    expect(await h.store.send()).toBe(false)
    expect(h.calls).not.toContain('mail/message/send')
    h.store.removeAttachment(big.key)
    expect(await h.store.send()).toBe(true)
    expect(names((await readSent(h, '大文件')).message.attachments)).toEqual(['小.txt'])
  })

  it('a removed attachment is not sent', async () => {
    const h = setup()
    await open(h, 'new', { ...fields, subject: '删掉一个' })
    h.store.addFiles([file('留.txt', '留'), file('删.txt', '删')])
    await h.store.attachments.idle()
    h.store.removeAttachment(h.store.attachments.items[1].key)
    expect(await h.store.send()).toBe(true)
    expect(names((await readSent(h, '删掉一个')).message.attachments)).toEqual(['留.txt'])
  })

  it('a file whose upload was lost is retried from the bytes already read, and then sent', async () => {
    const h = setup({ plan: { mode: 'before', count: 1, apis: ['mail/attachment/upload'] }, injected: 0 })
    await open(h, 'new', { ...fields, subject: '重试附件' })
    const f = file('合同.txt', '合同条款')
    h.store.addFiles([f])
    await h.store.attachments.idle()
    const row = h.store.attachments.items[0]
    expect(row.state).toBe('failed')
    expect(row.error).toMatch(/^上传失败/)
    h.store.retryAttachment(row.key)
    expect(h.store.attachments.items[0].state).toBe('uploading')
    await h.store.attachments.idle()
    expect(h.store.attachments.items[0].state).toBe('ready')
    expect(f.reads).toBe(1)
    expect(await h.store.send()).toBe(true)
    expect(names((await readSent(h, '重试附件')).message.attachments)).toEqual(['合同.txt'])
  })

  it('a file that could not be read says why, and 重试 reads it again', async () => {
    const h = setup()
    await open(h)
    const f = file('锁定.txt', 'x', { fail: true })
    h.store.addFiles([f])
    await h.store.attachments.idle()
    expect(h.store.attachments.items[0]).toMatchObject({ state: 'failed', error: '读取文件失败：无权限' })
    h.store.retryAttachment(h.store.attachments.items[0].key)
    await h.store.attachments.idle()
    expect(f.reads).toBe(2)
    expect(h.calls).not.toContain('mail/attachment/upload')
  })

  describe('forward and reply', () => {
    async function incoming(h: ReturnType<typeof setup>) {
      await h.backend.deliver('wwdemo', 'zhangsan@xinghe.com', {
        from: '陈经理 <chen@customer.cn>',
        subject: '合同与报价',
        content: '见附件',
        attachments: [
          {
            filename: '合同.pdf',
            content_type: 'application/pdf',
            content: Buffer.from('PDF').toString('base64'),
          },
          {
            filename: '报价.xlsx',
            content_type: 'application/vnd.ms-excel',
            content: Buffer.from('XLS').toString('base64'),
          },
        ],
      })
      const inbox = await h.api.request('mail/message/list', { mailbox: 'personal', folder: 'inbox' })
      return inbox.items.find((i) => i.subject === '合同与报价')!.mail_id
    }
    const start = { scope: SCOPE, mailbox: 'personal', mine: ['zhangsan@xinghe.com'], prefillTo: '' }

    it("forward keeps the original's attachments (removable, and not a change); reply does not", async () => {
      const h = setup()
      const id = await incoming(h)
      expect(await h.store.start({ ...start, mode: 'reply', refId: id })).toBe('')
      expect(h.store.attachments.items).toEqual([])

      expect(await h.store.start({ ...start, mode: 'forward', refId: id })).toBe('')
      expect(names(h.store.attachments.items)).toEqual(['合同.pdf', '报价.xlsx'])
      expect(h.store.attachments.items.every((a) => a.state === 'ready' && a.forward?.mail_id === id)).toBe(
        true,
      )
      expect(h.store.touched).toBe(false) // a forward opened and left leaves no draft
      await h.store.saveDraft()
      expect(h.calls).not.toContain('mail/draft/save')

      h.store.removeAttachment(h.store.attachments.items[1].key)
      expect(h.store.touched).toBe(true)
      h.store.update({ to: ['lina@xinghe.com'] })
      expect(await h.store.send()).toBe(true)
      const { message } = await readSent(h, '转发：合同与报价')
      expect(names(message.attachments)).toEqual(['合同.pdf'])
      const got = await h.api.request('mail/attachment/get', {
        mailbox: 'personal',
        mail_id: message.mail_id,
        attachment_id: message.attachments![0].attachment_id,
      })
      expect(Buffer.from(got.data, 'base64').toString()).toBe('PDF')
    })
  })

  describe('drafts', () => {
    const start = { scope: SCOPE, mailbox: 'personal', mine: ['zhangsan@xinghe.com'], prefillTo: '' }

    it('an attachment alone makes a compose written: leaving saves a draft that carries it', async () => {
      const h = setup()
      await open(h, 'new', { ...EMPTY_FIELDS, from: 'zhangsan@xinghe.com' })
      expect(h.store.touched).toBe(false)
      h.store.addFiles([file('只有附件.txt', '无正文')])
      expect(h.store.touched).toBe(true)
      await h.store.saveDraft() // waits for the upload still under way
      const [d] = await drafts(h)
      expect(d.attachments).toBe(1)
      const read = await h.api.request('mail/message/read', { mailbox: 'personal', mail_id: d.draft_id! })
      expect(names(read.draft?.attachments)).toEqual(['只有附件.txt'])
    })

    it('round trip: a saved draft reopens with its attachments, and sending it sends them', async () => {
      const h = setup()
      await open(h, 'new', { ...fields, subject: '草稿附件' })
      h.store.addFiles([file('纪要.txt', '会议纪要')])
      await h.store.attachments.idle()
      await h.store.saveDraft()
      const draftId = h.store.draftId
      expect(draftId).not.toBe('')
      // unchanged: not saved again
      await h.store.saveDraft()
      expect(h.calls.filter((c) => c === 'mail/draft/save')).toHaveLength(1)

      h.storage.data.clear() // another device: only the server draft is there
      const other = new ComposeStore(h.deps)
      expect(await other.start({ ...start, mode: 'draft', refId: draftId })).toBe('')
      expect(other.restored).toBe(false)
      expect(other.attachments.items).toMatchObject([{ name: '纪要.txt', state: 'ready' }])
      expect(other.touched).toBe(false)
      other.addFiles([file('补充.txt', '补充')])
      await other.attachments.idle()
      expect(await other.send()).toBe(true)
      const sent = h.bodies.filter((b) => b.name === 'mail/message/send').pop()!.body
      expect(sent).not.toHaveProperty('attachments') // only the contract's fields
      expect(names((await readSent(h, '草稿附件')).message.attachments)).toEqual(['纪要.txt', '补充.txt'])
      expect((await drafts(h)).map((d) => d.draft_id)).not.toContain(draftId)
    })

    it('the local copy keeps the uploaded attachments (not the bytes) and restores them', async () => {
      const h = setup()
      await open(h)
      h.store.addFiles([file('本地.txt', '本地保存的附件内容')])
      await h.store.attachments.idle()
      expect([...h.storage.data.values()].join('')).not.toContain(
        Buffer.from('本地保存的附件内容').toString('base64'),
      )
      const again = new ComposeStore(h.deps)
      await again.open(SCOPE, 'personal', 'new', { ...EMPTY_FIELDS })
      expect(again.restored).toBe(true)
      expect(again.attachments.items).toMatchObject([{ name: '本地.txt', state: 'ready' }])
      expect(await again.send()).toBe(true)
      expect(names((await readSent(h, '报价')).message.attachments)).toEqual(['本地.txt'])
    })

    it('discard drops the attachments with the draft', async () => {
      const h = setup()
      await open(h)
      h.store.addFiles([file('舍弃.txt', 'x')])
      await h.store.attachments.idle()
      await h.store.discard()
      expect(h.store.attachments.items).toEqual([])
      const again = new ComposeStore(h.deps)
      await again.open(SCOPE, 'personal', 'new', { ...EMPTY_FIELDS })
      expect(again.attachments.items).toEqual([])
    })
  })
})
