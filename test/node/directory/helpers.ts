// Shared set-up for directory tests: a small corp through the public API.
import { createMockBackend, type MockBackend } from '../../../src/api/mock/index'
import type { CorpSetup } from '../../../src/api/contract'

export const CORP = 'wwtest'
export const DOMAIN = 'test.com'

export function corpSetup(overrides: Partial<CorpSetup> = {}): CorpSetup {
  return {
    corpid: CORP,
    name: '测试公司',
    creator: 'boss',
    admins: ['admin2'],
    edition: 'basic',
    domain: { name: DOMAIN, kind: 'custom' },
    ...overrides,
  }
}

export interface Harness {
  backend: MockBackend
  /** call as a member of the test corp (default: the creator, an admin) */
  call(api: string, body: unknown, userid?: string): Promise<Record<string, any>>
  /** call and expect errcode 0 */
  ok(api: string, body: unknown, userid?: string): Promise<Record<string, any>>
}

export function harness(setups: CorpSetup[] = [corpSetup()], now = () => 1_700_000_000_000): Harness {
  const backend = createMockBackend({ corps: setups, now })
  const call = (api: string, body: unknown, userid = 'boss') =>
    backend.call(api, body as object, { corpid: CORP, userid }) as Promise<Record<string, any>>
  return {
    backend,
    call,
    async ok(api, body, userid) {
      const r = await call(api, body, userid)
      if (r.errcode !== 0) throw new Error(`${api} ${JSON.stringify(body)} -> ${r.errcode} ${r.errmsg}`)
      return r
    },
  }
}

/**
 * 测试公司 > 销售部(2) > 华东区(3) > 上海组(4); 研发部(5) > 前端组(6); 董事会(7)
 * members: boss (1), zhangsan 张三 (4), lisi 李四 (3), wangwu 王五 (6), zhaoliu 赵六 (5),
 * chairman 陈董 (7), intern 实习生小周 (6)
 */
export async function smallOrg(h: Harness): Promise<void> {
  for (const [id, name, parentid] of [
    [2, '销售部', 1],
    [3, '华东区', 2],
    [4, '上海组', 3],
    [5, '研发部', 1],
    [6, '前端组', 5],
    [7, '董事会', 1],
  ] as const) {
    await h.ok('department/create', { id, name, parentid })
  }
  for (const [userid, name, department, position, mobile] of [
    ['admin2', '管理员二', [1], '管理员', '13800000001'],
    ['zhangsan', '张三', [4], '销售代表', '13800000002'],
    ['lisi', '李四', [3], '区域经理', '13800000003'],
    ['wangwu', '王五', [6], '前端工程师', '13800000004'],
    ['zhaoliu', '赵六', [5], '技术总监', '13800000005'],
    ['chairman', '陈董', [7], '董事长', '13800000006'],
    ['intern', '周小周', [6], '实习生', '13800000007'],
  ] as const) {
    await h.ok('user/create', { userid, name, department, position, mobile })
  }
}
