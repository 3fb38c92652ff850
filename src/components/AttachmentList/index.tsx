// A message's attachments on the read page: type badge, name, size; tap opens, 保存 keeps a copy.
// Badges and sizes are compose's (ComposeAttachments/fileKind), so a file looks the same in both.
import { Text, View } from '@tarojs/components'
import type { AttachmentInfo } from '../../api/mailTypes'
import { fileBadge, formatSize } from '../ComposeAttachments/fileKind'
import '../ComposeAttachments/index.css'
import './index.css'

export interface AttachmentState {
  busy?: boolean
  /** why the last open / save failed, in words */
  error?: string
}

export interface AttachmentListProps {
  attachments: AttachmentInfo[]
  states: Record<string, AttachmentState | undefined>
  onOpen(a: AttachmentInfo): void
  onSave(a: AttachmentInfo): void
}

export function AttachmentList({ attachments, states, onOpen, onSave }: AttachmentListProps) {
  const total = attachments.reduce((n, a) => n + a.size, 0)
  return (
    <View className="att-list" data-testid="attachment-list">
      <Text className="att-list__title">
        附件 {attachments.length} 个（{formatSize(total)}）
      </Text>
      {attachments.map((a) => {
        const badge = fileBadge(a.name, a.content_type)
        const s = states[a.attachment_id] ?? {}
        return (
          <View
            key={a.attachment_id}
            className="attachment att-list__row"
            hoverClass="cell-hover"
            role="button"
            data-testid="attachment-row"
            onClick={() => onOpen(a)}
          >
            <View className={`attachment__badge attachment__badge--${badge.tone}`} aria-hidden>
              {badge.label}
            </View>
            <View className="attachment__main">
              <Text className="attachment__name">{a.name}</Text>
              <Text className={s.error ? 'att-list__error' : 'attachment__meta'}>
                {s.busy ? '正在打开…' : s.error ? `${s.error}，点此重试` : formatSize(a.size)}
              </Text>
            </View>
            <View
              className="att-list__save"
              hoverClass="cell-hover"
              role="button"
              aria-label={`保存 ${a.name}`}
              onClick={(e) => {
                e.stopPropagation()
                onSave(a)
              }}
            >
              保存
            </View>
          </View>
        )
      })}
    </View>
  )
}
