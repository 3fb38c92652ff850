// How the core's objects map to rows of server/migrations/0002_core.sql, both ways. A column per
// field the core has today; fields it gains later travel in `extra` until a migration names them.
import { newStoreSettings } from '../../src/api/mock/ports/settings'
import type {
  AuthCode,
  BusinessMailbox,
  ContactRule,
  CorpState,
  Department,
  Draft,
  IdempotencyRecord,
  MailMessage,
  MailStore,
  Member,
  PersonalSettings,
  RecycleEntry,
  SharedSettings,
  Tag,
} from '../../src/api/mock/state'

export type Row = Record<string, unknown>
type ColType =
  'text' | 'integer' | 'smallint' | 'double precision' | 'boolean' | 'text[]' | 'integer[]' | 'jsonb'

/** a table: its columns (as jsonb_to_recordset declares them) and primary key */
export interface TableDef {
  name: string
  cols: Array<[string, ColType]>
  key: string[]
  /** whether rows keep the core's insertion order (a `seq` identity column) */
  ordered: boolean
}

const def = (name: string, key: string[], cols: Array<[string, ColType]>, ordered = true): TableDef => ({
  name,
  key,
  cols,
  ordered,
})

const EXTRA: [string, ColType] = ['extra', 'jsonb']

export const TABLES = {
  corps: def(
    'corps',
    ['corpid'],
    [
      ['corpid', 'text'],
      ['name', 'text'],
      ['creator', 'text'],
      ['creator_account', 'text'],
      ['admins', 'text[]'],
      ['edition', 'text'],
      ['advanced_seats', 'integer'],
      ['domain_name', 'text'],
      ['domain_kind', 'text'],
      ['mail_groups', 'text[]'],
      ['migrated', 'boolean'],
      ['migration', 'jsonb'],
      ['next_id', 'jsonb'],
      EXTRA,
    ],
  ),
  departments: def(
    'departments',
    ['corpid', 'id'],
    [
      ['corpid', 'text'],
      ['id', 'integer'],
      ['name', 'text'],
      ['parentid', 'integer'],
      ['sort_order', 'integer'],
      EXTRA,
    ],
  ),
  members: def(
    'members',
    ['corpid', 'userid'],
    [
      ['corpid', 'text'],
      ['userid', 'text'],
      ['name', 'text'],
      ['department', 'integer[]'],
      ['job_position', 'text'],
      ['mobile', 'text'],
      ['gender', 'text'],
      ['status', 'integer'],
      ['biz_mail', 'text'],
      ['alias', 'text[]'],
      ['advanced', 'smallint'],
      ['store_id', 'text'],
      EXTRA,
    ],
  ),
  tags: def(
    'tags',
    ['corpid', 'tagid'],
    [
      ['corpid', 'text'],
      ['tagid', 'integer'],
      ['tagname', 'text'],
      ['userlist', 'text[]'],
      ['partylist', 'integer[]'],
      EXTRA,
    ],
  ),
  contact_rules: def(
    'contact_rules',
    ['corpid', 'rule_id'],
    [
      ['corpid', 'text'],
      ['rule_id', 'integer'],
      ['rule_type', 'smallint'],
      ['range', 'jsonb'],
      ['whitelist', 'jsonb'],
      ['extra_visible', 'jsonb'],
      EXTRA,
    ],
  ),
  business_mailboxes: def(
    'business_mailboxes',
    ['corpid', 'id'],
    [
      ['corpid', 'text'],
      ['id', 'integer'],
      ['email', 'text'],
      ['name', 'text'],
      ['userid_list', 'text[]'],
      ['department_list', 'integer[]'],
      ['tag_list', 'integer[]'],
      ['enabled', 'boolean'],
      ['store_id', 'text'],
      ['bindings', 'jsonb'],
      ['create_time', 'double precision'],
      ['client_login', 'jsonb'],
      EXTRA,
    ],
  ),
  mailbox_aliases: def(
    'mailbox_aliases',
    ['corpid', 'mailbox_id', 'position'],
    [
      ['corpid', 'text'],
      ['mailbox_id', 'integer'],
      ['position', 'integer'],
      ['alias', 'text'],
    ],
    false,
  ),
  client_passwords: def(
    'client_passwords',
    ['corpid', 'auth_code_id'],
    [
      ['corpid', 'text'],
      ['mailbox_id', 'integer'],
      ['auth_code_id', 'text'],
      ['hash', 'text'],
      ['salt', 'text'],
      ['remark', 'text'],
      ['creator', 'text'],
      ['by_admin', 'boolean'],
      ['create_time', 'double precision'],
      ['last_use_time', 'double precision'],
      ['revoked', 'boolean'],
      ['lookup', 'text'],
      EXTRA,
    ],
    true,
  ),
  recycle_entries: def(
    'recycle_entries',
    ['corpid', 'id'],
    [
      ['corpid', 'text'],
      ['id', 'integer'],
      ['kind', 'text'],
      ['email', 'text'],
      ['name', 'text'],
      ['deleted_time', 'double precision'],
      ['expire_time', 'double precision'],
      ['mailbox', 'jsonb'],
      ['addresses', 'text[]'],
      ['store_id', 'text'],
      ['userid', 'text'],
      EXTRA,
    ],
  ),
  idempotency: def(
    'idempotency',
    ['corpid', 'key'],
    [
      ['corpid', 'text'],
      ['key', 'text'],
      ['digest', 'text'],
      ['result', 'jsonb'],
      ['time', 'double precision'],
      EXTRA,
    ],
  ),
  mail_stores: def(
    'mail_stores',
    ['corpid', 'store_id'],
    [['corpid', 'text'], ['store_id', 'text'], ['next_id', 'integer'], EXTRA],
  ),
  mailbox_settings: def(
    'mailbox_settings',
    ['corpid', 'store_id'],
    [
      ['corpid', 'text'],
      ['store_id', 'text'],
      ['signature', 'text'],
      ['rules', 'jsonb'],
      ['imap', 'boolean'],
      ['pop', 'boolean'],
      ['version', 'integer'],
      EXTRA,
    ],
    false,
  ),
  personal_settings: def(
    'personal_settings',
    ['corpid', 'store_id', 'userid'],
    [
      ['corpid', 'text'],
      ['store_id', 'text'],
      ['userid', 'text'],
      ['conversation_mode', 'boolean'],
      ['notify', 'boolean'],
      EXTRA,
    ],
  ),
  mail_folders: def(
    'mail_folders',
    ['corpid', 'store_id', 'folder_id'],
    [
      ['corpid', 'text'],
      ['store_id', 'text'],
      ['folder_id', 'text'],
      ['name', 'text'],
    ],
  ),
  messages: def(
    'messages',
    ['corpid', 'store_id', 'mail_id'],
    [
      ['corpid', 'text'],
      ['store_id', 'text'],
      ['mail_id', 'text'],
      ['folder', 'text'],
      ['thread', 'text'],
      ['from_addr', 'text'],
      ['to_addrs', 'text[]'],
      ['cc_addrs', 'text[]'],
      ['bcc_addrs', 'text[]'],
      ['subject', 'text'],
      ['content', 'text'],
      ['time', 'double precision'],
      ['read', 'boolean'],
      ['starred', 'boolean'],
      ['message_id', 'text'],
      ['in_reply_to', 'text'],
      ['delivered_to', 'text'],
      EXTRA,
    ],
  ),
  drafts: def(
    'drafts',
    ['corpid', 'store_id', 'draft_id'],
    [
      ['corpid', 'text'],
      ['store_id', 'text'],
      ['draft_id', 'text'],
      ['owner', 'text'],
      ['update_time', 'double precision'],
      ['from_addr', 'text'],
      ['to_addrs', 'text[]'],
      ['cc_addrs', 'text[]'],
      ['bcc_addrs', 'text[]'],
      ['subject', 'text'],
      ['content', 'text'],
      ['in_reply_to', 'text'],
      EXTRA,
    ],
  ),
} satisfies Record<string, TableDef>

