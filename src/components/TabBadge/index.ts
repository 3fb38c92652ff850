// The 邮件 tab's unread badge. WeChat refuses tab-bar calls while a non-tab page is on top, so the
// badge is set when the count changes and set again whenever a tab page shows.
import Taro, { useDidShow } from '@tarojs/taro'
import { stores } from '../../stores'

const MAIL_TAB = 0

export function applyTabBadge(n: number): void {
  const ignore = () => {} // refused off a tab page: the next tab page to show applies it
  if (n > 0) void Taro.setTabBarBadge({ index: MAIL_TAB, text: n > 99 ? '99+' : String(n) }).catch(ignore)
  else void Taro.removeTabBarBadge({ index: MAIL_TAB }).catch(ignore)
}

/** for tab pages: re-apply the badge each time the page shows */
export function useTabBadge(): void {
  useDidShow(() => applyTabBadge(stores.mailboxes.badgeCount))
}
