// 通讯录 tab: the corp's root department, business mailboxes and search.
import { DirectoryView } from './DirectoryView'
import { useTabBadge } from '../../components/TabBadge'

export default function DirectoryPage() {
  useTabBadge()
  return <DirectoryView />
}
