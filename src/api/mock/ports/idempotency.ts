// The data-access port of idempotency records. They are written on every keyed create and read
// only by key, so they need not live in the state in memory: the server keeps them in their own
// table (server/store/idempotency.ts); the mini-program keeps them in its state (below). Every
// method runs inside the open call's transaction and is undone with it.
import type { MockEnv } from '../env'
import type { BackendState, IdempotencyRecord } from '../state'

export interface IdempotencyPort {
  /** the record kept under this key in the corp (live or not: idempotency.ts judges) */
  get(corpid: string, key: string): Promise<IdempotencyRecord | undefined>
  put(corpid: string, key: string, record: IdempotencyRecord): Promise<void>
  /** every record of a corp (the migration's hand-over) */
  list(corpid: string): Promise<Array<[string, IdempotencyRecord]>>
  drop(corpid: string, keys: readonly string[]): Promise<void>
  /** drops the records of every corp answered at or before `cutoff` (or of no known time); how many */
  expire(cutoff: number): Promise<number>
}

const has = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k)

/** a record answered after the cutoff (records of an older build carry no time: expired) */
export const answeredAfter = (r: IdempotencyRecord, cutoff: number): boolean =>
  typeof r.time === 'number' && r.time > cutoff

/** The in-memory adapter: the records in each corp's `idempotency` (tracked like any write). */
export function memoryIdempotency(state: () => BackendState): IdempotencyPort {
  const recordsOf = (corpid: string) => {
    const s = state()
    return has(s.corps, corpid) ? s.corps[corpid].idempotency : {}
  }
  // Plain functions answering settled promises: no async wrappers in the mini-program's bundle.
  const done = Promise.resolve()
  return {
    get: (corpid, key) => {
      const records = recordsOf(corpid)
      return Promise.resolve(has(records, key) ? records[key] : undefined)
    },
    put: (corpid, key, record) => {
      if (!has(state().corps, corpid)) return Promise.reject(new Error(`idempotency: no corp ${corpid}`))
      recordsOf(corpid)[key] = record
      return done
    },
    list: (corpid) => Promise.resolve(Object.entries(recordsOf(corpid))),
    drop: (corpid, keys) => {
      const records = recordsOf(corpid)
      for (const k of keys) if (has(records, k)) delete records[k]
      return done
    },
    expire: (cutoff) => {
      let n = 0
      for (const corp of Object.values(state().corps)) {
        for (const [key, record] of Object.entries(corp.idempotency)) {
          if (answeredAfter(record, cutoff)) continue
          delete corp.idempotency[key]
          n++
        }
      }
      return Promise.resolve(n)
    },
  }
}

/** the records port of this environment, or the state's own */
export function idempotencyOf(env: MockEnv, state: BackendState): IdempotencyPort {
  return env.idempotency ?? memoryIdempotency(() => state)
}
