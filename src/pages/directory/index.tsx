// 通讯录 tab: the corp's root department, business mailboxes and search.
import { DirectoryView } from './DirectoryView'

export default function DirectoryPage() {
  return <DirectoryView />
}
