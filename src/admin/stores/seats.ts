// Advanced-feature seats (exmail/vip/*): who holds one, assign, release. Assigning consumes business
// mailbox quota, so the backend refuses with 751002 when the quota invariant would break.
import { makeAutoObservable, runInAction } from 'mobx'
import type { ApiClient } from '../../api/client'
import { MIGRATION_LOCKED, type Outcome } from './types'

export class SeatsStore {
  holders: string[] = []
  state: 'idle' | 'loading' | 'ready' | 'error' = 'idle'
  error = ''
  errcode = 0
  private seq = 0

  constructor(private readonly api: ApiClient) {
    makeAutoObservable<SeatsStore, 'api' | 'seq'>(this, { api: false, seq: false }, { autoBind: true })
  }

  get locked(): boolean {
    return this.errcode === MIGRATION_LOCKED
  }

  async load(): Promise<void> {
    const seq = ++this.seq
    if (!this.holders.length) this.state = 'loading'
    const all: string[] = []
    let cursor = ''
    let failure: { errcode: number; errmsg: string } | null = null
    for (;;) {
      const r = await this.api.call('exmail/vip/list', { cursor, limit: 200 })
      if (r.errcode !== 0) {
        failure = r
        break
      }
      all.push(...(r.userid_list ?? []))
      if (!r.has_more || !r.next_cursor) break
      cursor = r.next_cursor
    }
    runInAction(() => {
      if (seq !== this.seq) return
      if (failure) {
        this.state = 'error'
        this.error = failure.errmsg
        this.errcode = failure.errcode
        return
      }
      this.holders = all
      this.state = 'ready'
      this.error = ''
      this.errcode = 0
    })
  }

  async assign(userids: string[]): Promise<Outcome<{ failed: string[] }>> {
    const r = await this.api.call('exmail/vip/batch_add', {
      userid_list: userids,
    })
    if (r.errcode !== 0) return { ok: false, errcode: r.errcode, errmsg: r.errmsg }
    await this.load()
    return { ok: true, failed: r.fail_userid_list ?? [] }
  }

  async release(userids: string[]): Promise<Outcome> {
    const r = await this.api.call('exmail/vip/batch_del', { userid_list: userids })
    if (r.errcode !== 0) return { ok: false, errcode: r.errcode, errmsg: r.errmsg }
    await this.load()
    return { ok: true }
  }

  clear(): void {
    this.seq++
    this.holders = []
    this.state = 'idle'
    this.error = ''
    this.errcode = 0
  }
}
