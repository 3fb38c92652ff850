import { useEffect } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { fullTime } from '../../../utils/time'
import { AdminState } from '../../components/AdminState'
import { adminStores } from '../../stores'
import type { RecycleItem } from '../../stores/types'
import '../../admin.css'
import { humanError } from '../../../stores/humanError'
import { RECYCLE_DAYS } from '../../../policy/recycle'

const DAY = 86400000

function RecyclePage() {
  const { mailboxes } = adminStores

  useEffect(() => {
    void mailboxes.loadRecycle()
    if (!mailboxes.quota) void mailboxes.load()
  }, [mailboxes])

  usePullDownRefresh(() => {
    // then(stop, stop), not finally(): iOS 10's engine (base library 2.15.0) has no Promise#finally
    const stop = () => Taro.stopPullDownRefresh()
    void mailboxes.loadRecycle().then(stop, stop)
  })

  const restore = async (item: RecycleItem) => {
    const ok = await Taro.showModal({
      title: `恢复「${item.name}」`,
      content:
        item.kind === 'business'
          ? '恢复后该业务邮箱重新计入配额，原有邮件和设置都会保留。'
          : '该成员邮箱将还给通讯录中的同一成员。',
      confirmText: '恢复',
    })
    if (!ok.confirm) return
    const r = await mailboxes.restore(item.id)
    if (!r.ok) {
      // The backend says exactly why (quota, name taken, member gone …).
      void Taro.showModal({ title: '无法恢复', content: humanError(r.errmsg), showCancel: false })
      return
    }
    void Taro.showToast({ title: '已恢复', icon: 'success' })
  }

  const list = mailboxes.recycle
  return (
    <View className="page">
      <View className="adm-hint adm-pt">
        删除的业务邮箱和已删除成员的邮箱保留 {RECYCLE_DAYS} 天，期间地址仍被占用；过期后永久清除。
      </View>
      {mailboxes.quota && mailboxes.blockedReason && (
        <View className="adm-reason adm-box">恢复业务邮箱同样受配额限制：{mailboxes.blockedReason}</View>
      )}
      {list.length === 0 ? (
        <AdminState
          state={mailboxes.recycleState === 'ready' ? 'empty' : mailboxes.recycleState}
          error={mailboxes.recycleError}
          errcode={mailboxes.errcode}
          emptyText="回收站是空的"
          onRetry={mailboxes.loadRecycle}
        />
      ) : (
        <View className="cells adm-gap">
          {list.map((item) => {
            const days = Math.max(0, Math.ceil((item.expire_time - Date.now()) / DAY))
            return (
              <View key={item.id} className="cell" data-testid={`recycle-${item.id}`}>
                <View className="cell-body">
                  <View className="cell-title">
                    {item.name}
                    <Text className="adm-tag">{item.kind === 'business' ? '业务邮箱' : '成员邮箱'}</Text>
                  </View>
                  <View className="cell-desc">{item.email}</View>
                  <View className="cell-desc">
                    {fullTime(item.deleted_time)} 删除 · {days} 天后永久清除
                  </View>
                </View>
                <Text className="adm-link" onClick={() => void restore(item)}>
                  恢复
                </Text>
              </View>
            )
          })}
        </View>
      )}
    </View>
  )
}

export default observer(RecyclePage)
