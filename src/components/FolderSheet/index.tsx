import { ScrollView, Text, View } from '@tarojs/components'
import type { FolderSummary } from '../../api/mailTypes'
import { folderRows, type FolderRow, type FolderSheetMode } from './rows'
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
    <View className="folder-sheet" catchMove>
      <View className="folder-sheet__mask" onClick={onClose} />
      <View className="folder-sheet__sheet" role="dialog" aria-label={title}>
        <View className="folder-sheet__head">
          <Text className="folder-sheet__title">{title}</Text>
          <Text className="folder-sheet__close" onClick={onClose}>
            取消
          </Text>
        </View>
        <ScrollView scrollY className="folder-sheet__list">
          {builtIn.map(row)}
          {rules.length > 0 && <View className="folder-sheet__section">规则文件夹</View>}
          {rules.map(row)}
        </ScrollView>
      </View>
    </View>
  )
}
