// Property: no read (user/list, user/get, user/search, tag/get, department/list) ever shows a member
// the visibility rules hide — checked against a deliberately plain reference model of product spec 4.4.
import fc from 'fast-check'
import { CORP } from './helpers'
import { localCall } from './local'
import { build, NAMES, orgArb, reference } from './visibilityModel'

test('reads never show a hidden member, and show every visible one', async () => {
  await fc.assert(
    fc.asyncProperty(orgArb, async (org) => {
      const state = await build(org)
      // the rules as stored (refused ones dropped) are what the reference must follow
      const stored = Object.values(state.corps[CORP].contactRules).map((r) => ({
        type: r.rule_type,
        range: r.range,
        whitelist: r.whitelist,
        extra: r.extra_visible,
      }))
      const ref = reference({ ...org, rules: stored })
      for (const v of ref.userids) {
        const expected = ref.userids.filter((u) => ref.canSee(v, u)).sort()
        for (const u of ref.userids) {
          const r = await localCall(state, 'user/get', { userid: u }, v)
          expect([v, u, r.errcode]).toEqual([v, u, ref.canSee(v, u) ? 0 : 60111])
        }
        const list = await localCall(state, 'user/list', { department_id: 1, fetch_child: 1 }, v)
        if (list.errcode === 0) {
          expect(list.userlist.map((m: { userid: string }) => m.userid)).toEqual(expected)
        } else {
          expect(list.errcode).toBe(60003) // the root itself is hidden from this viewer
        }
        const depts = (await localCall(state, 'department/list', {}, v)).department as Array<{ id: number }>
        for (const d of depts) {
          const members = await localCall(state, 'user/list', { department_id: d.id }, v)
          for (const m of members.userlist) expect(ref.canSee(v, m.userid)).toBe(true)
        }
        for (const query of [...NAMES, 'z', 'zhang', 'u', 'u1', 'boss', 'test.com']) {
          const found = (await localCall(state, 'user/search', { query, limit: 100 }, v)).userlist as Array<{
            userid: string
          }>
          for (const m of found) expect([v, m.userid, ref.canSee(v, m.userid)]).toEqual([v, m.userid, true])
        }
        for (const t of Object.keys(state.corps[CORP].tags)) {
          const got = (await localCall(state, 'tag/get', { tagid: Number(t) }, v)).userlist as Array<{
            userid: string
          }>
          for (const m of got) expect(ref.canSee(v, m.userid)).toBe(true)
        }
      }
    }),
    { numRuns: 150 },
  )
})
