// One remote read with its loading / error / data states, for pages that just show a list.
import { humanError } from './humanError'
import { makeAutoObservable, runInAction } from 'mobx'
import { ApiError } from '../api/client'

export type ResourceState = 'idle' | 'loading' | 'ready' | 'error'

export class Resource<T> {
  state: ResourceState = 'idle'
  data: T | null = null
  error = ''
  errcode = 0
  private seq = 0

  constructor(private readonly fetcher: () => Promise<T>) {
    makeAutoObservable<Resource<T>, 'fetcher' | 'seq'>(
      this,
      { fetcher: false, seq: false },
      { autoBind: true },
    )
  }

  /** keeps showing the previous data while refreshing, so a reload never blanks the screen */
  async load(): Promise<void> {
    const seq = ++this.seq
    this.state = this.data === null ? 'loading' : this.state
    try {
      const data = await this.fetcher()
      runInAction(() => {
        if (seq !== this.seq) return
        this.data = data
        this.state = 'ready'
        this.error = ''
        this.errcode = 0
      })
    } catch (e) {
      runInAction(() => {
        if (seq !== this.seq) return
        this.state = 'error'
        this.errcode = e instanceof ApiError ? e.errcode : -1
        this.error = e instanceof ApiError ? humanError(e.errmsg) : '出了点问题，请重试'
      })
    }
  }

  reset(): void {
    this.seq++
    this.state = 'idle'
    this.data = null
    this.error = ''
  }
}
