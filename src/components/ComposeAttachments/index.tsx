// The attachments of the mail being written: 添加附件, then a row per file with its type, name,
// size and how its upload goes (a progress bar, 重试 when it failed, × to remove it).
import { Text, View } from '@tarojs/components'
import type { ComposeAttachment } from '../../stores/composeAttachments'
import { fileBadge, formatSize } from './fileKind'
import './index.css'

export interface ComposeAttachmentsProps {
  items: ComposeAttachment[]
  totalSize: number
  /** why some picked files were not added ('' when all were) */
  notice: string
  /** 添加附件 is offered: room left and not sending */
  canAdd: boolean
  onAdd(): void
  onRemove(key: string): void
  onRetry(key: string): void
}

/** what a row says under its name while it is not simply there */
function status(a: ComposeAttachment): string {
  if (a.state === 'reading')
    return a.progress === undefined ? '等待中' : `读取中 ${Math.round(a.progress * 100)}%`
  if (a.state === 'uploading') return '上传中…'
  if (a.state === 'ready' && a.forward) return '原邮件附件'
  return ''
}

export function ComposeAttachments(p: ComposeAttachmentsProps) {
  return (
    <View className="attachments" data-testid="compose-attachments">
      <View className="attachments__head">
        <View
          className={`attachments__add${p.canAdd ? '' : ' attachments__add--off'}`}
          role="button"
          aria-disabled={p.canAdd ? undefined : 'true'}
          hoverClass={p.canAdd ? 'cell-hover' : 'none'}
          data-testid="compose-attach"
          onClick={() => p.canAdd && p.onAdd()}
        >
          <View className="attachments__clip" aria-hidden />
          <Text>添加附件</Text>
        </View>
        {p.items.length > 0 && (
          <Text className="attachments__total" data-testid="compose-attachments-total">
            {p.items.length} 个附件，共 {formatSize(p.totalSize)}
          </Text>
        )}
      </View>
      {p.notice && (
        <View className="attachments__notice" role="alert" data-testid="compose-attachments-notice">
          <Text>{p.notice}</Text>
        </View>
      )}
      {p.items.map((a) => {
        const badge = fileBadge(a.name, a.content_type)
        const moving = a.state === 'reading' || a.state === 'uploading'
        const said = status(a)
        return (
          <View
            key={a.key}
            className={`attachment attachment--${a.state}`}
            data-testid="compose-attachment"
            data-state={a.state}
          >
            <View className={`attachment__badge attachment__badge--${badge.tone}`} aria-hidden>
              <Text>{badge.label}</Text>
            </View>
            <View className="attachment__main">
              <Text className="attachment__name">{a.name}</Text>
              <Text className="attachment__meta">
                {formatSize(a.size)}
                {said ? ` · ${said}` : ''}
              </Text>
              {moving && (
                <View
                  className="attachment__bar"
                  role="progressbar"
                  aria-valuenow={a.state === 'reading' ? Math.round((a.progress ?? 0) * 100) : undefined}
                  data-testid="compose-attachment-progress"
                >
                  {/* reading: how far (empty while waiting its turn); uploading: no figure, a moving segment */}
                  <View
                    className={`attachment__fill${a.state === 'uploading' ? ' attachment__fill--busy' : ''}`}
                    style={
                      a.state === 'reading' ? { width: `${Math.round((a.progress ?? 0) * 100)}%` } : undefined
                    }
                  />
                </View>
              )}
              {a.state === 'failed' && a.error && (
                <Text className="attachment__error" data-testid="compose-attachment-error">
                  {a.error}
                </Text>
              )}
            </View>
            {a.state === 'failed' && (
              <View
                className="attachment__retry"
                role="button"
                hoverClass="cell-hover"
                data-testid="compose-attachment-retry"
                onClick={() => p.onRetry(a.key)}
              >
                <Text>重试</Text>
              </View>
            )}
            <View
              className="attachment__remove"
              role="button"
              aria-label={`移除附件 ${a.name}`}
              hoverClass="cell-hover"
              data-testid="compose-attachment-remove"
              onClick={() => p.onRemove(a.key)}
            >
              <Text>×</Text>
            </View>
          </View>
        )
      })}
    </View>
  )
}
