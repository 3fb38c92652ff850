// Demo business mailboxes, seats, aliases (issue 4) for corp wwdemo. Built through the same
// handlers the app calls, so the demo obeys every rule (quota, addresses, lists). The directory
// demo is looked up by name and may be sparse: missing departments / tags fall back to members.
import type { MockEnv } from '../env'
import { createPublicmail } from '../publicmail/create'
import { actEmail, deletePublicmail } from '../publicmail/manage'
import { vipBatchAdd } from '../publicmail/seats'
import { updatePublicmail } from '../publicmail/update'
import type { Body, HandlerContext } from '../registry'
import type { BackendState, CorpState } from '../state'

const CORPID = 'wwdemo'
const FALLBACK_USERS = ['zhangsan', 'lina', 'zhangwei']
const DAY = 86400000

const deptId = (corp: CorpState, name: string) =>
  Object.values(corp.departments).find((d) => d.name === name)?.id
const tagId = (corp: CorpState, name: string) =>
  Object.values(corp.tags).find((t) => t.tagname === name)?.tagid

export async function seedMailboxDemo(state: BackendState, env: MockEnv): Promise<void> {
  const corp = state.corps[CORPID]
  if (!corp || !corp.users[corp.creator]) return
  const ctx = (now = env.now()): HandlerContext => ({
    state,
    corp,
    caller: corp.users[corp.creator],
    // Seeded in memory before any store holds the state: its passwords (none) live on the mailboxes.
    env: { ...env, now: () => now, clientPasswords: undefined, settings: undefined },
    isAdmin: true,
  })
  const fallback = FALLBACK_USERS.filter((u) => corp.users[u])
  const users = (dept?: number, tag?: number): Body => {
    if (dept !== undefined) return { department_list: { list: [dept] } }
    if (tag !== undefined) return { tag_list: { list: [tag] } }
    return { userid_list: { list: fallback } }
  }
  const create = async (body: Body, now?: number): Promise<number | null> => {
    const r = await createPublicmail(ctx(now), body)
    return r.errcode === 0 ? (r.id as number) : null
  }

  // Two of five seats assigned: quota 3 + 3 = 6, so the admin page shows "4 / 6".
  const candidates = ['lina', 'zhangsan', 'wangfang', 'liuyang', ...Object.keys(corp.users).sort()]
  const seatHolders = Array.from(new Set(candidates.filter((u) => corp.users[u]))).slice(0, 2)
  if (seatHolders.length) await vipBatchAdd(ctx(), { userid_list: seatHolders })

  await create({ email: 'sales@xinghe.com', name: '销售部公共邮箱', ...users(deptId(corp, '销售部')) })
  const pr = tagId(corp, '市场') ?? tagId(corp, '公关')
  const prId = await create({
    email: 'pr@xinghe.com',
    name: '市场公关',
    ...(pr !== undefined ? users(undefined, pr) : users(deptId(corp, '市场部'))),
  })
  if (prId !== null) await updatePublicmail(ctx(), { id: prId, alias_list: ['media@xinghe.com'] })
  await create({ email: 'service@xinghe.com', name: '客服中心', ...users(undefined, tagId(corp, '客服')) })
  const hr = await create({
    email: 'hr-jobs@xinghe.com',
    name: '招聘',
    ...users(deptId(corp, '人事行政部') ?? deptId(corp, '人力资源部')),
  })
  if (hr !== null) actEmail(ctx(), { publicemail_id: hr, type: 2 })

  // One mailbox deleted ten days ago: the recycle bin has something to restore.
  const old = await create({
    email: 'event2025@xinghe.com',
    name: '年会活动',
    userid_list: { list: fallback },
  })
  if (old !== null) await deletePublicmail(ctx(env.now() - 10 * DAY), { id: old })
}
