import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { StateView } from '../../../components/StateView'
import { SwitchCell } from '../../components/SwitchCell'
import { plainText } from '../../../utils/plainText'
import { settingsUrl, useMailboxSettings } from '../../useMailboxSettings'
import './index.css'
import { humanError } from '../../../stores/humanError'

function SettingsHome() {
  const { id, box, s, session, mailboxes } = useMailboxSettings()

  usePullDownRefresh(() => {
    // then(stop, stop), not finally(): iOS 10's engine (base library 2.15.0) has no Promise#finally
    const stop = () => Taro.stopPullDownRefresh()
    void Promise.all([s.load(), mailboxes.refresh()]).then(stop, stop)
  })

  if (session.state !== 'ready' || (!s.shared && s.state !== 'error')) {
    return (
      <View className="page">
        <StateView state={session.state === 'error' ? 'error' : 'loading'} error={session.error} />
      </View>
    )
  }
  if (!s.shared || !s.personal) {
    return (
      <View className="page">
        <StateView state="error" error={s.error} onRetry={() => void s.load()} />
      </View>
    )
  }

  const business = box ? box.kind === 'business' : id !== 'personal'
  const shared = s.shared
  const personal = s.personal
  const signature = plainText(s.signatureText).replace(/\s+/g, ' ').trim()
  const open = (page: string) => void Taro.navigateTo({ url: settingsUrl(page, id) })

  const setService = async (key: 'imap' | 'pop', on: boolean) => {
    const r = await s.setService(key, on)
    if (r.ok) return
    void Taro.showModal({
      title: r.stale ? '设置已被其他成员修改' : '未能保存',
      content: humanError(r.errmsg),
      showCancel: false,
      confirmText: '知道了',
    })
  }

  const setPersonal = async (key: 'conversation_mode' | 'notify', on: boolean) => {
    const failed = await s.setPersonal(key, on)
    if (failed) void Taro.showToast({ title: failed, icon: 'none' })
    // The mailbox list carries which mailboxes remind: badges follow at once.
    else if (key === 'notify') void mailboxes.refresh()
  }

  return (
    <View className="page settings">
      {s.error && (
        <View className="settings__error" role="alert">
          {s.error}
        </View>
      )}
      <View className="settings__card">
        <View className="settings__name">
          {box?.name ?? '邮箱'}
          <Text className="settings__kind">{business ? '业务邮箱' : '个人邮箱'}</Text>
        </View>
        <View className="settings__address">{box?.email ?? ''}</View>
      </View>

      <View className="section-title">{business ? '共享设置' : '邮箱设置'}</View>
      {business && (
        <View className="settings__hint" data-testid="shared-note">
          所有可使用该邮箱的成员共享，修改后对大家立即生效
        </View>
      )}
      <View className="cells">
        <View
          className="cell cell-arrow"
          hoverClass="cell-hover"
          onClick={() => open('signature')}
          data-testid="open-signature"
        >
          <View className="cell-body">
            <View className="cell-title">
              签名
              {s.draft.signature && <Text className="settings__draft">未保存的修改</Text>}
            </View>
            <View className="cell-desc">{signature || '未设置'}</View>
          </View>
        </View>
        <View
          className="cell cell-arrow"
          hoverClass="cell-hover"
          onClick={() => open('rules')}
          data-testid="open-rules"
        >
          <View className="cell-body">
            <View className="cell-title">
              收信规则
              {(s.draft.rules || s.draft.ruleForm) && <Text className="settings__draft">未保存的修改</Text>}
            </View>
            <View className="cell-desc">
              {shared.rules.length > 0 ? `${shared.rules.length} 条规则，按顺序处理每封新邮件` : '暂无规则'}
            </View>
          </View>
        </View>
        {business && (
          <>
            <SwitchCell
              title="IMAP 服务"
              desc="客户端用 IMAP 收信"
              checked={shared.imap}
              saving={!!s.saving.imap}
              testId="switch-imap"
              onChange={(v) => void setService('imap', v)}
            />
            <SwitchCell
              title="POP 服务"
              desc="客户端用 POP 收信"
              checked={shared.pop}
              saving={!!s.saving.pop}
              testId="switch-pop"
              onChange={(v) => void setService('pop', v)}
            />
          </>
        )}
      </View>
      {business && (
        <View className="settings__hint">
          在 Foxmail、Outlook 等客户端登录此邮箱需要开启对应服务：IMAP 收信需开启 IMAP，POP 收信需开启
          POP，SMTP 发信需至少开启其中一个。
          {!shared.imap && !shared.pop && <Text className="danger">当前两项都未开启，客户端无法登录。</Text>}
        </View>
      )}

      <View className="section-title">个人设置（仅对你生效）</View>
      <View className="cells">
        <SwitchCell
          title="会话模式"
          desc="同一主题的往来邮件合并显示"
          checked={personal.conversation_mode}
          saving={!!s.saving.conversation_mode}
          testId="switch-conversation"
          onChange={(v) => void setPersonal('conversation_mode', v)}
        />
        <SwitchCell
          title="新邮件提醒"
          desc="有新邮件时显示未读角标和提示"
          checked={personal.notify}
          saving={!!s.saving.notify}
          testId="switch-notify"
          onChange={(v) => void setPersonal('notify', v)}
        />
      </View>

      {business && (
        <>
          <View className="section-title">邮箱绑定</View>
          <View className="cells">
            <View
              className="cell cell-arrow"
              hoverClass="cell-hover"
              onClick={() => open('binding')}
              data-testid="open-binding"
            >
              <View className="cell-body">
                <View className="cell-title">客户端专用密码</View>
                <View className="cell-desc">在 Foxmail、Outlook 等客户端收发此邮箱</View>
              </View>
            </View>
          </View>
        </>
      )}
    </View>
  )
}

export default observer(SettingsHome)
