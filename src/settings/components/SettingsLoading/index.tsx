import { View } from '@tarojs/components'
import { StateView } from '../../../components/StateView'
import type { MailboxSettings } from '../../../stores/settings'

/** What an editor page shows until its mailbox's shared settings are loaded (or failed to). */
export function SettingsLoading({ s }: { s: Pick<MailboxSettings, 'state' | 'error' | 'load'> }) {
  return (
    <View className="page">
      <StateView
        state={s.state === 'error' ? 'error' : 'loading'}
        error={s.error}
        onRetry={() => void s.load()}
      />
    </View>
  )
}
