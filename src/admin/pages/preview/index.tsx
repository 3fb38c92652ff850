import { useEffect, useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { AdminState } from '../../components/AdminState'
import { adminStores } from '../../stores'
import type { DirMember } from '../../stores/types'
import '../../admin.css'

/**
 * What a chosen member would see: the backend answers contactrule/preview with that member's
 * departments (shown as a tree), members and search results, by the same rules it applies to them.
 */
function PreviewPage() {
  const { directory, preview } = adminStores
  const [query, setQuery] = useState('')
  const [candidates, setCandidates] = useState<DirMember[]>([])

  useEffect(() => {
    void directory.ensure()
    // rules may have changed since the last look: ask again for the member shown
    if (preview.viewer) void preview.look(preview.viewer)
  }, [directory, preview])

  useEffect(() => {
    let live = true
    void directory.search(query, 20).then((r) => live && setCandidates(r.list))
    return () => {
      live = false
    }
  }, [query, directory, directory.state])

  const viewer = preview.viewer
  const hiddenCount = preview.state === 'ready' ? directory.members.length - preview.total : 0
  return (
    <View className="page">
      <View className="adm-info adm-box">
        选择一位成员，查看 TA 在通讯录里能看到的部门和成员，结果与 TA 在手机上看到的一致。
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
                onClick={() => void preview.look(m)}
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
              <Text className="adm-link" onClick={preview.back} data-testid="preview-change">
                换一位
              </Text>
            </View>
          </View>
          {preview.state === 'error' && (
            <AdminState state="error" error={preview.error} onRetry={() => void preview.look(viewer)} />
          )}
          {preview.state === 'loading' && <AdminState state="loading" />}
          {preview.state === 'ready' && (
            <View data-testid="preview-result">
              <View className="adm-card adm-gap">
                <View className="cell-title">
                  能看到 {preview.total} 位成员、{preview.departments.length} 个部门
                </View>
                <View className="cell-desc adm-wrap">
                  {hiddenCount > 0 ? `有 ${hiddenCount} 位成员对 TA 不可见` : '全部成员都可见'}
                </View>
              </View>
              <View className="section-title">以 TA 的身份搜索</View>
              <Input
                className="adm-search"
                placeholder="输入姓名、拼音试试"
                value={preview.query}
                onInput={(e) => void preview.search(e.detail.value)}
                data-testid="preview-as-search"
              />
              {preview.searchState === 'error' && (
                <AdminState
                  state="error"
                  error={preview.searchError}
                  onRetry={() => void preview.search(preview.query)}
                />
              )}
              {preview.searchState === 'ready' && (
                <View className="cells" data-testid="preview-found">
                  {preview.found.map((m) => (
                    <View key={m.userid} className="cell">
                      <View className="cell-body">
                        <View className="cell-title">{m.name}</View>
                        <View className="cell-desc">{m.position}</View>
                      </View>
                    </View>
                  ))}
                  {preview.found.length === 0 ? (
                    <AdminState state="empty" emptyText="TA 搜不到任何人" />
                  ) : (
                    <View className="cell">
                      <View className="cell-desc">TA 能搜到 {preview.foundTotal} 位成员</View>
                    </View>
                  )}
                </View>
              )}
              <View className="section-title">TA 能看到的部门</View>
              <View className="cells" data-testid="preview-tree">
                {preview.rows.map((r) => (
                  <View
                    key={r.dept.id}
                    className="adm-tree__row"
                    // one step per level; css px, the same on both platforms
                    style={{ paddingLeft: `${4 + r.depth * 20}px` }}
                    hoverClass={r.hasChildren ? 'cell-hover' : undefined}
                    onClick={r.hasChildren ? () => preview.toggle(r.dept.id) : undefined}
                    data-testid="preview-dept"
                    data-depth={r.depth}
                  >
                    <Text className="adm-tree__fold" aria-hidden>
                      {r.hasChildren ? (r.folded ? '▸' : '▾') : ''}
                    </Text>
                    <Text className="adm-tree__name">{r.dept.name}</Text>
                    <Text className="adm-tree__count">{r.dept.member_count} 人可见</Text>
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
