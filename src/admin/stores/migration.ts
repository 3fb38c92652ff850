// The one-time mailbox migration (product spec 6, exmail/migration/*): pre-check, typed
// confirmation, start, then poll the progress until it is done. Creator only.
import { makeAutoObservable, runInAction } from 'mobx'
import type { ApiClient } from '../../api/client'
import { confirmNameDifference } from '../../policy/migration'
import { impactView, type ImpactView } from './migrationImpact'
import type { Outcome } from './types'
import { ErrCode } from '../../policy/codes'

export const NOT_CREATOR = ErrCode.MIGRATION_NOT_CREATOR
export const ALREADY_MIGRATED = ErrCode.MIGRATION_DONE

export interface Blocker {
  errcode: number
  errmsg: string
}

export interface Precheck {
  ok: boolean
  blockers: Blocker[]
  impact: ImpactView | null
  /** the target org's name (the confirmation must match it exactly) */
  targetName: string
}

export interface Step {
  name: string
  label?: string
  done: boolean
}

export type Phase = 'target' | 'checked' | 'running' | 'done'

/** An org the creator could migrate into (exmail/migration/targets). */
export interface Candidate {
  corpid: string
  name: string
  domain: { name: string; kind: 'custom' | 'experience' }
  ok: boolean
  blockers: Blocker[]
}

/** The wizard's five steps: how many are complete (✓) and which one is current (-1: none). */
export interface StepProgress {
  done: number
  current: number
}

export const WIZARD_STEPS = ['选择目标企业', '检查与影响', '确认迁移', '迁移中', '完成'] as const

export interface MigrationDeps {
  api: ApiClient
  sleep(ms: number): Promise<void>
  pollMs?: number
}

export class MigrationStore {
  phase: Phase = 'target'
  targetCorpid = ''
  checking = false
  /** null until loaded: the orgs of the same creator, offered instead of a typed CorpID */
  candidates: Candidate[] | null = null
  candidatesError = ''
  loadingCandidates = false
  precheck: Precheck | null = null
  checkError = ''
  confirmName = ''
  starting = false
  startError = ''
  migrationId = ''
  steps: Step[] = []
  pollError = ''
  /** null until probed; false hides the entry (not the creator, or migrated already) */
  available: boolean | null = null
  unavailableReason = ''
  private epoch = 0
  private polling = false

  constructor(private readonly deps: MigrationDeps) {
    makeAutoObservable<MigrationStore, 'deps' | 'epoch' | 'polling'>(
      this,
      { deps: false, epoch: false, polling: false },
      { autoBind: true },
    )
  }

  setTarget(v: string): void {
    this.targetCorpid = v.trim()
    if (this.phase === 'checked') {
      this.phase = 'target'
      this.precheck = null
    }
  }

  setConfirmName(v: string): void {
    this.confirmName = v
  }

  /** what differs from the target's name (width and spaces aside, as the backend compares); '' = same */
  get confirmDifference(): string {
    const name = this.precheck?.targetName
    if (!name || !this.confirmName.trim()) return ''
    return confirmNameDifference(this.confirmName, name) ?? ''
  }

  /** the typed name is the target's, as the backend compares it */
  get confirmMatches(): boolean {
    const name = this.precheck?.targetName
    return !!name && !!this.confirmName.trim() && confirmNameDifference(this.confirmName, name) === null
  }

  /**
   * Steps complete and current: a blocked target leaves step 1 open (no ✓ for a target that cannot
   * be used); a finished migration completes all five.
   */
  get progress(): StepProgress {
    switch (this.phase) {
      case 'target':
        return { done: 0, current: 0 }
      case 'checked':
        return this.precheck?.ok ? { done: 2, current: 2 } : { done: 0, current: 0 }
      case 'running':
        return { done: 3, current: 3 }
      case 'done':
        return { done: WIZARD_STEPS.length, current: -1 }
    }
  }

  /** the chosen target's name, for every sentence that names it */
  get targetName(): string {
    return (
      this.precheck?.targetName ||
      this.candidates?.find((c) => c.corpid === this.targetCorpid)?.name ||
      this.targetCorpid
    )
  }

  get canStart(): boolean {
    return this.phase === 'checked' && !!this.precheck?.ok && this.confirmMatches && !this.starting
  }

