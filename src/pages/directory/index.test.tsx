import TestUtils from '@tarojs/test-utils-react'
import Taro from '@tarojs/taro'
import { backend } from '../../../test/kit/app'
import { stores } from '../../stores'
import { bodyText, click, typeInto, until } from '../../../test/pages/helpers'
import { MemberCard } from '../../contacts/pages/member/MemberCard'
import { DirectoryView } from './DirectoryView'

const testUtils = new TestUtils()
const zhangsan = { corpid: 'wwdemo', userid: 'zhangsan' }
const lina = { corpid: 'wwdemo', userid: 'lina' }

const rows = (testid: string) => Array.from(document.querySelectorAll(`[data-testid="${testid}"]`))
const deptRow = (name: string) => rows('dept-row').find((r) => r.textContent?.includes(name)) ?? null
const memberIds = () => rows('member-row').map((r) => r.getAttribute('data-userid'))
const search = () => document.querySelector('[data-testid="dir-search"]')
/** member rows of the search results (the department list stays mounted beneath them) */
const results = () =>
  Array.from(document.querySelectorAll('[data-testid="search-results"] [data-testid="member-row"]'))
const resultIds = () => results().map((r) => r.getAttribute('data-userid'))

async function deptId(name: string): Promise<number> {
  const r = await backend().call('department/list', {}, lina)
  return (r.department as Array<{ id: number; name: string }>).find((d) => d.name === name)!.id
}

