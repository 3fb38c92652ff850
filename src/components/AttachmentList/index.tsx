// A message's attachments on the read page: one 44 px+ row each with a type badge, the name (its
// extension always visible), the size; a tap opens it, 保存 keeps a copy. While a file loads its
// row spins; when it fails the row says why in plain Chinese and offers 重试.
import { Text, View } from '@tarojs/components'
import type { AttachmentInfo } from '../../api/mailTypes'
import { attachmentKind, sizeText, splitName } from './kind'
import './index.css'

export interface AttachmentRowState {
  busy?: boolean
  /** why the last open / save failed, in words */
  error?: string
}

export interface AttachmentListProps {
  attachments: AttachmentInfo[]
  /** by attachment_id */
  states: Record<string, AttachmentRowState | undefined>
  onOpen(a: AttachmentInfo): void
  onSave(a: AttachmentInfo): void
  /** repeats what failed (open or save) */
  onRetry(a: AttachmentInfo): void
}

export function AttachmentList({ attachments, states, onOpen, onSave, onRetry }: AttachmentListProps) {
  return (
    <View className="att-list" data-testid="attachment-list">
      <Text className="att-list__title">附件（{attachments.length}）</Text>
      {attachments.map((a) => {
        const kind = attachmentKind(a.name, a.content_type)
        const [base, ext] = splitName(a.name)
        const s = states[a.attachment_id] ?? {}
        return (
          <View
            key={a.attachment_id}
            className="att-list__row"
            hoverClass="cell-hover"
            role="button"
            aria-label={`打开 ${a.name}`}
            data-testid="attachment-row"
            onClick={(e) => {
              e.stopPropagation() // inside an unfolded earlier message, a tap here must not fold it
              if (s.error) onRetry(a)
              else onOpen(a)
            }}
          >
            <View className={`att-list__badge att-list__badge--${kind.tone}`} aria-hidden>
              {kind.label}
            </View>
            <View className="att-list__main">
              <View className="att-list__name">
                <Text className="att-list__base">{base}</Text>
                {ext && <Text className="att-list__ext">{ext}</Text>}
              </View>
              {s.error ? (
                <Text className="att-list__error" data-testid="attachment-error">
                  {s.error}
                </Text>
              ) : (
                <Text className="att-list__meta">{s.busy ? '正在打开…' : sizeText(a.size)}</Text>
              )}
            </View>
            {s.busy ? (
              <View className="att-list__action" aria-label="正在加载">
                <View className="att-list__spinner" data-testid="attachment-busy" />
              </View>
            ) : (
              <View
                className="att-list__action"
                hoverClass="cell-hover"
                role="button"
                aria-label={`${s.error ? '重试' : '保存'} ${a.name}`}
                onClick={(e) => {
                  e.stopPropagation()
                  if (s.error) onRetry(a)
                  else onSave(a)
                }}
              >
                {s.error ? '重试' : '保存'}
              </View>
            )}
          </View>
        )
      })}
    </View>
  )
}
