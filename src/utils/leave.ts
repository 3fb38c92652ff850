// Closing a page after an action: back when there is a page to go back to, otherwise (a reload, a
// deep link, a shared card: a one-page stack) on to a fallback, so the user is never stranded.
import Taro from '@tarojs/taro'

const TABS = new Set(['/pages/mail/index', '/pages/directory/index', '/pages/me/index'])

/** how many pages the stack holds (1 after a reload or a deep link) */
export function stackDepth(): number {
  try {
    return Taro.getCurrentPages().length
  } catch {
    return 1
  }
}

/** goes back one page, or to `fallback` (a tab page by default: the mail list) when there is none */
export async function leavePage(fallback = '/pages/mail/index'): Promise<void> {
  if (stackDepth() > 1) {
    try {
      await Taro.navigateBack()
      return
    } catch {
      // fall through: the stack was shorter than it looked
    }
  }
  const path = fallback.split('?')[0]
  if (TABS.has(path)) await Taro.switchTab({ url: path }).catch(() => Taro.reLaunch({ url: fallback }))
  else await Taro.redirectTo({ url: fallback }).catch(() => Taro.reLaunch({ url: fallback }))
}
