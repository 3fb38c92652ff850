// Saving and loading the whole state through KeyValueStorage, with corruption detection.
import type { KeyValueStorage } from '../contract'
import { SCHEMA_VERSION, type BackendState } from './state'

export const STATE_KEY = 'bizmail.mock.state'

/** FNV-1a over UTF-16 code units: cheap and enough to notice truncation or tampering. */
export function checksum(text: string): string {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return (h >>> 0).toString(16).padStart(8, '0')
}

export function serialize(state: BackendState): string {
  const body = JSON.stringify(state)
  return JSON.stringify({ schema: SCHEMA_VERSION, checksum: checksum(body), body })
}

export type LoadOutcome =
  { kind: 'empty' } | { kind: 'loaded'; state: BackendState } | { kind: 'rejected'; reason: string }

export function parseSaved(raw: string | undefined): LoadOutcome {
  if (raw === undefined || raw === null || raw === '') return { kind: 'empty' }
  let envelope: unknown
  try {
    envelope = JSON.parse(raw)
  } catch {
    return { kind: 'rejected', reason: '保存的数据已损坏（无法解析）' }
  }
  if (!isRecord(envelope) || typeof envelope.body !== 'string') {
    return { kind: 'rejected', reason: '保存的数据格式不正确' }
  }
  if (envelope.schema !== SCHEMA_VERSION) {
    return { kind: 'rejected', reason: `保存的数据版本不兼容（${String(envelope.schema)}）` }
  }
  if (envelope.checksum !== checksum(envelope.body)) {
    return { kind: 'rejected', reason: '保存的数据校验失败（可能被截断或篡改）' }
  }
  let state: unknown
  try {
    state = JSON.parse(envelope.body)
  } catch {
    return { kind: 'rejected', reason: '保存的数据已损坏（无法解析）' }
  }
  if (!isRecord(state) || state.schema !== SCHEMA_VERSION || !isRecord(state.corps)) {
    return { kind: 'rejected', reason: '保存的数据结构不正确' }
  }
  return { kind: 'loaded', state: state as unknown as BackendState }
}

export async function readSaved(storage: KeyValueStorage): Promise<LoadOutcome> {
  try {
    return parseSaved(await storage.get(STATE_KEY))
  } catch {
    return { kind: 'rejected', reason: '无法读取本地存储' }
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
