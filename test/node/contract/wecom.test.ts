// api.md "Envelope and list fields": exmail/* answers are WeCom-shaped — list fields of
// exmail/publicmail/get wrapped as {list: [...]}, times in unix seconds — while mail/* keeps epoch ms
// (except mail/authcode/list, which lists codes like get_auth_code_list).
import { DOMAIN, setup, T0 } from '../publicmail/harness'

const DAY = 86_400_000
const seconds = (ms: number) => Math.floor(ms / 1000)

async function mailboxWithEverything() {
  const h = setup({ members: ['lisi'] })
  h.addDept(2)
  h.addTag(5, ['lisi'])
  h.advance(1234) // a time that is not a whole second
  const r = await h.call('exmail/publicmail/create', {
    email: `sales@${DOMAIN}`,
    name: '销售',
    userid_list: { list: ['lisi'] },
    department_list: { list: [2] },
    tag_list: { list: [5] },
    create_auth_code: 1,
  })
  expect(r.errcode).toBe(0)
  const id = r.id as number
  expect(
    (await h.call('exmail/publicmail/update', { id, alias_list: { list: [`xs@${DOMAIN}`] } })).errcode,
  ).toBe(0)
  return { h, id, code: r.auth_code as string }
}

test('exmail/publicmail/get wraps every list field and answers create_time in seconds', async () => {
  const { h, id } = await mailboxWithEverything()
  const got = await h.call('exmail/publicmail/get', { id_list: { list: [id] } })
  expect(got.list).toEqual([
    {
      id,
      email: `sales@${DOMAIN}`,
      name: '销售',
      userid_list: { list: ['lisi'] },
      department_list: { list: [2] },
      tag_list: { list: [5] },
      alias_list: { list: [`xs@${DOMAIN}`] },
      enabled: true,
      no_users: false,
      create_time: seconds(T0 + 1234),
    },
  ])
})

test('get_auth_code_list and mail/authcode/list answer unix seconds; last use is rounded down', async () => {
  const { h, id, code } = await mailboxWithEverything()
  h.advance(DAY + 999)
  expect((await h.login(`sales@${DOMAIN}`, code)).result.errcode).toBe(0)
  const admin = (await h.call('exmail/publicmail/get_auth_code_list', { id })).auth_code_list as Record<
    string,
    number
  >[]
  expect(admin[0]).toMatchObject({
    create_time: seconds(T0 + 1234),
    last_use_time: seconds(T0 + 1234 + DAY + 999),
  })

  expect((await h.call('mail/authcode/create', { mailbox: id, remark: '手机' }, 'lisi')).errcode).toBe(0)
  const own = (await h.call('mail/authcode/list', { mailbox: id }, 'lisi')).auth_code_list as Record<
    string,
    unknown
  >[]
  expect(own).toEqual([
    expect.objectContaining({ remark: '手机', create_time: seconds(h.now()), last_use_time: 0 }),
  ])
})

test('the recycle bin and delete answer seconds; the 60 days still hold in milliseconds inside', async () => {
  const { h, id } = await mailboxWithEverything()
  const deleted = await h.call('exmail/publicmail/delete', { id })
  expect(deleted).toMatchObject({ errcode: 0, expire_time: seconds(h.now() + 60 * DAY), retention_days: 60 })
  expect((await h.call('exmail/recycle/list')).list).toEqual([
    expect.objectContaining({ id, deleted_time: seconds(h.now()), expire_time: seconds(h.now() + 60 * DAY) }),
  ])
  // persisted state keeps ms: the entry expires exactly 60 days after deletion, not 1000× later
  expect(h.corp.recycle[id].expire_time).toBe(h.now() + 60 * DAY)
})

test('mail/* keeps epoch ms', async () => {
  const h = setup({ members: ['lisi'] })
  h.advance(1234)
  const sent = await h.call('mail/message/send', {
    mailbox: 'personal',
    from: `boss@${DOMAIN}`,
    to: [`lisi@${DOMAIN}`],
    subject: '你好',
    content: '正文',
    idempotency_key: 'k1',
  })
  expect(sent.errcode).toBe(0)
  const items = (await h.call('mail/message/list', { mailbox: 'personal', folder: 'inbox' }, 'lisi'))
    .items as {
    time: number
  }[]
  expect(items[0].time).toBe(T0 + 1234)
})
