import { useEffect, useMemo } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { api } from '../../api'
import { StateView } from '../../components/StateView'
import { NoticeBar } from '../../components/NoticeBar'
import { Resource } from '../../stores/resource'
import { stores } from '../../stores'
import './index.css'

export interface MailboxSummary {
  id: string
  email: string
  name: string
  kind: 'personal' | 'business'
  enabled: boolean
  unread: number
}

function MailPage() {
  const { session } = stores
  const mailboxes = useMemo(
    () =>
      new Resource(async () => {
        const r = await api.request<{ mailboxes: MailboxSummary[] }>('mail/mailbox/list')
        return r.mailboxes
      }),
    [],
  )
  useEffect(() => {
    if (session.state === 'ready') void mailboxes.load()
  }, [session.epoch, session.state, mailboxes])

  usePullDownRefresh(() => {
    void mailboxes.load().finally(() => Taro.stopPullDownRefresh())
  })

  const list = mailboxes.data ?? []
  return (
    <View className="page mail-page">
      <NoticeBar text={session.notice} onClose={session.dismissNotice} />
      <View className="mail-page__header">
        <Text className="mail-page__title">{session.profile?.name ?? ' '}</Text>
        <Text className="mail-page__address">{session.profile?.biz_mail || '（无个人邮箱）'}</Text>
      </View>
      <View className="section-title">我的邮箱</View>
      {session.state !== 'ready' ? (
        <StateView state={session.state} error={session.error} onRetry={session.load} />
      ) : mailboxes.state === 'ready' && list.length > 0 ? (
        <View className="cells">
          {list.map((m) => (
            <View
              key={m.id}
              className={`cell ${m.enabled ? '' : 'mail-page__disabled'}`}
              hoverClass="cell-hover"
            >
              <View className="cell-body">
                <View className="cell-title">{m.name || m.email}</View>
                <View className="cell-desc">{m.enabled ? m.email : `${m.email} · 已停用`}</View>
              </View>
              {m.unread > 0 && <Text className="badge">{m.unread > 99 ? '99+' : m.unread}</Text>}
            </View>
          ))}
        </View>
      ) : (
        <StateView
          state={mailboxes.state === 'ready' ? 'empty' : mailboxes.state}
          error={mailboxes.error}
          emptyText="没有可用的邮箱"
          onRetry={mailboxes.load}
        />
      )}
    </View>
  )
}

export default observer(MailPage)
