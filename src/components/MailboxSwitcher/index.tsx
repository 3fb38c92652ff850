import { ScrollView, Text, View } from '@tarojs/components'
import type { MailboxSummary } from '../../api/mailTypes'
import { describeAccess } from '../../stores/mailboxes'
import { BackCloses } from '../BackCloses/BackCloses'
import './index.css'

export interface MailboxSwitcherProps {
  mailboxes: MailboxSummary[]
  currentId: string
  onSelect(id: string): void
  onClose(): void
}

/** Bottom sheet: personal mailbox first, then business mailboxes with unread and why I may use them. */
export function MailboxSwitcher({ mailboxes, currentId, onSelect, onClose }: MailboxSwitcherProps) {
  return (
    <View className="switcher" catchMove>
      <BackCloses onBack={onClose} />
      <View className="switcher__mask" onClick={onClose} />
      <View className="switcher__sheet" role="dialog" aria-label="切换邮箱">
        <View className="switcher__head">
          <Text className="switcher__title">切换邮箱</Text>
          <Text className="switcher__close" onClick={onClose}>
            取消
          </Text>
        </View>
        <ScrollView scrollY className="switcher__list">
          {mailboxes.map((m) => {
            const current = m.id === currentId
            const via = m.kind === 'personal' ? '个人邮箱' : describeAccess(m.access_via)
            return (
              <View
                key={m.id}
                className={`switcher__item ${m.enabled ? '' : 'switcher__item--disabled'}`}
                hoverClass={m.enabled ? 'cell-hover' : 'none'}
                data-testid={`mailbox-${m.id}`}
                aria-disabled={!m.enabled}
                onClick={() => onSelect(m.id)}
              >
                <View className={`switcher__avatar ${m.kind === 'business' ? 'switcher__avatar--biz' : ''}`}>
                  {(m.name || m.email).slice(0, 1)}
                </View>
                <View className="cell-body">
                  <View className="cell-title">{m.name || m.email}</View>
                  <View className="cell-desc">{m.email}</View>
                  <View className="switcher__via">{m.enabled ? via : '已被管理员停用，暂不可进入'}</View>
                </View>
                {m.enabled && m.unread > 0 && (
                  // A muted reminder still shows the count, without the red badge.
                  <Text className={m.notify === false ? 'switcher__count' : 'badge'}>
                    {m.unread > 99 ? '99+' : m.unread}
                  </Text>
                )}
                {current && <Text className="switcher__check">✓</Text>}
              </View>
            )
          })}
        </ScrollView>
      </View>
    </View>
  )
}
