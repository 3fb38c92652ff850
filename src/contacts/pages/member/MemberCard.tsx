// A member's card: only what user/get returns for this viewer.
import { useEffect } from 'react'
import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { Avatar } from '../../../components/Avatar'
import { StateView } from '../../../components/StateView'
import { stores } from '../../../stores'
import { STATUS_TEXT } from '../../../stores/directory'
import { openDepartment, writeTo } from '../../../pages/directory/navigation'
import { ErrCode } from '../../../policy/codes'
import './index.css'

function MemberCardView({ userid }: { userid: string }) {
  const { session, directory } = stores
  const ready = session.state === 'ready'
  const card = directory.card(userid)

  useEffect(() => {
    if (!ready || !userid) return
    void directory.loadCard(userid)
    if (directory.treeState === 'idle') void directory.loadTree()
  }, [ready, session.epoch, userid, directory])

  if (!ready) {
    return (
      <View className="page">
        <StateView state={session.state} error={session.error} onRetry={session.load} />
      </View>
    )
  }
  const m = card.member
  if (!m) {
    return (
      <View className="page">
        <StateView
          state={card.state === 'error' ? 'error' : 'loading'}
          // hidden and absent answer alike (60111): say so plainly, with the backend's words
          error={
            card.errcode === ErrCode.USER_NOT_FOUND ? `该成员不存在或你无权查看（${card.error}）` : card.error
          }
          onRetry={() => void directory.loadCard(userid)}
        />
      </View>
    )
  }

  const departments = m.department
    .map((id) => ({ id, name: directory.byId.get(id)?.name }))
    .filter((d): d is { id: number; name: string } => !!d.name)
  const status = STATUS_TEXT[m.status] ?? '未知'
  const copy = (data: string, what: string) =>
    void Taro.setClipboardData({ data }).then(
      () => Taro.showToast({ title: `${what}已复制`, icon: 'none' }),
      () => {},
    )
  const call = () =>
    void Taro.makePhoneCall({ phoneNumber: m.mobile }).catch(() => {
      // H5 and desktop WeChat cannot dial: offer the number to copy instead
      copy(m.mobile, '手机号')
    })

  return (
    <View className="page member-card">
      <View className="member-card__head">
        <Avatar name={m.name} colorKey={m.userid} size="large" />
        <View className="member-card__who">
          <View className="member-card__name" data-testid="card-name">
            {m.name}
            <Text className={`member-card__status member-card__status--${m.status === 1 ? 'on' : 'off'}`}>
              {status}
            </Text>
          </View>
          {m.position && <View className="member-card__position">{m.position}</View>}
        </View>
      </View>

      <View className="cells member-card__cells">
        <View className="cell">
          <Text className="member-card__label">部门</Text>
          <View className="cell-body member-card__value">
            {departments.length > 0
              ? departments.map((d, i) => (
                  <Text
                    key={d.id}
                    className="member-card__link"
                    onClick={() => openDepartment(d.id, directory.root?.id)}
                  >
                    {i > 0 ? '、' : ''}
                    {d.name}
                  </Text>
                ))
              : '—'}
          </View>
        </View>
        {m.biz_mail && (
          <View
            className="cell"
            hoverClass="cell-hover"
            onClick={() => writeTo(m.name, m.biz_mail)}
            onLongPress={() => copy(m.biz_mail, '邮箱地址')}
            data-testid="card-mail"
          >
            <Text className="member-card__label">邮箱</Text>
            <View className="cell-body member-card__value member-card__link">{m.biz_mail}</View>
          </View>
        )}
        {m.alias.length > 0 && (
          <View className="cell">
            <Text className="member-card__label">别名</Text>
            <View className="cell-body member-card__value">{m.alias.join('、')}</View>
          </View>
        )}
        {m.mobile && (
          <View
            className="cell"
            hoverClass="cell-hover"
            onClick={call}
            onLongPress={() => copy(m.mobile, '手机号')}
            data-testid="card-mobile"
          >
            <Text className="member-card__label">手机</Text>
            <View className="cell-body member-card__value member-card__link">{m.mobile}</View>
          </View>
        )}
        <View className="cell">
          <Text className="member-card__label">账号</Text>
          <View className="cell-body member-card__value">{m.userid}</View>
        </View>
        <View className="cell">
          <Text className="member-card__label">状态</Text>
          <View className="cell-body member-card__value" data-testid="card-status">
            {status}
          </View>
        </View>
      </View>
      {m.mobile === '' && <View className="member-card__note">手机号仅同部门成员和管理员可见</View>}

      {m.biz_mail && (
        <View className="member-card__actions">
          <Button className="btn member-card__write" onClick={() => writeTo(m.name, m.biz_mail)}>
            发邮件
          </Button>
          <View className="member-card__hint">
            从当前邮箱（{stores.mailboxes.current?.email ?? '个人邮箱'}）发出
          </View>
        </View>
      )}
    </View>
  )
}

export const MemberCard = observer(MemberCardView)
