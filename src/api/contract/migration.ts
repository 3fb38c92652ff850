// The one-time mailbox migration (api.md "Migration", creator only). The creator check and the
// preconditions are policy/migration's; a running migration keeps status answering.
import { def, idText, opt } from './schema'
import * as v from 'valibot'

export interface Blocker {
  errcode: number
  errmsg: string
}

/** what a migration would move and lose (api.md precheck `impact`; the backend may add detail) */
export interface MigrationImpact {
  moves: Record<string, unknown>
  lost: { mailboxes: number; messages: number } & Record<string, unknown>
  not_migrated: unknown[]
  invalidated: unknown[]
  unmatched_mailboxes: unknown[]
  [detail: string]: unknown
}

export interface MigrationStep {
  name: string
  label?: string
  done: boolean
}

export interface MigrationStatus {
  migration_id?: string
  source_corpid?: string
  target_corpid?: string
  /** 'none' when no migration ran */
  state: 'none' | 'running' | 'done'
  steps: MigrationStep[]
  started?: number
  finished?: number
  error?: { errcode: number; errmsg: string }
  /** this org's mail has moved out */
  migrated?: boolean
}

export interface MigrationTarget {
  corpid: string
  name: string
  domain: { name: string; kind: 'custom' | 'experience' }
  ok: boolean
  blockers: Blocker[]
}

const targetCorpid = v.string('请指定要迁入的目标企业')

export const migrationApis = {
  'exmail/migration/precheck': def<{
    ok: boolean
    blockers: Blocker[]
    target?: { corpid: string; name: string }
    impact: MigrationImpact | null
  }>()(v.object({ target_corpid: targetCorpid })),
  'exmail/migration/start': def<MigrationStatus>()(
    v.object({
      target_corpid: targetCorpid,
      // absent or blank: policy/migration asks for it once the target is known to be valid
      confirm_name: opt(v.string('请输入目标企业的名称以确认迁移')),
      idempotency_key: opt(v.string('幂等键格式不正确')),
    }),
    { write: true, idempotent: true },
  ),
  'exmail/migration/status': def<MigrationStatus>()(
    v.object({ migration_id: opt(idText('迁移任务 ID 格式不正确', 128)) }),
  ),
  'exmail/migration/targets': def<{ list: MigrationTarget[] }>()(v.object({})),
}
