// What the folder sheet lists: every folder (built-in first, then those receive rules made), with
// the count worth showing, and, when moving, which target cannot be picked and why.
import type { FolderSummary } from '../../api/mailTypes'
import { isBuiltInFolder } from '../../policy/folders'

export type FolderSheetMode = 'open' | 'move'

export interface FolderRow {
  id: string
  name: string
  /** '' = no count: unread, or how many drafts there are */
  count: string
  current: boolean
  disabled: boolean
  /** why a row is disabled, or that it is where the member is */
  note: string
}

function countOf(f: FolderSummary): string {
  if (f.id === 'sent') return ''
  const n = f.id === 'drafts' ? f.total : f.unread
  if (n <= 0) return ''
  return n > 99 ? '99+' : String(n)
}

/** rows for the sheet: `builtIn` (收件箱 …) and `rules` (folders receive rules created) */
export function folderRows(
  folders: readonly FolderSummary[],
  currentId: string,
  mode: FolderSheetMode,
): { builtIn: FolderRow[]; rules: FolderRow[] } {
  const builtIn: FolderRow[] = []
  const rules: FolderRow[] = []
  for (const f of folders) {
    // mail cannot be moved into Drafts: it holds drafts only
    if (mode === 'move' && f.id === 'drafts') continue
    const current = f.id === currentId
    const row: FolderRow = {
      id: f.id,
      name: f.name,
      // picking a target needs no counts
      count: mode === 'open' ? countOf(f) : '',
      current,
      disabled: mode === 'move' && current,
      note: current ? (mode === 'move' ? '已在此文件夹' : '当前') : '',
    }
    ;(isBuiltInFolder(f.id) ? builtIn : rules).push(row)
  }
  return { builtIn, rules }
}
