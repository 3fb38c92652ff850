import { createApiClient, type ApiClient } from '../api/client'
import { withFaults, type FaultInjector } from '../api/faults'
import type { ReceiveRule } from '../api/mailTypes'
import { createMockBackend, type MockBackend } from '../api/mock'
import { MAX_RULES } from '../policy/receiveRules'
import { draftKey, MailboxSettings, SettingsStore, type SettingsDeps } from './settings'
import { memoryStorage } from '../../test/node/stores/harness'

const zhangsan = { corpid: 'wwdemo', userid: 'zhangsan' }
const lisi = { corpid: 'wwdemo', userid: 'lisi' }
const admin = { corpid: 'wwdemo', userid: 'zhangwei' }

const rule = (value: string, folder: string): ReceiveRule => ({
  match: 'all',
  conditions: [{ field: 'subject', op: 'contains', value }],
  actions: [{ type: 'move', folder }],
})

interface World {
  backend: MockBackend
  faults: FaultInjector
  storage: ReturnType<typeof memoryStorage>
  deps: SettingsDeps
  salesId: string
  /** another member of the sales mailbox writes the shared settings */
  other(shared: Record<string, unknown>): Promise<void>
}

async function world(): Promise<World> {
  const backend = createMockBackend()
  const faults: FaultInjector = { plan: null, injected: 0 }
  const transport = withFaults({ call: (a, b, c) => backend.call(a, b, c) }, faults)
  const api: ApiClient = createApiClient(transport, () => zhangsan)
  const found = await backend.call('exmail/publicmail/search', { fuzzy: 1, email: 'sales@' }, admin)
  const salesId = String((found.list as { id: number }[])[0].id)
  const storage = memoryStorage()
  let key = 0
  const deps: SettingsDeps = {
    api,
    storage,
    identity: () => zhangsan,
    newKey: () => `k${++key}`,
    sleep: async () => {},
  }
  // lisi must be able to use sales@ too: give the mailbox to both explicitly.
  await backend.call(
    'exmail/publicmail/update',
    { id: Number(salesId), userid_list: { list: ['zhangsan', 'lisi'] } },
    admin,
  )
  const other = async (shared: Record<string, unknown>) => {
    const cur = await backend.call('mail/settings/get', { mailbox: salesId }, lisi)
    const version = (cur.shared as { version: number }).version
    const r = await backend.call(
      'mail/settings/update',
      { mailbox: salesId, shared: { ...shared, version } },
      lisi,
    )
    expect(r.errcode).toBe(0)
  }
  return { backend, faults, storage, deps, salesId, other }
}

async function opened(w: World): Promise<MailboxSettings> {
  const s = new MailboxSettings(w.salesId, w.deps)
  await s.load()
  expect(s.state).toBe('ready')
  return s
}

