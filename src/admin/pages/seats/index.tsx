import { useEffect, useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { observable } from 'mobx'
import { observer } from 'mobx-react-lite'
import { checkSeatAssignment } from '../../../policy/quota'
import { AdminState } from '../../components/AdminState'
import { adminStores } from '../../stores'
import { emptyTargets } from '../../stores/types'
import '../../admin.css'
import { humanError } from '../../../stores/humanError'

/** Advanced-feature seats: who holds one, assign more, release. */
function SeatsPage() {
  const { seats, mailboxes, directory, picker } = adminStores
  const [refusal, setRefusal] = useState('')

  useEffect(() => {
    void seats.load()
    void mailboxes.load()
    void directory.ensure()
  }, [seats, mailboxes, directory])

  usePullDownRefresh(() => {
    // then(stop, stop), not finally(): iOS 10's engine (base library 2.15.0) has no Promise#finally
    const stop = () => Taro.stopPullDownRefresh()
    void Promise.all([seats.load(), mailboxes.load()]).then(stop, stop)
  })

  const q = mailboxes.quota
  const free = q ? Math.max(0, q.seats.purchased - q.seats.assigned) : 0

  const assign = async (userids: string[]) => {
    const fresh = userids.filter((u) => !seats.holders.includes(u))
    if (!fresh.length) return
    setRefusal('')
    const r = await seats.assign(fresh)
    if (!r.ok) {
      // shown once, inline above the list (a dialog would repeat it)
      setRefusal(humanError(r.errmsg))
      return
    }
    await mailboxes.load()
    const note = r.failed.length ? `，${r.failed.length} 人失败（成员不存在）` : ''
    void Taro.showToast({ title: `已分配 ${fresh.length - r.failed.length} 人${note}`, icon: 'none' })
  }

  const openPicker = () => {
    if (q) {
      // Explain before picking when no seat can be assigned at all.
      const v = checkSeatAssignment(
        {
          edition: q.edition,
          domainKind: 'custom',
          purchased: q.seats.purchased,
          assigned: q.seats.assigned,
          used: q.used,
        },
        1,
      )
      if (!v.ok) {
        setRefusal(humanError(v.errmsg))
        return
      }
    }
    const chosen = observable(emptyTargets())
    picker.open(chosen, {
      title: '分配高级功能账号',
      kinds: ['user'],
      onDone: (t) => void assign([...t.userid]),
    })
    void Taro.navigateTo({ url: '/admin/pages/picker/index' })
  }

  const release = async (userid: string) => {
    const ok = await Taro.showModal({
      title: `释放 ${directory.memberName(userid)} 的高级功能账号？`,
      content: '释放后该成员不能再使用高级功能；业务邮箱配额增加 1。',
      confirmText: '释放',
    })
    if (!ok.confirm) return
    const r = await seats.release([userid])
    if (!r.ok) {
      void Taro.showModal({ title: '无法释放', content: humanError(r.errmsg), showCancel: false })
      return
    }
    setRefusal('')
    await mailboxes.load()
  }

  if (seats.state !== 'ready' && !seats.holders.length) {
    return (
      <View className="page">
        <AdminState state={seats.state} error={seats.error} errcode={seats.errcode} onRetry={seats.load} />
      </View>
    )
  }

  return (
    <View className="page">
      {q && (
        <View className="adm-card" data-testid="seat-summary">
          <View className="adm-quota">
            {q.seats.assigned} / {q.seats.purchased}
            <Text className="adm-quota__unit">已分配 / 已购</Text>
          </View>
          <View className="cell-desc adm-wrap">
            每个未分配的账号支撑一个业务邮箱：业务邮箱 {q.used} / {q.quota}（3 + 未分配 {free}）。
          </View>
        </View>
      )}
      {refusal && (
        <View className="adm-reason adm-box" role="alert" data-testid="seat-refusal">
          {refusal}
        </View>
      )}
      <Button className="btn adm-btn" onClick={openPicker} data-testid="assign-seats">
        分配给成员
      </Button>
      <View className="section-title">已分配的成员（{seats.holders.length}）</View>
      {seats.holders.length === 0 ? (
        <AdminState state="empty" emptyText="还没有成员分配高级功能账号" />
      ) : (
        <View className="cells">
          {seats.holders.map((u) => {
            const m = directory.memberById.get(u)
            return (
              <View key={u} className="cell" data-testid={`seat-${u}`}>
                <View className="cell-body">
                  <View className="cell-title">{m?.name ?? u}</View>
                  <View className="cell-desc">{m?.biz_mail || u}</View>
                </View>
                <Text className="adm-link" onClick={() => void release(u)}>
                  释放
                </Text>
              </View>
            )
          })}
        </View>
      )}
    </View>
  )
}

export default observer(SeatsPage)
