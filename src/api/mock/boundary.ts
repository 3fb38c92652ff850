// What a request body may be at all, checked before any handler sees it: plain JSON values, shallow
// enough for recursive code (canonical JSON, error formatting), and bounded in size. An iterative
// walk, so a hostile body cannot overflow the stack while being checked.
import { ErrCode } from '../../policy/codes'
import type { ApiResult } from '../contract'
import { failure } from './registry'

/** deepest nesting a body may have (receive rules, the deepest legal body, need 6) */
export const MAX_DEPTH = 16
/** most values (objects, arrays, leaves) in one body */
export const MAX_NODES = 200_000
/** characters of strings and keys in one body, unless the api allows more */
export const DEFAULT_MAX_CHARS = 1_000_000

function fieldName(path: (string | number)[]): string {
  let out = ''
  for (const p of path.slice(0, 6)) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p
  return path.length > 6 ? `${out}…` : out || 'body'
}

/** null when the body is acceptable, else the 40058 answer naming the field */
export function boundaryProblem(body: unknown, maxChars = DEFAULT_MAX_CHARS): ApiResult | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return failure(ErrCode.INVALID_PARAM, '请求体必须是 JSON 对象 (body)')
  }
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: body, path: [] }]
  let nodes = 0
  let chars = 0
  while (stack.length) {
    const { value, path } = stack.pop() as { value: unknown; path: (string | number)[] }
    if (++nodes > MAX_NODES) return failure(ErrCode.INVALID_PARAM, '请求内容过多 (body)')
    switch (typeof value) {
      case 'string':
        chars += value.length
        if (chars > maxChars) return failure(ErrCode.INVALID_PARAM, `请求内容过大 (${fieldName(path)})`)
        continue
      case 'boolean':
        continue
      case 'number':
        if (!Number.isFinite(value)) return failure(ErrCode.INVALID_PARAM, `数值无效 (${fieldName(path)})`)
        continue
      case 'object':
        break
      default:
        // bigint, function, symbol, undefined: not JSON
        return failure(ErrCode.INVALID_PARAM, `参数类型不正确 (${fieldName(path)})`)
    }
    if (value === null) continue
    if (path.length >= MAX_DEPTH)
      return failure(ErrCode.INVALID_PARAM, `参数嵌套层级过深 (${fieldName(path)})`)
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: [...path, i] })
      continue
    }
    // Dates, Maps, typed arrays … are not JSON (checked by tag: bodies may come from another realm)
    if (Object.prototype.toString.call(value) !== '[object Object]') {
      return failure(ErrCode.INVALID_PARAM, `参数类型不正确 (${fieldName(path)})`)
    }
    for (const k of Object.keys(value as object)) {
      chars += k.length
      stack.push({ value: (value as Record<string, unknown>)[k], path: [...path, k] })
    }
  }
  return null
}
