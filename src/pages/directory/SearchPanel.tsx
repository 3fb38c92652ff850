// Search results while typing, recent searches, and the empty / no-permission / error states.
import { ScrollView, Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { Highlight, highlightByPinyin, highlightText } from '../../components/Highlight'
import { MemberRow } from '../../components/MemberRow'
import { StateView } from '../../components/StateView'
import { stores } from '../../stores'
import { NO_PERMISSION_CODES, type DirMember } from '../../stores/directory'

export interface SearchPanelProps {
  onOpen(member: DirMember): void
  onRecent(text: string): void
}

/** the name and second line of a result, with the part the query matched marked */
function resultLines(m: DirMember, q: string) {
  const plainDesc = [m.position, m.biz_mail].filter(Boolean).join(' · ')
  switch (m.match) {
    case 'pinyin':
    case 'initials':
      return { title: <Highlight segments={highlightByPinyin(m.name, q, m.match)} />, desc: plainDesc }
    case 'userid':
      return {
        title: m.name,
        desc: (
          <>
            账号：
            <Highlight segments={highlightText(m.userid, q)} />
          </>
        ),
      }
    case 'email': {
      const address =
        [m.biz_mail, ...m.alias].find((a) => a.toLowerCase().includes(q.toLowerCase())) ?? m.biz_mail
      return {
        title: m.name,
        desc: (
          <>
            {m.position ? `${m.position} · ` : ''}
            <Highlight segments={highlightText(address, q)} />
          </>
        ),
      }
    }
    case 'position':
      return {
        title: m.name,
        desc: (
          <>
            <Highlight segments={highlightText(m.position, q)} />
            {m.biz_mail ? ` · ${m.biz_mail}` : ''}
          </>
        ),
      }
    default:
      return { title: <Highlight segments={highlightText(m.name, q)} />, desc: plainDesc }
  }
}

function SearchPanelView({ onOpen, onRecent }: SearchPanelProps) {
  const { directory } = stores
  const q = directory.query.trim()

  if (!q) {
    return (
      <View className="dir-search-panel">
        {directory.recent.length > 0 ? (
          <View className="dir-recent" data-testid="recent-searches">
            <View className="dir-recent__head">
              <Text>最近搜索</Text>
              <Text className="dir-recent__clear" onClick={directory.clearRecent} data-testid="recent-clear">
                清除
              </Text>
            </View>
            <View className="dir-recent__chips">
              {directory.recent.map((r) => (
                <Text key={r} className="dir-recent__chip" onClick={() => onRecent(r)}>
                  {r}
                </Text>
              ))}
            </View>
          </View>
        ) : (
          <View className="dir-search-hint">可搜索姓名、拼音、首字母、邮箱或职位</View>
        )}
      </View>
    )
  }

  const { searchState, results } = directory
  let body
  if (searchState === 'error' && NO_PERMISSION_CODES.has(directory.searchErrcode)) {
    body = (
      <View className="dir-nopermission" data-testid="no-permission">
        <View className="dir-nopermission__title">没有查看通讯录的权限</View>
        <View className="dir-nopermission__text">{directory.searchError}</View>
      </View>
    )
  } else if (searchState === 'error') {
    body = (
      <StateView state="error" error={directory.searchError} onRetry={() => void directory.runSearch(q)} />
    )
  } else if (results.length === 0 && searchState !== 'ready') {
    body = <StateView state="loading" />
  } else if (results.length === 0) {
    body = (
      <View className="dir-search-empty" data-testid="search-empty">
        没有找到“{q}”相关的成员
      </View>
    )
  } else {
    const shownFor = directory.resultsFor
    body = (
      <ScrollView scrollY className="dir-search-results" data-testid="search-results">
        {results.map((m) => {
          const lines = resultLines(m, shownFor)
          return <MemberRow key={m.userid} member={m} title={lines.title} desc={lines.desc} onOpen={onOpen} />
        })}
        <View className="dir-search-foot">{results.length} 位成员</View>
      </ScrollView>
    )
  }
  return <View className="dir-search-panel">{body}</View>
}

export const SearchPanel = observer(SearchPanelView)
