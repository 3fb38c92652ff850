// Mailbox settings: shared (signature, rules, IMAP/POP) under optimistic concurrency, and
// personal ones (conversation mode, new-mail reminder) per member per mailbox.
import { ErrCode } from '../../../policy/codes'
import { validateRules } from '../../../policy/receiveRules'
import { ok, refuse, type Verdict } from '../../../policy/result'
import { checkSignature } from '../../../policy/signature'
import type { PersonalSettings, ReceiveRule, SharedSettings } from '../state'
import type { Parsed } from '../../contract'

export interface SettingsChange {
  shared: { signature?: string; rules?: ReceiveRule[]; imap?: boolean; pop?: boolean } | null
  personal: Partial<PersonalSettings> | null
}

export type SettingsCheck = Verdict<SettingsChange> & { shared?: SharedSettings }

/** Validates the whole update first (a rejected update changes nothing); 6000 carries the current shared settings. */
export function checkSettingsUpdate(
  body: Parsed<'mail/settings/update'>,
  current: SharedSettings,
): SettingsCheck {
  const change: SettingsChange = { shared: null, personal: null }
  if (body.shared) {
    const s = body.shared
    if (s.version !== current.version) {
      return {
        ...refuse(ErrCode.STALE_VERSION, '设置已被其他成员修改，请查看最新设置后再保存 (shared.version)'),
        shared: current,
      }
    }
    const shared: NonNullable<SettingsChange['shared']> = {}
    if (s.signature !== undefined) {
      const sig = checkSignature(s.signature)
      if (!sig.ok) return refuse(sig.errcode, sig.errmsg.replace('(signature)', '(shared.signature)'))
      shared.signature = sig.value
    }
    if (s.rules !== undefined) {
      const rules = validateRules(s.rules)
      if (!rules.ok) return rules
      shared.rules = rules.value
    }
    for (const key of ['imap', 'pop'] as const) {
      const v = s[key]
      if (v !== undefined && v !== null) shared[key] = v
    }
    change.shared = shared
  }
  if (body.personal) {
    const p = body.personal
    const personal: Partial<PersonalSettings> = {}
    for (const key of ['conversation_mode', 'notify'] as const) {
      const v = p[key]
      if (v !== undefined && v !== null) personal[key] = v
    }
    change.personal = personal
  }
  if (!change.shared && !change.personal) return refuse(ErrCode.INVALID_PARAM, '没有要修改的设置 (shared)')
  return ok(change)
}

/** the settings after a checked change: a shared change is the next version */
export function applySettings(
  current: { shared: SharedSettings; personal: PersonalSettings },
  change: SettingsChange,
): { shared: SharedSettings | null; personal: PersonalSettings | null } {
  return {
    shared: change.shared
      ? { ...current.shared, ...change.shared, version: current.shared.version + 1 }
      : null,
    personal: change.personal ? { ...current.personal, ...change.personal } : null,
  }
}
