// Mailbox settings: shared (signature, rules, IMAP/POP) under optimistic concurrency, and
// personal ones (conversation mode, new-mail reminder) per member per mailbox.
import { ErrCode } from '../../../policy/codes'
import { validateRules } from '../../../policy/receiveRules'
import { ok, refuse, type Verdict } from '../../../policy/result'
import { checkSignature } from '../../../policy/signature'
import type { MailStore, PersonalSettings, ReceiveRule, SharedSettings } from '../state'
import type { Parsed } from '../../contract'

export const DEFAULT_PERSONAL: PersonalSettings = { conversation_mode: true, notify: true }

export function personalOf(store: MailStore, userid: string): PersonalSettings {
  const p = Object.prototype.hasOwnProperty.call(store.personal, userid) ? store.personal[userid] : undefined
  return { ...DEFAULT_PERSONAL, ...p }
}

export function sharedView(store: MailStore): SharedSettings {
  const s = store.shared
  return {
    signature: s.signature,
    rules: JSON.parse(JSON.stringify(s.rules)),
    imap: s.imap,
    pop: s.pop,
    version: s.version,
  }
}

export interface SettingsChange {
  shared: { signature?: string; rules?: ReceiveRule[]; imap?: boolean; pop?: boolean } | null
  personal: Partial<PersonalSettings> | null
}

export type SettingsCheck = Verdict<SettingsChange> & { shared?: SharedSettings }

/** Validates the whole update first (a rejected update changes nothing); 6000 carries the current shared settings. */
export function checkSettingsUpdate(body: Parsed<'mail/settings/update'>, store: MailStore): SettingsCheck {
  const change: SettingsChange = { shared: null, personal: null }
  if (body.shared) {
    const s = body.shared
    if (s.version !== store.shared.version) {
      return {
        ...refuse(ErrCode.STALE_VERSION, '设置已被其他成员修改，请查看最新设置后再保存 (shared.version)'),
        shared: sharedView(store),
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

export function applySettings(store: MailStore, userid: string, change: SettingsChange): void {
  if (change.shared) {
    store.shared = { ...store.shared, ...change.shared, version: store.shared.version + 1 }
  }
  if (change.personal) store.personal[userid] = { ...personalOf(store, userid), ...change.personal }
}
