// Search in the current mailbox: instant while typing (the store debounces and drops stale
// answers), matches highlighted in sender, subject and snippet, paged on scroll, tap to read.
import { useEffect } from 'react'
import Taro, { useReachBottom } from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { displayName } from '../../../components/MessageRow'
import { StateView } from '../../../components/StateView'
import { BUILT_IN_FOLDERS } from '../../../policy/folders'
import { highlight } from '../../../policy/mailSearch'
import { stores } from '../../../stores'
import type { SearchItem } from '../../../stores/search'
import { search as searchStore } from '../../../stores/searchSession'
import { leavePage } from '../../../utils/leave'
import { listTime } from '../../../utils/time'
import './index.css'

function Marked({ text, terms, className }: { text: string; terms: string[]; className: string }) {
  return (
    <Text className={className}>
      {highlight(text, terms).map((s, i) =>
        s.hit ? (
          <Text key={i} className="search-hit" data-testid="search-hit">
            {s.text}
          </Text>
        ) : (
          s.text
        ),
      )}
    </Text>
  )
}

function SearchPage() {
  const { mailboxes, messages } = stores
  const search = searchStore
  const mailbox = mailboxes.currentId
  const folders = messages.folders(mailbox)

  // the current mailbox, personal or business; another one (access lost meanwhile) starts afresh
  useEffect(() => {
    search.open(mailbox)
    void folders.load()
  }, [search, mailbox, folders])

  useReachBottom(() => {
    void search.loadMore()
  })

  const folderName = (id: string) =>
    BUILT_IN_FOLDERS.find((f) => f.id === id)?.name ?? folders.data?.find((f) => f.id === id)?.name ?? ''

  const open = (item: SearchItem) => {
    search.markRead(item.mail_id)
    void Taro.navigateTo({ url: `/mail/pages/read/index?id=${encodeURIComponent(item.mail_id)}` })
  }

  const terms = search.terms
  const where = mailboxes.current
  let body: JSX.Element
  if (search.state === 'idle') {
    body = (
      <View className="search-page__hint">
        在{where ? `「${where.name}」` : '当前邮箱'}中搜索发件人、收件人、主题和正文
      </View>
    )
  } else if (search.state === 'error') {
    body = <StateView state="error" error={search.error} onRetry={() => void search.run()} />
  } else if (search.state === 'loading') {
    body = <StateView state="loading" />
  } else if (search.items.length === 0) {
    body = (
      <View className="search-page__hint" data-testid="search-empty">
        没有找到与「{search.answered.trim()}」相关的邮件
      </View>
    )
  } else {
    body = (
      <View>
        {search.items.map((item) => (
          <View
            key={item.mail_id}
            className="search-row"
            hoverClass="cell-hover"
            data-testid="search-row"
            onClick={() => open(item)}
          >
            <View className={`search-row__dot ${item.read ? '' : 'search-row__dot--unread'}`} />
            <View className="search-row__body">
              <View className="search-row__line">
                <Marked
                  className={`search-row__from ${item.read ? '' : 'search-row__from--unread'}`}
                  text={
                    item.folder === 'sent'
                      ? `发给 ${(item.to ?? []).map(displayName).join('、')}`
                      : displayName(item.from)
                  }
                  terms={terms}
                />
                <Text className="search-row__time">{listTime(item.time)}</Text>
              </View>
              <View className="search-row__line">
                <Marked className="search-row__subject" text={item.subject || '（无主题）'} terms={terms} />
                {item.folder !== 'inbox' && (
                  <Text className="search-row__folder">{folderName(item.folder)}</Text>
                )}
                {item.starred && <Text className="search-row__star">★</Text>}
              </View>
              <Marked className="search-row__snippet" text={item.snippet} terms={terms} />
            </View>
          </View>
        ))}
        {search.moreError ? (
          <View className="search-page__more search-page__more--error" onClick={() => void search.loadMore()}>
            {search.moreError}，点按重试
          </View>
        ) : (
          <View className="search-page__more">
            {search.loadingMore ? '加载中…' : search.hasMore ? '上拉加载更多' : '没有更多了'}
          </View>
        )}
      </View>
    )
  }

  return (
    <View className="page search-page">
      <View className="search-page__bar">
        <View className="search-page__box">
          <Text className="search-page__icon" aria-hidden>
            ⌕
          </Text>
          <Input
            className="search-page__input"
            value={search.query}
            focus
            placeholder="搜索邮件"
            confirmType="search"
            maxlength={100}
            data-testid="search-input"
            onInput={(e) => search.setQuery(e.detail.value)}
            onConfirm={() => void search.run()}
          />
          {search.query !== '' && (
            <Text className="search-page__clear" aria-label="清空" onClick={() => search.setQuery('')}>
              ×
            </Text>
          )}
        </View>
        <Text className="search-page__cancel" onClick={() => void leavePage()}>
          取消
        </Text>
      </View>
      {search.state === 'ready' && search.answered.trim() !== search.query.trim() && (
        <View className="search-page__busy" aria-busy="true" />
      )}
      {body}
    </View>
  )
}

export default observer(SearchPage)
