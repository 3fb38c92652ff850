// Creates carry an idempotency key: the same key and body replays the first result,
// the same key with another body is refused (690015). A record keeps a digest of the body and the
// (small) result only, and expires after a day, so retries cannot grow the saved state. Where the
// records are kept is the idempotency port's business (ports/idempotency.ts).
import { ErrCode } from '../../policy/codes'
import { sha256Hex } from '../../policy/sha256'
import type { ApiResult } from '../contract'
import { answeredAfter, type IdempotencyPort } from './ports/idempotency'
import { failure } from './registry'
import type { IdempotencyRecord } from './state'

/** a retry comes within seconds or minutes; a day covers an app left in the background */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000
/** results larger than this are not kept (a replay could not be answered from a digest anyway) */
const MAX_RESULT_CHARS = 4096

export type IdempotencyCheck =
  | { kind: 'none' }
  | { kind: 'fresh'; key: string; digest: string }
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

// Records of an older build (no time, a body instead of a digest) count as expired.
const live = (r: IdempotencyRecord | undefined, now: number): r is IdempotencyRecord =>
  !!r && answeredAfter(r, now - IDEMPOTENCY_TTL_MS)

export async function checkIdempotency(
  records: IdempotencyPort,
  corpid: string,
  api: string,
  userid: string,
  body: Record<string, unknown>,
  now: number,
): Promise<IdempotencyCheck> {
  const raw = body.idempotency_key
  if (raw === undefined || raw === null || raw === '') return { kind: 'none' }
  if (typeof raw !== 'string' || raw.length > 128) {
    return { kind: 'conflict', result: failure(ErrCode.INVALID_PARAM, '幂等键格式不正确 (idempotency_key)') }
  }
  // Keys are scoped per caller and api: two members can't collide by choosing the same key.
  const key = `${userid}\u0000${api}\u0000${raw}`
  const rest: Record<string, unknown> = { ...body }
  delete rest.idempotency_key
  const digest = sha256Hex(canonicalJson(rest))
  const seen = await records.get(corpid, key)
  if (!live(seen, now)) return { kind: 'fresh', key, digest }
  if (seen.digest !== digest) {
    return {
      kind: 'conflict',
      result: failure(ErrCode.IDEMPOTENCY_MISMATCH, '该幂等键已用于另一个不同的请求 (idempotency_key)'),
    }
  }
  return { kind: 'replay', result: { ...(seen.result as ApiResult) } }
}

export function rememberIdempotent(
  records: IdempotencyPort,
  corpid: string,
  check: { key: string; digest: string },
  result: ApiResult,
  now: number,
): Promise<void> {
  // A secret shown once (a client password) is never kept: a replay answers without it.
  const kept: Record<string, unknown> = { ...result }
  delete kept.auth_code
  if (JSON.stringify(kept).length > MAX_RESULT_CHARS) return Promise.resolve()
  return records.put(corpid, check.key, { digest: check.digest, result: kept, time: now })
}

/** Drops expired records of every corp; returns how many. */
export function expireIdempotency(records: IdempotencyPort, now: number): Promise<number> {
  return records.expire(now - IDEMPOTENCY_TTL_MS)
}
