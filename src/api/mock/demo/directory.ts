// Demo directory (issue 3): 星河科技 with ~300 members, a 4-level department tree, tags and a few
// visibility rules; the second org (same creator) with ~30 members for the migration demo.
// Deterministic: a seeded PRNG, never env.random, so every start shows the same company.
import type { MockEnv } from '../env'
import { newMember } from '../seed'
import type { BackendState, CorpState, Member } from '../state'
import { GIVEN, SURNAMES, seededRandom } from './largeOrg'

const DEMO_SEED = 88
const MAIN_CORP = 'wwdemo'
const SECOND_CORP = 'wwdemo2'

/** [name, parent name, positions members of it get] — parents listed before children */
const TREE: ReadonlyArray<readonly [string, string | null, readonly string[]]> = [
  ['销售部', null, ['销售总监']],
  ['华东区', '销售部', ['区域经理']],
  ['上海组', '华东区', ['销售代表', '高级销售代表', '销售助理']],
  ['杭州组', '华东区', ['销售代表', '销售助理']],
  ['南京组', '华东区', ['销售代表']],
  ['华南区', '销售部', ['区域经理']],
  ['深圳组', '华南区', ['销售代表', '高级销售代表']],
  ['广州组', '华南区', ['销售代表']],
  ['华北区', '销售部', ['区域经理']],
  ['北京组', '华北区', ['销售代表', '大客户经理']],
  ['市场部', null, ['市场总监']],
  ['品牌组', '市场部', ['品牌经理', '文案策划', '设计师']],
  ['渠道组', '市场部', ['渠道经理', '市场专员']],
  ['研发中心', null, ['技术总监']],
  ['前端组', '研发中心', ['前端工程师', '高级前端工程师']],
  ['后端组', '研发中心', ['后端工程师', '高级后端工程师']],
  ['支付小组', '后端组', ['后端工程师', '架构师']],
  ['测试组', '研发中心', ['测试工程师']],
  ['移动端组', '研发中心', ['iOS 工程师', 'Android 工程师']],
  ['产品部', null, ['产品经理', '高级产品经理']],
  ['设计组', '产品部', ['交互设计师', '视觉设计师']],
  ['客服部', null, ['客服主管']],
  ['一线客服', '客服部', ['客服专员']],
  ['二线支持', '客服部', ['技术支持工程师']],
  ['财务部', null, ['会计', '出纳', '财务经理']],
  ['人事行政部', null, ['人事专员', '招聘专员', '行政助理']],
  ['董事会', null, ['董事']],
]

/** how many generated members each department gets */
const SIZES: Record<string, number> = {
  上海组: 28,
  杭州组: 14,
  南京组: 10,
  深圳组: 16,
  广州组: 12,
  北京组: 16,
  华东区: 2,
  华南区: 2,
  华北区: 2,
  销售部: 2,
  品牌组: 10,
  渠道组: 8,
  市场部: 2,
  前端组: 26,
  后端组: 22,
  支付小组: 10,
  测试组: 12,
  移动端组: 12,
  研发中心: 2,
  产品部: 12,
  设计组: 8,
  客服部: 2,
  一线客服: 24,
  二线支持: 10,
  财务部: 8,
  人事行政部: 8,
  董事会: 3,
}

/** people the demo and the docs talk about */
const NAMED: ReadonlyArray<{
  userid: string
  name: string
  dept: string
  position: string
  gender: '1' | '2'
}> = [
  { userid: 'lina', name: '李娜', dept: '人事行政部', position: '人事行政总监', gender: '2' },
  { userid: 'zhangsan', name: '张三', dept: '上海组', position: '销售代表', gender: '1' },
  { userid: 'lisi', name: '李四', dept: '上海组', position: '高级销售代表', gender: '1' },
  { userid: 'wangwu', name: '王五', dept: '后端组', position: '后端工程师', gender: '1' },
  { userid: 'shanxiongfei', name: '单雄飞', dept: '深圳组', position: '区域经理', gender: '1' },
  { userid: 'zengxiaoxian', name: '曾小贤', dept: '品牌组', position: '品牌经理', gender: '1' },
  { userid: 'xiexiaodong', name: '解晓东', dept: '支付小组', position: '架构师', gender: '1' },
  { userid: 'ouzhiqiang', name: '区志强', dept: '财务部', position: '财务经理', gender: '1' },
  { userid: 'qiuliang', name: '仇亮', dept: '二线支持', position: '技术支持工程师', gender: '1' },
  { userid: 'zhayuqing', name: '查雨晴', dept: '一线客服', position: '客服主管', gender: '2' },
  { userid: 'chenjing', name: '陈静', dept: '一线客服', position: '客服专员', gender: '2' },
  { userid: 'wangjianguo', name: '王建国', dept: '董事会', position: '董事长', gender: '1' },
]

