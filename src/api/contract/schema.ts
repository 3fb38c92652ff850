// How an API is declared (input schema, output type, flags) and how a schema's first problem
// becomes the contract's refusal: errcode 40058 (or the field's own code) and a zh-CN message
// that names the field, e.g. `收件人必须是文本 (to)`.
import * as v from 'valibot'

/** What the dispatcher checks before a handler runs. */
export interface ApiFlags {
  /** caller must be an admin of the corp (48002 otherwise) */
  admin?: true
  /** changes state: saved, derived lookups refreshed, access reconciled */
  write?: true
  /** refused while a migration runs: mail administration (both orgs) or directory writes (target) */
  lock?: 'mailAdmin' | 'directoryWrite'
  /** a repeated `idempotency_key` replays the first answer instead of acting twice */
  idempotent?: true
}

/** One API: its input schema, its output type (types only, nothing at run time) and its flags. */
export interface ApiDef<S extends v.GenericSchema, O> extends ApiFlags {
  input: S
  /** phantom: carries the output type, always undefined */
  output?: O
}

/** `def<Output>()(schema, flags)`: the output type is given, the input type comes from the schema. */
export const def =
  <O extends object>() =>
  <S extends v.GenericSchema, F extends ApiFlags = ApiFlags>(input: S, flags?: F): ApiDef<S, O> & F =>
    ({ input, ...flags }) as ApiDef<S, O> & F

const CODE_MARK = '\u0001'

/** A schema message with its own errcode (default 40058); the field name is added by refusalOf. */
export function coded(code: number, text: string): string {
  return `${code}${CODE_MARK}${text}`
}

/** Absent as WeCom means it: undefined or null. */
export const opt = <S extends v.GenericSchema>(schema: S) => v.nullish(schema)

/** Present (not undefined or null), then `schema`: a missing field gets its own message. */
export const required = <S extends v.GenericSchema>(schema: S, message: string) =>
  v.pipe(
    v.custom<v.InferInput<S>>((x) => x !== undefined && x !== null, message),
    schema,
  )

/** Text up to `max` characters. */
export const text = (max: number, message = '必须是文本', tooLong = `不能超过 ${max} 个字符`) =>
  v.pipe(v.string(message), v.maxLength(max, tooLong))

/** A non-empty id up to `max` characters. */
export const idText = (message: string, max = 64) =>
  v.pipe(v.string(message), v.minLength(1, message), v.maxLength(max, message))

/** a client password's id (mail/authcode/delete, exmail/publicmail/delete_auth_code) */
export const authCodeId = idText('客户端专用密码 ID 格式不正确')

/** A positive integer (ids of departments, tags, rules). */
export const posInt = (message: string, code?: number) => {
  const m = code === undefined ? message : coded(code, message)
  return v.pipe(v.number(m), v.integer(m), v.minValue(1, m), v.maxValue(2 ** 31 - 1, m))
}

/** An integer from 1 to max (page sizes). */
export const limit = (max: number, message = `每页数量必须是 1–${max} 的整数`) =>
  v.pipe(v.number(message), v.integer(message), v.minValue(1, message), v.maxValue(max, message))

/** 0 or 1, as WeCom's switches. */
export const zeroOne = (message = '只能是 0 或 1') => v.picklist([0, 1], message)

/** 0 / 1 / true / false, read as a boolean. */
export const flag = (message = '只能是 0 或 1') =>
  v.pipe(
    v.union([v.boolean(), v.picklist([0, 1])], message),
    v.transform((x) => x === true || x === 1),
  )

/** A business mailbox id as sent: an integer, or its decimal string. */
export const mailboxId = (message = '业务邮箱 ID 格式不正确') =>
  v.pipe(
    v.union([v.number(), v.pipe(v.string(), v.regex(/^\d{1,12}$/, message))], message),
    v.transform(Number),
    v.check((n) => Number.isSafeInteger(n) && n > 0, message),
  )