  /**
   * Whether to offer the wizard: the backend answers 690010 / 48002 to anyone but the creator and
   * 690012 once the migration was done; a running migration keeps the entry (to watch progress).
   */
  async probe(): Promise<void> {
    const epoch = this.epoch
    const r = await this.deps.api.call('exmail/migration/status', {})
    runInAction(() => {
      if (epoch !== this.epoch) return
      if (r.errcode !== 0) {
        // 690010 / 48002: not the creator. Anything else (busy …) hides the entry until a refresh.
        this.available = false
        this.unavailableReason = r.errmsg
        return
      }
      if (r.state === 'running') {
        // Someone started it (maybe on another device): the entry leads to its progress.
        this.available = true
        this.phase = 'running'
        this.migrationId = r.migration_id ?? ''
        this.targetCorpid = r.target_corpid ?? this.targetCorpid
        this.steps = r.steps ?? []
        void this.poll()
        return
      }
      // Once done the entry is gone for this org (the wizard keeps showing its result).
      this.available = !r.migrated
      this.unavailableReason = r.migrated ? '本企业已完成邮箱迁移，每个企业只能迁移一次' : ''
    })
  }

  /** the orgs of the same creator, each with what would block it */
  async loadCandidates(): Promise<void> {
    const epoch = this.epoch
    this.loadingCandidates = true
    this.candidatesError = ''
    const r = await this.deps.api.call('exmail/migration/targets', {})
    runInAction(() => {
      if (epoch !== this.epoch) return
      this.loadingCandidates = false
      if (r.errcode !== 0) {
        this.candidatesError = r.errmsg
        return
      }
      this.candidates = Array.isArray(r.list) ? r.list : []
    })
  }

  /** picks an offered org and runs its pre-check */
  async choose(corpid: string): Promise<void> {
    if (this.checking || this.phase === 'running' || this.phase === 'done') return
    this.setTarget(corpid)
    await this.runPrecheck()
  }

  async runPrecheck(): Promise<void> {
    if (!this.targetCorpid) {
      this.checkError = '请先选择要迁入的目标企业'
      return
    }
    this.checking = true
    this.checkError = ''
    const r = await this.deps.api.call('exmail/migration/precheck', {
      target_corpid: this.targetCorpid,
    })
    runInAction(() => {
      this.checking = false
      if (r.errcode !== 0) {
        this.checkError = r.errmsg
        return
      }
      const target = (r.target ?? {}) as Record<string, unknown>
      const name = typeof target.name === 'string' ? target.name : ''
      this.precheck = {
        ok: r.ok === true,
        blockers: Array.isArray(r.blockers) ? (r.blockers as Blocker[]) : [],
        impact: impactView(r.impact, name || this.targetCorpid),
        targetName: name,
      }
      this.confirmName = ''
      this.phase = 'checked'
    })
  }

  async start(): Promise<Outcome> {
    if (!this.canStart) return { ok: false, errcode: 0, errmsg: '请先完成检查并输入目标企业名称' }
    this.starting = true
    this.startError = ''
    const r = await this.deps.api.call('exmail/migration/start', {
      target_corpid: this.targetCorpid,
      confirm_name: this.confirmName,
    })
    runInAction(() => {
      this.starting = false
      if (r.errcode !== 0) {
        this.startError = r.errmsg
        return
      }
      this.migrationId = String(r.migration_id ?? '')
      this.phase = 'running'
      this.steps = []
    })
    if (r.errcode !== 0) return { ok: false, errcode: r.errcode, errmsg: r.errmsg }
    void this.poll()
    return { ok: true }
  }

  /** polls the status until done; a failed poll is shown and retried, the migration goes on anyway */
  async poll(): Promise<void> {
    if (this.polling) return
    this.polling = true
    try {
      await this.pollLoop()
    } finally {
      this.polling = false
    }
  }

  private async pollLoop(): Promise<void> {
    const epoch = this.epoch
    while (epoch === this.epoch && this.phase === 'running') {
      const r = await this.deps.api.call(
        'exmail/migration/status',
        this.migrationId ? { migration_id: this.migrationId } : {},
      )
      if (epoch !== this.epoch) return
      runInAction(() => {
        if (r.errcode !== 0) {
          this.pollError = r.errmsg
          return
        }
        this.pollError = ''
        this.steps = r.steps ?? []
        if (r.state === 'done') {
          this.phase = 'done'
          this.available = false
        }
      })
      if (this.phase !== 'running') return
      await this.deps.sleep(this.deps.pollMs ?? 500)
    }
  }

  /** back to the first step (a new pre-check); not possible once started */
  restart(): void {
    if (this.phase === 'running') return
    this.phase = 'target'
    this.precheck = null
    this.confirmName = ''
    this.checkError = ''
    this.startError = ''
    // What blocks each org may have changed meanwhile.
    void this.loadCandidates()
  }

  clear(): void {
    this.epoch++
    this.phase = 'target'
    this.targetCorpid = ''
    this.precheck = null
    this.checkError = ''
    this.candidates = null
    this.candidatesError = ''
    this.loadingCandidates = false
    this.confirmName = ''
    this.starting = false
    this.startError = ''
    this.migrationId = ''
    this.steps = []
    this.pollError = ''
    this.available = null
    this.unavailableReason = ''
  }
}
