import { useEffect } from 'react'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { AdminState } from '../../components/AdminState'
import { adminStores } from '../../stores'
import { describeRule, RULE_TYPES } from '../../stores/rules'
import type { ContactRule } from '../../stores/types'
import '../../admin.css'
import { humanError } from '../../../stores/humanError'

/** Directory visibility rules (通讯录查看权限): list in plain words, delete, create, preview. */
function RulesPage() {
  const { rules, directory } = adminStores

  useEffect(() => {
    void directory.ensure()
    void rules.load()
  }, [directory, rules])

  // Back from creating a rule: show it (the first show is the effect's load).
  useDidShow(() => {
    if (rules.state === 'ready') void rules.load()
  })

  usePullDownRefresh(() => {
    // then(stop, stop), not finally(): iOS 10's engine (base library 2.15.0) has no Promise#finally
    const stop = () => Taro.stopPullDownRefresh()
    void rules.load().then(stop, stop)
  })

  const remove = async (rule: ContactRule) => {
    const ok = await Taro.showModal({
      title: '删除这条规则？',
      content: `${describeRule(rule, directory.plainNames)}。删除后立即生效。`,
      confirmText: '删除',
      confirmColor: '#fa5151',
    })
    if (!ok.confirm) return
    const r = await rules.remove(rule.rule_id)
    if (!r.ok) void Taro.showModal({ title: '删除失败', content: humanError(r.errmsg), showCancel: false })
  }

  return (
    <View className="page">
      <View className="adm-hint adm-pt">
        规则对通讯录、成员名片和搜索同时生效：被隐藏的成员对看不到他的人来说就像不存在。
      </View>
      {rules.rules.length === 0 ? (
        <AdminState
          state={rules.state === 'ready' ? 'empty' : rules.state}
          error={rules.error}
          errcode={rules.errcode}
          emptyText="还没有查看权限规则：所有成员都能看到全部通讯录"
          onRetry={rules.load}
        />
      ) : (
        <View className="cells adm-gap">
          {rules.rules.map((r) => (
            <View key={r.rule_id} className="cell" data-testid={`rule-${r.rule_id}`}>
              <View className="cell-body">
                <View className="cell-title adm-wrap">{describeRule(r, directory.plainNames)}</View>
                <View className="cell-desc adm-wrap">
                  {RULE_TYPES.find((t) => t.type === r.rule_type)?.explain}
                </View>
              </View>
              <Text className="danger" onClick={() => void remove(r)}>
                删除
              </Text>
            </View>
          ))}
        </View>
      )}
      <View className="adm-row">
        <Button className="btn" onClick={() => void Taro.navigateTo({ url: '/admin/pages/rule-edit/index' })}>
          新建规则
        </Button>
        <Button
          className="btn-plain"
          onClick={() => void Taro.navigateTo({ url: '/admin/pages/preview/index' })}
          data-testid="preview-as"
        >
          以成员身份预览
        </Button>
      </View>
    </View>
  )
}

export default observer(RulesPage)
