import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { NoticeBar } from '../../components/NoticeBar'
import { StateView } from '../../components/StateView'
import { useTabBadge } from '../../components/TabBadge'
import { stores } from '../../stores'
import { DEMO_IDENTITIES } from '../../stores/demoIdentities'
import './index.css'

function MePage() {
  useTabBadge()
  const { session } = stores
  const me = session.profile
  const current = session.identity
  return (
    <View className="page me-page">
      <NoticeBar text={session.notice} onClose={session.dismissNotice} />
      {me ? (
        <View className="me-page__card">
          <View className="me-page__avatar">{me.name.slice(-2)}</View>
          <View className="cell-body">
            <View className="me-page__name">{me.name}</View>
            <View className="cell-desc">{me.biz_mail || '（无个人邮箱）'}</View>
            <View className="cell-desc">{me.position || ' '}</View>
          </View>
        </View>
      ) : (
        <StateView
          state={session.state === 'ready' ? 'loading' : session.state}
          error={session.error}
          onRetry={session.load}
        />
      )}

      {session.isAdmin && (
        <View className="cells me-page__group">
          <View
            className="cell cell-arrow"
            hoverClass="cell-hover"
            onClick={() => void Taro.navigateTo({ url: '/admin/pages/home/index' })}
          >
            <View className="cell-body">
              <View className="cell-title">管理后台</View>
              <View className="cell-desc">业务邮箱、高级功能账号、通讯录查看权限</View>
            </View>
          </View>
        </View>
      )}

      {stores.demo.available && (
        <View className="cells me-page__group">
          <View
            className="cell cell-arrow"
            hoverClass="cell-hover"
            data-testid="open-demo-tools"
            onClick={() => void Taro.navigateTo({ url: '/settings/pages/demo/index' })}
          >
            <View className="cell-body">
              <View className="cell-title">演示工具</View>
              <View className="cell-desc">向当前邮箱投递一封邮件</View>
            </View>
          </View>
        </View>
      )}

      <View className="section-title">演示身份（开发用，正式版由企业微信登录）</View>
      <View className="cells">
        {DEMO_IDENTITIES.map((id) => {
          const active = id.corpid === current.corpid && id.userid === current.userid
          return (
            <View
              key={`${id.corpid}/${id.userid}`}
              className="cell"
              hoverClass="cell-hover"
              data-testid={`identity-${id.corpid}-${id.userid}`}
              onClick={() => {
                if (!active) void session.switchTo({ corpid: id.corpid, userid: id.userid })
              }}
            >
              <View className="cell-body">
                <View className="cell-title">{id.label}</View>
                <View className="cell-desc">
                  {id.note} · {id.corpid}
                </View>
              </View>
              {active && <Text className="me-page__check">当前</Text>}
            </View>
          )
        })}
      </View>
    </View>
  )
}

export default observer(MePage)
