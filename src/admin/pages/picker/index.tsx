import { useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Input, ScrollView, Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { AdminState } from '../../components/AdminState'
import { adminStores } from '../../stores'
import type { PickKind } from '../../stores/picker'
import type { DirMember } from '../../stores/types'
import '../../admin.css'

const TAB_LABEL: Record<PickKind, string> = { user: '成员', dept: '部门', tag: '标签' }

/** an A–Z section's anchor, for the letter strip to scroll to */
const letterAnchor = (letter: string) => `pick-letter-${letter === '#' ? 'other' : letter}`

/** "张三、李四 等 5 人 · 部门「客服部」" — who a tag stands for */
function tagSummary(names: string[], departments: string[]): string {
  const people =
    names.length === 0
      ? ''
      : names.length > 3
        ? `${names.slice(0, 3).join('、')} 等 ${names.length} 人`
        : names.join('、')
  const parts = [people, departments.length ? `部门「${departments.join('、')}」` : ''].filter(Boolean)
  return parts.length ? parts.join(' · ') : '标签里还没有成员'
}

/** Members (searchable, A–Z), departments (as a tree) and tags with their members; edits the form's selection in place. */
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
    if (tab === 'tag' && directory.state === 'ready') void directory.loadTagMembers()
  }, [tab, directory, directory.state])

  useEffect(() => {
    const mine = ++seq.current
    if (!query.trim()) {
      // no query: the whole directory in 拼音 order below, nothing to ask
      setFound([])
      setSearchError('')
      return
    }
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

  const memberCell = (m: DirMember) => (
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
          {query.trim() ? (
            <View className="cells">
              {found.map((m) => memberCell(m))}
              {found.length === 0 && !searchError && (
                <AdminState state="empty" emptyText="没有找到匹配的成员" />
              )}
            </View>
          ) : directory.members.length === 0 ? (
            <AdminState state="empty" emptyText="暂无成员" />
          ) : (
            <View>
              <ScrollView scrollX className="adm-letters" data-testid="picker-letters" enableFlex>
                {directory.memberGroups.map((g) => (
                  <Text
                    key={g.letter}
                    className="adm-letters__letter"
                    onClick={() =>
                      void Taro.pageScrollTo({ selector: `#${letterAnchor(g.letter)}`, duration: 0 }).catch(
                        () => {},
                      )
                    }
                    data-testid={`picker-letter-${g.letter}`}
                  >
                    {g.letter}
                  </Text>
                ))}
              </ScrollView>
              {directory.memberGroups.map((g) => (
                <View key={g.letter} data-testid="picker-group">
                  <View id={letterAnchor(g.letter)} className="section-title adm-letter-title">
                    {g.letter}
                  </View>
                  <View className="cells">{g.items.map((m) => memberCell(m))}</View>
                </View>
              ))}
            </View>
          )}
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
          {directory.tags.map((g) => {
            const who = directory.tagMembers.get(g.tagid)
            return (
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
                  <View className="cell-desc adm-wrap" data-testid="tag-members">
                    {!who
                      ? '正在读取标签成员…'
                      : who.state === 'error'
                        ? who.error
                        : tagSummary(
                            who.userlist.map((u) => u.name),
                            who.partylist.map(directory.deptName),
                          )}
                  </View>
                </View>
              </View>
            )
          })}
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
