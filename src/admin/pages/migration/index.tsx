import { useEffect } from 'react'
import Taro from '@tarojs/taro'
import { Button, Input, Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { AdminState } from '../../components/AdminState'
import { FoldList } from '../../components/FoldList'
import { adminStores } from '../../stores'
import { WIZARD_STEPS } from '../../stores/migration'
import { busyProps } from '../../components/busyProps'
import '../../admin.css'
import './index.css'
import { humanError } from '../../../stores/humanError'

/** The one-time mailbox migration wizard: target → pre-check & impact → typed confirmation → progress → result. */
function MigrationPage() {
  const { migration: mg } = adminStores

  useEffect(() => {
    if (mg.available === null) void mg.probe()
  }, [mg])

  // Loads once on entering the first step; after a failure only the retry asks again (an effect
  // that re-ran when loading stopped would re-request a refusal in a tight loop).
  useEffect(() => {
    if (mg.phase === 'target' && mg.candidates === null && !mg.loadingCandidates && !mg.candidatesError)
      void mg.loadCandidates()
  }, [mg, mg.phase, mg.candidates, mg.loadingCandidates, mg.candidatesError])

  const start = async () => {
    if (!mg.canStart) return
    const ok = await Taro.showModal({
      title: '确认开始迁移？',
      content: `迁移开始后不能取消，也不能撤销。「${mg.targetName}」现有的邮箱数据将被永久删除。`,
      confirmText: '开始迁移',
      confirmColor: '#fa5151',
    })
    if (!ok.confirm) return
    await mg.start()
  }

  if (mg.available === false && mg.phase !== 'done' && mg.phase !== 'running') {
    return (
      <View className="page">
        <AdminState
          state="error"
          error={humanError(mg.unavailableReason) || '只有企业创建者可以进行邮箱迁移'}
        />
      </View>
    )
  }

  const { done, current } = mg.progress
  return (
    <View className="page mig">
      <View className="mig__steps" data-testid="mig-steps">
        {WIZARD_STEPS.map((s, i) => (
          <View
            key={s}
            className={`mig__step ${i < done || i === current ? 'mig__step--on' : ''}`}
            data-testid={`mig-step-${i + 1}`}
            data-state={i < done ? 'done' : i === current ? 'current' : 'todo'}
          >
            <View className="mig__dot">{i < done ? '✓' : i + 1}</View>
            <Text className="mig__label">{s}</Text>
          </View>
        ))}
      </View>

      {mg.phase === 'target' && (
        <View>
          <View className="adm-info adm-box">
            <View className="adm-strong">把本企业的邮箱迁入日常使用的企业微信企业</View>
            <View className="adm-list">
              <View className="adm-list__item">· 只有创建者可以操作，两个企业必须是同一位创建者</View>
              <View className="adm-list__item">· 每个企业只能迁移一次；开始后不能取消、不能撤销</View>
              <View className="adm-list__item">
                · 目标企业现有的邮箱数据会被永久删除；开始前会列出全部影响
              </View>
            </View>
          </View>
          <View className="section-title">选择目标企业（你创建的其他企业）</View>
          <Targets />
          {mg.checkError && (
            <View className="adm-reason adm-box" role="alert" data-testid="mig-error">
              {humanError(mg.checkError)}
            </View>
          )}
        </View>
      )}

      {mg.phase === 'checked' && mg.precheck && <Checked onStart={() => void start()} />}

      {(mg.phase === 'running' || mg.phase === 'done') && (
        <View>
          <View className="adm-card adm-gap" data-testid="mig-progress">
            <View className="cell-title">{mg.phase === 'done' ? '迁移已完成' : '正在迁移…'}</View>
            {mg.steps.map((s) => (
              <View key={s.name} className="adm-step">
                <View className={`adm-check ${s.done ? 'adm-check--on' : ''}`}>{s.done ? '✓' : ''}</View>
                <Text className={s.done ? '' : 'muted'}>{s.label ?? s.name}</Text>
              </View>
            ))}
            {mg.steps.length === 0 && <AdminState state="loading" />}
            {mg.pollError && <View className="adm-error adm-p0">{humanError(mg.pollError)}（正在重试）</View>}
          </View>
          {mg.phase === 'running' && (
            <View className="adm-hint">
              迁移期间两个企业的邮件管理暂时锁定，通讯录暂不能修改；成员可以照常收发邮件。可以离开此页，稍后回来查看进度。
            </View>
          )}
        </View>
      )}

      {mg.phase === 'done' && (
        <View data-testid="mig-result">
          <View className="section-title">结果</View>
          <View className="adm-card">
            <View className="adm-list adm-p0">
              <View className="adm-list__item">
                ✓ 「{mg.targetName}」的邮箱现在使用本企业原来的域名、成员邮箱、业务邮箱和设置
              </View>
              <View className="adm-list__item">✓ 通讯录以「{mg.targetName}」为准，失效的设置已移除</View>
              <View className="adm-list__item">✓ 失效设置的备份已发送到创建者的邮箱</View>
              <View className="adm-list__item">✓ 本企业获得一个全新的、空的体验域名邮箱</View>
              <View className="adm-list__item">· 迁移入口已关闭，不能再次迁移</View>
            </View>
          </View>
          <Button className="btn adm-btn" onClick={() => void Taro.navigateBack()} data-testid="mig-back">
            返回管理后台
          </Button>
        </View>
      )}
    </View>
  )
}

/** The orgs the creator also created, each a tap away from its pre-check; blocked ones say why. */
const Targets = observer(function Targets() {
  const { migration: mg } = adminStores
  if (mg.candidatesError) {
    return <AdminState state="error" error={mg.candidatesError} onRetry={() => void mg.loadCandidates()} />
  }
  if (mg.candidates === null) return <AdminState state="loading" />
  if (mg.candidates.length === 0) {
    return (
      <AdminState
        state="empty"
        emptyText="没有找到由你创建的其他企业。目标企业必须与本企业是同一位创建者（同一个企业微信账号）。"
      />
    )
  }
  return (
    <View className="cells" data-testid="mig-targets">
      {mg.candidates.map((c) => {
        const checking = mg.checking && mg.targetCorpid === c.corpid
        return (
          <View
            key={c.corpid}
            className="cell cell-arrow mig__target"
            hoverClass="cell-hover"
            data-testid={`mig-target-${c.corpid}`}
            aria-disabled={mg.checking ? 'true' : undefined}
            onClick={() => void mg.choose(c.corpid)}
          >
            <View className="cell-body">
              <View className="cell-title">
                {c.name}
                {checking && <Text className="adm-tag">检查中…</Text>}
              </View>
              <View className="cell-desc">
                {c.domain.kind === 'custom' ? '自有域名' : '体验域名'} @{c.domain.name}
              </View>
              {c.blockers.map((b) => (
                <View key={b.errcode} className="cell-desc danger">
                  {humanError(b.errmsg)}
                </View>
              ))}
            </View>
          </View>
        )
      })}
    </View>
  )
})

const Checked = observer(function Checked({ onStart }: { onStart: () => void }) {
  const { migration: mg } = adminStores
  const p = mg.precheck!
  const i = p.impact
  const target = mg.targetName
  const list = (items: string[], limit = 8) => <FoldList items={items} limit={limit} />
  return (
    <View>
      {p.blockers.length > 0 && (
        <View className="adm-reason adm-box" role="alert" data-testid="mig-blockers">
          <View className="adm-strong">暂时不能迁移到「{target}」：</View>
          {p.blockers.map((b) => (
            <View key={b.errcode} className="adm-list__item">
              · {humanError(b.errmsg)}
            </View>
          ))}
        </View>
      )}
      {i && (
        <View data-testid="mig-impact">
          <View className="section-title">迁移到「{target}」的影响</View>
          <View className="adm-card mig__summary" data-testid="mig-summary">
            {i.summary.map((l) => (
              <View key={l.key} className={`mig__sum mig__sum--${l.tone}`} data-testid={`mig-sum-${l.key}`}>
                <Text className="mig__count">{l.count}</Text>
                <Text className="mig__unit"> {l.unit}</Text>
                <Text className="mig__text">{l.text}</Text>
              </View>
            ))}
          </View>

          <View className="section-title danger">将被永久删除（无法恢复）</View>
          <View className="adm-card mig__lost" data-testid="mig-lost">
            <View className="adm-lost">
              「{target}」现有的 {i.lost.mailboxes} 个邮箱、{i.lost.messages} 封邮件将被永久删除
            </View>
            {list(i.lost.list.map((l) => `${l.text}，${l.messages} 封邮件`))}
            {i.lost.edition && list([i.lost.edition])}
          </View>

          <View className="section-title">通讯录以「{i.authority}」为准</View>
          <View className="adm-card" data-testid="mig-unmatched">
            {i.unmatched.length ? (
              <View>
                <Text className="adm-wrap">
                  以下 {i.unmatched.length} 个邮箱在「{target}」中没有对应成员，进入回收站，不会被丢弃：
                </Text>
                {list(i.unmatched)}
              </View>
            ) : (
              <Text className="muted">每个成员邮箱在「{target}」中都有对应成员</Text>
            )}
          </View>

          <View className="section-title">
            将失效的设置（共 {i.invalidated.length} 项，备份会发到创建者邮箱）
          </View>
          <View className="adm-card" data-testid="mig-invalidated">
            {i.invalidated.length ? (
              list(i.invalidated)
            ) : (
              <Text className="muted">没有按部门或标签定义的设置</Text>
            )}
          </View>

          <View className="section-title">将迁入「{target}」的内容</View>
          <View className="adm-card">{list(i.moves, 12)}</View>

          <View className="section-title">不会迁移</View>
          <View className="adm-card">{list(i.notMigrated)}</View>
        </View>
      )}

      {p.ok ? (
        <View>
          <View className="section-title">确认迁移</View>
          <View className="adm-hint adm-pt0">
            请输入目标企业的名称「{target}」以确认（全角半角、空格不影响）：
          </View>
          <View className="adm-field adm-gap-s">
            <Input
              className="adm-field__input"
              placeholder={target}
              value={mg.confirmName}
              onInput={(e) => mg.setConfirmName(e.detail.value)}
              data-testid="mig-confirm"
            />
          </View>
          {mg.confirmDifference && (
            <View className="adm-error" data-testid="mig-confirm-diff">
              与「{target}」不一致：{mg.confirmDifference}
            </View>
          )}
          {mg.confirmMatches && (
            <View className="adm-hint adm-pt0 mig__match" data-testid="mig-confirm-ok">
              ✓ 名称一致
            </View>
          )}
          {mg.startError && (
            <View className="adm-reason adm-box" role="alert">
              {humanError(mg.startError, { field: 'confirm_name' })}
            </View>
          )}
          <Button
            className={`btn adm-btn mig__start ${mg.canStart ? '' : 'adm-btn-disabled'}`}
            {...busyProps(mg.starting, !mg.canStart)}
            onClick={onStart}
            data-testid="mig-start"
          >
            开始迁移
          </Button>
        </View>
      ) : null}
      <Button className="btn-plain adm-btn" onClick={mg.restart} data-testid="mig-restart">
        重新选择目标企业
      </Button>
    </View>
  )
})

export default observer(MigrationPage)
