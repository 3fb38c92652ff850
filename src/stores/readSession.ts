// The read store of the app. Only the read page (mail sub-package) imports this file, so the main
// package carries none of it; a fresh app in tests rebuilds it over the new stores.
import { api } from '../api'
import { onResetForTest, stores } from './index'
import { LOST_ACCESS_CODES } from './mailboxes'
import { ReadStore } from './read'

function createRead(): ReadStore {
  return new ReadStore({
    api,
    messages: stores.messages,
    // Access lost while reading a business mailbox: home to the personal one, as the lists do.
    onFailure: (f) => {
      if (LOST_ACCESS_CODES.has(f.errcode) && stores.mailboxes.currentId !== 'personal')
        stores.mailboxes.lostAccess(f.errmsg)
    },
  })
}

// `let`: a fresh app in tests gets a new store (importers see it through the live binding).
export let read = createRead()

onResetForTest(() => {
  read = createRead()
})
