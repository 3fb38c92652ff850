// Large generated orgs for benchmarks and load tests: N members in D departments, created through
// the public API (`department/create`, `user/create`) so every rule and index runs as in production.
// Deterministic: the same (n, departments, seed) always gives the same calls.

/** "王wang 李li" -> [['王', 'wang'], ['李', 'li']] */
function pairs(table: string): Array<[string, string]> {
  return table
    .trim()
    .split(/\s+/)
    .map((w) => [w.slice(0, 1), w.slice(1)])
}

/** surname and its pinyin as a surname (单 shan, 曾 zeng, 解 xie, 查 zha, 仇 qiu, 区 ou) */
export const SURNAMES: ReadonlyArray<readonly [string, string]> = pairs(
  '王wang 李li 张zhang 刘liu 陈chen 杨yang 黄huang 赵zhao 吴wu 周zhou 徐xu 孙sun 马ma 朱zhu 胡hu 郭guo 何he 高gao ' +
    '林lin 罗luo 郑zheng 梁liang 谢xie 宋song 唐tang 许xu 韩han 冯feng 邓deng 曹cao 彭peng 曾zeng 肖xiao 田tian 董dong ' +
    '袁yuan 潘pan 于yu 蒋jiang 蔡cai 余yu 杜du 叶ye 程cheng 苏su 魏wei 吕lv 丁ding 任ren 沈shen 姚yao 卢lu 姜jiang 崔cui ' +
    '钟zhong 谭tan 陆lu 汪wang 范fan 金jin 石shi 廖liao 贾jia 夏xia 韦wei 方fang 白bai 邹zou 孟meng 熊xiong 秦qin 邱qiu ' +
    '江jiang 尹yin 薛xue 单shan 解xie 查zha 仇qiu 区ou ',
)

/** given-name characters with an unambiguous reading, and their pinyin */
export const GIVEN: ReadonlyArray<readonly [string, string]> = pairs(
  '伟wei 芳fang 娜na 敏min 静jing 丽li 强qiang 磊lei 军jun 洋yang 勇yong 艳yan 杰jie 娟juan 涛tao 明ming 超chao 秀xiu ' +
    '霞xia 平ping 刚gang 桂gui 英ying 华hua 玉yu 萍ping 红hong 鹏peng 辉hui 建jian 林lin 宇yu 浩hao 凯kai 婷ting 雪xue ' +
    '琳lin 晨chen 欣xin 怡yi 佳jia 子zi 梓zi 轩xuan 博bo 文wen 思si 雨yu 嘉jia 俊jun 峰feng 海hai 波bo 宁ning 晓xiao ' +
    '春chun 云yun 飞fei 鑫xin 斌bin 亮liang 倩qian 颖ying 琪qi 瑶yao 悦yue 然ran 东dong 新xin 志zhi 国guo 安an 涵han ' +
    '诗shi 天tian 一yi 光guang ',
)

export const POSITIONS: readonly string[] = [
  '工程师',
  '高级工程师',
  '产品经理',
  '设计师',
  '销售代表',
  '销售经理',
  '客服专员',
  '会计',
  '人事专员',
  '行政助理',
  '测试工程师',
  '运营专员',
  '市场专员',
  '项目经理',
  '技术总监',
  '实习生',
]

export interface ApiCall {
  api: string
  body: Record<string, unknown>
}

/** mulberry32: a tiny deterministic PRNG (demo and benchmark data must not depend on env.random) */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export interface GeneratedMember {
  userid: string
  name: string
  /** full pinyin of the name, as the generator composed it */
  pinyin: string
}

/**
 * `department/create` calls for `departments` departments (ids 2.., two levels under the root:
 * about √D divisions with the rest spread under them), then `user/create` calls for `n` members.
 */
export function largeOrgCalls(
  n: number,
  departments: number,
  seed = 20240601,
): { departments: ApiCall[]; members: ApiCall[]; generated: GeneratedMember[] } {
  const rnd = seededRandom(seed)
  const pick = <T>(list: ReadonlyArray<T>): T => list[Math.floor(rnd() * list.length)]
  const deptCalls: ApiCall[] = []
  const divisions = Math.max(1, Math.min(departments, Math.round(Math.sqrt(departments))))
  for (let i = 0; i < departments; i++) {
    const id = i + 2
    const parentid = i < divisions ? 1 : 2 + (i % divisions)
    deptCalls.push({ api: 'department/create', body: { id, name: `部门${id}`, parentid, order: i } })
  }
  const deptIds = deptCalls.map((c) => c.body.id as number)
  const memberCalls: ApiCall[] = []
  const generated: GeneratedMember[] = []
  for (let i = 0; i < n; i++) {
    const [sn, sp] = pick(SURNAMES)
    const given = rnd() < 0.6 ? [pick(GIVEN), pick(GIVEN)] : [pick(GIVEN)]
    const name = sn + given.map((g) => g[0]).join('')
    const pinyin = sp + given.map((g) => g[1]).join('')
    const userid = `${pinyin}${i}`
    const department = deptIds.length ? [pick(deptIds)] : [1]
    const mobile = `1${3 + Math.floor(rnd() * 6)}${String(Math.floor(rnd() * 1e9)).padStart(9, '0')}`
    memberCalls.push({
      api: 'user/create',
      body: { userid, name, department, position: pick(POSITIONS), mobile, gender: rnd() < 0.5 ? 1 : 2 },
    })
    generated.push({ userid, name, pinyin })
  }
  return { departments: deptCalls, members: memberCalls, generated }
}