describe('MailboxSettings: signature', () => {
  it('saves a signature and keeps no draft afterwards', async () => {
    const w = await world()
    const s = await opened(w)
    expect(s.signatureText).toContain('星河科技')
    s.editSignature('销售部 · 张三 <b>值班</b>')
    expect(s.signatureDirty).toBe(true)
    expect(w.storage.data.has(draftKey(zhangsan, w.salesId))).toBe(true)
    expect(await s.saveSignature()).toEqual({ ok: true })
    expect(s.shared?.signature).toBe('销售部 · 张三 <b>值班</b>')
    expect(s.signatureDirty).toBe(false)
    expect(w.storage.data.has(draftKey(zhangsan, w.salesId))).toBe(false)
  })

  it('pre-validates the length with the policy and sends nothing', async () => {
    const w = await world()
    const s = await opened(w)
    const version = s.shared?.version
    s.editSignature('x'.repeat(10001))
    expect(s.signatureProblem).toContain('10000')
    const r = await s.saveSignature()
    expect(r).toMatchObject({ ok: false, stale: false })
    expect(s.shared?.version).toBe(version)
  })

  it('previews the sanitised signature (no script, no handlers)', async () => {
    const w = await world()
    const s = await opened(w)
    s.editSignature('<b onclick="x()">张三</b><script>alert(1)</script>')
    expect(s.signaturePreview).toBe('<b>张三</b>')
  })

  it('a stale save shows the newer version and keeps the local edit; overwrite re-saves on the new version', async () => {
    const w = await world()
    const s = await opened(w)
    s.editSignature('我的签名')
    await w.other({ signature: '李四改的签名' })
    const r = await s.saveSignature()
    expect(r).toMatchObject({ ok: false, stale: true })
    expect(s.shared?.signature).toBe('李四改的签名')
    expect(s.signatureText).toBe('我的签名')
    expect(s.conflict.signature).toBe(true)
    // the draft survives in storage as well
    expect(w.storage.data.get(draftKey(zhangsan, w.salesId))).toContain('我的签名')

    expect(await s.saveSignature(true)).toEqual({ ok: true })
    expect(s.shared?.signature).toBe('我的签名')
    expect(s.conflict.signature).toBeFalsy()
  })

  it('saves straight through when another member changed other fields only', async () => {
    const w = await world()
    const s = await opened(w)
    s.editSignature('只改签名')
    await w.other({ pop: true })
    expect(await s.saveSignature()).toEqual({ ok: true })
    expect(s.shared).toMatchObject({ signature: '只改签名', pop: true })
  })

  it('restores the draft after leaving, and flags it when the server changed meanwhile', async () => {
    const w = await world()
    const first = await opened(w)
    first.editSignature('没保存的签名')
    await w.other({ signature: '别人的新签名' })
    const again = await opened(w) // a new page visit / app restart
    expect(again.signatureText).toBe('没保存的签名')
    expect(again.shared?.signature).toBe('别人的新签名')
    expect(again.conflict.signature).toBe(true)
    again.discardSignature()
    expect(again.signatureText).toBe('别人的新签名')
  })

  it('a save whose answer was lost is recognised as done on retry', async () => {
    const w = await world()
    const s = await opened(w)
    s.editSignature('网络不稳也只保存一次')
    w.faults.plan = { mode: 'after', count: 1, apis: ['mail/settings/update'] }
    expect(await s.saveSignature()).toEqual({ ok: true })
    expect(w.faults.injected).toBe(1)
    expect(s.shared?.signature).toBe('网络不稳也只保存一次')
    expect(s.signatureDirty).toBe(false)
  })
})

describe('MailboxSettings: receive rules', () => {
  it('adds, edits, reorders and removes rules in the draft, then saves the list', async () => {
    const w = await world()
    const s = await opened(w)
    const before = s.rules.length
    s.startRuleEdit(-1)
    s.editRuleForm(rule('合同', '合同归档'))
    expect(s.commitRuleForm()).toBe('')
    expect(s.rules).toHaveLength(before + 1)
    expect(s.rulesDirty).toBe(true)

    s.moveRule(before, -1)
    expect(s.rules[before - 1]).toEqual(rule('合同', '合同归档'))
    s.moveRule(0, -1) // already first: nothing happens
    s.startRuleEdit(before - 1)
    s.editRuleForm(rule('合同', '合同'))
    expect(s.commitRuleForm()).toBe('')
    s.removeRule(0)
    expect(s.rules).toHaveLength(before)

    expect(await s.saveRules()).toEqual({ ok: true })
    const server = await w.backend.call('mail/settings/get', { mailbox: w.salesId }, zhangsan)
    expect((server.shared as { rules: ReceiveRule[] }).rules).toEqual(s.rules)
    expect(s.rules.some((r) => r.actions[0].type === 'move' && r.actions[0].folder === '合同')).toBe(true)
  })

  it('refuses an invalid rule with the policy reason, naming its place', async () => {
    const w = await world()
    const s = await opened(w)
    s.startRuleEdit(-1)
    s.editRuleForm(rule('', '归档'))
    expect(s.commitRuleForm()).toMatch(/第 \d+ 条收信规则的第 1 个条件内容不能为空/)
    s.editRuleForm(rule('X', '收件箱'))
    expect(s.commitRuleForm()).toContain('系统文件夹')
    expect(s.ruleForm).toBeDefined()
    s.cancelRuleForm()
    expect(s.ruleForm).toBeUndefined()
  })

  it('stops at 100 rules', async () => {
    const w = await world()
    const s = await opened(w)
    for (let i = s.rules.length; i < MAX_RULES; i++) {
      s.startRuleEdit(-1)
      s.editRuleForm(rule(`k${i}`, 'F'))
      expect(s.commitRuleForm()).toBe('')
    }
    expect(s.addRuleProblem).toContain('100')
    s.startRuleEdit(-1)
    s.editRuleForm(rule('one too many', 'F'))
    expect(s.commitRuleForm()).toContain('最多 100 条')
    s.cancelRuleForm()
    expect(await s.saveRules()).toEqual({ ok: true })
    expect(s.shared?.rules).toHaveLength(MAX_RULES)
  })

  it('a stale rule save keeps the local list and offers the newer one', async () => {
    const w = await world()
    const s = await opened(w)
    s.removeRule(0)
    const mine = s.rules
    await w.other({ rules: [rule('李四', '李四的')] })
    expect(await s.saveRules()).toMatchObject({ ok: false, stale: true })
    expect(s.rules).toEqual(mine)
    expect(s.shared?.rules).toEqual([rule('李四', '李四的')])
    expect(s.conflict.rules).toBe(true)
    expect(await s.saveRules(true)).toEqual({ ok: true })
    expect(s.shared?.rules).toEqual(mine)
  })

  it('an unfinished rule edit survives leaving the page', async () => {
    const w = await world()
    const s = await opened(w)
    s.startRuleEdit(-1)
    s.editRuleForm(rule('半截', ''))
    const again = await opened(w)
    expect(again.ruleForm?.rule).toEqual(rule('半截', ''))
    again.startRuleEdit(-1) // reopening the same editor keeps it
    expect(again.ruleForm?.rule).toEqual(rule('半截', ''))
  })
})

