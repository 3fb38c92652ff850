// Shapes of the admin APIs' answers (api.md "Business mailboxes (admin)", directory, migration).
import type { MemberInfo, RuleTargets } from '../../api/contract'
import { ErrCode } from '../../policy/codes'

export type { Quota, Department, Tag, ContactRule } from '../../api/contract'
export type { AdminMailbox, AuthCodeItem, RecycleItem } from '../../stores/wire'

/** a member as the admin pages list them */
export type DirMember = Pick<MemberInfo, 'userid' | 'name' | 'department' | 'biz_mail'> &
  Partial<Pick<MemberInfo, 'position' | 'advanced'>>

/** Members, departments and tags chosen in a picker: the shape of a visibility rule field. */
export type Targets = RuleTargets

export const emptyTargets = (): Targets => ({ userid: [], partyid: [], tagid: [] })

export function isEmptyTargets(t: Targets): boolean {
  return !t.userid.length && !t.partyid.length && !t.tagid.length
}

/** The outcome of a write: nothing to show, or the backend's (or the policy's) refusal. */
export type Outcome<T = object> = ({ ok: true } & T) | { ok: false; errcode: number; errmsg: string }

/** mail administration is locked while a migration runs */
export const MIGRATION_LOCKED = ErrCode.MIGRATION_IN_PROGRESS
