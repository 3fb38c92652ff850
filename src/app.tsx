import { useEffect, type PropsWithChildren } from 'react'
import { useDidHide, useDidShow, useLaunch } from '@tarojs/taro'
import { autorun } from 'mobx'
import { warmUpEntropy } from './api/entropy'
import { applyTabBadge } from './components/TabBadge'
// H5: the back-closes-a-sheet listener goes in before Taro's router adds its popstate listener
import './components/BackCloses/listen'
import { stores } from './stores'
import './app.css'

/** how often the app looks for new mail while it is in the foreground */
const POLL_MS = 30_000

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    warmUpEntropy() // idempotency keys are drawn from a pool that WeChat fills asynchronously
    void stores.session.restore()
  })
  useDidShow(() => stores.mailboxes.startPolling(POLL_MS))
  useDidHide(() => stores.mailboxes.stopPolling())

  // The 邮件 tab carries the unread count of mailboxes whose new-mail reminder is on.
  useEffect(() => autorun(() => applyTabBadge(stores.mailboxes.badgeCount)), [])
  return children
}

export default App