export type TableName = keyof typeof TABLES

/** the fields of `o` a codec does not map, for the `extra` column */
function extra(o: object, known: readonly string[]): Row {
  const out: Row = {}
  for (const [k, v] of Object.entries(o)) if (!known.includes(k) && v !== undefined) out[k] = v
  return out
}
const extraOf = (row: Row): Row => (row.extra && typeof row.extra === 'object' ? (row.extra as Row) : {})
const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v))
/** a NULL column is an absent optional field */
function optional<T extends object>(o: T, field: string, v: unknown): T {
  if (v !== null && v !== undefined) (o as Row)[field] = v
  return o
}

/**
 * The codec of an entity whose columns are named as its fields, after the columns that scope it
 * (corpid, store_id, a key): every listed field to its column and back, the rest to `extra`.
 */
function sameNamed<E extends object>(fields: readonly string[]) {
  return {
    row(scope: Row, e: E): Row {
      const r: Row = { ...scope }
      for (const f of fields) r[f] = (e as Row)[f]
      r.extra = extra(e, fields)
      return r
    },
    from(r: Row): E {
      const e: Row = { ...extraOf(r) }
      for (const f of fields) e[f] = r[f]
      return e as E
    },
  }
}

// ---- corp-level entities --------------------------------------------------------------------

