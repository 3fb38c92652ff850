import { Text, View } from '@tarojs/components'
import type { MessageItem } from '../../api/mailTypes'
import { listTime } from '../../utils/time'
import './index.css'

export interface MessageRowProps {
  item: MessageItem
  /** show recipients instead of the sender (Sent, Drafts) */
  showTo?: boolean
  onOpen(item: MessageItem): void
  onActions(item: MessageItem): void
  /** how a header address is shown (the directory's name once known); default: the header's name */
  nameOf?: (address: string) => string
}

/** "张三 <zs@x.com>" → "张三"; a bare address stays as it is. */
export function displayName(address: string): string {
  const m = /^\s*"?([^"<]*?)"?\s*<[^>]+>\s*$/.exec(address)
  return m && m[1] ? m[1] : address
}

export function MessageRow({ item, showTo, onOpen, onActions, nameOf = displayName }: MessageRowProps) {
  const who = showTo ? (item.to ?? []).map((a) => nameOf(a)).join('、') || '（无收件人）' : nameOf(item.from)
  return (
    <View
      className="msg-row"
      hoverClass="cell-hover"
      data-testid="message-row"
      onClick={() => onOpen(item)}
      onLongPress={() => onActions(item)}
    >
      <View className={`msg-row__dot ${item.read ? '' : 'msg-row__dot--unread'}`} />
      <View className="msg-row__body">
        <View className="msg-row__line">
          <Text className={`msg-row__from ${item.read ? '' : 'msg-row__from--unread'}`}>{who}</Text>
          {item.count && item.count > 1 ? <Text className="msg-row__count">{item.count}</Text> : null}
          <Text className="msg-row__time">{listTime(item.time)}</Text>
        </View>
        <View className="msg-row__line">
          <Text className="msg-row__subject">{item.subject || '（无主题）'}</Text>
          {item.attachments ? (
            <Text className="msg-row__clip" aria-label={`${item.attachments} 个附件`}>
              📎
            </Text>
          ) : null}
          {item.starred && <Text className="msg-row__star">★</Text>}
          {item.delivery && item.delivery.state !== 'sent' && (
            <Text className={`msg-row__delivery msg-row__delivery--${item.delivery.state}`}>
              {item.delivery.state === 'failed' ? '发送失败' : '发送中'}
            </Text>
          )}
        </View>
        <View className="msg-row__snippet">{item.snippet}</View>
      </View>
      <Text
        className="msg-row__more"
        onClick={(e) => (e.stopPropagation(), onActions(item))}
        aria-label="更多操作"
      >
        ⋯
      </Text>
    </View>
  )
}
