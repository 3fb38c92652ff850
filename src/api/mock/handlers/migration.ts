// The one-time mailbox migration from this org (A) into another org of the same creator (B):
// product spec 6, api.md "Migration". Creator only; the preconditions live in policy/migration.
// These APIs are not `mailAdmin`: while a migration runs, precheck reports 690013 as a blocker,
// start refuses with it, and status keeps answering.
import { ErrCode } from '../../../policy/codes'
import {
  checkConfirmName,
  checkTargetCorpid,
  isCandidateTarget,
  migrationBlockers,
} from '../../../policy/migration'
import type { Parsed } from '../../contract'
import { migrationImpact } from '../migration/impact'
import { settingsOf } from '../ports/settings'
import { partiesOf, targetCorp } from '../migration/parties'
import { beginMigration, migrationFor, stepLabel } from '../migration/runner'
import { failure, success, type Body, type HandlerContext, type Handlers } from '../registry'
import type { MigrationState } from '../state'

function precheck(ctx: HandlerContext, body: Body) {
  const { state, corp, caller, env } = ctx
  const id = checkTargetCorpid(body.target_corpid, corp.corpid)
  if (!id.ok) return failure(id.errcode, id.errmsg)
  const target = targetCorp(state, id.value)
  const blockers = migrationBlockers(partiesOf(state, corp, caller.userid, target))
  const view = blockers.map(({ errcode, errmsg }) => ({ errcode, errmsg }))
  // Someone who is not the creator of both orgs learns nothing about B.
  if (!target || blockers.some((b) => b.errcode === ErrCode.MIGRATION_NOT_CREATOR)) {
    return success({ ok: false, blockers: view, impact: null })
  }
  return settingsOf(env, state)
    .ofCorp(corp.corpid)
    .then((settings) =>
      success({
        ok: blockers.length === 0,
        blockers: view,
        target: { corpid: target.corpid, name: target.name },
        impact: migrationImpact(corp, target, settings),
      }),
    )
}

/**
 * The orgs the caller could migrate into: those whose creator is the same person (same creator
 * account, product spec 6), each with the blockers a pre-check would report, so the wizard offers
 * a choice instead of a typed CorpID. Creator only; another creator's orgs are never listed.
 */
function targets(ctx: HandlerContext) {
  const { state, corp, caller } = ctx
  if (caller.userid !== corp.creator) {
    return failure(ErrCode.MIGRATION_NOT_CREATOR, '只有本企业的创建者可以进行邮箱迁移')
  }
  const list = Object.values(state.corps)
    .filter((other) => isCandidateTarget(corp, other))
    .sort((x, y) => (x.corpid < y.corpid ? -1 : x.corpid > y.corpid ? 1 : 0))
    .map((other) => {
      const blockers = migrationBlockers(partiesOf(state, corp, caller.userid, other))
      return {
        corpid: other.corpid,
        name: other.name,
        domain: { name: other.domain.name, kind: other.domain.kind },
        ok: blockers.length === 0,
        blockers: blockers.map(({ errcode, errmsg }) => ({ errcode, errmsg })),
      }
    })
  return success({ list })
}

function start(ctx: HandlerContext, body: Body) {
  const { state, corp, caller, env } = ctx
  const id = checkTargetCorpid(body.target_corpid, corp.corpid)
  if (!id.ok) return failure(id.errcode, id.errmsg)
  const target = targetCorp(state, id.value)
  const blockers = migrationBlockers(partiesOf(state, corp, caller.userid, target))
  if (blockers.length || !target) return failure(blockers[0].errcode, blockers[0].errmsg)
  const confirmed = checkConfirmName(body.confirm_name, target.name)
  if (!confirmed.ok) return failure(confirmed.errcode, confirmed.errmsg)
  const m = beginMigration(state, env, corp, target)
  return success(statusView(m))
}

function statusView(m: MigrationState) {
  return {
    migration_id: m.migration_id,
    source_corpid: m.source,
    target_corpid: m.target,
    state: m.state,
    steps: m.steps.map((s) => ({ name: s.name, label: stepLabel(s.name), done: s.done })),
    started: m.started,
    ...(m.finished !== undefined ? { finished: m.finished } : {}),
    ...(m.error ? { error: { ...m.error } } : {}),
  }
}

function status(ctx: HandlerContext, body: Parsed<'exmail/migration/status'>) {
  const { state, corp, caller } = ctx
  if (caller.userid !== corp.creator) {
    return failure(ErrCode.MIGRATION_NOT_CREATOR, '只有企业创建者可以查看邮箱迁移进度')
  }
  const id = body.migration_id ?? undefined
  const m = migrationFor(state, corp.corpid, id)
  if (!m) {
    if (id !== undefined) return failure(ErrCode.INVALID_PARAM, '迁移任务不存在 (migration_id)')
    // Never migrated: nothing running, nothing done; `migrated` says whether the entry is gone.
    return success({ state: 'none', steps: [], migrated: corp.migrated })
  }
  return success({ ...statusView(m), migrated: corp.migrated })
}

export const migrationApis = {
  'exmail/migration/precheck': precheck,
  'exmail/migration/start': start,
  'exmail/migration/status': status,
  'exmail/migration/targets': targets,
} satisfies Partial<Handlers>
