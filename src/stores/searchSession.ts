// The search store of the app. Only the search page (mail sub-package) imports this file, so the
// main package carries none of it; it is cleared with the main stores on every identity change.
import { api } from '../api'
import { onIdentityChange, onResetForTest, stores } from './index'
import { LOST_ACCESS_CODES } from './mailboxes'
import { SearchStore } from './search'

function createSearch(): SearchStore {
  return new SearchStore({
    api,
    // Access lost while searching a business mailbox: home to the personal one, as the list does.
    onFailure: (f) => {
      if (LOST_ACCESS_CODES.has(f.errcode) && stores.mailboxes.currentId !== 'personal')
        stores.mailboxes.lostAccess(f.errmsg)
    },
  })
}

// `let`: a fresh app in tests gets a new store (importers see it through the live binding).
export let search = createSearch()

onIdentityChange(() => search.clear())
onResetForTest(() => {
  search.clear()
  search = createSearch()
})
