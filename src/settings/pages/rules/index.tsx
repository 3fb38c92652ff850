import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { StateView } from '../../../components/StateView'
import { MAX_RULES } from '../../../policy/receiveRules'
import { ConflictPanel } from '../../components/ConflictPanel'
import { actionsText, conditionsText } from '../../ruleText'
import { showSaveResult } from '../../saveFeedback'
import { settingsUrl, useMailboxSettings } from '../../useMailboxSettings'
import { SettingsLoading } from '../../components/SettingsLoading'
import './index.css'

function RulesPage() {
  const { id, box, s } = useMailboxSettings()

  if (!s.shared) return <SettingsLoading s={s} />

  const rules = s.rules
  const saving = !!s.saving.rules
  const problem = s.rulesProblem

  const edit = (index: number) => {
    if (index < 0 && s.addRuleProblem) {
      void Taro.showToast({ title: s.addRuleProblem, icon: 'none' })
      return
    }
    void Taro.navigateTo({ url: settingsUrl('rule', id, `&index=${index}`) })
  }

  const remove = async (index: number) => {
    const r = await Taro.showModal({
      title: '删除这条规则？',
      content: `${conditionsText(rules[index])} → ${actionsText(rules[index])}\n删除后需点「保存规则」才生效`,
      confirmText: '删除',
      confirmColor: '#fa5151',
    })
    if (r.confirm) s.removeRule(index)
  }

  const discard = async () => {
    const r = await Taro.showModal({
      title: '放弃修改？',
      content: '将恢复为已保存的规则，你的修改无法找回',
      confirmText: '放弃',
      confirmColor: '#fa5151',
    })
    if (r.confirm) s.discardRules()
  }

  const theirs = s.shared.rules.map((r, i) => `${i + 1}. ${conditionsText(r)} → ${actionsText(r)}`).join('\n')

  return (
    <View className="page rules">
      <View className="rules__note">
        {box?.kind === 'business' ? '所有可使用该邮箱的成员共享这些规则。' : ''}
        每封新邮件按顺序匹配规则，最多 {MAX_RULES} 条。
      </View>
      {s.conflict.rules && (
        <ConflictPanel
          what="收信规则"
          theirs={theirs}
          busy={saving}
          onOverwrite={() => void s.saveRules(true).then((r) => showSaveResult(r, '收信规则'))}
          onDiscard={() => s.discardRules()}
        />
      )}
      {rules.length === 0 ? (
        <StateView state="empty" emptyText="还没有收信规则" />
      ) : (
        <View className="cells rules__list">
          {rules.map((rule, i) => (
            <View key={i} className="rules__item" data-testid="rule-item">
              <View className="rules__body" hoverClass="cell-hover" onClick={() => edit(i)}>
                <Text className="rules__index">{i + 1}</Text>
                <View className="cell-body">
                  <View className="rules__when">如果 {conditionsText(rule)}</View>
                  <View className="rules__then">则 {actionsText(rule)}</View>
                </View>
              </View>
              <View className="rules__ops">
                <Text
                  className={`rules__op ${i === 0 ? 'rules__op--off' : ''}`}
                  onClick={() => s.moveRule(i, -1)}
                  aria-label="上移"
                  aria-disabled={i === 0}
                >
                  上移
                </Text>
                <Text
                  className={`rules__op ${i === rules.length - 1 ? 'rules__op--off' : ''}`}
                  onClick={() => s.moveRule(i, 1)}
                  aria-label="下移"
                  aria-disabled={i === rules.length - 1}
                >
                  下移
                </Text>
                <Text className="rules__op" onClick={() => edit(i)}>
                  编辑
                </Text>
                <Text className="rules__op danger" onClick={() => void remove(i)}>
                  删除
                </Text>
              </View>
            </View>
          ))}
        </View>
      )}
      <View className="rules__add" hoverClass="cell-hover" onClick={() => edit(-1)} data-testid="rule-add">
        ＋ 添加规则
        {s.addRuleProblem && <Text className="rules__add-why">{s.addRuleProblem}</Text>}
      </View>
      {problem && (
        <View className="rules__problem" role="alert">
          {problem}
        </View>
      )}
      <View className="rules__bar">
        {s.rulesDirty && (
          <Button className="btn btn-plain rules__btn" onClick={() => void discard()}>
            放弃修改
          </Button>
        )}
        <Button
          className="btn rules__btn"
          data-testid="rules-save"
          disabled={saving || !s.rulesDirty || !!problem}
          loading={saving}
          onClick={() => void s.saveRules().then((r) => showSaveResult(r, '收信规则'))}
        >
          {s.rulesDirty ? '保存规则' : '已保存'}
        </Button>
      </View>
    </View>
  )
}

export default observer(RulesPage)
