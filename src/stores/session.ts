// Who the app acts as. Real sign-in (wx.qy.login) needs WeCom; the demo switches identity by hand.
import { humanError } from './humanError'
import { makeAutoObservable, runInAction } from 'mobx'
import type { ApiClient } from '../api/client'
import type { CallContext, KeyValueStorage } from '../api/contract'
import { ErrCode } from '../policy/codes'

export const IDENTITY_KEY = 'bizmail.identity'

export interface Profile {
  userid: string
  name: string
  position: string
  biz_mail: string
  department: number[]
}

export interface SessionDeps {
  api: ApiClient
  storage: KeyValueStorage
  /** tells the transport who calls are made as */
  applyIdentity(ctx: CallContext): void
  defaultIdentity: CallContext
  /** why the local backend data had to be reset, if it did */
  recovery?: () => Promise<string | null>
}

type LoadState = 'idle' | 'loading' | 'ready' | 'error'

export class SessionStore {
  identity: CallContext
  profile: Profile | null = null
  isAdmin = false
  state: LoadState = 'idle'
  error = ''
  notice = ''
  /** bumps on every identity change so caches keyed on identity can drop stale data */
  epoch = 0

  constructor(private readonly deps: SessionDeps) {
    this.identity = deps.defaultIdentity
    makeAutoObservable<SessionStore, 'deps'>(this, { deps: false }, { autoBind: true })
  }

  async restore(): Promise<void> {
    const saved = await readIdentity(this.deps.storage)
    if (saved.corrupt) this.notice = '本地登录信息已损坏，已恢复为默认身份'
    const recovery = this.deps.recovery ? await this.deps.recovery() : null
    runInAction(() => {
      // the backend says what happened: reset to the demo data, or back to the last good save
      if (recovery) this.notice = `本地数据：${recovery}`
    })
    await this.switchTo(saved.identity ?? this.deps.defaultIdentity, false)
  }

  async switchTo(next: CallContext, remember = true): Promise<void> {
    this.identity = { ...next }
    this.deps.applyIdentity(this.identity)
    this.epoch += 1
    this.profile = null
    this.isAdmin = false
    if (remember) await this.deps.storage.set(IDENTITY_KEY, JSON.stringify(this.identity))
    await this.load()
  }

  /** the server logged the member in as someone else than the app assumed (a WeCom login) */
  async adopt(identity: CallContext): Promise<void> {
    if (identity.corpid === this.identity.corpid && identity.userid === this.identity.userid) return
    await this.switchTo(identity, true)
  }

  async load(): Promise<void> {
    const epoch = this.epoch
    this.state = 'loading'
    this.error = ''
    const [me, quota] = await Promise.all([
      this.deps.api.call('user/get', { userid: this.identity.userid }),
      // The contract has no "am I admin" call; an admin-only read tells without side effects.
      this.deps.api.call('exmail/publicmail/quota', {}),
    ])
    runInAction(() => {
      if (epoch !== this.epoch) return // a newer identity switch won
      if (me.errcode !== 0) {
        this.state = 'error'
        this.error = humanError(me.errmsg)
        return
      }
      this.profile = me as unknown as Profile
      // 690013 (migration running) is only answered to admins: they keep the entry and see the lock.
      this.isAdmin = quota.errcode === 0 || quota.errcode === ErrCode.MIGRATION_IN_PROGRESS
      this.state = 'ready'
    })
  }

  dismissNotice(): void {
    this.notice = ''
  }
}

async function readIdentity(
  storage: KeyValueStorage,
): Promise<{ identity: CallContext | null; corrupt: boolean }> {
  let raw: string | undefined
  try {
    raw = await storage.get(IDENTITY_KEY)
  } catch {
    return { identity: null, corrupt: true }
  }
  if (!raw) return { identity: null, corrupt: false }
  try {
    const v = JSON.parse(raw) as Partial<CallContext>
    if (typeof v.corpid === 'string' && typeof v.userid === 'string' && v.corpid && v.userid) {
      return { identity: { corpid: v.corpid, userid: v.userid }, corrupt: false }
    }
  } catch {
    // fall through
  }
  return { identity: null, corrupt: true }
}
