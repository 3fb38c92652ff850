// The pre-check's structured impact (exmail/migration/precheck) turned into sentences an admin can
// read: what moves, what is lost for good, what does not migrate, every invalidated setting and the
// mailboxes that go to the target's recycle bin. Unknown shapes degrade to generic lines.
import { EDITION_LABEL } from '../../policy/quota'
import { RECYCLE_DAYS } from '../../policy/recycle'

export interface LostMailbox {
  text: string
  messages: number
}

/** One line of the summary the wizard leads with: a count, then what happens to that many. */
export interface SummaryLine {
  key: 'lost' | 'unmatched' | 'invalidated' | 'moves' | 'members' | 'not_migrated'
  tone: 'danger' | 'warn' | 'info'
  count: number
  /** the count's unit, right after the number */
  unit: string
  text: string
}

export interface ImpactView {
  /** counts first, the gravest first: what is lost, what goes to the recycle bin, what breaks, what moves */
  summary: SummaryLine[]
  moves: string[]
  lost: { mailboxes: number; messages: number; list: LostMailbox[]; edition: string }
  notMigrated: string[]
  invalidated: string[]
  unmatched: string[]
  authority: string
}

type Obj = Record<string, unknown>
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {})
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0)
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '')
const edition = (v: unknown) => EDITION_LABEL[str(v) as keyof typeof EDITION_LABEL] ?? str(v)

/** A line for anything listed: a string as is, an object by its most telling fields. */
export function line(item: unknown): string {
  if (typeof item === 'string' || typeof item === 'number') return String(item)
  const o = obj(item)
  for (const k of ['text', 'detail', 'description', 'label']) if (str(o[k])) return str(o[k])
  const name = str(o.name)
  const email = str(o.email)
  if (name && email) return `${name}（${email}）`
  return name || email || (item ? JSON.stringify(item) : '')
}

function few(items: unknown[], n = 3): string {
  const names = items.slice(0, n).map(line).filter(Boolean)
  if (!names.length) return ''
  return items.length > n ? `：${names.join('、')} 等` : `：${names.join('、')}`
}

function movesLines(raw: unknown, targetName: string): string[] {
  if (Array.isArray(raw)) return raw.map(line)
  const m = obj(raw)
  if (!Object.keys(m).length) return []
  const out: string[] = []
  const domain = obj(m.domain)
  if (str(domain.name)) {
    out.push(`邮箱域名 @${str(domain.name)}（${domain.kind === 'custom' ? '企业自有域名' : '体验域名'}）`)
  }
  const ed = obj(m.edition)
  if (str(ed.edition)) {
    out.push(
      `邮箱版本：${edition(ed.edition)}${ed.edition === 'basic' ? '' : `，高级功能账号 ${num(ed.seats)} 个`}`,
    )
  }
  const members = arr(m.member_mailboxes)
  out.push(`成员邮箱 ${members.length} 个，连同其中全部邮件${few(members)}`)
  const business = arr(m.business_mailboxes)
  out.push(`业务邮箱 ${business.length} 个${few(business, 5)}`)
  const disabled = arr(m.disabled)
  if (disabled.length) out.push(`停用状态：${disabled.length} 个停用的业务邮箱迁移后仍为停用${few(disabled)}`)
  out.push(`收信规则（备份规则）${num(m.receive_rules)} 条`)
  const aliases = arr(m.aliases)
  out.push(`邮箱别名 ${aliases.length} 个${few(aliases)}`)
  const recycle = arr(m.recycle)
  out.push(`回收站中的邮箱 ${recycle.length} 个${few(recycle)}`)
  const groups = arr(m.mail_groups)
  if (groups.length) out.push(`邮件群组 ${groups.length} 个`)
  if (typeof m.messages === 'number') out.push(`邮件共 ${m.messages} 封`)
  const t = obj(m.target_members)
  if (Object.keys(t).length) {
    const fresh = arr(t.fresh)
    const without = arr(t.without_mailbox)
    let s = `「${targetName}」中 ${num(t.matched)} 位成员接手同一账号成员的邮箱`
    if (fresh.length) s += `，${fresh.length} 位成员获得新的空邮箱`
    if (without.length) s += `，${without.length} 位成员暂无个人邮箱（默认地址已被占用${few(without)}）`
    out.push(s)
  }
  return out
}

