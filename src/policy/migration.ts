// The one-time mailbox migration from org A into org B (product spec 6): who may run it, when it is
// refused, how A's mailboxes are matched to B's members, what of a business mailbox's user lists
// survives, and the confirmation. Pure: the backend feeds it facts, the app uses it to explain.
import { ErrCode } from './codes'
import { ok, refuse, type Refusal, type Verdict } from './result'

/** 690011, word for word (product spec 6). */
export const DOMAIN_BOUND_MESSAGE = '该企业已绑定专属域名。请解除后再进行绑定'

export const NOT_CREATOR_MESSAGE = '只有本企业的创建者可以进行邮箱迁移'
/** Unknown corp and another creator's corp read the same: no way to probe which corpids exist. */
export const TARGET_NOT_OWNED_MESSAGE = '目标企业不存在，或与本企业的创建者不是同一人 (target_corpid)'
export const ALREADY_MIGRATED_MESSAGE = '本企业的邮箱已经迁移过，迁移只能进行一次'
export const IN_PROGRESS_MESSAGE = '已有邮箱迁移正在进行，请等待其完成'

export const MAX_CORPID_LENGTH = 64

export interface MigrationParties {
  /** userid of whoever asks, in A */
  caller: string
  /** creator: the creator's userid in A; creatorAccount: the same person across orgs (WeCom account) */
  source: { corpid: string; creator: string; creatorAccount?: string; migrated: boolean }
  /** null when no such corp exists */
  target: {
    corpid: string
    creator: string
    creatorAccount?: string
    domainKind: 'custom' | 'experience'
  } | null
  /** a migration involving A or B is running */
  running: boolean
}

/** A well-formed target corpid other than A's own. */
export function checkTargetCorpid(raw: unknown, source: string): Verdict<string> {
  if (typeof raw !== 'string' || raw.trim() === '') {
    return refuse(ErrCode.INVALID_PARAM, '请指定要迁入的目标企业 (target_corpid)')
  }
  if (raw.length > MAX_CORPID_LENGTH) {
    return refuse(ErrCode.INVALID_PARAM, `目标企业 ID 过长，最多 ${MAX_CORPID_LENGTH} 个字符 (target_corpid)`)
  }
  if (raw === source) return refuse(ErrCode.INVALID_PARAM, '不能迁移到本企业自己 (target_corpid)')
  return ok(raw)
}

/**
 * Two orgs have the same creator iff both name the same non-empty creator account. Userids are
 * corp-local (an unrelated org's creator may well be `admin` too), so they never decide it.
 */
export function sameCreator(a: { creatorAccount?: string }, b: { creatorAccount?: string }): boolean {
  return (
    typeof a.creatorAccount === 'string' &&
    a.creatorAccount !== '' &&
    typeof b.creatorAccount === 'string' &&
    a.creatorAccount === b.creatorAccount
  )
}

/**
 * Every precondition that fails, in the order a person fixes them. When the caller may not know
 * anything about B (not the creator of both), that is the only blocker reported.
 */
export function migrationBlockers(p: MigrationParties): Refusal[] {
  if (p.caller !== p.source.creator) return [refuse(ErrCode.MIGRATION_NOT_CREATOR, NOT_CREATOR_MESSAGE)]
  if (!p.target || !sameCreator(p.source, p.target)) {
    return [refuse(ErrCode.MIGRATION_NOT_CREATOR, TARGET_NOT_OWNED_MESSAGE)]
  }
  const out: Refusal[] = []
  if (p.source.migrated) out.push(refuse(ErrCode.MIGRATION_DONE, ALREADY_MIGRATED_MESSAGE))
  if (p.running) out.push(refuse(ErrCode.MIGRATION_IN_PROGRESS, IN_PROGRESS_MESSAGE))
  if (p.target.domainKind === 'custom') out.push(refuse(ErrCode.MIGRATION_DOMAIN_BOUND, DOMAIN_BOUND_MESSAGE))
  return out
}

/** The first blocker, or ok. */
export function checkMigration(p: MigrationParties): Verdict<void> {
  const blockers = migrationBlockers(p)
  return blockers.length ? blockers[0] : ok()
}

/**
 * The form a typed org name is compared in: full-width ASCII (（集团）, Ａ, １) folded to
 * half-width and every space (half, full-width, non-breaking) removed, so only what a person would
 * call a different name counts. Implemented by hand: String.prototype.normalize is not relied on in
 * the mini-program's oldest engines. `pos[i]` is where character i of the result came from.
 */
export function foldOrgName(raw: string): { text: string; pos: number[] } {
  let text = ''
  const pos: number[] = []
  for (let i = 0; i < raw.length; i++) {
    let c = raw.charCodeAt(i)
    if (/\s/.test(raw[i]) || c === 0x3000 || c === 0xa0 || c === 0x200b || c === 0xfeff) continue
    if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0
    text += String.fromCharCode(c)
    pos.push(i)
  }
  return { text, pos }
}