/** fields of CorpState that live in tables of their own */
export const CORP_COLLECTIONS = [
  'departments',
  'users',
  'tags',
  'contactRules',
  'publicmails',
  'recycle',
  'stores',
] as const
export type CorpCollection = (typeof CORP_COLLECTIONS)[number]

const CORP_FIELDS = [
  'corpid',
  'name',
  'creator',
  'creatorAccount',
  'admins',
  'edition',
  'advancedSeats',
  'domain',
  'mailGroups',
  'migrated',
  'migration',
  'nextId',
  ...CORP_COLLECTIONS,
  // kept by the idempotency port (idempotency.ts), never in the state's rows
  'idempotency',
]

export function corpRow(c: CorpState): Row {
  return {
    corpid: c.corpid,
    name: c.name,
    creator: c.creator,
    creator_account: c.creatorAccount ?? null,
    admins: c.admins,
    edition: c.edition,
    advanced_seats: c.advancedSeats,
    domain_name: c.domain.name,
    domain_kind: c.domain.kind,
    mail_groups: c.mailGroups,
    migrated: c.migrated,
    migration: c.migration,
    next_id: c.nextId,
    extra: extra(c, CORP_FIELDS),
  }
}

export function corpFrom(r: Row): CorpState {
  const c = {
    ...extraOf(r),
    corpid: r.corpid,
    name: r.name,
    creator: r.creator,
    admins: r.admins,
    edition: r.edition,
    advancedSeats: num(r.advanced_seats),
    domain: { name: r.domain_name, kind: r.domain_kind },
    departments: {},
    users: {},
    tags: {},
    contactRules: {},
    publicmails: {},
    recycle: {},
    mailGroups: r.mail_groups,
    stores: {},
    migrated: r.migrated,
    migration: r.migration ?? null,
    idempotency: {},
    nextId: r.next_id,
  } as unknown as CorpState
  return optional(c, 'creatorAccount', r.creator_account)
}

const DEPT_FIELDS = ['id', 'name', 'parentid', 'order']
export const departmentRow = (corpid: string, d: Department): Row => ({
  corpid,
  id: d.id,
  name: d.name,
  parentid: d.parentid,
  sort_order: d.order,
  extra: extra(d, DEPT_FIELDS),
})
export const departmentFrom = (r: Row): Department =>
  ({ ...extraOf(r), id: r.id, name: r.name, parentid: r.parentid, order: r.sort_order }) as Department

const MEMBER_FIELDS = [
  'userid',
  'name',
  'department',
  'position',
  'mobile',
  'gender',
  'status',
  'biz_mail',
  'alias',
  'advanced',
  'storeId',
]
export const memberRow = (corpid: string, m: Member): Row => ({
  corpid,
  userid: m.userid,
  name: m.name,
  department: m.department,
  job_position: m.position,
  mobile: m.mobile,
  gender: m.gender,
  status: m.status,
  biz_mail: m.biz_mail,
  alias: m.alias,
  advanced: m.advanced,
  store_id: m.storeId,
  extra: extra(m, MEMBER_FIELDS),
})
export const memberFrom = (r: Row): Member =>
  ({
    ...extraOf(r),
    userid: r.userid,
    name: r.name,
    department: r.department,
    position: r.job_position,
    mobile: r.mobile,
    gender: r.gender,
    status: r.status,
    biz_mail: r.biz_mail,
    alias: r.alias,
    advanced: r.advanced,
    storeId: r.store_id ?? null,
  }) as Member

const tagCodec = sameNamed<Tag>(['tagid', 'tagname', 'userlist', 'partylist'])
export const tagRow = (corpid: string, t: Tag): Row => tagCodec.row({ corpid }, t)
export const tagFrom = tagCodec.from

