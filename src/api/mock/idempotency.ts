// Creates carry an idempotency key: the same key and body replays the first result,
// the same key with another body is refused (690015).
import { ErrCode } from '../../policy/codes'
import type { ApiResult } from '../contract'
import { failure } from './registry'
import type { CorpState } from './state'

export type IdempotencyCheck =
  | { kind: 'none' }
  | { kind: 'fresh'; key: string; body: string }
  | { kind: 'replay' | 'conflict'; result: ApiResult }

/** JSON with sorted keys, so field order does not make two equal bodies differ. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
    return `{${entries.join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

export function checkIdempotency(
  corp: CorpState,
  api: string,
  userid: string,
  body: Record<string, unknown>,
): IdempotencyCheck {
  const raw = body.idempotency_key
  if (raw === undefined || raw === null || raw === '') return { kind: 'none' }
  if (typeof raw !== 'string' || raw.length > 128) {
    return { kind: 'conflict', result: failure(ErrCode.INVALID_PARAM, '幂等键格式不正确 (idempotency_key)') }
  }
  // Keys are scoped per caller and api: two members can't collide by choosing the same key.
  const key = `${userid}\u0000${api}\u0000${raw}`
  const rest: Record<string, unknown> = { ...body }
  delete rest.idempotency_key
  const canon = canonicalJson(rest)
  const seen = corp.idempotency[key]
  if (!seen) return { kind: 'fresh', key, body: canon }
  if (seen.body !== canon) {
    return {
      kind: 'conflict',
      result: failure(ErrCode.IDEMPOTENCY_MISMATCH, '该幂等键已用于另一个不同的请求 (idempotency_key)'),
    }
  }
  return { kind: 'replay', result: { ...(seen.result as ApiResult) } }
}

export function rememberIdempotent(
  corp: CorpState,
  check: { key: string; body: string },
  result: ApiResult,
): void {
  // A secret shown once (a client password) is never kept: a replay answers without it.
  const kept: Record<string, unknown> = { ...result }
  delete kept.auth_code
  corp.idempotency[check.key] = { body: check.body, result: kept }
}