/** What differs between a typed name and the org's, in words; null when they are the same name. */
export function confirmNameDifference(typed: string, targetName: string): string | null {
  const t = foldOrgName(typed)
  const n = foldOrgName(targetName)
  if (t.text === n.text) return null
  if (t.text === '') return '还没有输入名称'
  if (t.text.toLowerCase() === n.text.toLowerCase()) return `英文字母大小写不同，应为「${targetName.trim()}」`
  // Common head and tail; what is left in the middle of each is the difference.
  let head = 0
  while (head < t.text.length && head < n.text.length && t.text[head] === n.text[head]) head++
  let tail = 0
  while (
    tail < t.text.length - head &&
    tail < n.text.length - head &&
    t.text[t.text.length - 1 - tail] === n.text[n.text.length - 1 - tail]
  ) {
    tail++
  }
  // Both parts as they were written (full-width brackets stay full-width), not in folded form.
  const expected =
    n.text.length - head - tail > 0 ? targetName.slice(n.pos[head], n.pos[n.text.length - tail - 1] + 1) : ''
  const got =
    t.text.length - head - tail > 0 ? typed.slice(t.pos[head], t.pos[t.text.length - tail - 1] + 1) : ''
  if (!got) return head === 0 ? `开头少了「${expected}」` : `少了「${expected}」`
  if (!expected) return `多了「${got}」`
  if (head === 0 && tail === 0) return `与企业名称「${targetName.trim()}」不同`
  return `「${got}」应为「${expected}」`
}

/**
 * Starting needs B's name typed: it cannot be undone. Compared in folded form (width, spaces), so
 * "星河科技(集团) " confirms 星河科技（集团）; anything else is refused saying what differs.
 */
export function checkConfirmName(raw: unknown, targetName: string): Verdict<void> {
  if (typeof raw !== 'string' || foldOrgName(raw).text === '') {
    return refuse(ErrCode.INVALID_PARAM, '请输入目标企业的名称以确认迁移 (confirm_name)')
  }
  const diff = confirmNameDifference(raw, targetName)
  if (diff !== null) {
    return refuse(
      ErrCode.MIGRATION_CONFIRM_MISMATCH,
      `输入的名称与目标企业名称「${targetName}」不一致：${diff} (confirm_name)`,
    )
  }
  return ok()
}

/** The other orgs this org's creator also created (same creator account): the migration's choices. */
export function isCandidateTarget(
  source: { corpid: string; creatorAccount?: string },
  other: { corpid: string; creatorAccount?: string },
): boolean {
  return other.corpid !== source.corpid && sameCreator(source, other)
}

export interface MailboxMatch {
  /** A userid -> B userid (same userid, case-insensitively: userids are unique that way) */
  matched: Map<string, string>
  /** A userids with no member in B: their mailboxes go to B's recycle bin */
  unmatched: string[]
}

/** Which of A's mailbox owners have a member of the same userid in B. */
export function matchMailboxes(
  sourceOwners: Iterable<string>,
  targetUserids: Iterable<string>,
): MailboxMatch {
  const fold = new Map<string, string>()
  for (const u of targetUserids) fold.set(u.toLowerCase(), u)
  const matched = new Map<string, string>()
  const unmatched: string[] = []
  for (const u of sourceOwners) {
    const t = fold.get(u.toLowerCase())
    if (t !== undefined) matched.set(u, t)
    else unmatched.push(u)
  }
  return { matched, unmatched }
}

export interface MovedUsers {
  /** the user list in B: A's userids that are members of B, spelled as in B */
  userid_list: string[]
  /** what is dropped: userids not in B, every department and tag (ids mean other things in B) */
  dropped: { userids: string[]; departments: number[]; tags: number[] }
}

/** A business mailbox's users after the move: only direct members present in B survive. */
export function movedUsers(
  lists: { userid_list: string[]; department_list: number[]; tag_list: number[] },
  targetUserid: (userid: string) => string | undefined,
): MovedUsers {
  const kept: string[] = []
  const userids: string[] = []
  for (const u of lists.userid_list) {
    const t = targetUserid(u)
    if (t === undefined) userids.push(u)
    else if (!kept.includes(t)) kept.push(t)
  }
  return {
    userid_list: kept,
    dropped: { userids, departments: [...lists.department_list], tags: [...lists.tag_list] },
  }
}

export const EXPERIENCE_SUFFIX = 'wecom.work'

/** A brand-new experience domain for A, unlike any domain in use (B takes A's old one). */
export function freshExperienceDomain(corpid: string, taken: (domain: string) => boolean): string {
  const base =
    corpid
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'corp'
  for (let n = 1; ; n++) {
    const name = `${n === 1 ? base : `${base}-${n}`}.${EXPERIENCE_SUFFIX}`
    if (!taken(name)) return name
  }
}
