// Who may use a business mailbox, and why (product spec 3, 4.1): direct, via department
// (incl. sub-departments) or via tag (incl. the tag's departments and their sub-departments).
export interface MailboxUsers {
  userid_list: string[]
  department_list: number[]
  tag_list: number[]
}

export interface OrgFacts {
  /** the department and all its ancestors */
  ancestors(dept: number): number[]
  /** tags the member has, directly or through a listed department */
  tagsOf(userid: string): Set<number>
}

export type AccessRoute =
  { kind: 'direct' } | { kind: 'department'; id: number } | { kind: 'tag'; id: number }

/** Every route by which the member reaches the mailbox; empty = no access. */
export function accessVia(
  mailbox: MailboxUsers,
  member: { userid: string; department: number[] },
  org: OrgFacts,
): AccessRoute[] {
  const routes: AccessRoute[] = []
  if (mailbox.userid_list.includes(member.userid)) routes.push({ kind: 'direct' })
  if (mailbox.department_list.length) {
    const listed = new Set(mailbox.department_list)
    const seen = new Set<number>()
    for (const d of member.department) {
      for (const a of org.ancestors(d)) {
        if (listed.has(a) && !seen.has(a)) {
          seen.add(a)
          routes.push({ kind: 'department', id: a })
        }
      }
    }
  }
  if (mailbox.tag_list.length) {
    const mine = org.tagsOf(member.userid)
    for (const t of mailbox.tag_list) if (mine.has(t)) routes.push({ kind: 'tag', id: t })
  }
  return routes
}

export function hasAccess(
  mailbox: MailboxUsers,
  member: { userid: string; department: number[] },
  org: OrgFacts,
): boolean {
  return accessVia(mailbox, member, org).length > 0
}