function summaryLines(i: Obj, targetName: string): SummaryLine[] {
  const lost = obj(i.lost)
  const m = obj(i.moves)
  const out: SummaryLine[] = []
  const lostBoxes = num(lost.mailboxes)
  const lostMessages = num(lost.messages)
  out.push({
    key: 'lost',
    tone: 'danger',
    count: lostBoxes,
    unit: '个邮箱',
    text: lostBoxes
      ? `「${targetName}」现有的邮箱${lostMessages ? `和其中 ${lostMessages} 封邮件` : ''}将被永久删除，无法恢复`
      : `「${targetName}」现在没有邮箱数据，不会删除任何邮箱`,
  })
  const unmatched = arr(i.unmatched_mailboxes).length
  if (unmatched) {
    out.push({
      key: 'unmatched',
      tone: 'danger',
      count: unmatched,
      unit: '个成员邮箱',
      text: `在「${targetName}」中没有对应成员，将进入「${targetName}」的回收站（保留 ${RECYCLE_DAYS} 天，期间可恢复）`,
    })
  }
  const invalidated = arr(i.invalidated).length
  if (invalidated) {
    out.push({
      key: 'invalidated',
      tone: 'warn',
      count: invalidated,
      unit: '项设置',
      text: '按部门或标签定义，迁移后失效并被移除；备份会发到创建者邮箱',
    })
  }
  if (Object.keys(m).length) {
    const members = arr(m.member_mailboxes).length
    const business = arr(m.business_mailboxes).length
    out.push({
      key: 'moves',
      tone: 'info',
      count: members + business,
      unit: '个邮箱',
      text: `迁入「${targetName}」：成员邮箱 ${members} 个、业务邮箱 ${business} 个${typeof m.messages === 'number' ? `，邮件 ${m.messages} 封` : ''}`,
    })
    const t = obj(m.target_members)
    if (Object.keys(t).length) {
      const fresh = arr(t.fresh).length
      out.push({
        key: 'members',
        tone: 'info',
        count: num(t.matched),
        unit: '位成员',
        text: `接手同一账号成员的邮箱${fresh ? `；另有 ${fresh} 位成员获得新的空邮箱` : ''}`,
      })
    }
  }
  const notMigrated = arr(i.not_migrated)
  if (notMigrated.length) {
    out.push({
      key: 'not_migrated',
      tone: 'info',
      count: notMigrated.length,
      unit: '类内容',
      text: `不会迁移：${notMigrated.map((x) => str(obj(x).name) || line(x)).join('、')}`,
    })
  }
  return out
}

export function impactView(raw: unknown, targetName: string): ImpactView | null {
  if (!raw || typeof raw !== 'object') return null
  const i = obj(raw)
  const lost = obj(i.lost)
  const lostEdition = obj(lost.edition)
  const kindLabel: Record<string, string> = {
    member: '成员邮箱',
    business: '业务邮箱',
    recycle: '回收站中的邮箱',
  }
  const authority = obj(i.authority)
  return {
    summary: summaryLines(i, targetName),
    moves: movesLines(i.moves, targetName),
    lost: {
      mailboxes: num(lost.mailboxes),
      messages: num(lost.messages),
      list: arr(lost.list).map((x) => {
        const o = obj(x)
        const kind = kindLabel[str(o.kind)] ?? ''
        return { text: `${kind ? `${kind} ` : ''}${line(x)}`, messages: num(o.messages) }
      }),
      edition: str(lostEdition.edition)
        ? `「${targetName}」原有的${edition(lostEdition.edition)}${lostEdition.edition === 'basic' ? '' : `（高级功能账号 ${num(lostEdition.seats)} 个）`}被替换`
        : '',
    },
    notMigrated: arr(i.not_migrated).map(line),
    invalidated: arr(i.invalidated).map(line),
    unmatched: arr(i.unmatched_mailboxes).map((x) => {
      const o = obj(x)
      const n = num(o.messages)
      return `${line(x)}${n ? `，${n} 封邮件` : ''} → 进入「${targetName}」的回收站（保留 ${RECYCLE_DAYS} 天，可恢复）`
    }),
    authority: str(authority.name) || targetName,
  }
}
