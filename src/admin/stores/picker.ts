// The member / department / tag picker edits a Targets object owned by a form (mailbox users, rule
// fields, seat assignment). The form hands it over here, the picker page edits it in place; it must
// be observable (a store's field, or `observable(emptyTargets())`) so the form re-renders.
import { makeAutoObservable, observable } from 'mobx'
import type { Targets } from './types'

export type PickKind = 'user' | 'dept' | 'tag'

export interface PickerRequest {
  title: string
  kinds: PickKind[]
  /** called when the admin taps 完成 (e.g. assign seats to the chosen members) */
  onDone?: (t: Targets) => void
}

export class PickerStore {
  target: Targets | null = null
  request: PickerRequest = { title: '选择', kinds: ['user', 'dept', 'tag'] }

  constructor() {
    // By reference: the picker edits the caller's own (observable) object, never a copy.
    makeAutoObservable(this, { request: false, target: observable.ref }, { autoBind: true })
  }

  open(target: Targets, request: PickerRequest): void {
    this.target = target
    this.request = request
  }

  toggleUser(userid: string): void {
    const t = this.target
    if (!t) return
    const i = t.userid.indexOf(userid)
    if (i >= 0) t.userid.splice(i, 1)
    else t.userid.push(userid)
  }

  toggleDept(id: number): void {
    const t = this.target
    if (!t) return
    const i = t.partyid.indexOf(id)
    if (i >= 0) t.partyid.splice(i, 1)
    else t.partyid.push(id)
  }

  toggleTag(id: number): void {
    const t = this.target
    if (!t) return
    const i = t.tagid.indexOf(id)
    if (i >= 0) t.tagid.splice(i, 1)
    else t.tagid.push(id)
  }

  get count(): number {
    const t = this.target
    return t ? t.userid.length + t.partyid.length + t.tagid.length : 0
  }

  done(): void {
    if (this.target) this.request.onDone?.(this.target)
  }

  clear(): void {
    this.target = null
    this.request = { title: '选择', kinds: ['user', 'dept', 'tag'] }
  }
}
