import type { ReactNode } from 'react'
import { ScrollView, Text, View } from '@tarojs/components'
import { BackCloses } from '../BackCloses/BackCloses'
import './index.css'

export interface BottomSheetProps {
  title: string
  /** the head's dismiss label (取消 when choosing, 关闭 when only showing) */
  closeLabel?: string
  /** the sheet's own class on the root, for its item styles (folder-sheet, people-sheet …) */
  className?: string
  onClose(): void
  children: ReactNode
}

/** A modal sheet from the bottom edge: a mask that closes it, a titled head, a scrolling list; back closes it. */
export function BottomSheet({
  title,
  closeLabel = '取消',
  className = '',
  onClose,
  children,
}: BottomSheetProps) {
  return (
    <View className={`bottom-sheet ${className}`} catchMove>
      <BackCloses onBack={onClose} />
      <View className="bottom-sheet__mask" onClick={onClose} />
      <View className="bottom-sheet__sheet" role="dialog" aria-label={title}>
        <View className="bottom-sheet__head">
          <Text className="bottom-sheet__title">{title}</Text>
          <Text className="bottom-sheet__close" onClick={onClose}>
            {closeLabel}
          </Text>
        </View>
        <ScrollView scrollY className="bottom-sheet__list">
          {children}
        </ScrollView>
      </View>
    </View>
  )
}

/** a grey label above a group of the sheet's rows */
export function SheetSection({ children }: { children: ReactNode }) {
  return <View className="bottom-sheet__section">{children}</View>
}
