import { useEffect } from 'react'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { stores } from '../../../stores'
import { EDITION_LABEL } from '../../../policy/quota'
import { RECYCLE_DAYS } from '../../../policy/recycle'
import { AdminState } from '../../components/AdminState'
import { adminStores } from '../../stores'
import { humanError } from '../../../stores/humanError'
import '../../admin.css'

const go = (url: string) => void Taro.navigateTo({ url })

function AdminHome() {
  const { session } = stores
  const { mailboxes, directory, migration } = adminStores
  const q = mailboxes.quota

  useEffect(() => {
    mailboxes.setDomainHint(session.profile?.biz_mail)
    void mailboxes.load()
    void directory.ensure()
    void migration.probe()
  }, [mailboxes, directory, migration, session.profile])

  // Back from a sub-page: show what changed there (the first show is the effect's load).
  useDidShow(() => {
    if (mailboxes.state === 'ready') void mailboxes.load()
  })

  usePullDownRefresh(() => {
    // then(stop, stop), not finally(): iOS 10's engine (base library 2.15.0) has no Promise#finally
    const stop = () => Taro.stopPullDownRefresh()
    void Promise.all([mailboxes.load(), directory.reload(), migration.probe()]).then(stop, stop)
  })

  const create = () => {
    if (mailboxes.blockedReason) {
      void Taro.showModal({
        title: '暂时无法新建业务邮箱',
        content: humanError(mailboxes.blockedReason),
        showCancel: false,
      })
      return
    }
    go('/admin/pages/mailbox/index')
  }

  const convert = () => {
    if (mailboxes.convertBlockedReason) {
      void Taro.showModal({
        title: '暂时无法移入成员邮箱',
        content: humanError(mailboxes.convertBlockedReason),
        showCancel: false,
      })
      return
    }
    go('/admin/pages/convert/index')
  }

  if (!q || mailboxes.locked) {
    return (
      <View className="page">
        <AdminState
          state={mailboxes.state}
          error={mailboxes.error}
          errcode={mailboxes.errcode}
          onRetry={mailboxes.load}
        />
        {mailboxes.locked && migration.available && <MigrationEntry />}
      </View>
    )
  }

  return (
    <View className="page">
      <View className="section-title">业务邮箱</View>
      <View className="adm-card" data-testid="quota">
        <View className="adm-quota">
          已用 {q.used} / {q.quota}
          <Text className="adm-quota__unit">个业务邮箱</Text>
        </View>
        <View className="cell-desc adm-wrap">
          {EDITION_LABEL[q.edition] ?? q.edition}
          {q.edition === 'basic'
            ? ' · 最多 3 个业务邮箱'
            : ` · 配额 = 3 + 未分配的高级功能账号（已购 ${q.seats.purchased}，已分配 ${q.seats.assigned}）`}
        </View>
        {q.blocked_reason && (
          <View className="adm-reason" data-testid="blocked-reason">
            {humanError(q.blocked_reason)}
          </View>
        )}
      </View>
      <View className="adm-row">
        <Button
          className={`btn ${mailboxes.blockedReason ? 'adm-btn-disabled' : ''}`}
          onClick={create}
          data-testid="create-mailbox"
        >
          新建业务邮箱
        </Button>
        <Button
          className={`btn-plain ${mailboxes.convertBlockedReason ? 'adm-btn-disabled' : ''}`}
          aria-disabled={mailboxes.convertBlockedReason ? 'true' : undefined}
          onClick={convert}
          data-testid="convert-mailbox"
        >
          移入成员邮箱
        </Button>
      </View>
      {mailboxes.convertBlockedReason && mailboxes.convertBlockedReason !== q.blocked_reason && (
        <View className="adm-hint adm-inset" data-testid="convert-blocked-reason">
          移入成员邮箱：{humanError(mailboxes.convertBlockedReason)}
        </View>
      )}

      <View className="section-title">全部业务邮箱（{mailboxes.mailboxes.length}）</View>
      {mailboxes.mailboxes.length === 0 ? (
        <AdminState
          state="empty"
          emptyText={
            mailboxes.blockedReason
              ? '还没有业务邮箱。现在无法新建，原因见上方'
              : '还没有业务邮箱，点「新建业务邮箱」创建第一个'
          }
        />
      ) : (
        <View className="cells">
          {mailboxes.mailboxes.map((m) => {
            const users = directory.describe({
              userid: m.userid_list,
              partyid: m.department_list,
              tagid: m.tag_list,
            })
            return (
              <View
                key={m.id}
                className="cell cell-arrow"
                hoverClass="cell-hover"
                data-testid={`admin-mailbox-${m.id}`}
                onClick={() => go(`/admin/pages/detail/index?id=${m.id}`)}
              >
                <View className="cell-body">
                  <View className="cell-title">
                    {m.name}
                    {!m.enabled && <Text className="adm-tag adm-tag--warn">已停用</Text>}
                  </View>
                  <View className="cell-desc">{m.email}</View>
                  <View className="cell-desc">{users ? `使用成员：${users}` : '暂无使用成员'}</View>
                </View>
              </View>
            )
          })}
        </View>
      )}

      <View className="section-title">更多管理</View>
      <View className="cells">
        <View
          className="cell cell-arrow"
          hoverClass="cell-hover"
          onClick={() => go('/admin/pages/recycle/index')}
        >
          <View className="cell-body">
            <View className="cell-title">回收站</View>
            <View className="cell-desc">删除的邮箱保留 {RECYCLE_DAYS} 天，可恢复</View>
          </View>
        </View>
        <View
          className="cell cell-arrow"
          hoverClass="cell-hover"
          onClick={() => go('/admin/pages/seats/index')}
        >
          <View className="cell-body">
            <View className="cell-title">高级功能账号</View>
            <View className="cell-desc">
              {q.edition === 'basic'
                ? '基础版没有高级功能账号'
                : `已分配 ${q.seats.assigned} / 已购 ${q.seats.purchased}`}
            </View>
          </View>
        </View>
        <View
          className="cell cell-arrow"
          hoverClass="cell-hover"
          onClick={() => go('/admin/pages/rules/index')}
        >
          <View className="cell-body">
            <View className="cell-title">通讯录查看权限</View>
            <View className="cell-desc">隐藏成员、只看本部门、看不到任何人</View>
          </View>
        </View>
      </View>
      {migration.available && <MigrationEntry />}
      <View className="adm-spacer" />
    </View>
  )
}

const MigrationEntry = observer(function MigrationEntry() {
  const running = adminStores.migration.phase === 'running'
  return (
    <View className="cells adm-gap-s">
      <View
        className="cell cell-arrow"
        hoverClass="cell-hover"
        data-testid="migration-entry"
        onClick={() => go('/admin/pages/migration/index')}
      >
        <View className="cell-body">
          <View className="cell-title">
            邮箱迁移{running && <Text className="adm-tag adm-tag--warn">进行中</Text>}
          </View>
          <View className="cell-desc">把本企业的邮箱迁入常用的企业微信企业（仅创建者，只能进行一次）</View>
        </View>
      </View>
    </View>
  )
})

export default observer(AdminHome)
