import { Text, View } from '@tarojs/components'
import './index.css'

export interface NoticeBarProps {
  text: string
  onClose?: () => void
}

/** A dismissible one-line notice at the top of a page (recovered data, lost access …). */
export function NoticeBar({ text, onClose }: NoticeBarProps) {
  if (!text) return null
  return (
    <View className="notice-bar" role="status">
      <Text className="notice-bar__text">{text}</Text>
      {onClose && (
        <Text className="notice-bar__close" onClick={onClose} aria-label="关闭">
          ×
        </Text>
      )}
    </View>
  )
}