/** WeCom's list wrapping `{"list": [...]}`; a bare array is read the same way. */
export const wrapped = <S extends v.GenericSchema>(item: S, max: number, tooMany = `列表最多 ${max} 项`) =>
  v.pipe(
    // The shape first, then each entry: an entry's problem is reported with the entry's own code.
    v.custom<{ list: v.InferInput<S>[] } | v.InferInput<S>[]>(
      (x) =>
        Array.isArray(x) || (typeof x === 'object' && x !== null && Array.isArray((x as Wrapped<S>).list)),
      '列表格式不正确，应为 {"list": [...]}',
    ),
    v.transform((x): unknown[] => (Array.isArray(x) ? x : x.list)),
    v.maxLength(max, tooMany),
    v.array(item),
  )

/** A list as WeCom answers it in exmail/* responses. */
export interface Wrapped<T> {
  list: T[]
}

/** The idempotency key a write may carry (checked by the dispatcher before the handler). */
export const idempotencyKey = opt(v.string('幂等键格式不正确'))

/** The field a problem is at: `to[0]` → `to`, `shared.rules[2].value` → `shared.rules`, `userid_list.list[1]` → `userid_list`. */
export function fieldOf(path: readonly { key: unknown; type: string }[] | undefined): string {
  const keys: string[] = []
  for (const item of path ?? []) {
    // An index or the WeCom `list` wrapper ends the name: the list itself is the field.
    if (item.type !== 'object' || typeof item.key !== 'string') break
    if (item.key === 'list' && keys.length > 0) break
    keys.push(item.key)
  }
  return keys.join('.')
}

/** The zh-CN default for a problem without its own message. */
export function defaultMessage(issue: v.BaseIssue<unknown>): string {
  if (issue.kind === 'schema' && issue.input === undefined) return '缺少此项'
  switch (issue.type) {
    case 'string':
      return '必须是文本'
    case 'number':
      return '必须是数字'
    case 'boolean':
      return '必须是 true 或 false'
    case 'array':
      return '必须是列表'
    case 'max_length':
      return `不能超过 ${String(issue.requirement)} 项`
    default:
      return '格式不正确'
  }
}

export interface SchemaRefusal {
  errcode: number
  errmsg: string
}

interface SchemaNode {
  message?: unknown
  pipe?: SchemaNode[]
  wrapped?: SchemaNode
  entries?: Record<string, SchemaNode>
}

/** the schema that checks a value (through pipes and optional wrappers) */
function inner(schema: SchemaNode | undefined): SchemaNode | undefined {
  let s = schema
  while (s && (s.pipe || s.wrapped)) s = s.pipe ? s.pipe[0] : s.wrapped
  return s
}

/**
 * An absent required field is reported by its object, with the object's message: use the
 * field's own message instead ('缺少成员账号'), found by following the issue's path in the schema.
 */
function missingFieldMessage(root: v.GenericSchema, path: readonly { key: unknown }[]): string | null {
  let node: SchemaNode | undefined = root as SchemaNode
  for (const { key } of path) node = typeof key === 'string' ? inner(node)?.entries?.[key] : undefined
  const message = inner(node)?.message
  return typeof message === 'string' ? message : null
}

/** The refusal for a schema's first problem. */
export function refusalOf(
  issue: v.BaseIssue<unknown>,
  defaultCode: number,
  root?: v.GenericSchema,
): SchemaRefusal {
  const path = (issue.path ?? []) as { key: unknown; type: string }[]
  const field = fieldOf(path)
  if (
    root &&
    issue.kind === 'schema' &&
    issue.type === 'object' &&
    issue.input === undefined &&
    path.length
  ) {
    issue = { ...issue, message: missingFieldMessage(root, path) ?? '缺少此项' }
  }
  const mark = issue.message.indexOf(CODE_MARK)
  const errcode = mark > 0 ? Number(issue.message.slice(0, mark)) : defaultCode
  const message = mark > 0 ? issue.message.slice(mark + 1) : issue.message
  return { errcode, errmsg: field ? `${message} (${field})` : message }
}

/** Parses a body with an API's schema: the typed input, or the refusal naming the field. */
export function parseInput<S extends v.GenericSchema>(
  schema: S,
  body: unknown,
  defaultCode: number,
): { ok: true; value: v.InferOutput<S> } | ({ ok: false } & SchemaRefusal) {
  const r = v.safeParse(schema, body, { abortEarly: true, message: defaultMessage })
  if (r.success) return { ok: true, value: r.output }
  return { ok: false, ...refusalOf(r.issues[0], defaultCode, schema) }
}
