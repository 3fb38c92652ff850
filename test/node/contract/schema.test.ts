// The dispatcher checks every body with its API's schema before the handler: a problem answers
// 40058 (or the field's own code) with a zh-CN message naming the field, and changes nothing.
import { apis } from '../../../src/api/contract'
import { fieldOf, parseInput } from '../../../src/api/contract/schema'
import { ErrCode } from '../../../src/policy/codes'
import { setup } from '../publicmail/harness'

describe('fieldOf: the field a schema problem is at', () => {
  const at = (...keys: (string | number)[]) =>
    keys.map((key) => ({ type: typeof key === 'number' ? 'array' : 'object', key }))
  test.each([
    [at('to', 0), 'to'],
    [at('shared', 'version'), 'shared.version'],
    [at('userid_list', 'list', 3), 'userid_list'],
    [at('range', 'partyid', 1), 'range.partyid'],
    [at(), ''],
  ])('%j → %s', (path, field) => expect(fieldOf(path)).toBe(field))
})

describe('schema refusals through the dispatcher', () => {
  const cases: [string, Record<string, unknown>, number, string][] = [
    ['user/get', {}, ErrCode.INVALID_PARAM, '缺少成员账号 (userid)'],
    ['user/get', { userid: 7 }, ErrCode.INVALID_PARAM, '缺少成员账号 (userid)'],
    ['department/delete', { id: 1.5 }, ErrCode.INVALID_PARAM, '部门 id 必须是正整数 (id)'],
    ['tag/get', { tagid: 'x' }, ErrCode.INVALID_TAG, '标签 id 不正确 (tagid)'],
    [
      'user/list',
      { department_id: 1, limit: 1001 },
      ErrCode.INVALID_PARAM,
      '每页数量必须是 1–1000 的整数 (limit)',
    ],
    [
      'contactrule/create',
      { rule_type: 1, range: { partyid: [1, 'x'] } },
      ErrCode.INVALID_DEPARTMENT_LIST,
      '必须是正整数 id 列表 (range.partyid)',
    ],
    ['contactrule/create', { rule_type: 1 }, ErrCode.INVALID_PARAM, '缺少适用范围 (range)'],
    [
      'exmail/publicmail/update',
      { id: 1, userid_list: { list: ['boss', 42] } },
      ErrCode.INVALID_USERID,
      '成员账号格式不正确 (userid_list)',
    ],
    [
      'exmail/publicmail/update',
      { id: 1, tag_list: 'sales' },
      ErrCode.INVALID_PARAM,
      '列表格式不正确，应为 {"list": [...]} (tag_list)',
    ],
    ['exmail/publicmail/get', {}, ErrCode.INVALID_PARAM, '请提供要查询的业务邮箱 ID (id_list)'],
    ['exmail/publicmail/delete', { id: 'abc' }, ErrCode.INVALID_PARAM, '业务邮箱 ID 格式不正确 (id)'],
    [
      'exmail/publicmail/search',
      { fuzzy: 2 },
      ErrCode.INVALID_FUZZY,
      'fuzzy 只能是 0（全部）或 1（按名称或地址匹配） (fuzzy)',
    ],
    [
      'exmail/publicmail/create',
      { create_auth_code: 2 },
      ErrCode.INVALID_PARAM,
      '只能是 0 或 1 (create_auth_code)',
    ],
    ['exmail/vip/list', { limit: 0 }, ErrCode.INVALID_PARAM, 'limit 须为 1–200 的整数 (limit)'],
    ['mail/folder/list', {}, ErrCode.INVALID_PARAM, '缺少邮箱 (mailbox)'],
    [
      'mail/message/send',
      { mailbox: 'personal', idempotency_key: 'k', from: 'boss@corp.com', to: 'a@b.com' },
      ErrCode.INVALID_PARAM,
      '收件人列表必须是数组 (to)',
    ],
    [
      'mail/draft/save',
      { mailbox: 'personal', cc: ['ok@corp.com', 5] },
      ErrCode.INVALID_PARAM,
      '收件人需为不超过 254 个字符的文本 (cc)',
    ],
    [
      'mail/message/update',
      { mailbox: 'personal', mail_id: 'm1', starred: 'yes' },
      ErrCode.INVALID_PARAM,
      '必须是 true 或 false (starred)',
    ],
    [
      'mail/settings/update',
      { mailbox: 'personal', shared: { signature: 'x' } },
      ErrCode.INVALID_PARAM,
      '修改共享设置需要带上当前版本号 (shared.version)',
    ],
    [
      'mail/settings/update',
      { mailbox: 'personal', personal: { notify: 1 } },
      ErrCode.INVALID_PARAM,
      '必须是 true 或 false (personal.notify)',
    ],
    [
      'exmail/migration/status',
      { migration_id: '' },
      ErrCode.INVALID_PARAM,
      '迁移任务 ID 格式不正确 (migration_id)',
    ],
  ]

  test.each(cases)('%s %j → %d %s', async (api, body, errcode, errmsg) => {
    const h = setup({ members: ['lisi'] })
    const before = h.snapshot()
    expect(await h.call(api, body)).toEqual({ errcode, errmsg })
    expect(h.snapshot()).toBe(before)
  })

  test('the role check comes first: a non-admin learns nothing about the body', async () => {
    const h = setup({ members: ['lisi'] })
    expect((await h.call('exmail/publicmail/delete', { id: 'abc' }, 'lisi')).errcode).toBe(
      ErrCode.NO_PRIVILEGE,
    )
  })

  test('a handler gets its parsed input: {list} unwrapped, numeric-string ids as numbers', () => {
    const parsed = parseInput(
      apis['exmail/publicmail/get'].input,
      { id_list: { list: ['7', 8] } },
      ErrCode.INVALID_PARAM,
    )
    expect(parsed).toEqual({ ok: true, value: { id_list: [7, 8] } })
    const flagged = parseInput(
      apis['exmail/publicmail/update'].input,
      { id: 3, create_auth_code: 1 },
      ErrCode.INVALID_PARAM,
    )
    expect(flagged).toMatchObject({ ok: true, value: { id: 3, create_auth_code: true } })
  })

  test('fields the contract does not declare do not reach the handler', () => {
    const parsed = parseInput(apis['tag/create'].input, { tagname: '销售', extra: 1 }, ErrCode.INVALID_PARAM)
    expect(parsed).toEqual({ ok: true, value: { tagname: '销售' } })
  })
})
