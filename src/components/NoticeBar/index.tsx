import { Text, View } from '@tarojs/components'
import './index.css'

export interface NoticeBarProps {
  text: string
  onClose?: () => void
  /** what tapping the notice does (e.g. open the mailbox that has new mail) */
  onTap?: () => void
}

/** A dismissible one-line notice at the top of a page (recovered data, lost access, new mail …). */
export function NoticeBar({ text, onClose, onTap }: NoticeBarProps) {
  if (!text) return null
  return (
    <View
      className={`notice-bar ${onTap ? 'notice-bar--tap' : ''}`}
      role={onTap ? 'button' : 'status'}
      hoverClass={onTap ? 'notice-bar--pressed' : 'none'}
      onClick={onTap}
    >
      <Text className="notice-bar__text">{text}</Text>
      {onTap && <Text className="notice-bar__go">查看</Text>}
      {onClose && (
        <Text
          className="notice-bar__close"
          onClick={(e) => {
            e.stopPropagation() // closing is not opening
            onClose()
          }}
          aria-label="关闭"
        >
          ×
        </Text>
      )}
    </View>
  )
}