describe('Directory pages', () => {
  let navigate: jest.SpyInstance
  beforeEach(async () => {
    await stores.session.switchTo(zhangsan)
  })
  beforeEach(() => {
    navigate = jest.spyOn(Taro, 'navigateTo').mockImplementation(() => Promise.resolve({ errMsg: 'ok' }))
  })
  afterEach(() => {
    navigate.mockRestore()
    testUtils.unmout()
    stores.directory.setQuery('')
  })

  it('shows the tree with member counts, opens a department, and climbs back by its breadcrumbs', async () => {
    await testUtils.mount(DirectoryView, {})
    await until(testUtils, () => deptRow('销售部') !== null, 'the top departments')
    const sales = stores.directory.departments!.find((d) => d.name === '销售部')!
    expect(deptRow('销售部')!.textContent).toContain(`${sales.member_count} 人`)
    expect(sales.member_count).toBeGreaterThan(90)
    expect(deptRow('董事会')).toBeNull() // hidden from zhangsan
    await until(testUtils, () => rows('bizmail-row').length > 0, 'the business mailboxes')
    expect(bodyText()).toContain('sales@xinghe.com')

    await click(testUtils, deptRow('销售部'), '销售部')
    expect(navigate).toHaveBeenLastCalledWith({ url: `/contacts/pages/dept/index?id=${sales.id}` })
    testUtils.unmout()

    const shanghai = await deptId('上海组')
    await testUtils.mount(DirectoryView, { props: { departmentId: shanghai } })
    const list = stores.directory.members(shanghai)
    await until(
      testUtils,
      () => list.items.length > 0 && memberIds().includes(list.items[0].userid),
      '上海组',
    )
    const crumbs = document.querySelector('[data-testid="breadcrumbs"]')!.textContent
    expect(crumbs).toContain('星河科技')
    expect(crumbs).toMatch(/销售部.*华东区.*上海组/)
    // only a screenful of rows exists even though the department has more members
    expect(memberIds().length).toBeLessThan(list.items.length)
  })

  it('searches while typing and highlights the matched characters', async () => {
    await testUtils.mount(DirectoryView, {})
    await until(testUtils, () => deptRow('销售部') !== null, 'the directory')
    await typeInto(testUtils, search(), 'zs', 'search')
    await until(testUtils, () => rows('search-results').length > 0, 'results')
    const first = results()[0]
    expect(first.getAttribute('data-userid')).toBe('zhangsan')
    const marks = Array.from(first.querySelectorAll('[data-testid="highlight"]')).map((m) => m.textContent)
    expect(marks.join('')).toBe('张三')
    // a position search marks the position, as text (never markup)
    await typeInto(testUtils, search(), '架构', 'search')
    await until(testUtils, () => resultIds().includes('xiexiaodong'), 'position results')
    const row = results().find((r) => r.getAttribute('data-userid') === 'xiexiaodong')!
    expect(row.querySelector('[data-testid="highlight"]')!.textContent).toBe('架构')

    await typeInto(testUtils, search(), '不存在的人', 'search')
    await until(testUtils, () => rows('search-empty').length > 0, 'the empty state')
    expect(bodyText()).toContain('没有找到“不存在的人”相关的成员')
  })

  it('finds business mailboxes and departments in their own sections, and writes to or opens them', async () => {
    const open = jest.spyOn(Taro, 'switchTab').mockImplementation(() => Promise.resolve({ errMsg: 'ok' }))
    await testUtils.mount(DirectoryView, {})
    await until(testUtils, () => deptRow('销售部') !== null, 'the directory')
    await typeInto(testUtils, search(), 'sales', 'search')
    await until(testUtils, () => rows('search-mailbox').length > 0, 'the mailbox section')
    expect(rows('search-mailboxes')[0].textContent).toContain('业务邮箱')
    expect(rows('search-mailbox')[0].textContent).toContain('sales@xinghe.com')
    expect(rows('search-mailbox')[0].querySelector('[data-testid="highlight"]')!.textContent).toBe('sales')
    expect(results()).toHaveLength(0)
    await click(testUtils, rows('search-mailbox')[0], 'the mailbox')
    expect(navigate).toHaveBeenLastCalledWith({
      url: `/mail/pages/compose/index?mode=new&to=${encodeURIComponent('销售部公共邮箱 <sales@xinghe.com>')}`,
    })

    await typeInto(testUtils, search(), 'xiaoshou', 'search')
    await until(testUtils, () => rows('search-department').length > 0, 'the department section')
    const sales = stores.directory.departments!.find((d) => d.name === '销售部')!
    expect(rows('search-department')[0].textContent).toContain(`${sales.member_count} 人`)
    await click(testUtils, rows('search-department')[0], 'the department')
    expect(navigate).toHaveBeenLastCalledWith({ url: `/contacts/pages/dept/index?id=${sales.id}` })
    open.mockRestore()
  }, 20_000)

  it('shows the true number of members found and loads more as the results scroll', async () => {
    const all = await backend().call('user/search', { query: '销售', limit: 100 }, zhangsan)
    await testUtils.mount(DirectoryView, {})
    await until(testUtils, () => deptRow('销售部') !== null, 'the directory')
    await typeInto(testUtils, search(), '销售', 'search')
    await until(testUtils, () => results().length > 0, 'results')
    expect(document.querySelector('[data-testid="search-member-count"]')!.textContent).toBe(
      `成员（${all.total}）`,
    )
    expect(all.total).toBeGreaterThan(results().length)
    const scroller = document.querySelector('[data-testid="search-results"]')!
    await testUtils.act(async () => {
      scroller.dispatchEvent(new Event('scroll'))
    })
    await until(testUtils, () => results().length === all.total, 'the next page')
    expect(resultIds()).toEqual((all.userlist as Array<{ userid: string }>).map((m) => m.userid))
    expect(document.querySelector('[data-testid="search-foot"]')!.textContent).toBe(`共 ${all.total} 位成员`)
  }, 20_000)

  it('never shows a hidden member: not in search, not in lists, not on a card', async () => {
    await testUtils.mount(DirectoryView, {})
    await until(testUtils, () => deptRow('销售部') !== null, 'the directory')
    await typeInto(testUtils, search(), '王建国', 'search')
    await until(testUtils, () => rows('search-empty').length > 0, 'no results')
    expect(bodyText()).not.toContain('董事长')
    testUtils.unmout()

    await testUtils.mount(MemberCard, { props: { userid: 'wangjianguo' } })
    await until(testUtils, () => bodyText().includes('该成员不存在或你无权查看'), 'the refusal')
    expect(bodyText()).not.toContain('王建国')
    testUtils.unmout()

    // the board's own page, opened by id, is as absent as a department that does not exist
    await testUtils.mount(DirectoryView, { props: { departmentId: await deptId('董事会') } })
    await until(testUtils, () => bodyText().includes('该部门不存在，或你无权查看'), 'the refusal')
    expect(memberIds()).toEqual([])
    testUtils.unmout()

    // an outside auditor sees nobody but themselves
    await testUtils.act(async () => {
      await stores.session.switchTo({ corpid: 'wwdemo', userid: 'auditor' })
    })
    await testUtils.mount(DirectoryView, { props: { departmentId: await deptId('财务部') } })
    await until(testUtils, () => memberIds().includes('auditor'), 'the auditor’s own row')
    expect(memberIds()).toEqual(['auditor'])
    await testUtils.act(async () => {
      await stores.session.switchTo(zhangsan)
    })
  })

  it('shows the mobile of a colleague in my department only, and writes to the address from the card', async () => {
    await testUtils.mount(MemberCard, { props: { userid: 'lisi' } })
    await until(testUtils, () => bodyText().includes('李四'), 'the card')
    expect(document.querySelector('[data-testid="card-mobile"]')?.textContent).toMatch(/1\d{10}/)
    expect(bodyText()).toContain('上海组')
    expect(document.querySelector('[data-testid="card-status"]')!.textContent).toBe('在职')
    await click(testUtils, document.querySelector('[data-testid="card-mail"]'), 'mail')
    expect(navigate).toHaveBeenLastCalledWith({
      url: `/mail/pages/compose/index?mode=new&to=${encodeURIComponent('李四 <lisi@xinghe.com>')}`,
    })
    testUtils.unmout()

    await testUtils.mount(MemberCard, { props: { userid: 'wangwu' } })
    await until(testUtils, () => bodyText().includes('王五'), 'the card')
    expect(document.querySelector('[data-testid="card-mobile"]')).toBeNull()
    expect(bodyText()).toContain('wangwu@xinghe.com')
  })

  it('keeps recent searches and forgets every cache on an identity switch', async () => {
    await testUtils.mount(DirectoryView, {})
    await until(testUtils, () => deptRow('销售部') !== null, 'the directory')
    await typeInto(testUtils, search(), 'lisi', 'search')
    await until(testUtils, () => resultIds().includes('lisi'), 'results')
    await click(
      testUtils,
      results().find((r) => r.getAttribute('data-userid') === 'lisi')!,
      'lisi',
    )
    expect(stores.directory.recent).toContain('lisi')
    await typeInto(testUtils, search(), '', 'search')
    await testUtils.act(async () => {
      search()!.querySelector('input')!.dispatchEvent(new FocusEvent('focus'))
    })
    await until(testUtils, () => rows('recent-searches').length > 0, 'recent searches')

    // lina (管理层) sees the board; then back to zhangsan, who must not
    await testUtils.act(async () => {
      await stores.session.switchTo(lina)
    })
    expect(stores.directory.recent).not.toContain('lisi')
    await until(testUtils, () => deptRow('董事会') !== null, 'the board for lina')
    await testUtils.act(async () => {
      await stores.session.switchTo(zhangsan)
    })
    expect(stores.directory.departments?.some((d) => d.name === '董事会') ?? false).toBe(false)
    await until(testUtils, () => deptRow('销售部') !== null, 'zhangsan’s directory')
    expect(deptRow('董事会')).toBeNull()
    await testUtils.act(async () => {
      await stores.directory.loadRecent()
    })
    expect(stores.directory.recent).toContain('lisi')
    await click(testUtils, document.querySelector('[data-testid="recent-clear"]'), 'clear')
    expect(stores.directory.recent).toEqual([])
  })
})
