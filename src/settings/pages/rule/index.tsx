import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Input, Picker, Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import type { ReceiveRule } from '../../../policy/receiveRules'
import { StateView } from '../../../components/StateView'
import { humanError } from '../../../stores/humanError'
import { SwitchRow } from '../../../components/SwitchRow'
import { MAX_CONDITIONS } from '../../../policy/receiveRules'
import { ACTION_LABELS, ACTION_TYPES, FIELD_LABELS, FIELDS, type RuleActionType } from '../../ruleText'
import { useMailboxSettings, useParams } from '../../useMailboxSettings'
import './index.css'

function RulePage() {
  const params = useParams()
  const index = Number(params.index ?? -1)
  const { s } = useMailboxSettings()
  // A blank rule is not an error yet: problems show after 确定 or after leaving a field.
  const [checked, setChecked] = useState(false)

  // An unfinished edit of this very rule (page left, app restarted) is picked up again.
  useEffect(() => {
    if (s.shared) s.startRuleEdit(Number.isInteger(index) ? index : -1)
  }, [s, s.shared, index])

  const form = s.ruleForm
  if (!s.shared || !form) {
    return (
      <View className="page">
        <StateView
          state={s.state === 'error' ? 'error' : 'loading'}
          error={s.error}
          onRetry={() => void s.load()}
        />
      </View>
    )
  }

  const rule = form.rule
  // Said at the field, inside this rule: "第 1 个条件内容不能为空", not "第 3 条收信规则的…".
  const at = `rules[${form.index >= 0 ? form.index : s.rules.length}]`
  const raw = checked ? s.ruleFormProblem : ''
  const problem = humanError(raw, { field: at })
  const conditionProblem = /\.conditions|\.match/.test(raw) ? problem : ''
  const actionProblem = problem && !conditionProblem ? problem : ''
  const blur = () => setChecked(true)
  const change = (next: Partial<ReceiveRule>) => s.editRuleForm({ ...rule, ...next })
  const setCondition = (i: number, patch: Partial<ReceiveRule['conditions'][number]>) =>
    change({ conditions: rule.conditions.map((c, j) => (j === i ? { ...c, ...patch } : c)) })
  const has = (t: RuleActionType) => rule.actions.some((a) => a.type === t)
  const folder = rule.actions.find((a) => a.type === 'move')
  const toggle = (t: RuleActionType, on: boolean) => {
    const others = rule.actions.filter((a) => a.type !== t)
    const added =
      t === 'move' ? { type: 'move' as const, folder: '' } : ({ type: t } as ReceiveRule['actions'][number])
    const next = on ? [...others, added] : others
    // Stored in a fixed order so the summary always reads the same way.
    change({ actions: next.sort((a, b) => ACTION_TYPES.indexOf(a.type) - ACTION_TYPES.indexOf(b.type)) })
  }
  const setFolder = (name: string) =>
    change({ actions: rule.actions.map((a) => (a.type === 'move' ? { type: 'move', folder: name } : a)) })

  const done = () => {
    // A refusal shows once, inline where the field is (no dialog covering the form).
    if (s.commitRuleForm()) {
      setChecked(true)
      return
    }
    void Taro.navigateBack().catch(() => {})
    void Taro.showToast({ title: '已加入列表，保存规则后生效', icon: 'none' })
  }

  const cancel = () => {
    s.cancelRuleForm()
    void Taro.navigateBack().catch(() => {})
  }

  return (
    <View className="page rule">
      <View className="section-title">当收到的邮件满足</View>
      <View className="cells">
        <View className="cell">
          <View className="cell-body cell-title">匹配方式</View>
          <View className="rule__seg">
            {(['all', 'any'] as const).map((m) => (
              <Text
                key={m}
                className={`rule__seg-item ${rule.match === m ? 'rule__seg-item--on' : ''}`}
                onClick={() => change({ match: m })}
              >
                {m === 'all' ? '全部条件' : '任一条件'}
              </Text>
            ))}
          </View>
        </View>
        {rule.conditions.map((c, i) => (
          <View key={i} className="cell rule__cond" data-testid="rule-condition">
            <Picker
              mode="selector"
              range={FIELDS.map((f) => FIELD_LABELS[f])}
              value={FIELDS.indexOf(c.field)}
              onChange={(e) => setCondition(i, { field: FIELDS[Number(e.detail.value)] })}
            >
              <View className="rule__field">{FIELD_LABELS[c.field]} ▾</View>
            </Picker>
            <Text className="rule__op">包含</Text>
            <Input
              className="rule__input"
              value={c.value}
              placeholder="关键字"
              data-testid={`rule-value-${i}`}
              onInput={(e) => setCondition(i, { value: e.detail.value })}
              onBlur={blur}
            />
            {rule.conditions.length > 1 && (
              <Text
                className="rule__remove tap"
                aria-label="删除条件"
                onClick={() => change({ conditions: rule.conditions.filter((_, j) => j !== i) })}
              >
                ×
              </Text>
            )}
          </View>
        ))}
        {rule.conditions.length < MAX_CONDITIONS && (
          <View
            className="cell rule__add"
            hoverClass="cell-hover"
            onClick={() =>
              change({ conditions: [...rule.conditions, { field: 'subject', op: 'contains', value: '' }] })
            }
          >
            ＋ 添加条件
          </View>
        )}
      </View>
      {conditionProblem && (
        <View className="rule__problem" data-testid="rule-problem" role="alert">
          {conditionProblem}
        </View>
      )}

      <View className="section-title">就执行</View>
      <View className="cells">
        {ACTION_TYPES.map((t) => (
          <View key={t}>
            <SwitchRow checked={has(t)} testId={`rule-action-${t}`} onChange={(on) => toggle(t, on)}>
              <View className="cell-body cell-title">{ACTION_LABELS[t]}</View>
            </SwitchRow>
            {t === 'move' && folder && (
              <View className="cell rule__folder">
                <Text className="rule__op">文件夹</Text>
                <Input
                  className="rule__input"
                  value={folder.type === 'move' ? folder.folder : ''}
                  placeholder="文件夹名称，不存在时自动创建"
                  data-testid="rule-folder"
                  onInput={(e) => setFolder(e.detail.value)}
                  onBlur={blur}
                />
              </View>
            )}
          </View>
        ))}
      </View>

      {actionProblem && (
        <View className="rule__problem" data-testid="rule-problem" role="alert">
          {actionProblem}
        </View>
      )}
      <View className="rule__bar">
        <Button className="btn btn-plain rule__btn" onClick={cancel}>
          取消
        </Button>
        <Button className="btn rule__btn" data-testid="rule-done" onClick={done}>
          确定
        </Button>
      </View>
      <View className="rule__help">
        确定后规则加入列表，在「收信规则」页点「保存规则」后对所有新邮件生效。
      </View>
    </View>
  )
}

export default observer(RulePage)
