// Who an address is, for showing mail: a colleague by their directory name (and userid, for the
// member card), a business mailbox by its name, anyone else by the name in the header. Lookups run
// here, never in pages: the lists and the read page ask for the addresses they show, the pages only
// read `person()`. Only what the caller may see is ever found (user/search honours visibility).
import { makeAutoObservable, observable, runInAction } from 'mobx'
import type { ApiClient } from '../api/client'
import { bareAddress, domainOf, normalizeAddress, parseMailbox } from '../policy/mailAddress'

export type PersonKind = 'member' | 'mailbox' | 'outside'

export interface Person {
  /** the bare address, as written (never empty for a valid header) */
  address: string
  /** what to show: directory name, mailbox name, header name, else the address */
  name: string
  /** unknown until looked up ('pending'): then treated as an outsider */
  kind: PersonKind | 'pending'
  /** a colleague's userid, for the member card */
  userid?: string
}

interface Known {
  kind: PersonKind
  name: string
  userid?: string
}

/** how many lookups run at once */
const PARALLEL = 4

export class PeopleStore {
  /** resolved addresses (normalised) */
  private known = observable.map<string, Known>()
  /** addresses asked for and not answered yet */
  private asked = new Set<string>()
  private queue: string[] = []
  private running = 0
  /** the corp's business mailboxes by address, and the domains they (and found members) live in */
  private mailboxes: Map<string, string> | null = null
  private mailboxesLoad: Promise<void> | null = null
  private domains = new Set<string>()
  private generation = 0

  constructor(private readonly api: ApiClient) {
    makeAutoObservable<
      PeopleStore,
      'api' | 'asked' | 'queue' | 'running' | 'mailboxes' | 'mailboxesLoad' | 'domains' | 'generation'
    >(
      this,
      {
        api: false,
        asked: false,
        queue: false,
        running: false,
        mailboxes: false,
        mailboxesLoad: false,
        domains: false,
        generation: false,
      },
      { autoBind: true },
    )
  }

  /** How a header address ("张三 <zs@x.com>" or a bare one) is shown now; pure: call resolve() to look it up. */
  person(header: string): Person {
    const parsed = parseMailbox(header)
    const address = parsed?.address ?? bareAddress(header)
    const hit = this.known.get(normalizeAddress(address))
    if (hit?.kind === 'member' || hit?.kind === 'mailbox') return { address, ...hit }
    const name = parsed?.name || address
    return { address, name, kind: hit ? 'outside' : 'pending' }
  }

  /** shown name only */
  name(header: string): string {
    return this.person(header).name
  }

  /** Looks up every address not known yet (once each; a failed lookup is tried again next time). */
  resolve(headers: readonly string[]): void {
    for (const h of headers) {
      const a = normalizeAddress(parseMailbox(h)?.address ?? bareAddress(h))
      if (!a.includes('@') || this.known.has(a) || this.asked.has(a)) continue
      this.asked.add(a)
      this.queue.push(a)
    }
    this.pump()
  }

  private pump(): void {
    while (this.running < PARALLEL && this.queue.length > 0) {
      const a = this.queue.shift() as string
      this.running++
      const gen = this.generation
      const done = () => {
        if (gen !== this.generation) return
        this.running--
        this.pump()
      }
      // then(done, done), not finally(): iOS 10's engine (base library 2.15.0) has no Promise#finally
      void this.lookup(a, gen).then(done, done)
    }
  }

  private async lookup(address: string, gen: number): Promise<void> {
    await this.loadMailboxes()
    if (gen !== this.generation) return
    const box = this.mailboxes?.get(address)
    if (box !== undefined) return this.settle(address, gen, { kind: 'mailbox', name: box })
    // An address outside the corp's domains is nobody in the directory: no request for it.
    if (this.domains.size > 0 && !this.domains.has(domainOf(address))) {
      return this.settle(address, gen, { kind: 'outside', name: '' })
    }
    const r = await this.api.call('user/search', { query: address, limit: 5 })
    if (gen !== this.generation) return
    if (r.errcode !== 0) {
      this.asked.delete(address) // not known: the next list or page asks again
      return
    }
    const m = (r.userlist ?? []).find((u) =>
      [u.biz_mail, ...(u.alias ?? [])].some((x) => x && normalizeAddress(x) === address),
    )
    if (m) this.domains.add(domainOf(address))
    this.settle(
      address,
      gen,
      m ? { kind: 'member', name: m.name, userid: m.userid } : { kind: 'outside', name: '' },
    )
  }

  private settle(address: string, gen: number, k: Known): void {
    runInAction(() => {
      if (gen !== this.generation) return
      this.asked.delete(address)
      this.known.set(address, k)
    })
  }

  private loadMailboxes(): Promise<void> {
    if (this.mailboxes) return Promise.resolve()
    if (!this.mailboxesLoad) {
      const gen = this.generation
      this.mailboxesLoad = this.api.call('mail/publicmail/directory', {}).then((r) => {
        if (gen !== this.generation) return
        if (r.errcode !== 0) {
          this.mailboxesLoad = null // asked again with the next lookup
          return
        }
        this.mailboxes = new Map((r.list ?? []).map((m) => [normalizeAddress(m.email), m.name]))
        for (const m of r.list ?? []) this.domains.add(domainOf(m.email))
      })
    }
    return this.mailboxesLoad
  }

  /** another identity: nothing looked up for the previous one stays */
  clear(): void {
    this.generation++
    this.known.clear()
    this.asked.clear()
    this.queue = []
    this.running = 0
    this.mailboxes = null
    this.mailboxesLoad = null
    this.domains.clear()
  }
}
