import { Text, View } from '@tarojs/components'
import { StateView } from '../../components/StateView'
import { MIGRATION_LOCKED } from '../stores/types'

export interface AdminStateProps {
  state: 'idle' | 'loading' | 'ready' | 'error' | 'empty'
  error?: string
  errcode?: number
  emptyText?: string
  onRetry?: () => void
}

/** StateView, except that a running migration shows the lock and why instead of a broken list. */
export function AdminState({ state, error, errcode, emptyText, onRetry }: AdminStateProps) {
  if (state === 'error' && errcode === MIGRATION_LOCKED) {
    return (
      <View className="adm-lock" role="alert" data-testid="migration-lock">
        <Text className="adm-lock__title">邮箱迁移进行中</Text>
        <Text className="adm-lock__text">{error}</Text>
        <Text className="adm-lock__text">成员仍可正常收发邮件；迁移完成后即可继续管理。</Text>
        {onRetry && (
          <Text className="adm-lock__retry" onClick={onRetry}>
            刷新
          </Text>
        )}
      </View>
    )
  }
  return <StateView state={state} error={error} emptyText={emptyText} onRetry={onRetry} />
}
