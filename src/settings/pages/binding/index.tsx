import { useEffect, useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Button, Input, Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { ClientPassword } from '../../../components/ClientPassword'
import { StateView } from '../../../components/StateView'
import { DEFAULT_REMARK } from '../../../policy/authCode'
import { fullTime } from '../../../utils/time'
import { CLIENT_SERVERS, domainOfAddress } from '../../clientServers'
import { settingsUrl, useMailboxSettings } from '../../useMailboxSettings'
import './index.css'
import { humanError } from '../../../stores/humanError'

function BindingPage() {
  const { id, box, s, session } = useMailboxSettings()
  const [remark, setRemark] = useState('')
  const [secret, setSecret] = useState('')
  const [createError, setCreateError] = useState('')

  useEffect(() => {
    if (session.state === 'ready') void s.loadCodes()
  }, [session.state, s])

  usePullDownRefresh(() => {
    // then(stop, stop), not finally(): iOS 10's engine (base library 2.15.0) has no Promise#finally
    const stop = () => Taro.stopPullDownRefresh()
    void Promise.all([s.load(), s.loadCodes()]).then(stop, stop)
  })

  if (box && box.kind !== 'business') {
    return (
      <View className="page">
        <StateView state="empty" emptyText="客户端专用密码只能为业务邮箱创建" />
      </View>
    )
  }

  const remarkProblem = s.remarkProblem(remark)
  const email = box?.email ?? ''
  const domain = domainOfAddress(email)
  const shared = s.shared

  const create = async () => {
    setCreateError('')
    const r = await s.createCode(remark)
    if (humanError(r.errmsg)) {
      setCreateError(humanError(r.errmsg))
      return
    }
    setRemark('')
    setSecret(r.secret)
  }

  const closeSecret = () => {
    setSecret('')
    void s.loadCodes() // a client may have used it meanwhile: show its last use
  }

  const remove = async (codeId: string, name: string) => {
    const r = await Taro.showModal({
      title: `删除「${name}」？`,
      content: '删除后，使用这个密码登录的客户端将无法再收发此邮箱的邮件',
      confirmText: '删除',
      confirmColor: '#fa5151',
    })
    if (!r.confirm) return
    const failed = await s.deleteCode(codeId)
    void Taro.showToast({ title: failed || '已删除', icon: failed ? 'none' : 'success' })
  }

  return (
    <View className="page binding">
      <View className="binding__intro">
        在 Foxmail、Outlook 等邮件客户端中收发「{box?.name ?? '业务邮箱'}
        」时，用客户端专用密码代替登录密码。每个密码只在生成时显示一次。
      </View>
      {shared && (
        <View className="binding__services" data-testid="binding-services">
          <Text>
            IMAP {shared.imap ? '已开启' : '未开启'} · POP {shared.pop ? '已开启' : '未开启'}
          </Text>
          {(!shared.imap || !shared.pop) && (
            <Text
              className="binding__link"
              onClick={() => void Taro.navigateTo({ url: settingsUrl('index', id) })}
            >
              {!shared.imap && !shared.pop ? '两项都未开启，客户端无法登录，去开启' : '去设置'}
            </Text>
          )}
        </View>
      )}

      <View className="section-title">生成新密码</View>
      <View className="cells">
        <View className="cell">
          <Text className="binding__label">备注</Text>
          <Input
            className="binding__input"
            value={remark}
            placeholder={`用在哪台设备，默认「${DEFAULT_REMARK}」`}
            data-testid="authcode-remark"
            onInput={(e) => {
              setRemark(e.detail.value)
              setCreateError('')
            }}
          />
        </View>
      </View>
      {(remarkProblem || createError) && (
        <View className="binding__problem" role="alert">
          {remarkProblem || createError}
        </View>
      )}
      <Button
        className="btn"
        data-testid="authcode-create"
        disabled={!!remarkProblem || s.creatingCode}
        loading={s.creatingCode}
        onClick={() => void create()}
      >
        生成客户端专用密码
      </Button>

      <View className="section-title">我生成的密码</View>
      {s.codes.length > 0 ? (
        <View className="cells">
          {s.codes.map((c) => (
            <View key={c.auth_code_id} className="cell" data-testid="authcode-item">
              <View className="cell-body">
                <View className="cell-title">{c.remark}</View>
                <View className="cell-desc">创建于 {fullTime(c.create_time)}</View>
                <View className="cell-desc">
                  {c.last_use_time ? `最近使用 ${fullTime(c.last_use_time)}` : '从未使用'}
                </View>
              </View>
              <Text className="binding__delete danger" onClick={() => void remove(c.auth_code_id, c.remark)}>
                删除
              </Text>
            </View>
          ))}
        </View>
      ) : (
        <StateView
          state={s.codesState === 'ready' ? 'empty' : s.codesState}
          error={s.codesError}
          emptyText="还没有生成过客户端专用密码"
          onRetry={() => void s.loadCodes()}
        />
      )}

      <View className="section-title">客户端设置（Foxmail / Outlook）</View>
      <View className="cells binding__table" data-testid="client-servers">
        <View className="binding__row">
          <Text className="binding__key">账号</Text>
          <Text className="binding__val" userSelect>
            {email}
          </Text>
        </View>
        <View className="binding__row">
          <Text className="binding__key">密码</Text>
          <Text className="binding__val">客户端专用密码</Text>
        </View>
        {CLIENT_SERVERS.map((srv) => (
          <View key={srv.protocol} className="binding__row">
            <Text className="binding__key">
              {srv.label} {srv.purpose}
            </Text>
            <Text className="binding__val" userSelect>
              {srv.host(domain)}
              <Text className="muted">
                {'  '}端口 {srv.port}
                {srv.ssl ? ' · SSL' : ''}
              </Text>
            </Text>
          </View>
        ))}
      </View>
      <View className="binding__intro">
        IMAP 收信需开启 IMAP 服务，POP 收信需开启 POP 服务，SMTP 发信需至少开启其中一个。
      </View>

      {secret && <ClientPassword secret={secret} account={email} onClose={closeSecret} />}
    </View>
  )
}

export default observer(BindingPage)
