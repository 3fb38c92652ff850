import { createApiClient } from '../api/client'
import { withFaults, type FaultInjector } from '../api/faults'
import { harness } from '../../test/node/stores/harness'
import { ComposeStore, EMPTY_FIELDS, SEND_ATTEMPTS } from './compose'

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
  const r = await h.api.call<{ items: { subject: string }[] }>('mail/message/list', {
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
    const drafts = await h.api.call<{ items: unknown[] }>('mail/message/list', {
      mailbox: 'personal',
      folder: 'drafts',
    })
    expect(drafts.items?.length).toBeGreaterThan(0)
    expect(await h.store.send()).toBe(true)
    const after = await h.api.call<{ items: { draft_id?: string }[] }>('mail/message/list', {
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
    const sent = await h.api.call<{ items: { to: string[]; subject: string }[] }>('mail/message/list', {
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
})
