// The admin's directory stores against the demo backend (星河科技): the preview as one member, the
// pickers' 拼音 order and A–Z sections, and the members behind each tag.
import { createApiClient } from '../../api/client'
import { createMockBackend } from '../../api/mock'
import { DirectoryCache } from './directory'
import { PreviewStore } from './preview'

const lina = { corpid: 'wwdemo', userid: 'lina' }

function setup() {
  const backend = createMockBackend()
  const api = createApiClient(
    { call: (name, body, ctx) => backend.call(name, body as object, ctx) },
    () => lina,
  )
  return { backend, api, preview: new PreviewStore(api), directory: new DirectoryCache(api) }
}

const member = (userid: string, name: string) => ({ userid, name, department: [], biz_mail: '' })

describe('PreviewStore', () => {
  it('shows what that member sees, as a tree of departments with their counts', async () => {
    const { backend, preview } = setup()
    await preview.look(member('zhangsan', '张三'))
    expect(preview.state).toBe('ready')
    const want = await backend.call('contactrule/preview', { userid: 'zhangsan' }, lina)
    expect(preview.total).toBe(want.total)
    const rows = preview.rows
    expect(rows[0]).toMatchObject({ depth: 0, hasChildren: true })
    const at = (name: string) => rows.find((r) => r.dept.name === name)!
    expect(at('销售部').depth).toBe(1)
    expect(at('华东区').depth).toBe(2)
    expect(at('上海组').depth).toBe(3)
    expect(at('上海组').hasChildren).toBe(false)
    // the board is hidden from 张三
    expect(rows.some((r) => r.dept.name === '董事会')).toBe(false)
    // folding 销售部 hides its whole subtree, unfolding brings it back
    preview.toggle(at('销售部').dept.id)
    expect(preview.rows.some((r) => r.dept.name === '华东区' || r.dept.name === '上海组')).toBe(false)
    expect(preview.rows.find((r) => r.dept.name === '销售部')!.folded).toBe(true)
    preview.toggle(at('销售部').dept.id)
    expect(preview.rows).toHaveLength(rows.length)
  })

  it('a member who sees nobody sees only themselves; search answers as them', async () => {
    const { preview } = setup()
    await preview.look(member('auditor', '外审顾问'))
    expect(preview.total).toBe(1)
    expect(preview.members.map((m) => m.userid)).toEqual(['auditor'])
    await preview.search('张')
    expect(preview.searchState).toBe('ready')
    expect(preview.found).toEqual([])
    expect(preview.foundTotal).toBe(0)
  })

  it('an answer for a member no longer chosen is dropped; errors are words', async () => {
    const { preview } = setup()
    const first = preview.look(member('zhangsan', '张三'))
    const second = preview.look(member('auditor', '外审顾问'))
    await Promise.all([first, second])
    expect(preview.viewer?.userid).toBe('auditor')
    expect(preview.total).toBe(1)
    await preview.look(member('nobody', '无此人'))
    expect(preview.state).toBe('error')
    expect(preview.error).toMatch(/不存在/)
    expect(preview.error).not.toMatch(/\(userid\)/)
  })
})

describe('DirectoryCache for the pickers', () => {
  it('lists members in 拼音 order with A–Z sections (not by userid: 外审顾问 is under W)', async () => {
    const { directory } = setup()
    await directory.ensure()
    const groups = directory.memberGroups
    const letters = groups.map((g) => g.letter)
    expect([...letters].sort()).toEqual(letters)
    const w = groups.find((g) => g.letter === 'W')!
    expect(w.items.map((m) => m.name)).toContain('外审顾问')
    expect(groups[0].items[0].name).not.toBe('外审顾问')
    const flat = groups.flatMap((g) => g.items)
    expect(flat).toEqual(directory.sortedMembers)
    expect(flat).toHaveLength(directory.members.length)
    const first = await directory.search('', 5)
    expect(first.list).toEqual(directory.sortedMembers.slice(0, 5))
  })

  it('knows who each tag stands for', async () => {
    const { directory, backend } = setup()
    await directory.ensure()
    await directory.loadTagMembers()
    for (const t of directory.tags) {
      const want = await backend.call('tag/get', { tagid: t.tagid }, lina)
      const got = directory.tagMembers.get(t.tagid)!
      expect(got.state).toBe('ready')
      expect(got.userlist).toEqual(want.userlist)
      expect(got.partylist).toEqual(want.partylist)
    }
    const kf = directory.tags.find((t) => t.tagname === '客服')!
    expect(directory.tagMembers.get(kf.tagid)!.userlist.length).toBeGreaterThan(0)
    directory.clear()
    expect(directory.tagMembers.size).toBe(0)
  })
})
