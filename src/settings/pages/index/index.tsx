import { View } from '@tarojs/components'
import { StateView } from '../../../components/StateView'

// Placeholder until the settings capability lands (issue 8).
export default function SettingsHome() {
  return (
    <View className="page">
      <StateView state="empty" emptyText="邮箱设置即将上线" />
    </View>
  )
}
