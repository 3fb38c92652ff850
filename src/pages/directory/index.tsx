import { useEffect, useMemo } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { api } from '../../api'
import { StateView } from '../../components/StateView'
import { Resource } from '../../stores/resource'
import { stores } from '../../stores'

interface DepartmentRow {
  id: number
  name: string
  parentid: number
  order: number
}

function DirectoryPage() {
  const { session } = stores
  const departments = useMemo(
    () =>
      new Resource(async () => {
        const r = await api.request<{ department: DepartmentRow[] }>('department/list')
        return r.department
      }),
    [],
  )
  useEffect(() => {
    // A new identity sees a different directory: never show the previous one's rows.
    departments.reset()
    if (session.state === 'ready') void departments.load()
  }, [session.epoch, session.state, departments])

  usePullDownRefresh(() => {
    void departments.load().finally(() => Taro.stopPullDownRefresh())
  })

  const rows = departments.data ?? []
  const ids = new Set(rows.map((d) => d.id))
  const tops = rows.filter((d) => !ids.has(d.parentid))
  return (
    <View className="page">
      <View className="section-title">组织架构</View>
      {session.state !== 'ready' ? (
        <StateView state={session.state} error={session.error} onRetry={session.load} />
      ) : departments.state === 'ready' && tops.length > 0 ? (
        <View className="cells">
          {tops.map((d) => (
            <View key={d.id} className="cell" hoverClass="cell-hover">
              <View className="cell-body">
                <View className="cell-title">{d.name}</View>
                <View className="cell-desc">{rows.filter((c) => c.parentid === d.id).length} 个下级部门</View>
              </View>
            </View>
          ))}
        </View>
      ) : (
        <StateView
          state={departments.state === 'ready' ? 'empty' : departments.state}
          error={departments.error}
          emptyText="没有可查看的部门"
          onRetry={departments.load}
        />
      )}
    </View>
  )
}

export default observer(DirectoryPage)
