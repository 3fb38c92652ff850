// Member cards (user/get, user/list, user/search) name only the departments the viewer may see:
// department/list omits the others, and a card must not reveal them either.
import { harness } from './helpers'

async function org() {
  const h = harness()
  await h.ok('department/create', { id: 2, name: '销售部', parentid: 1 })
  await h.ok('department/create', { id: 3, name: '华东销售', parentid: 2 })
  await h.ok('department/create', { id: 4, name: '财务部', parentid: 1 })
  // zhao sits in 华东销售 and 财务部; qian only in 销售部
  await h.ok('user/create', { userid: 'zhao', name: '赵敏', department: [3, 4] })
  await h.ok('user/create', { userid: 'qian', name: '钱多', department: [2] })
  // everyone in 销售部 sees only their own department's subtree
  await h.ok('contactrule/create', { rule_type: 2, range: { userid: [], partyid: [2], tagid: [] } })
  return h
}

test('a restricted viewer sees a member card without the departments hidden from them', async () => {
  const h = await org()
  const tree = (await h.ok('department/list', {}, 'qian')).department.map((d: { id: number }) => d.id)
  expect(tree).not.toContain(4)
  const card = await h.ok('user/get', { userid: 'zhao' }, 'qian')
  expect(card.department).toEqual([3])
  const listed = (await h.ok('user/list', { department_id: 2, fetch_child: 1 }, 'qian')).userlist
  expect(listed.find((m: { userid: string }) => m.userid === 'zhao').department).toEqual([3])
  const found = (await h.ok('user/search', { query: '赵敏' }, 'qian')).userlist
  expect(found.map((m: { department: number[] }) => m.department)).toEqual([[3]])
})

test('an unrestricted viewer sees every department on the same card', async () => {
  const h = await org()
  expect((await h.ok('user/get', { userid: 'zhao' })).department).toEqual([3, 4])
  // zhao is in the rule's range too (via 华东销售): her own card keeps both her departments' subtrees
  expect((await h.ok('user/get', { userid: 'zhao' }, 'zhao')).department).toEqual([3, 4])
})
