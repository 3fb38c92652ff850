import { Text, View } from '@tarojs/components'
import type { FolderSummary } from '../../api/mailTypes'
import { folderRows, type FolderRow, type FolderSheetMode } from './rows'
import { BottomSheet, SheetSection } from '../BottomSheet'
import './index.css'

export type { FolderSheetMode }

export interface FolderSheetProps {
  title: string
  folders: readonly FolderSummary[]
  currentId: string
  /** 'open': go to a folder; 'move': pick where a message goes (the current one disabled) */
  mode: FolderSheetMode
  onPick(id: string): void
  onClose(): void
}

/** Bottom sheet listing every folder, the rule folders too, with unread counts. */
export function FolderSheet({ title, folders, currentId, mode, onPick, onClose }: FolderSheetProps) {
  const { builtIn, rules } = folderRows(folders, currentId, mode)
  const row = (r: FolderRow) => (
    <View
      key={r.id}
      className={`folder-sheet__item ${r.current ? 'folder-sheet__item--on' : ''} ${
        r.disabled ? 'folder-sheet__item--disabled' : ''
      }`}
      hoverClass={r.disabled ? 'none' : 'cell-hover'}
      role="button"
      aria-disabled={r.disabled}
      data-testid={`folder-${r.id}`}
      onClick={() => {
        if (!r.disabled) onPick(r.id)
      }}
    >
      <Text className="folder-sheet__name">{r.name}</Text>
      {r.note !== '' && <Text className="folder-sheet__note">{r.note}</Text>}
      {r.count !== '' && <Text className="folder-sheet__count">{r.count}</Text>}
    </View>
  )
  return (
    <BottomSheet title={title} className="folder-sheet" onClose={onClose}>
      {builtIn.map(row)}
      {rules.length > 0 && <SheetSection>规则文件夹</SheetSection>}
      {rules.map(row)}
    </BottomSheet>
  )
}
