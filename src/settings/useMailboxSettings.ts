// The mailbox a settings page is about (?mailbox=…, else the current one) and its settings store.
import { useEffect } from 'react'
import { useRouter } from '@tarojs/taro'
import { stores } from '../stores'
import { settings } from './store'

export function useMailboxSettings(options: { load?: boolean } = {}) {
  const params = useParams()
  const { session, mailboxes } = stores
  const id = params.mailbox ? decodeURIComponent(params.mailbox) : mailboxes.currentId
  const box = mailboxes.list.find((m) => m.id === id)
  // A new identity clears the store: `of` then hands out a fresh object for that identity.
  const s = settings.of(id)
  const ready = session.state === 'ready'

  // Opened straight from a link or after a restart: the mailbox list is not there yet.
  useEffect(() => {
    if (ready && mailboxes.state === 'idle') void mailboxes.refresh()
  }, [ready, mailboxes])

  useEffect(() => {
    if (ready && options.load !== false) void s.load()
  }, [ready, s, options.load])

  return { id, box, s, session, mailboxes }
}

/** the page's query; empty when a page is mounted without a router (tests) */
export function useParams(): Record<string, string | undefined> {
  const router = useRouter() as { params?: Record<string, string | undefined> } | null
  return router?.params ?? {}
}

/** settings pages of one mailbox link to each other with its id */
export function settingsUrl(page: string, mailbox: string, extra = ''): string {
  return `/settings/pages/${page}/index?mailbox=${encodeURIComponent(mailbox)}${extra}`
}