/** interns: members of the 实习生 tag, restricted to their own departments */
const INTERNS = 8

function departmentIds(corp: CorpState): Map<string, number> {
  const ids = new Map<string, number>()
  for (const d of Object.values(corp.departments)) ids.set(d.name, d.id)
  return ids
}

function addDepartment(corp: CorpState, name: string, parentid: number, order: number): number {
  const id = corp.nextId.department++
  corp.departments[id] = { id, name, parentid, order }
  return id
}

function addMember(corp: CorpState, fields: Partial<Member> & { userid: string; name: string }): Member {
  const m = newMember(corp, fields)
  corp.users[m.userid] = m
  return m
}

function mobileFor(rnd: () => number): string {
  return `1${[3, 5, 7, 8, 9][Math.floor(rnd() * 5)]}${String(Math.floor(rnd() * 1e9)).padStart(9, '0')}`
}

/** a realistic name and a userid from its pinyin, unique in `taken` (lower-cased) */
function generatedPerson(rnd: () => number, taken: Set<string>): { userid: string; name: string } {
  for (;;) {
    const [sn, sp] = SURNAMES[Math.floor(rnd() * SURNAMES.length)]
    const count = rnd() < 0.7 ? 2 : 1
    const given = Array.from({ length: count }, () => GIVEN[Math.floor(rnd() * GIVEN.length)])
    const name = sn + given.map((g) => g[0]).join('')
    const base = sp + given.map((g) => g[1]).join('')
    let userid = base
    for (let n = 2; taken.has(userid); n++) userid = `${base}${n}`
    if (name.length >= 2) {
      taken.add(userid)
      return { userid, name }
    }
  }
}

function seedMainCorp(corp: CorpState): void {
  const rnd = seededRandom(DEMO_SEED)
  const ids = departmentIds(corp)
  TREE.forEach(([name, parent, _], i) =>
    ids.set(name, addDepartment(corp, name, parent ? ids.get(parent)! : 1, i + 1)),
  )
  const taken = new Set(Object.keys(corp.users).map((u) => u.toLowerCase()))
  for (const p of NAMED) taken.add(p.userid)

  const creator = corp.users[corp.creator]
  Object.assign(creator, { name: '张伟', position: '创始人 & CEO', mobile: mobileFor(rnd), gender: '1' })
  for (const p of NAMED) {
    addMember(corp, {
      userid: p.userid,
      name: p.name,
      department: [ids.get(p.dept)!],
      position: p.position,
      mobile: mobileFor(rnd),
      gender: p.gender,
    })
  }
  // zhangsan also helps out in customer service: a member of two departments.
  corp.users.zhangsan.department.push(ids.get('一线客服')!)

  const positions = new Map(TREE.map(([name, , pos]) => [name, pos]))
  const byDept = new Map<string, string[]>()
  for (const [dept, size] of Object.entries(SIZES)) {
    const list: string[] = []
    for (let i = 0; i < size; i++) {
      const person = generatedPerson(rnd, taken)
      const pos = positions.get(dept) ?? ['专员']
      addMember(corp, {
        ...person,
        department: [ids.get(dept)!],
        position: pos[Math.floor(rnd() * pos.length)],
        mobile: mobileFor(rnd),
        gender: rnd() < 0.5 ? '1' : '2',
        // a few members have not activated WeCom yet
        status: rnd() < 0.04 ? 4 : 1,
      })
      list.push(person.userid)
    }
    byDept.set(dept, list)
  }

  // Tags: 客服 holds members and a department; 管理层 the heads; 实习生 a few newcomers.
  const heads = ['zhangwei', 'lina', 'wangjianguo', 'shanxiongfei', 'zengxiaoxian', 'ouzhiqiang']
  for (const dept of ['销售部', '市场部', '研发中心', '产品部', '客服部']) heads.push(byDept.get(dept)![0])
  const interns: string[] = []
  for (const dept of ['前端组', '后端组', '上海组', '一线客服', '设计组', '测试组', '品牌组', '深圳组'].slice(
    0,
    INTERNS,
  )) {
    const members = byDept.get(dept)!
    const u = members[members.length - 1]
    corp.users[u].position = '实习生'
    interns.push(u)
  }
  corp.tags[1] = {
    tagid: 1,
    tagname: '客服',
    userlist: ['zhangsan', 'qiuliang'],
    partylist: [ids.get('客服部')!],
  }
  corp.tags[2] = { tagid: 2, tagname: '管理层', userlist: heads, partylist: [] }
  corp.tags[3] = { tagid: 3, tagname: '实习生', userlist: interns, partylist: [] }
  corp.tags[4] = {
    tagid: 4,
    tagname: '技术委员会',
    userlist: ['xiexiaodong', 'wangwu'],
    partylist: [ids.get('支付小组')!],
  }
  corp.nextId.tag = 5

  // Visibility: 董事会 is hidden from everyone but 管理层; interns see their own departments and HR;
  // an outside auditor sees nobody. zhangsan and lina are under no restricting rule.
  const none = { userid: [], partyid: [], tagid: [] }
  const auditor = addMember(corp, {
    userid: 'auditor',
    name: '外审顾问',
    department: [ids.get('财务部')!],
    position: '外部审计',
    mobile: mobileFor(rnd),
  })
  corp.contactRules[1] = {
    rule_id: 1,
    rule_type: 1,
    range: { userid: [], partyid: [ids.get('董事会')!], tagid: [] },
    whitelist: { userid: [], partyid: [], tagid: [2] },
    extra_visible: none,
  }
  corp.contactRules[2] = {
    rule_id: 2,
    rule_type: 2,
    range: { userid: [], partyid: [], tagid: [3] },
    whitelist: { ...none },
    extra_visible: { userid: [], partyid: [ids.get('人事行政部')!], tagid: [] },
  }
  corp.contactRules[3] = {
    rule_id: 3,
    rule_type: 3,
    range: { userid: [auditor.userid], partyid: [], tagid: [] },
    whitelist: { ...none },
    extra_visible: { ...none },
  }
  corp.nextId.rule = 4
}

