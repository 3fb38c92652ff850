import { useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Input, Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { AdminState } from '../../components/AdminState'
import { adminStores } from '../../stores'
import type { PickKind } from '../../stores/picker'
import type { DirMember } from '../../stores/types'
import '../../admin.css'

const TAB_LABEL: Record<PickKind, string> = { user: '成员', dept: '部门', tag: '标签' }

/** Members (searchable), departments (as a tree) and tags; edits the form's selection in place. */
function PickerPage() {
  const { picker, directory } = adminStores
  const kinds = picker.request.kinds
  const [tab, setTab] = useState<PickKind>(kinds[0] ?? 'user')
  const [query, setQuery] = useState('')
  const [found, setFound] = useState<DirMember[]>([])
  const [searchError, setSearchError] = useState('')
  const seq = useRef(0)

  useEffect(() => {
    Taro.setNavigationBarTitle({ title: picker.request.title }).catch(() => {})
    void directory.ensure()
  }, [picker, directory])

  useEffect(() => {
    const mine = ++seq.current
    const timer = setTimeout(async () => {
      const r = await directory.search(query, 50)
      if (mine !== seq.current) return
      setFound(r.list)
      setSearchError(r.error)
    }, 150)
    return () => clearTimeout(timer)
  }, [query, directory, directory.state])

  const t = picker.target
  if (!t) {
    return (
      <View className="page">
        <AdminState state="error" error="没有要选择的内容，请返回重试" />
      </View>
    )
  }

  const check = (on: boolean) => (
    <View className={`adm-check ${on ? 'adm-check--on' : ''}`}>{on ? '✓' : ''}</View>
  )

  return (
    <View className="page adm-page--footer">
      {kinds.length > 1 && (
        <View className="adm-tabs">
          {kinds.map((k) => (
            <View
              key={k}
              className={`adm-tabs__tab ${tab === k ? 'adm-tabs__tab--on' : ''}`}
              onClick={() => setTab(k)}
              data-testid={`picker-tab-${k}`}
            >
              {TAB_LABEL[k]}
            </View>
          ))}
        </View>
      )}
      {directory.state !== 'ready' ? (
        <AdminState state={directory.state} error={directory.error} onRetry={directory.reload} />
      ) : tab === 'user' ? (
        <View>
          <Input
            className="adm-search"
            placeholder="搜索姓名、拼音、账号或邮箱"
            value={query}
            onInput={(e) => setQuery(e.detail.value)}
            data-testid="picker-search"
          />
          {searchError && <View className="adm-error">{searchError}</View>}
          <View className="cells">
            {found.map((m) => (
              <View
                key={m.userid}
                className="cell"
                hoverClass="cell-hover"
                onClick={() => picker.toggleUser(m.userid)}
                data-testid={`pick-user-${m.userid}`}
              >
                {check(t.userid.includes(m.userid))}
                <View className="cell-body">
                  <View className="cell-title">{m.name}</View>
                  <View className="cell-desc">
                    {[m.position, m.biz_mail || '无个人邮箱'].filter(Boolean).join(' · ')}
                  </View>
                </View>
              </View>
            ))}
            {found.length === 0 && !searchError && (
              <AdminState state="empty" emptyText={query ? '没有找到匹配的成员' : '暂无成员'} />
            )}
          </View>
        </View>
      ) : tab === 'dept' ? (
        <View className="cells">
          {directory.departments.map((d) => (
            <View
              key={d.id}
              className="cell"
              hoverClass="cell-hover"
              style={{ paddingLeft: Taro.pxTransform(32 + directory.depth(d.id) * 36) }}
              onClick={() => picker.toggleDept(d.id)}
              data-testid={`pick-dept-${d.id}`}
            >
              {check(t.partyid.includes(d.id))}
              <View className="cell-body">
                <View className="cell-title">{d.name}</View>
              </View>
            </View>
          ))}
        </View>
      ) : (
        <View className="cells">
          {directory.tags.map((g) => (
            <View
              key={g.tagid}
              className="cell"
              hoverClass="cell-hover"
              onClick={() => picker.toggleTag(g.tagid)}
              data-testid={`pick-tag-${g.tagid}`}
            >
              {check(t.tagid.includes(g.tagid))}
              <View className="cell-body">
                <View className="cell-title">{g.tagname}</View>
              </View>
            </View>
          ))}
          {directory.tags.length === 0 && <AdminState state="empty" emptyText="还没有标签" />}
        </View>
      )}
      <View className="adm-footer adm-footer--fixed">
        <Text className="muted adm-wrap adm-footer__text">
          已选 {picker.count} 项{picker.count > 0 ? `：${directory.describe(t, 2)}` : ''}
        </Text>
        <Button
          className="btn"
          size="mini"
          onClick={() => {
            picker.done()
            void Taro.navigateBack()
          }}
          data-testid="picker-done"
        >
          完成
        </Button>
      </View>
    </View>
  )
}

export default observer(PickerPage)
