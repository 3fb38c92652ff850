import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { adminStores } from '../../stores'
import { RULE_TYPES } from '../../stores/rules'
import type { Targets } from '../../stores/types'
import { busyProps } from '../../components/busyProps'
import '../../admin.css'
import { humanError } from '../../../stores/humanError'

/** Create a visibility rule. The draft lives in the store, so picking targets never loses it. */
function RuleEditPage() {
  const { rules, directory, picker } = adminStores
  const d = rules.draft
  const [saving, setSaving] = useState(false)
  const [refusal, setRefusal] = useState('')

  useEffect(() => {
    void directory.ensure()
  }, [directory])

  const pick = (t: Targets, title: string) => {
    picker.open(t, { title, kinds: ['user', 'dept', 'tag'] })
    void Taro.navigateTo({ url: '/admin/pages/picker/index' })
  }

  const field = (label: string, hint: string, t: Targets, title: string, testid: string) => (
    <View>
      <View className="section-title">{label}</View>
      <View className="cells">
        <View
          className="cell cell-arrow"
          hoverClass="cell-hover"
          onClick={() => pick(t, title)}
          data-testid={testid}
        >
          <View className="cell-body">
            <View className="cell-title adm-wrap">{directory.describe(t, 5) || '未选择'}</View>
            <View className="cell-desc adm-wrap">{hint}</View>
          </View>
        </View>
      </View>
    </View>
  )

  const save = async () => {
    if (d.blocker) {
      void Taro.showToast({ title: d.blocker, icon: 'none' })
      return
    }
    setSaving(true)
    setRefusal('')
    const r = await rules.create()
    setSaving(false)
    if (!r.ok) {
      setRefusal(humanError(r.errmsg))
      return
    }
    void Taro.showToast({ title: '规则已生效', icon: 'success' })
    setTimeout(() => void Taro.navigateBack(), 500)
  }

  return (
    <View className="page">
      <View className="section-title">规则类型</View>
      <View className="cells">
        {RULE_TYPES.map((t) => (
          <View
            key={t.type}
            className="cell"
            hoverClass="cell-hover"
            onClick={() => d.setType(t.type)}
            data-testid={`rule-type-${t.type}`}
          >
            <View className={`adm-check ${d.rule_type === t.type ? 'adm-check--on' : ''}`}>
              {d.rule_type === t.type ? '✓' : ''}
            </View>
            <View className="cell-body">
              <View className="cell-title">{t.label}</View>
              <View className="cell-desc adm-wrap">{t.explain}</View>
            </View>
          </View>
        ))}
      </View>
      {field(
        d.rule_type === 1 ? '要隐藏的成员' : '受限制的成员',
        d.rule_type === 1 ? '这些成员将对其他人不可见' : '这些成员查看通讯录时受限',
        d.range,
        '适用范围',
        'rule-range',
      )}
      {field(
        '白名单',
        d.rule_type === 1 ? '白名单中的成员仍能看到被隐藏的人' : '白名单中的成员不受这条规则限制',
        d.whitelist,
        '白名单',
        'rule-whitelist',
      )}
      {d.rule_type === 2 &&
        field(
          '额外可见',
          '除本部门外，受限成员还能看到这些成员、部门或标签',
          d.extra_visible,
          '额外可见',
          'rule-extra',
        )}
      {refusal && (
        <View className="adm-reason adm-box" role="alert">
          {refusal}
        </View>
      )}
      <Button
        className={`btn adm-btn ${d.blocker ? 'adm-btn-disabled' : ''}`}
        {...busyProps(saving)}
        onClick={() => void save()}
        data-testid="rule-save"
      >
        保存规则
      </Button>
      <Text className="adm-hint adm-block">
        部门包含其子部门，标签包含标签内的成员和部门；每个人总能看到自己。
      </Text>
    </View>
  )
}

export default observer(RuleEditPage)
