import { apis } from '../api/contract'
import { humanError } from './humanError'

describe('humanError: backend errmsg → a sentence people read', () => {
  it('drops a plain field key the text already names', () => {
    expect(humanError('邮箱地址格式不正确 (email)')).toBe('邮箱地址格式不正确')
    expect(humanError('请填写邮箱地址 (email)')).toBe('请填写邮箱地址')
  })

  it('keeps what follows the key', () => {
    expect(humanError('邮箱地址格式不正确 (email)：应为 名称@xinghe.com')).toBe(
      '邮箱地址格式不正确：应为 名称@xinghe.com',
    )
  })

  it('names a plain field the text does not name, unless shown at that field', () => {
    expect(humanError('最多 5 项 (alias_list)')).toBe('别名：最多 5 项')
    expect(humanError('最多 5 项 (alias_list)', { field: 'alias_list' })).toBe('最多 5 项')
    expect(humanError('只能迁入你创建的企业 (target_corpid)')).toBe('目标企业：只能迁入你创建的企业')
    expect(humanError('不能使用体验地址 (domain)')).toBe('域名：不能使用体验地址')
  })

  it('says an indexed position in words', () => {
    expect(humanError('邮件地址格式不正确：bob@ (to[0])')).toBe('第 1 个收件人的邮件地址格式不正确：bob@')
    expect(humanError('内容不能为空 (rules[2].conditions[0].value)')).toBe(
      '第 3 条规则的第 1 个条件的内容不能为空',
    )
  })

  it('leaves the position alone when the text already says it', () => {
    expect(humanError('第 3 条收信规则的第 1 个条件内容不能为空 (rules[2].conditions[0].value)')).toBe(
      '第 3 条收信规则的第 1 个条件内容不能为空',
    )
  })

  it('inside one rule, drops the rule it is shown in', () => {
    expect(
      humanError('第 3 条收信规则的第 1 个条件内容不能为空 (rules[2].conditions[0].value)', {
        field: 'rules[2]',
      }),
    ).toBe('第 1 个条件内容不能为空')
    expect(humanError('第 3 条收信规则至少需要一个动作 (rules[2].actions)', { field: 'rules[2]' })).toBe(
      '至少需要一个动作',
    )
  })

  it('drops a list of keys', () => {
    expect(humanError('至少选择一个成员、部门或标签 (userid_list, department_list, tag_list)')).toBe(
      '至少选择一个成员、部门或标签',
    )
  })

  it('leaves messages without a key, and Chinese parentheses, untouched', () => {
    expect(humanError('网络不稳定，请重试')).toBe('网络不稳定，请重试')
    expect(humanError('名称过长（最多 64 个字符）')).toBe('名称过长（最多 64 个字符）')
    expect(humanError('')).toBe('')
  })
})

describe('humanError: compose never shows a field key', () => {
  // Every field a send or a draft save carries: a refusal naming it is said with the field's name.
  const keys = [
    ...new Set([
      ...Object.keys(apis['mail/message/send'].input.entries),
      ...Object.keys(apis['mail/draft/save'].input.entries),
    ]),
  ]

  it.each(keys)('%s is said by its name', (key) => {
    const said = humanError(`格式不正确 (${key})`)
    expect(said).not.toContain(key)
    expect(said).toMatch(/^[\u4e00-\u9fff]+：格式不正确$/)
  })

  it('a recipient refused by position says which one, in words', () => {
    expect(humanError('邮件地址格式不正确：bob@ (cc[1])')).toBe('第 2 个抄送人的邮件地址格式不正确：bob@')
    expect(humanError('至少需要一个收件人 (to)')).toBe('至少需要一个收件人')
    expect(humanError('收件人、抄送、密送合计最多 100 个 (bcc)')).toBe('收件人、抄送、密送合计最多 100 个')
  })
})
