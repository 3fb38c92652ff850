// Business mailbox administration (api.md "Business mailboxes (admin)"), WeCom-shaped: list fields
// wrapped as `{list: [...]}` both ways, times in unix seconds. Every API is admin-only and locked
// while a migration runs; the rules (names, addresses, quota) live in src/policy.
import { ErrCode } from '../../policy/codes'
import type { QuotaView } from '../../policy/quota'
import {
  authCodeId,
  coded,
  def,
  flag,
  idempotencyKey,
  limit,
  mailboxId,
  opt,
  required,
  text,
  wrapped,
  type Wrapped,
} from './schema'
import * as v from 'valibot'

export interface AdminMailbox {
  id: number
  email: string
  name: string
  userid_list: Wrapped<string>
  department_list: Wrapped<number>
  tag_list: Wrapped<number>
  alias_list: Wrapped<string>
  enabled: boolean
  /** a converted mailbox may start with nobody on its lists */
  no_users: boolean
  /** unix seconds */
  create_time: number
}

/** a client-specific password as listed (never its secret); times in unix seconds, 0 = never used */
export interface AuthCodeInfo {
  auth_code_id: string
  create_time: number
  last_use_time: number
  remark: string
  creator: string
}

/** exmail/publicmail/quota: the figures and the domain kind the quota rules use */
export type Quota = QuotaView

export interface RecycleItem {
  id: number
  email: string
  name: string
  kind: 'business' | 'member'
  /** unix seconds */
  deleted_time: number
  /** unix seconds */
  expire_time: number
}

export interface NewAuthCode {
  auth_code_id?: string
  /** the secret: shown once */
  auth_code?: string
}

const ADMIN_READ = { admin: true, lock: 'mailAdmin' } as const
const ADMIN_WRITE = { admin: true, lock: 'mailAdmin', write: true, idempotent: true } as const

const name = opt(v.string(coded(ErrCode.MAILBOX_NAME_INVALID, '业务邮箱名称必须是文本')))
const userLists = {
  userid_list: opt(
    wrapped(
      v.pipe(
        v.string(coded(ErrCode.INVALID_USERID, '成员账号格式不正确')),
        v.minLength(1, coded(ErrCode.INVALID_USERID, '成员账号格式不正确')),
        v.maxLength(64, coded(ErrCode.INVALID_USERID, '成员账号格式不正确')),
      ),
      1000,
    ),
  ),
  department_list: opt(
    wrapped(v.union([v.number(), v.string()], coded(ErrCode.INVALID_DEPARTMENT_LIST, '部门不存在')), 1000),
  ),
  tag_list: opt(wrapped(v.union([v.number(), v.string()], coded(ErrCode.INVALID_TAG, '标签不存在')), 1000)),
}
const authCodeInfo = opt(
  v.object({ remark: opt(v.string('备注必须是文本')) }, '格式不正确，应为 {"remark": "..."}'),
)
const id = mailboxId()
const batch = required(wrapped(v.string('成员账号必须是文本'), 100, '一次最多 100 个成员'), '请提供成员列表')

export const publicmailApis = {
  'exmail/publicmail/create': def<
    {
      id: number
      /** aliases of a converted member that could not follow */ dropped_alias_list?: string[]
    } & NewAuthCode
  >()(
    v.object({
      email: opt(v.string(coded(ErrCode.MAILBOX_ADDRESS_INVALID, '邮箱地址必须是文本'))),
      name,
      ...userLists,
      create_auth_code: opt(flag()),
      auth_code_info: authCodeInfo,
      from_userid: opt(
        v.pipe(
          v.string(coded(ErrCode.INVALID_USERID, '成员账号格式不正确')),
          v.maxLength(64, coded(ErrCode.INVALID_USERID, '成员账号格式不正确')),
        ),
      ),
      idempotency_key: idempotencyKey,
    }),
    ADMIN_WRITE,
  ),
  'exmail/publicmail/update': def<NewAuthCode>()(
    v.object({
      id,
      name,
      ...userLists,
      alias_list: opt(wrapped(v.string(coded(ErrCode.ALIAS_INVALID, '别名必须是文本')), 100)),
      create_auth_code: opt(flag()),
      auth_code_info: authCodeInfo,
      idempotency_key: idempotencyKey,
    }),
    ADMIN_WRITE,
  ),
  'exmail/publicmail/delete': def<{ /** unix seconds */ expire_time: number; retention_days: number }>()(
    v.object({ id, idempotency_key: idempotencyKey }),
    ADMIN_WRITE,
  ),
  'exmail/publicmail/get': def<{ list: AdminMailbox[] }>()(
    v.object({
      id_list: required(
        wrapped(mailboxId(), 100, '一次最多查询 100 个业务邮箱'),
        '请提供要查询的业务邮箱 ID',
      ),
    }),
    ADMIN_READ,
  ),
  'exmail/publicmail/search': def<{ list: { id: number; email: string; name: string }[] }>()(
    v.object({
      fuzzy: v.picklist(
        [0, 1],
        coded(ErrCode.INVALID_FUZZY, 'fuzzy 只能是 0（全部）或 1（按名称或地址匹配）'),
      ),
      email: opt(text(256, '搜索内容必须是不超过 256 个字符的文本', '搜索内容必须是不超过 256 个字符的文本')),
    }),
    ADMIN_READ,
  ),
  'exmail/publicmail/get_auth_code_list': def<{
    auth_code_list: AuthCodeInfo[]
    /** unix seconds, 0 = not locked: client login is locked after 10 failures in 15 min */
    login_locked_until: number
  }>()(v.object({ id }), ADMIN_READ),
  'exmail/publicmail/delete_auth_code': def<object>()(
    v.object({
      id,
      auth_code_id: authCodeId,
      idempotency_key: idempotencyKey,
    }),
    ADMIN_WRITE,
  ),
  'exmail/publicmail/quota': def<Quota>()(v.object({}), ADMIN_READ),
  'exmail/recycle/list': def<{ list: RecycleItem[] }>()(v.object({}), ADMIN_READ),
  'exmail/recycle/restore': def<{ id?: number; userid?: string }>()(
    v.object({ id, idempotency_key: idempotencyKey }),
    ADMIN_WRITE,
  ),
  'exmail/account/act_email': def<object>()(
    v.object({
      publicemail_id: id,
      type: v.picklist([1, 2], 'type 只能是 1（启用）或 2（停用）'),
      idempotency_key: idempotencyKey,
    }),
    ADMIN_WRITE,
  ),
  'exmail/vip/batch_add': def<{ succ_userid_list: string[]; fail_userid_list: string[] }>()(
    v.object({ userid_list: batch, idempotency_key: idempotencyKey }),
    ADMIN_WRITE,
  ),
  'exmail/vip/batch_del': def<{ succ_userid_list: string[]; fail_userid_list: string[] }>()(
    v.object({ userid_list: batch, idempotency_key: idempotencyKey }),
    ADMIN_WRITE,
  ),
  'exmail/vip/list': def<{ userid_list: string[]; next_cursor: string; has_more: boolean }>()(
    v.object({
      cursor: opt(text(128, '分页游标格式不正确', '分页游标格式不正确')),
      limit: opt(limit(200, 'limit 须为 1–200 的整数')),
    }),
    ADMIN_READ,
  ),
}
