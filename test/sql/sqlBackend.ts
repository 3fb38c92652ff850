// The core's entry point for the contract suite on SQL: createMockBackend as the app has it, but
// with the server's SQL adapter (sqlPort + sqlBlobs) in a fresh PostgreSQL schema per world. A
// world is one `storage` object (reopening it is a restart) or one backend without storage.
import { sqlBlobs } from '../../server/store/blobs'
import { loadState, sqlPort } from '../../server/store/sqlPort'
import type { Db, Queryable } from '../../server/db'
import { migrate } from '../../server/db/migrate'
import type { KeyValueStorage } from '../../src/api/contract'
import * as core from '../../src/api/mock/index'
import type { BackendState } from '../../src/api/mock/state'
import { kvPort } from '../../src/api/mock/persist/kvPort'
import { sharedDb } from './sharedDb'

export * from '../../src/api/mock/index'

type Options = NonNullable<Parameters<typeof core.createMockBackend>[0]>

let worlds = 0
const created: string[] = []
const byStorage = new WeakMap<object, Promise<Db>>()
const pool: { free: string[]; reset: string; inTest: string[] | null; storages: object[] | null } = {
  free: [],
  reset: '',
  inTest: null,
  storages: null,
}
const hooks = globalThis as { __sqlTestStart?: () => void; __sqlTestEnd?: () => Promise<void> }
hooks.__sqlTestStart = () => {
  pool.inTest = []
  pool.storages = []
}
hooks.__sqlTestEnd = async () => {
  const done = pool.inTest ?? []
  for (const s of pool.storages ?? []) byStorage.delete(s)
  pool.inTest = pool.storages = null
  // Background work of the test's backends (a settle it never awaited) must not reach the next one.
  await new Promise((r) => setTimeout(r, 0))
  pool.free.push(...done)
}

/** the database with `schema` first on the search path of every statement */
function scoped(db: Db, schema: string): Db {
  const enter = (tx: Queryable) => tx.exec(`SET LOCAL search_path TO ${schema}`)
  return {
    kind: db.kind,
    query: (sql, params) =>
      db.transaction(async (tx) => {
        await enter(tx)
        return tx.query(sql, params)
      }),
    exec: (sql) =>
      db.transaction(async (tx) => {
        await enter(tx)
        await tx.exec(sql)
      }),
    transaction: (fn) =>
      db.transaction(async (tx) => {
        await enter(tx)
        return fn(tx)
      }),
    close: async () => undefined,
  }
}

