import { Button, Text, View } from '@tarojs/components'
import { humanError } from '../../stores/humanError'
import './index.css'

export interface StateViewProps {
  state: 'idle' | 'loading' | 'ready' | 'error' | 'empty'
  error?: string
  emptyText?: string
  onRetry?: () => void
}

/** Loading, empty and error placeholders shared by every list. */
export function StateView({ state, error, emptyText = '暂无内容', onRetry }: StateViewProps) {
  if (state === 'loading' || state === 'idle') {
    return (
      <View className="state-view" aria-busy="true">
        <View className="state-view__spinner" />
        <Text className="state-view__text">加载中…</Text>
      </View>
    )
  }
  if (state === 'error') {
    return (
      <View className="state-view" role="alert">
        <Text className="state-view__text">{humanError(error ?? '') || '加载失败'}</Text>
        {onRetry && (
          <Button className="state-view__retry" size="mini" onClick={onRetry}>
            重试
          </Button>
        )}
      </View>
    )
  }
  if (state === 'empty') {
    return (
      <View className="state-view">
        <Text className="state-view__text">{emptyText}</Text>
      </View>
    )
  }
  return null
}
