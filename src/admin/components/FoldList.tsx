import { useState } from 'react'
import { Text, View } from '@tarojs/components'

export interface FoldListProps {
  items: string[]
  /** how many lines show before 展开 */
  limit?: number
  testid?: string
}

/** A bulleted list that shows its first lines and the rest on demand (some lists run to hundreds). */
export function FoldList({ items, limit = 8, testid }: FoldListProps) {
  const [open, setOpen] = useState(false)
  const shown = open ? items : items.slice(0, limit)
  return (
    <View className="adm-list" data-testid={testid}>
      {shown.map((t, n) => (
        <View key={n} className="adm-list__item">
          · {t}
        </View>
      ))}
      {items.length > limit && (
        <Text className="adm-link adm-block" onClick={() => setOpen(!open)}>
          {open ? '收起' : `展开全部 ${items.length} 项`}
        </Text>
      )}
    </View>
  )
}
