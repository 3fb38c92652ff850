// Running a migration as background work (env.schedule; settle() drives it to the end). Progress is
// recorded step by step in A's migration record; the only step that changes mailbox data is
// `switch`, which replaces A and B in one go. Any persisted state is therefore either "before" or
// "after", never half-moved, and a backend re-created from it resumes with the next step.
import { ErrCode } from '../../../policy/codes'
import { freshExperienceDomain, migrationBlockers } from '../../../policy/migration'
import { withinQuota } from '../../../policy/quota'
import type { MockEnv } from '../env'
import { runningMigrationFor } from '../lock'
import { bumpMailIndex } from '../mail/mailboxIndex'
import { invalidateOrg } from '../orgIndex'
import { clientPasswordsOf } from '../ports/clientPasswords'
import { idempotencyOf, type IdempotencyPort } from '../ports/idempotency'
import { settingsOf } from '../ports/settings'
import { sourceFacts, targetFacts } from './parties'
import { quotaFacts } from '../publicmail/facts'
import { reconcileAccess } from '../handlers/reconcile'
import type { BackendState, CorpState, MigrationState } from '../state'
import { recordFate, transfer } from './transfer'

export const MIGRATION_STEPS = [
  { name: 'lock', label: '锁定两个企业的邮件管理' },
  { name: 'check', label: '再次核对迁移条件' },
  { name: 'plan', label: '核对成员邮箱、业务邮箱与地址' },
  { name: 'switch', label: '切换邮箱数据并备份失效的设置' },
  { name: 'finish', label: '完成迁移，解除锁定' },
] as const

export type StepName = (typeof MIGRATION_STEPS)[number]['name']

const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k)

export function stepLabel(name: string): string {
  return MIGRATION_STEPS.find((s) => s.name === name)?.label ?? name
}

/** Records the migration on A (the lock takes effect at once) and queues the work. */
export function beginMigration(
  state: BackendState,
  env: MockEnv,
  source: CorpState,
  target: CorpState,
): MigrationState {
  const now = env.now()
  const migration: MigrationState = {
    migration_id: `mig_${source.corpid}_${now.toString(36)}`,
    source: source.corpid,
    target: target.corpid,
    state: 'running',
    steps: MIGRATION_STEPS.map((s) => ({ name: s.name, done: s.name === 'lock' })),
    started: now,
  }
  source.migration = migration
  scheduleMigration(state, env, source.corpid)
  return migration
}

/** One step per task, each queuing the next: settle() runs them all. */
export function scheduleMigration(state: BackendState, env: MockEnv, sourceCorpid: string): void {
  env.schedule(async () => {
    try {
      if (await runNextStep(state, env, sourceCorpid)) scheduleMigration(state, env, sourceCorpid)
    } catch (e) {
      // The step's task is undone whole: the orgs stay consistently locked rather than half-moved.
      console.error('[mock backend] migration step failed', sourceCorpid, e)
      throw e
    }
  })
}

/** After loading a persisted state: pick up every migration that was running. */
export function resumeMigrations(state: BackendState, env: MockEnv): number {
  let n = 0
  for (const corp of Object.values(state.corps)) {
    if (corp.migration?.state === 'running') {
      scheduleMigration(state, env, corp.corpid)
      n++
    }
  }
  return n
}

function corpOf(state: BackendState, corpid: string): CorpState | undefined {
  return has(state.corps, corpid) ? state.corps[corpid] : undefined
}

/** Ends the migration without moving anything (a precondition broke meanwhile). */
function abort(m: MigrationState, now: number, errcode: number, errmsg: string): false {
  m.state = 'done'
  m.finished = now
  m.error = { errcode, errmsg }
  return false
}

/** Runs the first unfinished step of A's running migration; true while steps remain. */
export async function runNextStep(state: BackendState, env: MockEnv, sourceCorpid: string): Promise<boolean> {
  const source = corpOf(state, sourceCorpid)
  const m = source?.migration
  if (!source || !m || m.state !== 'running') return false
  const step = m.steps.find((s) => !s.done)
  const now = env.now()
  const target = corpOf(state, m.target)
  if (!target) return abort(m, now, ErrCode.MIGRATION_NOT_CREATOR, '目标企业已不存在，迁移未做任何改动')
  if (!step) {
    m.state = 'done'
    m.finished = now
    return false
  }
  switch (step.name as StepName) {
    case 'lock':
      break
    case 'check': {
      // The lock forbids a second run; everything else is asked again.
      const blockers = migrationBlockers({
        caller: source.creator,
        source: sourceFacts(source),
        target: targetFacts(target),
        running: false,
      })
      if (blockers.length)
        return abort(m, now, blockers[0].errcode, `${blockers[0].errmsg}（迁移未做任何改动）`)
      break
    }
    case 'plan': {
      const problem = planProblem(state, source, target, m, now)
      if (problem) return abort(m, now, ErrCode.BUSY, `迁移方案校验失败：${problem}（迁移未做任何改动）`)
      break
    }
    case 'switch':
      await switchOver(state, env, source, target, m, now)
      return true
    case 'finish':
      m.state = 'done'
      m.finished = now
      break
  }
  step.done = true
  return m.state === 'running'
}

