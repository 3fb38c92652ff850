// A transaction held open across await points of its caller: Db.transaction takes a callback, but
// the core's port opens a transaction (begin), runs a handler, and only then commits or aborts.
import type { Db, Queryable } from '../db'

export interface OpenTransaction {
  tx: Queryable
  /** runs `work` and commits, or (null) rolls back; resolves once the transaction has ended */
  finish(work: ((tx: Queryable) => Promise<void>) | null): Promise<void>
}

const ABORT = Symbol('abort')

export function openTransaction(db: Db): Promise<OpenTransaction> {
  return new Promise((resolveOpen, rejectOpen) => {
    let decide!: (work: ((tx: Queryable) => Promise<void>) | null) => void
    const decided = new Promise<((tx: Queryable) => Promise<void>) | null>((r) => (decide = r))
    let opened = false
    const ended = db.transaction(async (tx) => {
      opened = true
      resolveOpen({
        tx,
        async finish(work) {
          decide(work)
          try {
            await ended
          } catch (e) {
            if (e !== ABORT) throw e
          }
        },
      })
      const work = await decided
      if (!work) throw ABORT
      await work(tx)
    })
    ended.catch((e: unknown) => {
      if (!opened) rejectOpen(e)
    })
  })
}