const ruleCodec = sameNamed<ContactRule>(['rule_id', 'rule_type', 'range', 'whitelist', 'extra_visible'])
export const ruleRow = (corpid: string, x: ContactRule): Row => ruleCodec.row({ corpid }, x)
export const ruleFrom = ruleCodec.from

const MAILBOX_FIELDS = [
  'id',
  'email',
  'name',
  'userid_list',
  'department_list',
  'tag_list',
  'alias_list',
  'enabled',
  'storeId',
  'authCodes',
  'bindings',
  'create_time',
  'clientLogin',
]
/** a business mailbox's row and its aliases' rows (its client passwords have a port of their own) */
export function mailboxRows(corpid: string, b: BusinessMailbox): { mailbox: Row; aliases: Row[] } {
  return {
    mailbox: mailboxRow(corpid, b),
    aliases: b.alias_list.map((alias, position) => ({ corpid, mailbox_id: b.id, position, alias })),
  }
}
/** the business mailbox's own row, without its aliases */
export function mailboxRow(corpid: string, b: BusinessMailbox): Row {
  return {
    corpid,
    id: b.id,
    email: b.email,
    name: b.name,
    userid_list: b.userid_list,
    department_list: b.department_list,
    tag_list: b.tag_list,
    enabled: b.enabled,
    store_id: b.storeId,
    bindings: b.bindings,
    create_time: b.create_time,
    client_login: b.clientLogin ?? null,
    extra: extra(b, MAILBOX_FIELDS),
  }
}
/** the mailbox as the core holds it: its passwords stay in their table (store/clientPasswords.ts) */
export function mailboxFrom(r: Row, aliases: Row[]): BusinessMailbox {
  const b = {
    ...extraOf(r),
    id: r.id,
    email: r.email,
    name: r.name,
    userid_list: r.userid_list,
    department_list: r.department_list,
    tag_list: r.tag_list,
    alias_list: aliases.map((a) => a.alias as string),
    enabled: r.enabled,
    storeId: r.store_id,
    authCodes: [],
    bindings: r.bindings,
    create_time: num(r.create_time),
  } as BusinessMailbox
  return optional(b, 'clientLogin', r.client_login)
}

const CODE_FIELDS = [
  'auth_code_id',
  'hash',
  'salt',
  'remark',
  'creator',
  'by_admin',
  'create_time',
  'last_use_time',
  'revoked',
  'lookup',
]
export const passwordRow = (corpid: string, mailbox_id: number, a: AuthCode): Row => ({
  corpid,
  mailbox_id,
  auth_code_id: a.auth_code_id,
  hash: a.hash,
  salt: a.salt,
  remark: a.remark,
  creator: a.creator,
  by_admin: a.by_admin,
  create_time: a.create_time,
  last_use_time: a.last_use_time,
  revoked: a.revoked,
  lookup: a.lookup ?? null,
  extra: extra(a, CODE_FIELDS),
})
export function passwordFrom(r: Row): AuthCode {
  const a = {
    ...extraOf(r),
    auth_code_id: r.auth_code_id,
    hash: r.hash,
    salt: r.salt,
    remark: r.remark,
    creator: r.creator,
    by_admin: r.by_admin,
    create_time: num(r.create_time),
    last_use_time: num(r.last_use_time),
    revoked: r.revoked,
  } as AuthCode
  return optional(a, 'lookup', r.lookup)
}

const RECYCLE_FIELDS = [
  'id',
  'kind',
  'email',
  'name',
  'deleted_time',
  'expire_time',
  'mailbox',
  'addresses',
  'storeId',
  'userid',
]
export const recycleRow = (corpid: string, e: RecycleEntry): Row => ({
  corpid,
  id: e.id,
  kind: e.kind,
  email: e.email,
  name: e.name,
  deleted_time: e.deleted_time,
  expire_time: e.expire_time,
  mailbox: e.mailbox ?? null,
  addresses: e.addresses,
  store_id: e.storeId,
  userid: e.userid ?? null,
  extra: extra(e, RECYCLE_FIELDS),
})
export function recycleFrom(r: Row): RecycleEntry {
  const e = {
    ...extraOf(r),
    id: r.id,
    kind: r.kind,
    email: r.email,
    name: r.name,
    deleted_time: num(r.deleted_time),
    expire_time: num(r.expire_time),
    addresses: r.addresses,
    storeId: r.store_id ?? null,
  } as RecycleEntry
  optional(e, 'mailbox', r.mailbox)
  return optional(e, 'userid', r.userid)
}

