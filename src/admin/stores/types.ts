// Shapes of the admin APIs' answers (api.md "Business mailboxes (admin)", directory, migration).
import type { Edition } from '../../policy/edition'
import { ErrCode } from '../../policy/codes'

export interface Quota {
  used: number
  quota: number
  edition: Edition
  seats: { purchased: number; assigned: number }
  /** whether the corp has its own mail domain yet (an experience domain cannot hold business mailboxes) */
  domain_kind: 'custom' | 'experience'
  /** why creating a business mailbox is refused right now, if it is */
  blocked_reason?: string
}

export interface AdminMailbox {
  id: number
  email: string
  name: string
  userid_list: string[]
  department_list: number[]
  tag_list: number[]
  alias_list: string[]
  enabled: boolean
}

export interface RecycleItem {
  id: number
  email: string
  name: string
  kind: 'business' | 'member'
  deleted_time: number
  expire_time: number
}

export interface AuthCodeItem {
  auth_code_id: string
  create_time: number
  last_use_time: number
  remark: string
  creator: string
}

export interface Department {
  id: number
  name: string
  parentid: number
  order?: number
}

export interface Tag {
  tagid: number
  tagname: string
}

export interface DirMember {
  userid: string
  name: string
  department: number[]
  position?: string
  biz_mail: string
  advanced?: 0 | 1
}

/** Members, departments and tags chosen in a picker: the shape of a visibility rule field. */
export interface Targets {
  userid: string[]
  partyid: number[]
  tagid: number[]
}

export const emptyTargets = (): Targets => ({ userid: [], partyid: [], tagid: [] })

export function isEmptyTargets(t: Targets): boolean {
  return !t.userid.length && !t.partyid.length && !t.tagid.length
}

export interface ContactRule {
  rule_id: number
  rule_type: 1 | 2 | 3
  range: Targets
  whitelist: Targets
  extra_visible: Targets
}

/** The outcome of a write: nothing to show, or the backend's (or the policy's) refusal. */
export type Outcome<T = object> = ({ ok: true } & T) | { ok: false; errcode: number; errmsg: string }

/** mail administration is locked while a migration runs */
export const MIGRATION_LOCKED = ErrCode.MIGRATION_IN_PROGRESS
