// The settings port: the in-memory adapter against the cases every adapter shares, and the handlers
// proven to reach settings only through the port (a model adapter outside the state decides the
// signature placed, the receive rules run, IMAP/POP access and each member's own settings; the
// stores in the state are never written).
import { CORPS, SALES_SHARED, settingsPortCases, STORES } from '../../kit/settingsPort'
import { deliverMail } from '../../../src/api/mock/handlers/deliver'
import {
  copyShared,
  DEFAULT_PERSONAL,
  DEFAULT_SHARED,
  memorySettings,
  type SettingsPort,
  type StoreSettings,
} from '../../../src/api/mock/ports/settings'
import { emptyStore } from '../../../src/api/mock/seed'
import type { BackendState, CorpState, PersonalSettings, SharedSettings } from '../../../src/api/mock/state'
import { trackedCall } from '../../kit/trackedCall'
import { setup } from '../publicmail/harness'

function memoryUnderTest() {
  const stores = () => Object.fromEntries(STORES.map((id) => [id, emptyStore(id)]))
  const state = {
    schema: 1,
    corps: Object.fromEntries(CORPS.map((c) => [c, { corpid: c, stores: stores() } as unknown as CorpState])),
  } as BackendState
  return trackedCall(state, (root) => memorySettings(root))
}

describe('the settings port, in memory', () => {
  test.each(settingsPortCases)('%s', async (_name, run) => {
    await run(memoryUnderTest())
  })
})

/** settings kept in two maps, outside any state: what the handlers see is only what they asked it */
function modelSettings() {
  const shared = new Map<string, SharedSettings>()
  const personal = new Map<string, PersonalSettings>()
  const key = (...parts: string[]) => parts.join('/')
  const port: SettingsPort = {
    shared: async (c, s) => copyShared(shared.get(key(c, s)) ?? DEFAULT_SHARED),
    personal: async (c, s, u) => ({ ...DEFAULT_PERSONAL, ...personal.get(key(c, s, u)) }),
    personalIn: async (c, u, ids) =>
      Object.fromEntries(ids.map((s) => [s, { ...DEFAULT_PERSONAL, ...personal.get(key(c, s, u)) }])),
    putShared: async (c, s, v) => void shared.set(key(c, s), copyShared(v)),
    putPersonal: async (c, s, u, v) => void personal.set(key(c, s, u), { ...v }),
    ofCorp: async (c) => {
      const out: Record<string, StoreSettings> = {}
      for (const [k, v] of shared)
        if (k.startsWith(`${c}/`)) out[k.split('/')[1]] = { shared: v, personal: {} }
      return out
    },
    handOver: async () => undefined,
  }
  return { port, shared, personal, key }
}

describe('handlers keep mailbox settings only through the port', () => {
  async function world() {
    const h = setup({ members: ['zhangsan'] })
    const model = modelSettings()
    h.env.settings = model.port
    const made = await h.call('exmail/publicmail/create', {
      email: 'sales@corp.com',
      name: '销售部',
      userid_list: { list: ['zhangsan', 'boss'] },
      create_auth_code: 1,
    })
    expect(made.errcode).toBe(0)
    const id = made.id as number
    const secret = made.auth_code as string
    const storeId = h.corp.publicmails[id].storeId
    const untouched = JSON.stringify(h.corp.stores[storeId].shared)
    return { h, model, id, storeId, untouched, secret }
  }

  test('a saved signature and rules go to the port; the next send and delivery use them', async () => {
    const { h, model, id, storeId, untouched } = await world()
    const saved = await h.call(
      'mail/settings/update',
      { mailbox: id, shared: { version: 1, signature: '销售部 张三', rules: SALES_SHARED.rules } },
      'zhangsan',
    )
    expect(saved.errcode).toBe(0)
    expect(model.shared.get(model.key('c1', storeId))).toMatchObject({ signature: '销售部 张三', version: 2 })
    expect(JSON.stringify(h.corp.stores[storeId].shared)).toBe(untouched)
    // the stale version is judged on what the port holds
    const stale = await h.call(
      'mail/settings/update',
      { mailbox: id, shared: { version: 1, pop: true } },
      'zhangsan',
    )
    expect([stale.errcode, (stale.shared as SharedSettings).version]).toEqual([6000, 2])

    const sent = await h.call(
      'mail/message/send',
      {
        mailbox: id,
        idempotency_key: 'k-send-1',
        from: 'sales@corp.com',
        to: ['x@ext.com'],
        subject: '报价',
        content: '您好',
      },
      'zhangsan',
    )
    expect([sent.errcode, sent.errmsg]).toEqual([0, 'ok'])
    const sentCopy = Object.values(h.corp.stores[storeId].messages).find((m) => m.folder === 'sent')
    expect(sentCopy?.content).toContain('销售部 张三')

    expect(
      (
        await deliverMail(h.state, h.env, 'c1', 'sales@corp.com', {
          from: 'a@spam.com',
          subject: '广告',
          content: '',
        })
      ).errcode,
    ).toBe(0)
    const spam = Object.values(h.corp.stores[storeId].messages).find((m) => m.subject === '广告')
    expect(spam?.folder).toBe('trash')
  })

  test("IMAP access and a member's own settings are read from the port", async () => {
    const { h, model, id, storeId, secret } = await world()
    expect((await h.login('sales@corp.com', secret, 'imap')).result.errcode).toBe(0)
    expect((await h.login('sales@corp.com', secret, 'pop')).result.errcode).not.toBe(0)
    model.shared.set(model.key('c1', storeId), { ...copyShared(DEFAULT_SHARED), imap: false, pop: true })
    expect((await h.login('sales@corp.com', secret, 'imap')).result.errcode).not.toBe(0)
    expect((await h.login('sales@corp.com', secret, 'pop')).result.errcode).toBe(0)
    const listed = await h.call('mail/settings/get', { mailbox: id }, 'zhangsan')
    expect((listed.shared as SharedSettings).imap).toBe(false)

    model.personal.set(model.key('c1', storeId, 'zhangsan'), { conversation_mode: false, notify: false })
    const list = await h.call('mail/message/list', { mailbox: id, folder: 'inbox' }, 'zhangsan')
    expect(list.threaded).toBe(false)
    const boxes = (await h.call('mail/mailbox/list', {}, 'zhangsan')).mailboxes as {
      id: unknown
      notify: boolean
    }[]
    expect(boxes.find((b) => b.id === id)?.notify).toBe(false)
    expect(boxes.find((b) => b.id === 'personal')?.notify).toBe(true)
    // boss's own settings in the same mailbox are untouched by zhangsan's
    expect((await h.call('mail/message/list', { mailbox: id, folder: 'inbox' }, 'boss')).threaded).toBe(true)
  })
})
