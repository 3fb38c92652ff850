// The backend names the offending field in errmsg, e.g. "邮箱地址格式不正确 (email)" or
// "…条件内容不能为空 (rules[2].conditions[0].value)": api.md requires it for code and logs. People
// read a sentence instead: the key goes, and a position it carried is said in words.

/** a trailing field key: `(email)`, `(to[0])`, `(rules[2].conditions[0].value)`, `(a, b_list)` */
const KEY = /\s*\(([a-z][a-z0-9_]*(?:\[\d+\])?(?:\.[a-z][a-z0-9_]*(?:\[\d+\])?)*(?:,\s*[a-z][a-z0-9_]*)*)\)/

/** what one indexed list element is called: to[0] → 第 1 个收件人 */
const ELEMENT: Record<string, (n: number) => string> = {
  to: (n) => `第 ${n} 个收件人`,
  cc: (n) => `第 ${n} 个抄送人`,
  bcc: (n) => `第 ${n} 个密送人`,
  rules: (n) => `第 ${n} 条规则`,
  conditions: (n) => `第 ${n} 个条件`,
  actions: (n) => `第 ${n} 个动作`,
  alias_list: (n) => `第 ${n} 个别名`,
  attachments: (n) => `第 ${n} 个附件`,
  userid_list: (n) => `第 ${n} 个成员`,
  department_list: (n) => `第 ${n} 个部门`,
  tag_list: (n) => `第 ${n} 个标签`,
}

/** what a plain field is called, said when the message is shown away from the field */
const LABEL: Record<string, string> = {
  email: '邮箱地址',
  name: '名称',
  alias_list: '别名',
  alias: '别名',
  target_corpid: '目标企业',
  domain: '域名',
  subject: '主题',
  signature: '签名',
  remark: '备注',
  confirm_name: '企业名称',
  folder: '文件夹',
  to: '收件人',
  cc: '抄送',
  bcc: '密送',
  // the rest of a mail as compose sends or saves it (every field of send / draft/save)
  mailbox: '邮箱',
  from: '发件人',
  content: '正文',
  in_reply_to: '回复的邮件',
  draft_id: '草稿',
  mail_id: '邮件',
  idempotency_key: '发送请求',
  attachment_ids: '附件',
  forward_attachments: '转发的附件',
}

export interface HumanErrorOptions {
  /**
   * The key (prefix) of the field the message is shown at: `email` next to the address input;
   * `rules[2]` inside rule 3's editor, where "第 3 条收信规则的" goes without saying.
   */
  field?: string
}

/** the positions a key names, in words: rules[2].conditions[0] → 第 3 条规则的第 1 个条件 */
function positionOf(key: string): string {
  const parts: string[] = []
  const indexed = /([a-z][a-z0-9_]*)\[(\d+)\]/g
  for (let m = indexed.exec(key); m; m = indexed.exec(key)) {
    const name = ELEMENT[m[1]]
    if (name) parts.push(name(Number(m[2]) + 1))
  }
  return parts.join('的')
}

const SAYS_WHERE = /第 \d+ /

/** errmsg for people: no field key; an indexed position said in zh-CN unless the text says it */
export function humanError(errmsg: string, options: HumanErrorOptions = {}): string {
  if (!errmsg) return errmsg
  const m = KEY.exec(errmsg)
  if (!m) return errmsg
  const key = m[1]
  let text = (errmsg.slice(0, m.index) + errmsg.slice(m.index + m[0].length)).trim()
  const at = options.field ?? ''
  if (at && key.startsWith(at)) {
    // Shown at the field: where it is goes without saying, only what lies inside it is said.
    if (/\]$/.test(at)) text = text.replace(/^第 \d+ 条收信规则的?/, '')
    const inner = positionOf(key.slice(at.length))
    return inner && !SAYS_WHERE.test(text) ? `${inner}的${text}` : text
  }
  if (SAYS_WHERE.test(text)) return text
  const where = positionOf(key)
  if (where) return `${where}的${text}`
  const label = key.includes(',') ? undefined : LABEL[key.split(/[.[]/)[0]]
  return label && !text.includes(label) ? `${label}：${text}` : text
}