const idempotencyCodec = sameNamed<IdempotencyRecord>(['digest', 'result', 'time'])
export const idempotencyRow = (corpid: string, key: string, x: IdempotencyRecord): Row =>
  idempotencyCodec.row({ corpid, key }, x)
export const idempotencyFrom = idempotencyCodec.from

// ---- mail stores ----------------------------------------------------------------------------

const STORE_FIELDS = ['id', 'folders', 'messages', 'drafts', 'shared', 'personal', 'nextId']
export const storeRow = (corpid: string, s: MailStore): Row => ({
  corpid,
  store_id: s.id,
  next_id: s.nextId,
  extra: extra(s, STORE_FIELDS),
})
export const storeFrom = (r: Row): MailStore =>
  ({
    ...extraOf(r),
    id: r.store_id,
    folders: {},
    messages: {},
    drafts: {},
    // its settings are the settings port's (settings.ts): the state holds a new store's
    ...newStoreSettings(),
    nextId: r.next_id,
  }) as MailStore

const settingsCodec = sameNamed<SharedSettings>(['signature', 'rules', 'imap', 'pop', 'version'])
export const settingsRow = (corpid: string, storeId: string, x: SharedSettings): Row =>
  settingsCodec.row({ corpid, store_id: storeId }, x)
export const settingsFrom = settingsCodec.from

const personalCodec = sameNamed<PersonalSettings>(['conversation_mode', 'notify'])
export const personalRow = (corpid: string, storeId: string, userid: string, x: PersonalSettings): Row =>
  personalCodec.row({ corpid, store_id: storeId, userid }, x)
export const personalFrom = personalCodec.from

export const folderRow = (corpid: string, storeId: string, folderId: string, name: string): Row => ({
  corpid,
  store_id: storeId,
  folder_id: folderId,
  name,
})

const MESSAGE_FIELDS = [
  'mail_id',
  'folder',
  'thread',
  'from',
  'to',
  'cc',
  'bcc',
  'subject',
  'content',
  'time',
  'read',
  'starred',
  'message_id',
  'in_reply_to',
  'delivered_to',
]
export const messageRow = (corpid: string, storeId: string, m: MailMessage): Row => ({
  corpid,
  store_id: storeId,
  mail_id: m.mail_id,
  folder: m.folder,
  thread: m.thread,
  from_addr: m.from,
  to_addrs: m.to,
  cc_addrs: m.cc,
  bcc_addrs: m.bcc,
  subject: m.subject,
  content: m.content,
  time: m.time,
  read: m.read,
  starred: m.starred,
  message_id: m.message_id,
  in_reply_to: m.in_reply_to,
  delivered_to: m.delivered_to,
  extra: extra(m, MESSAGE_FIELDS),
})
export const messageFrom = (r: Row): MailMessage =>
  ({
    ...extraOf(r),
    mail_id: r.mail_id,
    folder: r.folder,
    from: r.from_addr,
    to: r.to_addrs,
    cc: r.cc_addrs,
    subject: r.subject,
    content: r.content,
    time: num(r.time),
    read: r.read,
    starred: r.starred,
    message_id: r.message_id,
    in_reply_to: r.in_reply_to,
    bcc: r.bcc_addrs,
    thread: r.thread,
    delivered_to: r.delivered_to,
  }) as MailMessage

const DRAFT_FIELDS = [
  'draft_id',
  'from',
  'to',
  'cc',
  'bcc',
  'subject',
  'content',
  'in_reply_to',
  'owner',
  'update_time',
]
export const draftRow = (corpid: string, storeId: string, d: Draft): Row => ({
  corpid,
  store_id: storeId,
  draft_id: d.draft_id,
  owner: d.owner,
  update_time: d.update_time,
  from_addr: d.from,
  to_addrs: d.to,
  cc_addrs: d.cc,
  bcc_addrs: d.bcc,
  subject: d.subject,
  content: d.content,
  in_reply_to: d.in_reply_to,
  extra: extra(d, DRAFT_FIELDS),
})
export const draftFrom = (r: Row): Draft =>
  ({
    ...extraOf(r),
    draft_id: r.draft_id,
    from: r.from_addr,
    to: r.to_addrs,
    cc: r.cc_addrs,
    bcc: r.bcc_addrs,
    subject: r.subject,
    content: r.content,
    in_reply_to: r.in_reply_to,
    owner: r.owner,
    update_time: num(r.update_time),
  }) as Draft
