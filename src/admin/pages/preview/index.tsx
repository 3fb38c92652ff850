import { useEffect, useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { mockBackend } from '../../../api'
import { stores } from '../../../stores'
import { AdminState } from '../../components/AdminState'
import { adminStores } from '../../stores'
import type { Department, DirMember } from '../../stores/types'
import '../../admin.css'
import { humanError } from '../../../stores/humanError'

interface Seen {
  departments: Department[]
  members: DirMember[]
  total: number
}

/**
 * What a chosen member would see. The contract has no "view as" API, so this asks the demo backend
 * directly as that member; the button is hidden when the app talks to a real server.
 */
function PreviewPage() {
  const { directory } = adminStores
  const backend = mockBackend()
  const corpid = stores.session.identity.corpid
  const [query, setQuery] = useState('')
  const [candidates, setCandidates] = useState<DirMember[]>([])
  const [viewer, setViewer] = useState<DirMember | null>(null)
  const [seen, setSeen] = useState<Seen | null>(null)
  const [error, setError] = useState('')
  const [search, setSearch] = useState('')
  const [found, setFound] = useState<DirMember[] | null>(null)

  useEffect(() => {
    void directory.ensure()
  }, [directory])

  useEffect(() => {
    let live = true
    void directory.search(query, 20).then((r) => live && setCandidates(r.list))
    return () => {
      live = false
    }
  }, [query, directory, directory.state])

  const as = (userid: string) => ({ corpid, userid })

  const look = async (m: DirMember) => {
    if (!backend) return
    setViewer(m)
    setSeen(null)
    setError('')
    setFound(null)
    setSearch('')
    const [d, u] = await Promise.all([
      backend.call('department/list', {}, as(m.userid)),
      backend.call('user/list', { department_id: 1, fetch_child: 1, limit: 1000 }, as(m.userid)),
    ])
    if (d.errcode !== 0 || u.errcode !== 0) {
      setError(d.errcode !== 0 ? humanError(d.errmsg) : humanError(u.errmsg))
      return
    }
    const members = (u.userlist as DirMember[]) ?? []
    setSeen({ departments: (d.department as Department[]) ?? [], members, total: members.length })
  }

  const searchAs = async (text: string) => {
    setSearch(text)
    if (!backend || !viewer || !text.trim()) {
      setFound(null)
      return
    }
    const r = await backend.call('user/search', { query: text, limit: 20 }, as(viewer.userid))
    setFound(r.errcode === 0 ? ((r.userlist as DirMember[]) ?? []) : [])
  }

  if (!backend) {
    return (
      <View className="page">
        <AdminState state="error" error="预览仅在演示后端中可用" />
      </View>
    )
  }

  const hiddenCount = seen ? directory.members.length - seen.total : 0
  return (
    <View className="page">
      <View className="adm-info adm-box">
        预览使用演示后端，以所选成员的身份读取通讯录，结果与该成员在手机上看到的一致。
      </View>
      {!viewer ? (
        <View>
          <View className="section-title">选择一位成员</View>
          <Input
            className="adm-search"
            placeholder="搜索姓名或拼音"
            value={query}
            onInput={(e) => setQuery(e.detail.value)}
            data-testid="preview-search"
          />
          <View className="cells">
            {candidates.map((m) => (
              <View
                key={m.userid}
                className="cell"
                hoverClass="cell-hover"
                onClick={() => void look(m)}
                data-testid={`preview-as-${m.userid}`}
              >
                <View className="cell-body">
                  <View className="cell-title">{m.name}</View>
                  <View className="cell-desc">
                    {[m.position, directory.deptName(m.department[0])].filter(Boolean).join(' · ')}
                  </View>
                </View>
              </View>
            ))}
          </View>
        </View>
      ) : (
        <View>
          <View className="cells adm-gap">
            <View className="cell">
              <View className="cell-body">
                <View className="cell-title">以「{viewer.name}」的身份查看</View>
                <View className="cell-desc">{viewer.position}</View>
              </View>
              <Text className="adm-link" onClick={() => setViewer(null)}>
                换一位
              </Text>
            </View>
          </View>
          {error && <AdminState state="error" error={error} onRetry={() => void look(viewer)} />}
          {!seen && !error && <AdminState state="loading" />}
          {seen && (
            <View data-testid="preview-result">
              <View className="adm-card adm-gap">
                <View className="cell-title">
                  能看到 {seen.total} 位成员、{seen.departments.length} 个部门
                </View>
                <View className="cell-desc adm-wrap">
                  {hiddenCount > 0 ? `有 ${hiddenCount} 位成员对 TA 不可见` : '全部成员都可见'}
                </View>
              </View>
              <View className="section-title">以 TA 的身份搜索</View>
              <Input
                className="adm-search"
                placeholder="输入姓名、拼音试试"
                value={search}
                onInput={(e) => void searchAs(e.detail.value)}
              />
              {found && (
                <View className="cells">
                  {found.map((m) => (
                    <View key={m.userid} className="cell">
                      <View className="cell-body">
                        <View className="cell-title">{m.name}</View>
                        <View className="cell-desc">{m.position}</View>
                      </View>
                    </View>
                  ))}
                  {found.length === 0 && <AdminState state="empty" emptyText="TA 搜不到任何人" />}
                </View>
              )}
              <View className="section-title">TA 能看到的部门</View>
              <View className="cells">
                {seen.departments.map((d) => (
                  <View key={d.id} className="cell">
                    <View className="cell-body">
                      <View className="cell-title">{d.name}</View>
                      <View className="cell-desc">
                        {seen.members.filter((m) => m.department.includes(d.id)).length} 人可见
                      </View>
                    </View>
                  </View>
                ))}
              </View>
            </View>
          )}
        </View>
      )}
    </View>
  )
}

export default observer(PreviewPage)
