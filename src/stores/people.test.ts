import { harness } from '../../test/node/stores/harness'
import { PeopleStore } from './people'

function setup() {
  const h = harness()
  const calls: string[] = []
  const api = {
    ...h.api,
    call: ((name: string, body: object) => {
      calls.push(name)
      return h.api.call(name as never, body as never)
    }) as typeof h.api.call,
  }
  const people = new PeopleStore(api)
  const settled = async () => {
    for (let i = 0; i < 50; i++) await new Promise((r) => setTimeout(r, 0))
  }
  return { ...h, people, calls, settled }
}

describe('PeopleStore', () => {
  it('names a colleague by the directory (with the userid for the card), a business mailbox by its name', async () => {
    const { people, settled } = setup()
    expect(people.person('lina@xinghe.com')).toMatchObject({ kind: 'pending', name: 'lina@xinghe.com' })
    people.resolve(['lina@xinghe.com', '"Sales" <SALES@xinghe.com>'])
    await settled()
    expect(people.person('lina@xinghe.com')).toEqual({
      address: 'lina@xinghe.com',
      name: '李娜',
      kind: 'member',
      userid: 'lina',
    })
    // the directory's name wins over what the header says; the case of the address does not matter
    expect(people.person('"Sales" <SALES@xinghe.com>')).toMatchObject({
      kind: 'mailbox',
      name: '销售部公共邮箱',
    })
    expect(people.person('Lina <LINA@xinghe.com>').name).toBe('李娜')
  })

  it('an outsider keeps the name of the header (else the address) and costs no directory search', async () => {
    const { people, calls, settled } = setup()
    people.resolve(['陈经理 <chen@customer.cn>', 'wang.hao@163.com'])
    await settled()
    expect(people.person('陈经理 <chen@customer.cn>')).toEqual({
      address: 'chen@customer.cn',
      name: '陈经理',
      kind: 'outside',
    })
    expect(people.person('wang.hao@163.com')).toMatchObject({ kind: 'outside', name: 'wang.hao@163.com' })
    // the corp's domain is known from its business mailboxes: other domains are nobody in it
    expect(calls.filter((c) => c === 'user/search')).toEqual([])
    // each address is looked up once
    people.resolve(['chen@customer.cn'])
    await settled()
    expect(calls.filter((c) => c === 'mail/publicmail/directory')).toHaveLength(1)
  })

  it('a colleague hidden from me by a visibility rule is shown like an outsider: nothing tells that they exist', async () => {
    const { people, admin, settled } = setup()
    // 王建国 (董事会) is hidden from everyone outside 管理层; zhangsan is not in it
    const boss = await admin('user/get', { userid: 'wangjianguo' })
    const address = boss.biz_mail as string
    expect(address).toMatch(/@xinghe\.com$/)
    people.resolve([address])
    await settled()
    expect(people.person(address)).toEqual({ address, name: address, kind: 'outside' })
  })

  it('a failed lookup is tried again; clear() forgets everything (another identity)', async () => {
    const h = setup()
    let fail = true
    const api = {
      ...h.api,
      call: ((name: string, body: object) =>
        fail && name === 'user/search'
          ? Promise.resolve({ errcode: -1, errmsg: '系统繁忙' })
          : h.api.call(name as never, body as never)) as typeof h.api.call,
    }
    const people = new PeopleStore(api)
    people.resolve(['lina@xinghe.com'])
    await h.settled()
    expect(people.person('lina@xinghe.com').kind).toBe('pending')
    fail = false
    people.resolve(['lina@xinghe.com'])
    await h.settled()
    expect(people.person('lina@xinghe.com').name).toBe('李娜')
    people.clear()
    expect(people.person('lina@xinghe.com')).toMatchObject({ kind: 'pending', name: 'lina@xinghe.com' })
  })
})
