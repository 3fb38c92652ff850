import { describeRule } from './rules'
import type { ContactRule, Targets } from './types'

const names: Record<string, string> = {
  d9: '董事会',
  d5: '客服部',
  t2: '管理层',
  t7: '实习生',
  'u:wangfang': '王芳',
}
const describe_ = (t: Targets) =>
  [
    ...t.partyid.map((d) => names[`d${d}`]),
    ...t.tagid.map((x) => names[`t${x}`]),
    ...t.userid.map((u) => names[`u:${u}`]),
  ].join('、')
const empty = { userid: [], partyid: [], tagid: [] }

describe('describeRule', () => {
  it('says each rule in plain words', () => {
    const hide: ContactRule = {
      rule_id: 1,
      rule_type: 1,
      range: { ...empty, partyid: [9] },
      whitelist: { ...empty, tagid: [2] },
      extra_visible: empty,
    }
    expect(describeRule(hide, describe_)).toBe('隐藏：董事会（对管理层以外不可见）')
    const own: ContactRule = {
      rule_id: 2,
      rule_type: 2,
      range: { ...empty, partyid: [5] },
      whitelist: { ...empty, userid: ['wangfang'] },
      extra_visible: { ...empty, tagid: [2] },
    }
    expect(describeRule(own, describe_)).toBe('只能看本部门：客服部（另可见 管理层；王芳 不受限）')
    const nobody: ContactRule = {
      rule_id: 3,
      rule_type: 3,
      range: { ...empty, tagid: [7] },
      whitelist: empty,
      extra_visible: empty,
    }
    expect(describeRule(nobody, describe_)).toBe('看不到任何人：实习生')
  })
})
