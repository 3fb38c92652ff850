import { useEffect, useMemo } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { api } from '../../../api'
import { StateView } from '../../../components/StateView'
import { Resource } from '../../../stores/resource'

interface Quota {
  used: number
  quota: number
  edition: string
  seats: { purchased: number; assigned: number }
  blocked_reason?: string
}

const EDITION: Record<string, string> = { basic: '基础版', trial: '试用版', advanced: '高级版' }

function AdminHome() {
  const quota = useMemo(() => new Resource(() => api.request<Quota>('exmail/publicmail/quota')), [])
  useEffect(() => {
    void quota.load()
  }, [quota])
  usePullDownRefresh(() => {
    void quota.load().finally(() => Taro.stopPullDownRefresh())
  })
  const q = quota.data
  return (
    <View className="page">
      <View className="section-title">业务邮箱</View>
      {q ? (
        <View className="cells">
          <View className="cell">
            <View className="cell-body">
              <View className="cell-title">
                已用 {q.used} / {q.quota}
              </View>
              <View className="cell-desc">
                {EDITION[q.edition] ?? q.edition} · 高级功能账号 已分配 {q.seats.assigned} / 已购{' '}
                {q.seats.purchased}
              </View>
              {q.blocked_reason && <View className="cell-desc danger">{q.blocked_reason}</View>}
            </View>
          </View>
        </View>
      ) : (
        <StateView state={quota.state} error={quota.error} onRetry={quota.load} />
      )}
    </View>
  )
}

export default observer(AdminHome)