function afterSwitchRecord(m: MigrationState): MigrationState {
  const next: MigrationState = JSON.parse(JSON.stringify(m)) as MigrationState
  for (const s of next.steps) if (s.name === 'switch') s.done = true
  return next
}

function newDomainFor(state: BackendState, source: CorpState): string {
  const used = new Set(Object.values(state.corps).map((c) => c.domain.name.toLowerCase()))
  return freshExperienceDomain(source.corpid, (d) => used.has(d))
}

/** A dry run of the switch on copies: what it would produce must be sound before anything moves. */
function planProblem(
  state: BackendState,
  source: CorpState,
  target: CorpState,
  m: MigrationState,
  now: number,
): string | null {
  const r = transfer({
    source,
    target,
    now,
    sourceDomain: newDomainFor(state, source),
    migration: afterSwitchRecord(m),
  })
  const b = r.target
  if (!withinQuota(quotaFacts(b))) return '迁移后业务邮箱数量将超出配额'
  // Each address must lead to exactly one mailbox in B.
  const seen = new Set<string>()
  const addresses: string[] = []
  for (const u of Object.values(b.users)) if (u.biz_mail) addresses.push(u.biz_mail, ...u.alias)
  for (const p of Object.values(b.publicmails)) addresses.push(p.email, ...p.alias_list)
  for (const addr of addresses) {
    const key = addr.toLowerCase()
    if (seen.has(key)) return `地址 ${addr} 会被重复占用`
    seen.add(key)
  }
  const storeRefs = [
    ...Object.values(b.users).map((u) => u.storeId),
    ...Object.values(b.publicmails).map((p) => p.storeId),
  ].filter((s): s is string => s !== null)
  if (storeRefs.some((s) => !has(b.stores, s))) return '有邮箱的数据缺失'
  return null
}

/** The one step that moves data: both orgs replaced at once, with every derived cache dropped. */
async function switchOver(
  state: BackendState,
  env: MockEnv,
  source: CorpState,
  target: CorpState,
  m: MigrationState,
  now: number,
): Promise<void> {
  const r = transfer({
    source,
    target,
    now,
    sourceDomain: newDomainFor(state, source),
    migration: afterSwitchRecord(m),
  })
  state.corps[source.corpid] = r.source
  state.corps[target.corpid] = r.target
  for (const c of [source, target, r.source, r.target]) {
    invalidateOrg(c)
    bumpMailIndex(c)
  }
  await settingsOf(env, state).handOver(source.corpid, target.corpid, r.rekeyed)
  await clientPasswordsOf(env, state).handOver(source.corpid, target.corpid)
  // Member-created client passwords of people B does not give access are revoked right away.
  await reconcileAccess(state, state.corps[target.corpid], env)
  await handOverRecords(idempotencyOf(env, state), source.corpid, target.corpid, r.follows)
}

/** Idempotency records at the switch, as recordFate says (the step is undone whole if it throws). */
async function handOverRecords(
  records: IdempotencyPort,
  a: string,
  b: string,
  follows: (userid: string) => boolean,
): Promise<void> {
  const fromB = await records.list(b)
  await records.drop(
    b,
    fromB.filter(([k]) => recordFate(k, 'target', follows) === 'drop').map(([k]) => k),
  )
  const fromA = await records.list(a)
  await records.drop(
    a,
    fromA.filter(([k]) => recordFate(k, 'source', follows) !== 'keep').map(([k]) => k),
  )
  for (const [k, v] of fromA) if (recordFate(k, 'source', follows) === 'move') await records.put(b, k, v)
}

/** The running or most recent migration involving the corp (as A or as B). */
export function migrationFor(state: BackendState, corpid: string, id?: string): MigrationState | null {
  if (id === undefined) {
    const running = runningMigrationFor(state, corpid)
    if (running) return running
  }
  let best: MigrationState | null = null
  for (const c of Object.values(state.corps)) {
    const mig = c.migration
    if (!mig || (mig.source !== corpid && mig.target !== corpid)) continue
    if (id !== undefined) {
      if (mig.migration_id === id) return mig
      continue
    }
    if (!best || mig.started > best.started) best = mig
  }
  return best
}
