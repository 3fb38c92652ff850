// While a migration runs, mail administration on both orgs and directory writes on the target are locked.
import { ErrCode } from '../../policy/codes'
import type { ApiResult } from '../contract'
import type { ApiFlags } from '../contract'
import { failure } from './registry'
import type { BackendState, CorpState } from './state'

export const MIGRATION_LOCK_MESSAGE = '邮箱迁移进行中：暂时无法进行邮件管理或通讯录修改，请在迁移完成后再试'

export function runningMigrationFor(state: BackendState, corpid: string) {
  for (const c of Object.values(state.corps)) {
    const m = c.migration
    if (m && m.state === 'running' && (m.source === corpid || m.target === corpid)) return m
  }
  return null
}

export function migrationLock(state: BackendState, corp: CorpState, spec: ApiFlags): ApiResult | null {
  if (!spec.lock) return null
  const m = runningMigrationFor(state, corp.corpid)
  if (!m) return null
  if (spec.lock === 'mailAdmin' || (spec.lock === 'directoryWrite' && m.target === corp.corpid)) {
    return failure(ErrCode.MIGRATION_IN_PROGRESS, MIGRATION_LOCK_MESSAGE)
  }
  return null
}
