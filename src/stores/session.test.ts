import type { ApiClient } from '../api/client'
import { createApiClient } from '../api/client'
import type { CallContext, KeyValueStorage } from '../api/contract'
import { IDENTITY_KEY, SessionStore } from './session'

function memoryStorage(
  initial: Record<string, string> = {},
): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial))
  return {
    data,
    get: (k) => data.get(k),
    set: (k, v) => void data.set(k, v),
    remove: (k) => void data.delete(k),
  }
}

/** A fake directory: everyone exists; only 'boss' is an admin. */
function fakeApi(): { api: ApiClient; identity: { current: CallContext } } {
  const identity = { current: { corpid: '', userid: '' } }
  const api = createApiClient(
    {
      call: async (name, body, ctx) => {
        if (name === 'user/get') {
          const userid = (body as { userid: string }).userid
          if (userid === 'ghost') return { errcode: 60111, errmsg: '成员不存在' }
          return { errcode: 0, errmsg: 'ok', userid, name: userid.toUpperCase(), biz_mail: `${userid}@x.com` }
        }
        if (name === 'exmail/publicmail/quota') {
          if (ctx.userid === 'locked') return { errcode: 690013, errmsg: '邮箱迁移进行中' }
          return ctx.userid === 'boss' ? { errcode: 0, errmsg: 'ok' } : { errcode: 48002, errmsg: 'no' }
        }
        return { errcode: 40058, errmsg: 'unknown' }
      },
    },
    () => identity.current,
  )
  return { api, identity }
}

function makeStore(storage = memoryStorage(), recovery: string | null = null) {
  const { api, identity } = fakeApi()
  const store = new SessionStore({
    api,
    storage,
    applyIdentity: (ctx) => (identity.current = ctx),
    defaultIdentity: { corpid: 'c', userid: 'member' },
    recovery: async () => recovery,
  })
  return { store, storage }
}

describe('SessionStore', () => {
  it('starts as the default identity and loads the profile', async () => {
    const { store } = makeStore()
    await store.restore()
    expect(store.state).toBe('ready')
    expect(store.profile?.userid).toBe('member')
    expect(store.isAdmin).toBe(false)
  })

  it('remembers a switched identity across restarts and detects admins', async () => {
    const storage = memoryStorage()
    const first = makeStore(storage).store
    await first.restore()
    await first.switchTo({ corpid: 'c', userid: 'boss' })
    expect(first.isAdmin).toBe(true)

    const second = makeStore(storage).store
    await second.restore()
    expect(second.identity).toEqual({ corpid: 'c', userid: 'boss' })
    expect(second.profile?.name).toBe('BOSS')
  })

  it('keeps an admin an admin while a migration locks mail administration (690013)', async () => {
    const { store } = makeStore()
    await store.restore()
    await store.switchTo({ corpid: 'c', userid: 'locked' })
    expect(store.isAdmin).toBe(true)
  })

  it('recovers from a corrupt saved identity and says so', async () => {
    const { store } = makeStore(memoryStorage({ [IDENTITY_KEY]: '{not json' }))
    await store.restore()
    expect(store.identity.userid).toBe('member')
    expect(store.notice).toContain('已损坏')
    store.dismissNotice()
    expect(store.notice).toBe('')
  })

  it('reports a reset of the local backend data', async () => {
    const { store } = makeStore(memoryStorage(), '保存的数据校验失败')
    await store.restore()
    expect(store.notice).toContain('保存的数据校验失败')
  })

  it('shows an error state for an identity that does not exist', async () => {
    const { store } = makeStore()
    await store.switchTo({ corpid: 'c', userid: 'ghost' })
    expect(store.state).toBe('error')
    expect(store.error).toBe('成员不存在')
  })

  it('bumps the epoch on every switch so identity-scoped caches can be dropped', async () => {
    const { store } = makeStore()
    const before = store.epoch
    await store.switchTo({ corpid: 'c', userid: 'a' })
    await store.switchTo({ corpid: 'c', userid: 'b' })
    expect(store.epoch).toBe(before + 2)
  })
})
