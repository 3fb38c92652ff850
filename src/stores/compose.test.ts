import { createApiClient } from '../api/client'
import { withFaults, type FaultInjector } from '../api/faults'
import { harness } from '../../test/node/stores/harness'
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
function setup(faults: FaultInjector = { plan: null, injected: 0 }) {
  const h = harness()
  const inner = createApiClient(withFaults(h.backend, faults), () => h.identity.current)
  const calls: string[] = []
  const api = {
    ...inner,
    call: ((name: string, body: object) => {
      calls.push(name)
      return inner.call(name as never, body as never)
    }) as typeof inner.call,
  }
  const deps = { api, storage: h.storage, newKey: () => `key-${++n}`, sleep: async () => {}, now: () => 0 }
  return { ...h, api, calls, deps, faults, store: new ComposeStore(deps) }
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
