import { createApiClient } from '../api/client'
import { withFaults, type FaultInjector } from '../api/faults'
import { harness } from '../../test/node/stores/harness'
import { ComposeStore, EMPTY_FIELDS, SEND_ATTEMPTS, SUGGEST_DEBOUNCE_MS } from './compose'

let n = 0
function setup(faults: FaultInjector = { plan: null, injected: 0 }) {
  const h = harness()
  const api = createApiClient(withFaults(h.backend, faults), () => h.identity.current)
  const deps = { api, storage: h.storage, newKey: () => `key-${++n}`, sleep: async () => {}, now: () => 0 }
  return { ...h, api, deps, faults, store: new ComposeStore(deps) }
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
    await h.store.open(SCOPE, 'personal', 'new', fields)
    await h.store.saveDraft()
    expect(h.store.draftId).not.toBe('')
    const drafts = await h.api.call('mail/message/list', {
      mailbox: 'personal',
      folder: 'drafts',
    })
    expect(drafts.items?.length).toBeGreaterThan(0)
    expect(await h.store.send()).toBe(true)
    const after = await h.api.call('mail/message/list', {
      mailbox: 'personal',
      folder: 'drafts',
    })
    expect(after.items?.some((i) => i.draft_id === h.store.draftId && h.store.draftId !== '')).toBe(false)
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

      await store.suggest('someone@example.com')
      expect(store.suggestions).toEqual([])
    })
  })
})

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 5))
}
