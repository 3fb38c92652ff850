import { useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { groupSecret } from '../../policy/authCode'
import { BackCloses } from '../BackCloses/BackCloses'
import './index.css'

export interface ClientPasswordProps {
  /** the new client-specific password, shown this once */
  secret: string
  /** the address a mail client logs in with */
  account: string
  /** after the person confirmed they kept it */
  onClose: () => void
}

/**
 * The one presentation of a new client-specific password, for admins (mailbox detail) and members
 * (mailbox settings): grouped by four in a font that tells characters apart, copied without the
 * spaces, and the copy confirmed inside the dialog (the platform's own toast would cover it).
 */
export function ClientPassword({ secret, account, onClose }: ClientPasswordProps) {
  const [copied, setCopied] = useState<'' | 'ok' | 'failed'>('')
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current)
    },
    [],
  )

  const copy = async () => {
    try {
      await Taro.setClipboardData({ data: secret })
      // WeChat and Taro's H5 both toast 内容已复制 over the middle of the screen: say it here instead.
      void Promise.resolve(Taro.hideToast()).catch(() => {})
      setCopied('ok')
    } catch {
      setCopied('failed')
    }
    if (timer.current) clearTimeout(timer.current)
    timer.current = setTimeout(() => setCopied(''), 4000)
  }

  const close = async () => {
    const r = await Taro.showModal({
      title: '关闭后将无法再次查看',
      content: '请确认已复制或记下这个密码。忘记后只能删除它并重新生成。',
      confirmText: '已记下',
      cancelText: '再看看',
    })
    if (r.confirm) onClose()
  }

  return (
    <View className="client-pw" role="dialog" aria-modal="true" data-testid="client-password">
      {/* back asks as 关闭 does: the password is shown this once */}
      <BackCloses onBack={() => void close()} />
      <View className="client-pw__mask" />
      <View className="client-pw__box">
        <View className="client-pw__title">客户端专用密码</View>
        <View className="client-pw__account">账号 {account}</View>
        <Text className="client-pw__code secret__code" userSelect data-testid="authcode-secret">
          {groupSecret(secret)}
        </Text>
        <View className="client-pw__hint">输入时空格可有可无</View>
        <View className="client-pw__warn">
          只显示这一次：关闭后将无法再次查看，请复制后填入客户端的密码栏
        </View>
        <View
          className={`client-pw__status ${copied === 'failed' ? 'client-pw__status--bad' : ''}`}
          role="status"
          aria-live="polite"
          data-testid="authcode-copied"
        >
          {copied === 'ok' ? '✓ 已复制到剪贴板' : copied === 'failed' ? '复制失败，请长按密码手动复制' : ''}
        </View>
        <Button className="btn client-pw__btn" onClick={() => void copy()} data-testid="authcode-copy">
          {copied === 'ok' ? '已复制' : '复制密码'}
        </Button>
        <Button
          className="btn btn-plain client-pw__btn"
          onClick={() => void close()}
          data-testid="authcode-close"
        >
          关闭
        </Button>
      </View>
    </View>
  )
}