function seedSecondCorp(corp: CorpState, main: CorpState | undefined): void {
  const rnd = seededRandom(DEMO_SEED + 1)
  const ids = new Map<string, number>()
  ;['集团总部', '运营部', '投资部', '法务部'].forEach((name, i) =>
    ids.set(name, addDepartment(corp, name, 1, i + 1)),
  )
  ids.set('风控组', addDepartment(corp, '风控组', ids.get('投资部')!, 1))
  Object.assign(corp.users[corp.creator], {
    name: '张伟',
    position: '集团董事长',
    department: [ids.get('集团总部')!],
  })
  // userids of both orgs are taken: the second org's own people must not exist in the first
  const taken = new Set(
    [...Object.keys(corp.users), ...Object.keys(main?.users ?? {})].map((u) => u.toLowerCase()),
  )
  // Some people work in both orgs (same userid), so the migration finds matching members for them.
  const shared = ['lina', 'zhangsan', 'wangwu', 'xiexiaodong', 'ouzhiqiang']
  if (main) {
    const extra = Object.values(main.users).filter(
      (m) => !shared.includes(m.userid) && m.userid !== main.creator,
    )
    for (let i = 0; i < 7; i++) shared.push(extra[(i * 37) % extra.length].userid)
  }
  const depts = ['集团总部', '运营部', '投资部', '法务部', '风控组']
  shared.forEach((u, i) => {
    const m = main?.users[u]
    addMember(corp, {
      userid: u,
      name: m?.name ?? u,
      department: [ids.get(depts[i % depts.length])!],
      position: m?.position ?? '专员',
      mobile: m?.mobile ?? mobileFor(rnd),
      gender: m?.gender ?? '0',
    })
  })
  // …and some only here.
  for (let i = 0; i < 18; i++) {
    const person = generatedPerson(rnd, taken)
    addMember(corp, {
      ...person,
      department: [ids.get(depts[i % depts.length])!],
      position: ['投资经理', '法务专员', '运营专员', '风控专员', '行政助理'][i % 5],
      mobile: mobileFor(rnd),
      gender: rnd() < 0.5 ? '1' : '2',
    })
  }
}

export function seedDirectoryDemo(state: BackendState, _env: MockEnv): void {
  const main = state.corps[MAIN_CORP]
  if (main) seedMainCorp(main)
  const second = state.corps[SECOND_CORP]
  if (second) seedSecondCorp(second, main)
}
