import { reconcileAccess } from '../../../src/api/mock/handlers/reconcile'
import { invalidateOrg, orgIndex } from '../../../src/api/mock/orgIndex'
import { ErrCode } from '../../../src/policy/codes'
import { setup } from './harness'

async function world() {
  const h = setup({ members: [] })
  h.addDept(2) // 销售
  h.addDept(3, 2) // 销售 › 华东 (a sub-department)
  h.addDept(4)
  h.addMember('direct')
  h.addMember('indept', { department: [2] })
  h.addMember('subdept', { department: [3] })
  h.addMember('tagged')
  h.addMember('tagdept', { department: [4] })
  h.addTag(7, ['tagged'])
  h.addTag(8, [], [4])
  const id = await h.create('sales', {
    userid_list: { list: ['direct'] },
    department_list: { list: [2] },
    tag_list: { list: [7, 8] },
  })
  const mailbox = h.corp.publicmails[id]
  const codes: Record<string, string> = {}
  for (const u of ['direct', 'indept', 'subdept', 'tagged', 'tagdept']) {
    const r = await h.createCode(mailbox, { creator: u, byAdmin: false })
    if (!r.ok) throw new Error(r.errmsg)
    codes[u] = r.value.auth_code
  }
  const admin = (await h.call('exmail/publicmail/update', { id, create_auth_code: 1 })).auth_code as string
  const canLogin = async (code: string) => (await h.login('sales@corp.com', code)).result.errcode === 0
  const revoked = (u: string) => mailbox.authCodes.find((c) => c.creator === u && !c.by_admin)?.revoked
  return { h, id, mailbox, codes, admin, canLogin, revoked }
}

describe('reconcileAccess: a member losing access by any route loses their passwords', () => {
  test('everyone starts with access', async () => {
    const w = await world()
    for (const code of Object.values(w.codes)) expect(await w.canLogin(code)).toBe(true)
  })

  test('removed from the user list', async () => {
    const w = await world()
    await w.h.call('exmail/publicmail/update', { id: w.id, userid_list: { list: [] } })
    expect(w.revoked('direct')).toBe(true)
    expect(await w.canLogin(w.codes.direct)).toBe(false)
    expect(await w.canLogin(w.codes.indept)).toBe(true)
  })

  test('department removed from the list (its sub-departments lose it too)', async () => {
    const w = await world()
    await w.h.call('exmail/publicmail/update', { id: w.id, department_list: { list: [] } })
    expect([w.revoked('indept'), w.revoked('subdept'), w.revoked('tagdept')]).toEqual([true, true, false])
  })

  test('member moved out of a listed department', async () => {
    const w = await world()
    w.h.corp.users.subdept.department = [1]
    await w.h.directoryChanged()
    expect(w.revoked('subdept')).toBe(true)
    expect(await w.canLogin(w.codes.subdept)).toBe(false)
  })

  test('sub-department moved out from under a listed department', async () => {
    const w = await world()
    w.h.corp.departments[3].parentid = 1
    await w.h.directoryChanged()
    expect(w.revoked('subdept')).toBe(true)
    expect(w.revoked('indept')).toBe(false)
  })

  test('tag membership removed, tag department removed, tag removed from the list', async () => {
    const w = await world()
    w.h.corp.tags[7].userlist = []
    await w.h.directoryChanged()
    expect(w.revoked('tagged')).toBe(true)
    w.h.corp.tags[8].partylist = []
    await w.h.directoryChanged()
    expect(w.revoked('tagdept')).toBe(true)
    const w2 = await world()
    await w2.h.call('exmail/publicmail/update', { id: w2.id, tag_list: { list: [8] } })
    expect([w2.revoked('tagged'), w2.revoked('tagdept')]).toEqual([true, false])
  })

  test('member deleted', async () => {
    const w = await world()
    delete w.h.corp.users.tagged
    await w.h.directoryChanged()
    expect(w.revoked('tagged')).toBe(true)
  })

  test('losing one of two routes keeps the password', async () => {
    const w = await world()
    await w.h.call('exmail/publicmail/update', { id: w.id, userid_list: { list: ['direct', 'indept'] } })
    await w.h.call('exmail/publicmail/update', { id: w.id, department_list: { list: [] } })
    expect(w.revoked('indept')).toBe(false)
    expect(await w.canLogin(w.codes.indept)).toBe(true)
  })

  test('regaining access does not revive; admin-created codes are not tied to access', async () => {
    const w = await world()
    await w.h.call('exmail/publicmail/update', { id: w.id, userid_list: { list: [] } })
    await w.h.call('exmail/publicmail/update', { id: w.id, userid_list: { list: ['direct'] } })
    expect(w.revoked('direct')).toBe(true)
    expect(await w.canLogin(w.codes.direct)).toBe(false)
    // the admin who created a code has no access route at all, and never needed one
    await w.h.call('exmail/publicmail/update', {
      id: w.id,
      department_list: { list: [] },
      tag_list: { list: [] },
    })
    expect(await w.canLogin(w.admin)).toBe(true)
    // revoked codes disappear from lists
    const list = (await w.h.call('exmail/publicmail/get_auth_code_list', { id: w.id })).auth_code_list as {
      creator: string
    }[]
    expect(list.map((c) => c.creator)).toEqual(['boss'])
  })

  test('clientLogin refuses (and revokes) a member code even if reconciliation had not run yet', async () => {
    const w = await world()
    w.h.corp.tags[7].userlist = []
    invalidateOrg(w.h.corp) // a write path that refreshed the index but did not reconcile
    const out = await w.h.login('sales@corp.com', w.codes.tagged)
    expect(out.result.errcode).toBe(ErrCode.CLIENT_LOGIN_REFUSED)
    expect(out.changedCorp).toBe('c1')
    expect(w.revoked('tagged')).toBe(true)
  })

  test('cost does not depend on the number of members: the directory is never enumerated', async () => {
    const w = await world()
    orgIndex(w.h.corp) // built once after a directory change, cached
    const users = w.h.corp.users
    w.h.corp.users = new Proxy(users, {
      ownKeys() {
        throw new Error('reconcile enumerated the members')
      },
    })
    await expect(reconcileAccess(w.h.state, w.h.corp, w.h.env)).resolves.toBe(0)
    delete users.direct
    await w.h.call('exmail/publicmail/update', { id: w.id, name: '仍然可用' })
    w.h.corp.users = users
    expect(w.revoked('direct')).toBe(true)
  })
})
