// The search index answers exactly what a scan of every message answers, whatever happened to the
// mailbox before: deliveries, sends (own copy and internal delivery), moves, purges, calls undone
// by a failed save, a reload from storage.
import fc from 'fast-check'
import { searchTerms } from '../../../policy/mailSearch'
import { buildState, directCaller, mapStorage, testEnv } from '../../../../test/kit/mail'
import { scanSearch } from '../../../../test/kit/mailSearch'
import { createMockBackend } from '..'
import { deliverMail } from '../handlers/deliver'
import { STATE_KEY, serialize } from '../persistence'
import type { MailStore } from '../state'
import { searchIndexOf, searchStore } from './mailSearchIndex'

const ALPHABET = ['报', '价', '单', '含', '税', 'a', 'A', 'b', 'B', 'é', 'É', 'İ', '1', '@', '.', ' ', '\n']
const FROMS = ['client@ext.com', '报价单 <Quote@Ext.com>', 'Ab <ab.b@c.com>']
const FOLDERS = ['inbox', 'trash', 'spam', 'sent']

const text = (max: number) =>
  fc.array(fc.constantFrom(...ALPHABET), { maxLength: max }).map((cs) => cs.join(''))

type Op =
  | { kind: 'deliver'; from: number; subject: string; content: string; cc: boolean }
  | { kind: 'send'; subject: string; content: string; toSelf: boolean }
  | { kind: 'move'; pick: number; folder: string }
  | { kind: 'purge'; pick: number }
  | { kind: 'tick' }
  | { kind: 'search'; query: string; pick: number; folder: string | null; limit: number }

const w = (weight: number, fields: Record<string, fc.Arbitrary<any>>) => ({
  weight,
  arbitrary: fc.record(fields),
})
const op = fc.oneof(
  w(4, {
    kind: fc.constant('deliver' as const),
    from: fc.nat(FROMS.length - 1),
    subject: text(10),
    content: text(40),
    cc: fc.boolean(),
  }),
  w(2, {
    kind: fc.constant('send' as const),
    subject: text(10),
    content: text(30),
    toSelf: fc.boolean(),
  }),
  w(2, { kind: fc.constant('move' as const), pick: fc.nat(), folder: fc.constantFrom(...FOLDERS) }),
  w(1, { kind: fc.constant('purge' as const), pick: fc.nat() }),
  w(1, { kind: fc.constant('tick' as const) }),
  w(4, {
    kind: fc.constant('search' as const),
    // '' = a piece of a stored message's text (so searches find something)
    query: fc.oneof(fc.constant(''), text(4)),
    pick: fc.nat(),
    folder: fc.constantFrom(null, 'inbox', 'trash', 'sent'),
    limit: fc.integer({ min: 1, max: 7 }),
  }),
)

type Call = (
  userid: string,
  api: string,
  body?: Record<string, unknown>,
) => Promise<{ errcode: number } & Record<string, unknown>>

/** every page of the handler's answer, joined */
async function searchAll(call: Call, query: string, folder: string | null, limit: number): Promise<string[]> {
  const ids: string[] = []
  let cursor = ''
  for (let pages = 0; pages < 1000; pages++) {
    const r = await call('alice', 'mail/message/search', {
      mailbox: 1,
      query,
      limit,
      ...(folder ? { folder } : {}),
      ...(cursor ? { cursor } : {}),
    })
    if (r.errcode !== 0) throw new Error(`search ${JSON.stringify(query)}: ${r.errcode} ${String(r.errmsg)}`)
    ids.push(...(r.items as { mail_id: string }[]).map((i) => i.mail_id))
    cursor = r.next_cursor as string
    if (!cursor) return ids
  }
  throw new Error('paging never ended')
}

function expected(store: MailStore, query: string, folder: string | null): string[] {
  const inFolder = folder ? (f: string) => f === folder : (f: string) => f !== 'trash' && f !== 'spam'
  return scanSearch(store, searchTerms(query), inFolder).map((m) => m.mail_id)
}

/** a query made of a piece of some stored message's text */
function pieceOf(store: MailStore, pick: number): string {
  const all = Object.values(store.messages)
  if (!all.length) return '报价'
  const m = all[pick % all.length]
  const source = [m.subject, m.content, m.from][pick % 3]
  const start = pick % Math.max(1, source.length)
  return source.slice(start, start + 1 + (pick % 4)) || '报'
}

