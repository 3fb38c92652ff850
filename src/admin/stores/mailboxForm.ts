// What the admin is typing on the create / edit form. Kept in the store (not the page) so leaving
// for the picker, or going back by mistake, never loses it. Validation asks the policy module.
import { makeAutoObservable } from 'mobx'
import { checkBusinessAddress } from '../../policy/address'
import { checkMailboxNameAmong, displayWidth, NAME_MAX_UNITS } from '../../policy/mailboxName'
import { emptyTargets, isEmptyTargets, type AdminMailbox, type Targets } from './types'

export class MailboxForm {
  localPart = ''
  name = ''
  users: Targets = emptyTargets()

  constructor(from?: AdminMailbox) {
    if (from) {
      this.localPart = from.email.slice(0, from.email.indexOf('@'))
      this.name = from.name
      this.users = {
        userid: [...from.userid_list],
        partyid: [...from.department_list],
        tagid: [...from.tag_list],
      }
    }
    makeAutoObservable(this, {}, { autoBind: true })
  }

  setLocalPart(v: string): void {
    this.localPart = v.trim()
  }

  setName(v: string): void {
    this.name = v
  }

  /** display units: a CJK character counts 2 (limit 64) */
  get nameWidth(): number {
    return displayWidth(this.name.trim())
  }

  get nameMax(): number {
    return NAME_MAX_UNITS
  }

  addressError(domain: string): string {
    if (!this.localPart) return ''
    const v = checkBusinessAddress(`${this.localPart}@${domain}`, domain)
    return v.ok ? '' : v.errmsg
  }

  nameError(otherNames: string[]): string {
    if (!this.name) return ''
    const v = checkMailboxNameAmong(this.name, otherNames)
    return v.ok ? '' : v.errmsg
  }

  /** the first reason the form cannot be sent yet, or '' */
  blocker(domain: string, otherNames: string[], allowNoUsers = false): string {
    if (!this.localPart) return '请填写邮箱地址'
    const address = this.addressError(domain)
    if (address) return address
    if (!this.name.trim()) return '请填写名称'
    const name = this.nameError(otherNames)
    if (name) return name
    if (!allowNoUsers && isEmptyTargets(this.users)) return '请至少选择一个可使用该邮箱的成员、部门或标签'
    return ''
  }
}