/** a new schema, holding what `storage` saved (the suites seed a state by writing it there) */
/** a migrated schema: a free one emptied, else a new one */
async function freshSchema(db: Db): Promise<Db> {
  const free = pool.free.pop()
  if (free) {
    const inWorld = scoped(db, free)
    await inWorld.exec(pool.reset)
    return track(free, inWorld)
  }
  const schema = `w${process.pid}_${++worlds}`
  await db.exec(`CREATE SCHEMA ${schema}`)
  created.push(schema)
  const inWorld = scoped(db, schema)
  await migrate(inWorld)
  if (!pool.reset) {
    const { rows } = await inWorld.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
       WHERE table_schema = $1 AND table_name <> 'schema_migrations'`,
      [schema],
    )
    // what the migrations leave in an empty database (0002_core.sql)
    pool.reset = `${rows.map((r) => `DELETE FROM ${r.name};`).join('\n')}
      INSERT INTO core_clock (id, version) VALUES (1, 0);`
  }
  return track(schema, inWorld)
}

/** a world made inside a test is free again when that test ends (its backends are gone) */
function track(schema: string, inWorld: Db): Db {
  if (pool.inTest) pool.inTest.push(schema)
  return inWorld
}

/** a new world, holding what `storage` saved (the suites seed a state by writing it there) */
async function newWorld(storage?: KeyValueStorage): Promise<Db> {
  const t0 = Date.now()
  const inWorld = await freshSchema(await sharedDb())
  const t1 = Date.now()
  const saved = storage ? await kvPort(storage).open() : null
  if (saved?.state) await sqlPort(inWorld).replace(saved.state)
  if (process.env.SQL_WORLDS) console.error(`world: schema ${t1 - t0} ms, state ${Date.now() - t1} ms`)
  return inWorld
}

// The suites' view of what was persisted (test/node/migration/harness.ts): the world's tables.
;(globalThis as { __bizmailSavedState?: (s: object) => Promise<unknown> }).__bizmailSavedState = async (
  storage,
) => {
  const world = byStorage.get(storage)
  if (!world) throw new Error('no backend was opened on this storage')
  return loadState(await world)
}

/** JSON with sorted keys and without undefined: the same data compares equal */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  )
}

/**
 * After each commit the tables, read back, must hold exactly the backend's state: a write the SQL
 * adapter lost or garbled fails the call that made it (the core undoes it and answers 系统繁忙).
 */
const commitsIn = new WeakMap<Db, number>()

async function matchesTables(db: Db, state: BackendState): Promise<void> {
  // Reading every table back costs a scan per call: a world's first 200 commits are all checked,
  // later ones (bulk suites: 3,000 tags) every 50th, so such a suite stays about as fast as without.
  const n = (commitsIn.get(db) ?? 0) + 1
  commitsIn.set(db, n)
  if (n > 200 && n % 50 !== 0) return
  const mine = canonical(state)
  const stored = canonical(await loadState(db))
  if (stored === mine) return
  let at = 0
  while (at < mine.length && mine[at] === stored[at]) at++
  throw new Error(
    `the tables differ from the state at …${mine.slice(Math.max(0, at - 80), at + 80)}… (stored: …${stored.slice(Math.max(0, at - 80), at + 80)}…)`,
  )
}

/** a port that waits for its world's schema before its first statement */
function lazyPort(world: Promise<Db>): ReturnType<typeof sqlPort> {
  let port: ReturnType<typeof sqlPort> | null = null
  const ready = world.then((db) => (port = sqlPort(db)))
  return {
    get version() {
      return port?.version ?? 0
    },
    get tx() {
      return port?.tx ?? null
    },
    open: async () => (await ready).open(),
    replace: async (state) => (await ready).replace(state),
    begin: async (state) => (await ready).begin(state),
    touch: (path) => port!.touch(path),
    commit: async (state) => {
      const p = await ready
      await p.commit(state)
      await matchesTables(await world, state)
    },
    abort: async () => (await ready).abort(),
    usage: () => port?.usage() ?? { bytes: 0, keys: 0, largest: 0 },
    // the data-access ports are used only inside a call, after begin waited for the real port
    idempotency: {
      get: (corpid, key) => port!.idempotency.get(corpid, key),
      put: (corpid, key, record) => port!.idempotency.put(corpid, key, record),
      list: (corpid) => port!.idempotency.list(corpid),
      drop: (corpid, keys) => port!.idempotency.drop(corpid, keys),
      expire: (cutoff) => port!.idempotency.expire(cutoff),
    },
    clientPasswords: {
      list: (corpid, id) => port!.clientPasswords.list(corpid, id),
      find: (corpid, id, codeId) => port!.clientPasswords.find(corpid, id, codeId),
      candidates: (corpid, id, lookup) => port!.clientPasswords.candidates(corpid, id, lookup),
      add: (corpid, id, code) => port!.clientPasswords.add(corpid, id, code),
      update: (corpid, id, codeId, patch) => port!.clientPasswords.update(corpid, id, codeId, patch),
      remove: (corpid, id, codeId) => port!.clientPasswords.remove(corpid, id, codeId),
      memberCodes: (corpid) => port!.clientPasswords.memberCodes(corpid),
      forget: (corpid, ids) => port!.clientPasswords.forget(corpid, ids),
      handOver: (from, to) => port!.clientPasswords.handOver(from, to),
    },
    settings: {
      shared: (corpid, storeId) => port!.settings.shared(corpid, storeId),
      personal: (corpid, storeId, userid) => port!.settings.personal(corpid, storeId, userid),
      personalIn: (corpid, userid, ids) => port!.settings.personalIn(corpid, userid, ids),
      putShared: (corpid, storeId, v) => port!.settings.putShared(corpid, storeId, v),
      putPersonal: (corpid, storeId, userid, v) => port!.settings.putPersonal(corpid, storeId, userid, v),
      ofCorp: (corpid) => port!.settings.ofCorp(corpid),
      handOver: (from, to, stores) => port!.settings.handOver(from, to, stores),
    },
    wroteOwn: () => port?.wroteOwn() ?? false,
  } as ReturnType<typeof sqlPort>
}

export function createMockBackend(options: Options = {}): core.MockBackend {
  if (options.port) return core.createMockBackend(options)
  let world = options.storage ? byStorage.get(options.storage) : undefined
  if (!world) {
    world = newWorld(options.storage)
    if (options.storage) {
      byStorage.set(options.storage, world)
      pool.storages?.push(options.storage)
    }
  }
  const port = lazyPort(world)
  const blobs =
    options.blobs ??
    (() => {
      let store: ReturnType<typeof sqlBlobs> | null = null
      const ready = world.then((db) => (store = sqlBlobs(db, () => port.tx)))
      return new Proxy({} as ReturnType<typeof sqlBlobs>, {
        get:
          (_, key: keyof ReturnType<typeof sqlBlobs>) =>
          async (...args: unknown[]) =>
            ((store ?? (await ready))[key] as (...a: unknown[]) => unknown)(...args),
      })
    })()
  return core.createMockBackend({ ...options, port, blobs })
}

// test/sql/setup.ts calls it when the process's tests are done: a PostgreSQL shared with other
// suites keeps no leftover schemas.
;(globalThis as { __sqlDropWorlds?: () => Promise<void> }).__sqlDropWorlds = async () => {
  const db = await sharedDb()
  if (db.kind === 'postgres')
    for (const schema of created.splice(0)) await db.exec(`DROP SCHEMA ${schema} CASCADE`)
}