describe('search index', () => {
  test('answers what a full scan answers after any mix of deliveries, sends, moves and purges', async () => {
    let searches = 0
    let hits = 0
    let multiPage = 0
    await fc.assert(
      fc.asyncProperty(
        fc.array(op as fc.Arbitrary<Op>, { minLength: 1, maxLength: 60, size: 'max' }),
        async (ops) => {
          const { state, corp } = buildState()
          let t = Date.UTC(2024, 4, 6)
          const env = testEnv(() => t)
          const call = directCaller(state, env) as Call
          const store = corp.stores[corp.publicmails[1].storeId]
          let key = 0
          const ids = () => Object.keys(store.messages)
          for (const o of ops) {
            if (o.kind === 'tick') t += 60_000
            if (o.kind === 'deliver') {
              const r = await deliverMail(state, env, 'c1', 'sales@c.com', {
                from: FROMS[o.from],
                subject: o.subject,
                content: o.content,
                ...(o.cc ? { to: ['sales@c.com'], cc: ['Finance@c.com'] } : {}),
              })
              expect(r.errcode).toBe(0)
            }
            if (o.kind === 'send') {
              const r = await call('alice', 'mail/message/send', {
                mailbox: 1,
                from: 'sales@c.com',
                to: [o.toSelf ? 'xiaoshou@c.com' : 'Buyer@Ext.com'],
                subject: o.subject,
                content: o.content,
                idempotency_key: `k${key++}`,
              })
              expect(r.errcode).toBe(0)
            }
            if (o.kind === 'move' && ids().length) {
              const id = ids()[o.pick % ids().length]
              const r = await call('alice', 'mail/message/update', {
                mailbox: 1,
                mail_id: id,
                folder: o.folder,
              })
              expect(r.errcode).toBe(0)
            }
            // 彻底删除: the message leaves the store for good
            if (o.kind === 'purge' && ids().length) delete store.messages[ids()[o.pick % ids().length]]
            if (o.kind === 'search') {
              const query = o.query.trim() ? o.query : pieceOf(store, o.pick)
              if (!query.trim()) continue
              const want = expected(store, query, o.folder)
              expect([query, await searchAll(call, query, o.folder, o.limit)]).toEqual([query, want])
              searches++
              if (want.length) hits++
              if (want.length > o.limit) multiPage++
            }
          }
          // and at the end, every single character and a few pieces
          for (const c of ALPHABET.filter((x) => x.trim())) {
            expect([c, await searchAll(call, c, null, 5)]).toEqual([c, expected(store, c, null)])
          }
        },
      ),
      { numRuns: 200 },
    )
    // the runs really exercised the index: many searches, most finding something, many paged
    expect(searches).toBeGreaterThan(1000)
    expect(hits).toBeGreaterThan(500)
    expect(multiPage).toBeGreaterThan(100)
  })

  test('a call undone by a failed save leaves the index true; a reload rebuilds it from the saved state', async () => {
    const { state } = buildState()
    const storage = mapStorage()
    storage.set(STATE_KEY, serialize(state))
    const quiet = jest.spyOn(console, 'error').mockImplementation(() => {}) // the undone save is logged
    let failWrites = false
    const flaky = {
      ...storage,
      set: (k: string, v: string) => {
        if (failWrites) throw new Error('disk full')
        storage.set(k, v)
      },
    }
    let t = Date.UTC(2024, 4, 6)
    const backend = createMockBackend({ storage: flaky, now: () => (t += 1000) })
    const alice = (api: string, body: Record<string, unknown>) =>
      backend.call(api, body, { corpid: 'c1', userid: 'alice' })
    const subjects = async (query: string) =>
      ((await alice('mail/message/search', { mailbox: 1, query })).items as { subject: string }[]).map(
        (i) => i.subject,
      )
    const send = (subject: string, key: string) =>
      alice('mail/message/send', {
        mailbox: 1,
        from: 'sales@c.com',
        to: ['buyer@ext.com'],
        subject,
        content: '',
        idempotency_key: key,
      })
    expect((await send('报价 一', 'a')).errcode).toBe(0)
    expect(await subjects('报价')).toEqual(['报价 一'])
    // this send is undone: its sequence number is handed out again to the next one
    failWrites = true
    expect((await send('报价 作废', 'b')).errcode).not.toBe(0)
    failWrites = false
    expect(await subjects('报价')).toEqual(['报价 一'])
    expect((await send('订单 二', 'c')).errcode).toBe(0)
    expect(await subjects('作废')).toEqual([])
    expect(await subjects('订单')).toEqual(['订单 二'])
    await backend.settle()

    const reloaded = createMockBackend({ storage, now: () => (t += 1000) })
    const r = await reloaded.call(
      'mail/message/search',
      { mailbox: 1, query: '二' },
      { corpid: 'c1', userid: 'alice' },
    )
    expect((r.items as { subject: string }[]).map((i) => i.subject)).toEqual(['订单 二'])
    expect(quiet).toHaveBeenCalledTimes(1)
    quiet.mockRestore()
  })

  test('new mail is indexed incrementally, not by rebuilding', async () => {
    const { state, corp } = buildState()
    const env = testEnv(() => 0)
    const store = corp.stores[corp.publicmails[1].storeId]
    await deliverMail(state, env, 'c1', 'sales@c.com', { from: 'a@ext.com', subject: '一', content: '' })
    const idx = searchIndexOf(store)
    await deliverMail(state, env, 'c1', 'sales@c.com', { from: 'a@ext.com', subject: '二', content: '' })
    expect(searchIndexOf(store)).toBe(idx)
    expect(idx.docs.map((m) => m.subject)).toEqual(['一', '二'])
  })

  test('newer candidates that only hold the pairs (报价 … 价单) do not hide older real matches', async () => {
    const { state, corp } = buildState()
    let t = 0
    const env = testEnv(() => (t += 1000))
    const store = corp.stores[corp.publicmails[1].storeId]
    const mail = (subject: string) =>
      deliverMail(state, env, 'c1', 'sales@c.com', { from: 'a@ext.com', subject, content: '' })
    for (let i = 1; i <= 3; i++) await mail(`报价单 ${i}`)
    for (let i = 1; i <= 12; i++) await mail(`报价 价单 ${i}`)
    const any = () => true
    const page = searchStore(store, ['报价单'], any, null, 2)
    expect([page.messages.map((m) => m.subject), page.more]).toEqual([['报价单 3', '报价单 2'], true])
    const all = searchStore(store, ['报价单'], any, null, 5)
    expect([all.messages.map((m) => m.subject), all.more]).toEqual([
      ['报价单 3', '报价单 2', '报价单 1'],
      false,
    ])
  })
})
