// The pre-check's impact report (product spec 6): what moves, what B loses for good, what does not
// migrate, which settings become invalid (one by one) and which A mailboxes have nobody in B.
import type { StoreSettings } from '../ports/settings'
import type { CorpState, MailStore } from '../state'
import { droppedSettings, type DroppedSetting } from './dropped'
import { hasMailbox, planMigration } from './plan'

export const NOT_MIGRATED = [
  { key: 'tags', name: '通讯录标签' },
  { key: 'admin_settings', name: '管理员设置' },
  { key: 'calendar', name: '日历' },
  { key: 'wedrive_wedoc', name: '微盘 / 微文档' },
] as const

const messagesIn = (store: MailStore | undefined) => (store ? Object.keys(store.messages).length : 0)
const storeOf = (corp: CorpState, id: string | null) =>
  id && Object.prototype.hasOwnProperty.call(corp.stores, id) ? corp.stores[id] : undefined

export interface MigrationImpact {
  moves: Record<string, unknown>
  lost: {
    mailboxes: number
    messages: number
    list: { kind: 'member' | 'business' | 'recycle'; email: string; name: string; messages: number }[]
    /** B's own mail edition / seats, replaced by A's */
    edition: { edition: string; seats: number } | null
  }
  not_migrated: { key: string; name: string; detail: string }[]
  invalidated: DroppedSetting[]
  unmatched_mailboxes: { userid: string; name: string; email: string; aliases: string[]; messages: number }[]
  /** whose directory decides after the move */
  authority: { corpid: string; name: string }
}

/** `settings`: A's stores' settings (the settings port's ofCorp), for their receive rules */
export function migrationImpact(
  a: CorpState,
  b: CorpState,
  settings: Readonly<Record<string, StoreSettings>>,
): MigrationImpact {
  const rulesOf = (id: string | null | undefined) =>
    id && Object.prototype.hasOwnProperty.call(settings, id) ? settings[id].shared.rules.length : 0
  const plan = planMigration(a, b)
  const memberMailboxes = plan.owners.map((m) => ({
    userid: m.userid,
    name: m.name,
    email: m.biz_mail,
    aliases: [...m.alias],
    messages: messagesIn(storeOf(a, m.storeId)),
    target_userid: plan.match.matched.get(m.userid) ?? null,
  }))
  const business = Object.values(a.publicmails)
    .sort((x, y) => x.id - y.id)
    .map((mb) => {
      const store = storeOf(a, mb.storeId)
      return {
        id: mb.id,
        email: mb.email,
        name: mb.name,
        aliases: [...mb.alias_list],
        enabled: mb.enabled,
        messages: messagesIn(store),
        receive_rules: store ? rulesOf(store.id) : 0,
      }
    })
  let rules = 0
  let messages = 0
  for (const s of Object.values(a.stores)) {
    rules += rulesOf(s.id)
    messages += messagesIn(s)
  }
  const moves = {
    domain: { ...a.domain },
    edition: { edition: a.edition, seats: a.advancedSeats },
    member_mailboxes: memberMailboxes,
    business_mailboxes: business,
    disabled: business.filter((mb) => !mb.enabled).map(({ id, email, name }) => ({ id, email, name })),
    receive_rules: rules,
    aliases: joined([
      ...plan.owners.map((m) => m.alias),
      ...Object.values(a.publicmails).map((mb) => mb.alias_list),
    ]),
    recycle: Object.values(a.recycle)
      .sort((x, y) => x.id - y.id)
      .map((r) => ({ id: r.id, email: r.email, name: r.name, kind: r.kind })),
    mail_groups: [...a.mailGroups],
    messages,
    target_members: {
      matched: plan.sourceOf.size,
      fresh: plan.fresh.map((f) => ({ ...f, name: b.users[f.userid].name })),
      without_mailbox: plan.withoutMailbox.map((f) => ({ ...f, name: b.users[f.userid].name })),
    },
  }

  type Lost = MigrationImpact['lost']['list'][number]
  const lostEntry = (kind: Lost['kind'], email: string, name: string, storeId: string | null): Lost => ({
    kind,
    email,
    name,
    messages: messagesIn(storeOf(b, storeId)),
  })
  const byId = <T extends { id: number }>(xs: T[]) => xs.sort((x, y) => x.id - y.id)
  const lostList: Lost[] = [
    ...Object.values(b.users)
      .filter((m) => hasMailbox(b, m))
      .map((m) => lostEntry('member', m.biz_mail, m.name, m.storeId)),
    ...byId(Object.values(b.publicmails)).map((mb) => lostEntry('business', mb.email, mb.name, mb.storeId)),
    ...byId(Object.values(b.recycle)).map((r) => lostEntry('recycle', r.email, r.name, r.storeId)),
  ]
  let lostMessages = 0
  for (const s of Object.values(b.stores)) lostMessages += messagesIn(s)
  const bSeats = b.edition === 'basic' ? 0 : b.advancedSeats
  const lost = {
    mailboxes: lostList.length,
    messages: lostMessages,
    list: lostList,
    edition:
      b.edition !== a.edition || bSeats !== (a.edition === 'basic' ? 0 : a.advancedSeats)
        ? { edition: b.edition, seats: bSeats }
        : null,
  }

  const tagCount = Object.keys(a.tags).length
  const details: Record<string, string> = {
    tags: `「${a.name}」的 ${tagCount} 个标签不会迁移；业务邮箱的可用标签将被移除（见失效设置）`,
    admin_settings: `「${a.name}」的管理员设置不会迁移，以「${b.name}」的管理员为准`,
    calendar: '日历不会迁移',
    wedrive_wedoc: '微盘和微文档不会迁移',
  }
  return {
    moves,
    lost,
    not_migrated: NOT_MIGRATED.map((x) => ({ ...x, detail: details[x.key] })),
    invalidated: droppedSettings(a, plan.targetUserid),
    unmatched_mailboxes: plan.match.unmatched.map((u) => {
      const m = a.users[u]
      return {
        userid: m.userid,
        name: m.name,
        email: m.biz_mail,
        aliases: [...m.alias],
        messages: messagesIn(storeOf(a, m.storeId)),
      }
    }),
    authority: { corpid: b.corpid, name: b.name },
  }
}

/** the lists one after another (Array.prototype.flat is missing on the iOS 10 engine) */
function joined(lists: string[][]): string[] {
  const out: string[] = []
  for (const list of lists) for (const x of list) out.push(x)
  return out
}
