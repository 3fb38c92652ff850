// Search results while typing, recent searches, and the empty / no-permission / error states.
import { ScrollView, Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { Avatar } from '../../components/Avatar'
import { Highlight, highlightByPinyin, highlightText } from '../../components/Highlight'
import { MemberRow } from '../../components/MemberRow'
import { StateView } from '../../components/StateView'
import { stores } from '../../stores'
import {
  NO_PERMISSION_CODES,
  type DepartmentResult,
  type DirMember,
  type MailboxResult,
  type SearchField,
} from '../../stores/directory'

export interface SearchPanelProps {
  onOpen(member: DirMember): void
  onOpenDepartment(dept: DepartmentResult): void
  onWrite(mailbox: MailboxResult): void
  onRecent(text: string): void
}

/** a name marked where the query matched it (by characters, or by their pinyin) */
function markName(name: string, match: SearchField, q: string) {
  return match === 'pinyin' || match === 'initials' ? (
    <Highlight segments={highlightByPinyin(name, q, match)} />
  ) : match === 'name' ? (
    <Highlight segments={highlightText(name, q)} />
  ) : (
    name
  )
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

function SearchPanelView({ onOpen, onOpenDepartment, onWrite, onRecent }: SearchPanelProps) {
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
          <View className="dir-search-hint">
            可搜索成员（姓名、拼音、首字母、邮箱、职位）、部门和业务邮箱
          </View>
        )}
      </View>
    )
  }

  const { searchState, results, resultDepartments: depts, resultMailboxes: boxes } = directory
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
  } else if (directory.resultsEmpty && searchState !== 'ready') {
    body = <StateView state="loading" />
  } else if (directory.resultsEmpty) {
    body = (
      <View className="dir-search-empty" data-testid="search-empty">
        没有找到“{q}”相关的成员、部门或业务邮箱
      </View>
    )
  } else {
    const shownFor = directory.resultsFor
    const more = directory.hasMoreResults
    const foot = directory.resultsMoreError
      ? `${directory.resultsMoreError}（点此重试）`
      : more
        ? '加载中…'
        : `共 ${directory.resultsTotal} 位成员`
    body = (
      <ScrollView
        scrollY
        className="dir-search-results"
        data-testid="search-results"
        lowerThreshold={400}
        onScrollToLower={() => void directory.loadMoreResults()}
      >
        {boxes.length > 0 && (
          <View data-testid="search-mailboxes">
            <View className="dir-search-section">业务邮箱</View>
            {boxes.map((m) => (
              <View
                key={m.id}
                className="dir-result"
                hoverClass="cell-hover"
                onClick={() => onWrite(m)}
                data-testid="search-mailbox"
              >
                <Avatar name={m.name} colorKey={m.email} />
                <View className="dir-result__body">
                  <Text className="dir-result__title">{markName(m.name, m.match, shownFor)}</Text>
                  <Text className="dir-result__desc">
                    {m.match === 'email' ? (
                      <Highlight segments={highlightText(m.email, shownFor)} />
                    ) : (
                      m.email
                    )}
                  </Text>
                </View>
                <Text className="dir-result__action">写邮件</Text>
              </View>
            ))}
          </View>
        )}
        {depts.length > 0 && (
          <View data-testid="search-departments">
            <View className="dir-search-section">部门</View>
            {depts.map((d) => (
              <View
                key={d.id}
                className="dir-result"
                hoverClass="cell-hover"
                onClick={() => onOpenDepartment(d)}
                data-testid="search-department"
              >
                <View className="dir-row__folder" aria-hidden />
                <View className="dir-result__body">
                  <Text className="dir-result__title">{markName(d.name, d.match, shownFor)}</Text>
                  <Text className="dir-result__desc">
                    {[
                      ...directory
                        .path(d.id)
                        .slice(0, -1)
                        .map((p) => p.name),
                      `${d.member_count} 人`,
                    ].join(' › ')}
                  </Text>
                </View>
                <View className="cell-arrow" />
              </View>
            ))}
          </View>
        )}
        {results.length > 0 && (
          <View data-testid="search-members">
            <View className="dir-search-section" data-testid="search-member-count">
              成员（{directory.resultsTotal}）
            </View>
            {results.map((m) => {
              const lines = resultLines(m, shownFor)
              return (
                <MemberRow key={m.userid} member={m} title={lines.title} desc={lines.desc} onOpen={onOpen} />
              )
            })}
          </View>
        )}
        {(results.length > 0 || directory.resultsTotal > 0) && (
          <View
            className="dir-search-foot"
            data-testid="search-foot"
            onClick={directory.resultsMoreError ? () => void directory.loadMoreResults() : undefined}
          >
            {foot}
          </View>
        )}
      </ScrollView>
    )
  }
  return <View className="dir-search-panel">{body}</View>
}

export const SearchPanel = observer(SearchPanelView)
