// The corp both client-login benches start from: one basic corp (corp.com) with `members` members m0…
import { newMember, stateFromSetups } from '../src/api/mock/seed'

export function loginCorp(members: number) {
  const state = stateFromSetups([
    {
      corpid: 'c1',
      name: '企业',
      creator: 'boss',
      edition: 'basic',
      domain: { name: 'corp.com', kind: 'custom' },
    },
  ])
  const corp = state.corps.c1
  const userids = Array.from({ length: members }, (_, i) => `m${i}`)
  for (const u of userids) corp.users[u] = newMember(corp, { userid: u, name: u })
  return { state, corp, userids }
}
