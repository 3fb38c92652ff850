// The search store: debounced while typing, only the newest query's answer shown, paged, errors
// with a retry — against the real mock backend (demo data), answers held back to order them.
import type { ApiClient } from '../api/client'
import { harness } from '../../test/node/stores/harness'
import { SEARCH_DEBOUNCE_MS, SearchStore } from './search'

/** an api whose answers wait until the test lets each one through */
function gated(real: ApiClient) {
  const pending: { body: Record<string, unknown>; release: () => Promise<void> }[] = []
  const api = {
    call: (name: string, body: Record<string, unknown>) =>
      new Promise((resolve) => {
        pending.push({ body, release: () => real.call(name as never, body as never).then(resolve) })
      }),
  } as unknown as ApiClient
  return { api, pending }
}

/** a clock for the debounce: timers fire when the test advances it */
function manualTimers() {
  let now = 0
  const timers: { at: number; fn: () => void; live: boolean }[] = []
  return {
    schedule: (fn: () => void, ms: number) => {
      const t = { at: now + ms, fn, live: true }
      timers.push(t)
      return () => void (t.live = false)
    },
    advance(ms: number) {
      now += ms
      for (const t of timers.splice(0)) {
        if (!t.live) continue
        if (t.at <= now) t.fn()
        else timers.push(t)
      }
    },
  }
}

function setup() {
  const h = harness()
  const g = gated(h.api)
  const clock = manualTimers()
  const failures: number[] = []
  const store = new SearchStore({
    api: g.api,
    schedule: clock.schedule,
    onFailure: (f) => void failures.push(f.errcode),
  })
  store.open('personal')
  return { ...h, ...g, clock, store, failures }
}

const subjects = (s: SearchStore) => s.items.map((i) => i.subject)
const settle = () => new Promise((r) => setTimeout(r, 0))

describe('SearchStore', () => {
  it('sends one query once typing pauses for the debounce, not one per keystroke', async () => {
    const { store, pending, clock } = setup()
    store.setQuery('例')
    clock.advance(SEARCH_DEBOUNCE_MS - 50)
    store.setQuery('例会')
    clock.advance(SEARCH_DEBOUNCE_MS - 1)
    expect(pending).toHaveLength(0)
    clock.advance(1)
    expect(pending.map((p) => p.body.query)).toEqual(['例会'])
    expect(store.state).toBe('loading')
    await pending[0].release()
    await settle()
    expect(store.state).toBe('ready')
    expect(subjects(store)).toContain('本周销售例会安排')
    expect(store.terms).toEqual(['例会'])
  })

  it('drops a slower answer to an older query: the newest query wins whatever the order of arrival', async () => {
    const { store, pending, clock } = setup()
    store.setQuery('例会')
    clock.advance(SEARCH_DEBOUNCE_MS)
    store.setQuery('不会出现的词')
    clock.advance(SEARCH_DEBOUNCE_MS)
    expect(pending.map((p) => p.body.query)).toEqual(['例会', '不会出现的词'])
    await pending[1].release() // the newer one answers first: nothing found
    await settle()
    expect([store.state, store.items, store.answered]).toEqual(['ready', [], '不会出现的词'])
    await pending[0].release() // the older one arrives late: ignored
    await settle()
    expect([store.items, store.answered]).toEqual([[], '不会出现的词'])
  })

  it('clearing the field shows nothing at once and ignores the answer still on its way', async () => {
    const { store, pending, clock } = setup()
    store.setQuery('例会')
    clock.advance(SEARCH_DEBOUNCE_MS)
    store.setQuery('  ')
    expect(store.state).toBe('idle')
    clock.advance(SEARCH_DEBOUNCE_MS)
    expect(pending).toHaveLength(1) // a blank field sends nothing
    await pending[0].release()
    await settle()
    expect([store.state, store.items]).toEqual(['idle', []])
  })

  it('pages on with the cursor; a page for a query no longer shown is dropped', async () => {
    const h = setup()
    const { store, pending, clock, backend } = h
    for (let i = 1; i <= 25; i++) {
      await backend.deliver('wwdemo', 'zhangsan@xinghe.com', {
        from: 'c@example.com',
        subject: `对账单 ${i}`,
        content: '请核对',
      })
    }
    store.setQuery('对账单')
    clock.advance(SEARCH_DEBOUNCE_MS)
    await pending[0].release()
    await settle()
    expect(store.items).toHaveLength(20)
    expect(store.hasMore).toBe(true)
    const more = store.loadMore()
    expect(store.loadingMore).toBe(true)
    await pending[1].release()
    await more
    expect(store.items).toHaveLength(25)
    expect(new Set(store.items.map((i) => i.mail_id)).size).toBe(25)
    expect(store.hasMore).toBe(false)
    // a next page asked for, then a new query typed: the late page must not join the new list
    store.setQuery('对账')
    const running = store.run() // the search key: no wait for the debounce
    expect(pending).toHaveLength(3)
    await pending[2].release()
    await running
    expect(store.hasMore).toBe(true)
    const late = store.loadMore()
    store.setQuery('请核对')
    const newer = store.run()
    await pending[3].release()
    await late
    // while 请核对 is on its way the old answer stays on screen, not extended, and does not page on
    expect([store.answered, store.items.length, store.loadingMore]).toEqual(['对账', 20, false])
    await store.loadMore()
    expect(pending).toHaveLength(5)
    await pending[4].release()
    await newer
    expect([store.answered, store.items.length]).toEqual(['请核对', 20])
  })

  it('a refusal shows the error with a retry, and tells the app (lost access)', async () => {
    const h = harness()
    const failures: number[] = []
    const store = new SearchStore({
      api: h.api,
      schedule: (fn) => (fn(), () => undefined),
      onFailure: (f) => void failures.push(f.errcode),
    })
    store.open('999')
    store.setQuery('例会')
    await settle()
    await settle()
    expect(store.state).toBe('error')
    expect(store.error).toBe('业务邮箱不存在')
    expect(failures).toEqual([680035])
    store.open('personal')
    store.setQuery('例会')
    await store.run()
    expect([store.state, store.error]).toEqual(['ready', ''])
    expect(store.items.length).toBeGreaterThan(0)
  })

  it('another mailbox starts empty', async () => {
    const h = harness()
    const store = new SearchStore({ api: h.api })
    store.open('personal')
    store.setQuery('例会')
    await store.run()
    expect(store.items.length).toBeGreaterThan(0)
    store.open('personal')
    expect(store.query).toBe('例会') // the same mailbox keeps what was found
    store.open('1')
    expect([store.query, store.items, store.state]).toEqual(['', [], 'idle'])
  })
})
