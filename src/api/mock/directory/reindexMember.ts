// A member's change to every derived lookup: org index, search index, address routing, visibility.
// The one place both a member write here and a member row another instance changed go through.
import { noteMemberAddresses } from '../mail/routing'
import { noteMemberAdded, noteMemberRemoved } from '../orgIndex'
import type { CorpState, Member } from '../state'
import { noteSearchMember } from './searchIndex'
import { noteMemberVisibility } from './visibility'

/** `before` null: created; `after` null: deleted. */
export function reindexMember(corp: CorpState, before: Member | null, after: Member | null): void {
  const member = after ?? before
  if (!member) return
  if (before) noteMemberRemoved(corp, before)
  if (after) noteMemberAdded(corp, after)
  noteSearchMember(corp, member.userid, after)
  noteMemberAddresses(corp, before, after)
  noteMemberVisibility(corp, before, after)
}
