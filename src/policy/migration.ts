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

/** Starting needs B's name typed exactly (no trimming, no case folding): it cannot be undone. */
export function checkConfirmName(raw: unknown, targetName: string): Verdict<void> {
  if (typeof raw !== 'string' || raw === '') {
    return refuse(ErrCode.INVALID_PARAM, '请输入目标企业的名称以确认迁移 (confirm_name)')
  }
  if (raw !== targetName) {
    return refuse(
      ErrCode.MIGRATION_CONFIRM_MISMATCH,
      `输入的名称与目标企业名称「${targetName}」不一致，请完整输入后再开始迁移 (confirm_name)`,
    )
  }
  return ok()
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
