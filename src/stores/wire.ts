// What the stores keep of WeCom-shaped exmail/* answers: unix seconds become epoch ms (what the
// pages format and compare with Date.now()), `{list: [...]}` fields become plain arrays.
import type {
  AdminMailbox as WireMailbox,
  AuthCodeInfo,
  RecycleItem as WireRecycleItem,
} from '../api/contract'

const ms = (unixSeconds: number): number => unixSeconds * 1000

/** a client-specific password as the stores keep it: times in epoch ms, 0 = never */
export type AuthCodeItem = AuthCodeInfo

export function authCodeItem(c: AuthCodeInfo): AuthCodeItem {
  return { ...c, create_time: ms(c.create_time), last_use_time: ms(c.last_use_time) }
}

/** a recycle-bin entry as the stores keep it: times in epoch ms */
export type RecycleItem = WireRecycleItem

export function recycleItem(r: WireRecycleItem): RecycleItem {
  return { ...r, deleted_time: ms(r.deleted_time), expire_time: ms(r.expire_time) }
}

/** a business mailbox as the admin stores keep it: lists unwrapped, create_time in epoch ms */
export interface AdminMailbox extends Omit<
  WireMailbox,
  'userid_list' | 'department_list' | 'tag_list' | 'alias_list'
> {
  userid_list: string[]
  department_list: number[]
  tag_list: number[]
  alias_list: string[]
}

export function adminMailbox(m: WireMailbox): AdminMailbox {
  return {
    ...m,
    userid_list: m.userid_list.list,
    department_list: m.department_list.list,
    tag_list: m.tag_list.list,
    alias_list: m.alias_list.list,
    create_time: ms(m.create_time),
  }
}