describe('MailboxSettings: services, personal, client passwords', () => {
  it('turns POP on; a stale switch shows the newest state', async () => {
    const w = await world()
    const s = await opened(w)
    expect(await s.setService('pop', true)).toEqual({ ok: true })
    expect(s.shared?.pop).toBe(true)
    await w.other({ imap: false })
    const r = await s.setService('pop', false)
    expect(r).toMatchObject({ ok: false, stale: true })
    expect(s.shared).toMatchObject({ imap: false, pop: true })
  })

  it('saves personal switches at once and tells the mail lists about conversation mode', async () => {
    const w = await world()
    const changed: string[] = []
    const s = new MailboxSettings(w.salesId, { ...w.deps, onConversationModeChanged: (m) => changed.push(m) })
    await s.load()
    expect(await s.setPersonal('conversation_mode', false)).toBe('')
    expect(await s.setPersonal('notify', false)).toBe('')
    expect(changed).toEqual([w.salesId])
    const server = await w.backend.call('mail/settings/get', { mailbox: w.salesId }, zhangsan)
    expect(server.personal).toEqual({ conversation_mode: false, notify: false })
  })

  it('creates a password shown once, lists it, logs in with it, deletes it', async () => {
    const w = await world()
    const s = await opened(w)
    expect(s.remarkProblem('家'.repeat(43))).toContain('128')
    const created = await s.createCode('  ')
    expect(created.errmsg).toBe('')
    expect(created.secret.length).toBeGreaterThanOrEqual(16)
    await s.loadCodes()
    expect(s.codes).toHaveLength(1)
    expect(s.codes[0]).toMatchObject({ remark: '办公PC', last_use_time: 0 })
    expect((await w.backend.clientLogin('sales@xinghe.com', created.secret, 'imap')).errcode).toBe(0)
    expect(await s.deleteCode(s.codes[0].auth_code_id)).toBe('')
    expect(s.codes).toHaveLength(0)
    expect((await w.backend.clientLogin('sales@xinghe.com', created.secret, 'imap')).errcode).not.toBe(0)
  })

  it('never leaves an unseen password behind when the answer with the secret is lost', async () => {
    const w = await world()
    const s = await opened(w)
    w.faults.plan = { mode: 'after', count: 1, apis: ['mail/authcode/create'] }
    const created = await s.createCode('家里电脑')
    expect(created.secret).not.toBe('')
    await s.loadCodes()
    expect(s.codes.map((c) => c.remark)).toEqual(['家里电脑'])
  })

  it('a retried delete whose first answer was lost still succeeds', async () => {
    const w = await world()
    const s = await opened(w)
    await s.createCode('A')
    await s.loadCodes()
    w.faults.plan = { mode: 'after', count: 1, apis: ['mail/authcode/delete'] }
    expect(await s.deleteCode(s.codes[0].auth_code_id)).toBe('')
    expect(s.codes).toHaveLength(0)
  })
})

describe('SettingsStore', () => {
  it('keeps one settings object per mailbox and forgets them on identity change', async () => {
    const w = await world()
    const store = new SettingsStore(w.deps)
    const a = store.of(w.salesId)
    expect(store.of(w.salesId)).toBe(a)
    store.clear()
    expect(store.of(w.salesId)).not.toBe(a)
  })
})
