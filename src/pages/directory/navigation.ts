// Where the directory goes: a department (one page per level so the back button climbs the tree),
// a member's card, and compose to an address.
import Taro from '@tarojs/taro'

export const DIRECTORY_TAB = '/pages/directory/index'
export const DEPARTMENT_PAGE = '/contacts/pages/dept/index'
export const MEMBER_PAGE = '/contacts/pages/member/index'
/** WeChat keeps at most 10 pages; deep trees replace the top page instead of pushing */
const STACK_MAX = 9

interface StackPage {
  route?: string
  options?: Record<string, string | undefined>
}

/**
 * Open department `id`. The root is the directory tab; a department already in the page stack (a
 * breadcrumb back up the tree) is returned to, keeping where it was scrolled.
 */
export function openDepartment(id: number, rootId: number | undefined): void {
  if (id === rootId) {
    void Taro.switchTab({ url: DIRECTORY_TAB })
    return
  }
  let pages: StackPage[] = []
  try {
    pages = Taro.getCurrentPages() as unknown as StackPage[]
  } catch {
    pages = [] // no routed page (tests): just open it
  }
  for (let i = pages.length - 1; i >= 0; i--) {
    const p = pages[i]
    if ((p.route ?? '').replace(/^\//, '') === DEPARTMENT_PAGE.slice(1) && Number(p.options?.id) === id) {
      const delta = pages.length - 1 - i
      if (delta > 0) void Taro.navigateBack({ delta })
      return
    }
  }
  const url = `${DEPARTMENT_PAGE}?id=${id}`
  void (pages.length >= STACK_MAX ? Taro.redirectTo({ url }) : Taro.navigateTo({ url }))
}

export function openMember(userid: string): void {
  void Taro.navigateTo({ url: `${MEMBER_PAGE}?userid=${encodeURIComponent(userid)}` })
}

/** compose a new mail to the address from the current mailbox */
export function writeTo(name: string, address: string): void {
  const to = name ? `${name} <${address}>` : address
  void Taro.navigateTo({ url: `/mail/pages/compose/index?mode=new&to=${encodeURIComponent(to)}` })
}
